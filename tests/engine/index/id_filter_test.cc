// IdFilter's range operations (CountIn, ForEachIn) against a per-row oracle:
// the IVF probe counts and visits a list's run of rows through them.
#include "index/id_filter.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace qiancheng::index {
namespace {

TEST(IdFilter, RangeCountsAndVisitsMatchPerRowTests) {
  constexpr size_t kRows = 1000;
  IdFilter filter(1, kRows);
  std::mt19937_64 rng(3);
  std::vector<bool> kept(kRows, false);
  for (size_t i = 0; i < 300; ++i) {
    const size_t row = rng() % kRows;
    filter.Keep(row);
    kept[row] = true;
  }
  // Ranges inside a word, across words, on word edges, past the end.
  const std::pair<size_t, size_t> ranges[] = {
      {0, 0},    {0, 1},     {5, 9},      {60, 70},     {64, 128},
      {63, 129}, {0, kRows}, {990, 1200}, {1200, 1300}, {127, 128}};
  for (const auto& [begin, end] : ranges) {
    size_t want = 0;
    std::vector<size_t> want_rows;
    for (size_t row = begin; row < std::min(end, kRows); ++row) {
      if (kept[row]) {
        ++want;
        want_rows.push_back(row);
      }
    }
    EXPECT_EQ(filter.CountIn(begin, end), want) << begin << ".." << end;
    std::vector<size_t> got;
    filter.ForEachIn(begin, end, [&](size_t row) { got.push_back(row); });
    EXPECT_EQ(got, want_rows) << begin << ".." << end;
  }
  EXPECT_EQ(filter.CountIn(0, kRows), filter.count());
}

}  // namespace
}  // namespace qiancheng::index
