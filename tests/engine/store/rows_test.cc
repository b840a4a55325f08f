// Tests of store/rows.h: the region ranges must accept exactly what
// RegionCode::Contains accepts, and cursors round-trip.
#include "store/rows.h"

#include <gtest/gtest.h>

#include <random>

namespace qiancheng::store {
namespace {

bool InRanges(const std::vector<RegionRange>& ranges, const std::string& code) {
  for (const RegionRange& r : ranges) {
    if (code >= r.low && code < r.high) return true;
  }
  return false;
}

std::string RandomCode(std::mt19937& rng) {
  // Mostly codes with zeroed lower levels, to hit provinces and cities often.
  std::uniform_int_distribution<int> digit(0, 9), shape(0, 3);
  std::string code;
  // A province part of "00" is refused by RegionCode::Parse (only "000000" is).
  code += static_cast<char>('1' + digit(rng) % 9);
  for (int i = 1; i < 6; ++i) code += static_cast<char>('0' + digit(rng));
  const int s = shape(rng);
  if (s == 0) code.replace(2, 4, "0000");
  if (s == 1) code.replace(4, 2, "00");
  return code;
}

TEST(RegionRanges, AcceptExactlyWhatContainsAccepts) {
  std::mt19937 rng(20261124);
  for (int round = 0; round < 2000; ++round) {
    const Result<RegionCode> parsed = RegionCode::Parse(RandomCode(rng));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    const RegionCode filter = *parsed;
    const std::optional<std::vector<RegionRange>> ranges =
        RegionRanges({filter});
    for (int i = 0; i < 50; ++i) {
      std::string code = RandomCode(rng);
      // Half of the candidates share the filter's first digits.
      if (i % 2 == 0) {
        const size_t n = 2 + 2 * (i % 3);
        code.replace(0, n, filter.str().substr(0, n));
      }
      const Result<RegionCode> region = RegionCode::Parse(code);
      ASSERT_TRUE(region.ok()) << region.status();
      const bool in = !ranges.has_value() || InRanges(*ranges, code);
      EXPECT_EQ(in, filter.Contains(*region)) << filter.str() << " " << code;
    }
  }
}

TEST(RegionRanges, NoneOrNationalMeansNoFilter) {
  EXPECT_FALSE(RegionRanges({}).has_value());
  EXPECT_FALSE(RegionRanges(
      {*RegionCode::Parse("610000"), *RegionCode::Parse("000000")}));
  // A default (empty) code contains nothing: a filter that matches nothing.
  const auto ranges = RegionRanges({RegionCode()});
  ASSERT_TRUE(ranges.has_value());
  EXPECT_TRUE(ranges->empty());
}

TEST(Cursor, RoundTripsAndRefusesForeignText) {
  EXPECT_EQ(DecodeCursor(EncodeCursor("v-17")).value(), "v-17");
  EXPECT_EQ(DecodeCursor("").value(), "");
  EXPECT_EQ(DecodeCursor("v-17").status().code(), Code::kInvalidArgument);
}

TEST(ToRow, KeepsClearContactOutOfEveryRow) {
  Worker worker;
  worker.id = WorkerId("w-1");
  worker.contact.phone = "13912345678";
  EXPECT_EQ(ToRow(worker).status().code(), Code::kInternal);
  worker.contact = ContactInput();
  worker.phone_masked = "139****5678";
  const Result<EntityRow> row = ToRow(worker);
  ASSERT_TRUE(row.ok()) << row.status();
  EXPECT_EQ(row->kind, "worker");
  EXPECT_EQ(row->body.find("13912345678"), std::string::npos);
}

TEST(Regions, JoinAndSplitRoundTrip) {
  const std::vector<RegionCode> regions = {*RegionCode::Parse("610113"),
                                           *RegionCode::Parse("620000")};
  const std::string joined = JoinRegions(regions);
  EXPECT_EQ(joined, "610113,620000");
  EXPECT_EQ(SplitRegions(joined).value(), regions);
  EXPECT_TRUE(SplitRegions("").value().empty());
  EXPECT_EQ(SplitRegions("6101").status().code(), Code::kInternal);
}

}  // namespace
}  // namespace qiancheng::store
