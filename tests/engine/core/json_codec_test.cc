#include "core/json_codec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fakes/sample_entities.h"

namespace qiancheng {
namespace {

using nlohmann::json;
using testing::SampleJson;

TEST(JsonCodec, EveryKindRoundTripsThroughTheStoredForm) {
  for (EntityKind kind : kAllEntityKinds) {
    Result<Entity> decoded =
        DecodeEntityText(kind, SampleJson(kind), CodecMode::kApi);
    ASSERT_TRUE(decoded.ok()) << SingularName(kind) << ": " << decoded.status();
    Entity entity = *decoded;
    if (auto* w = std::get_if<Worker>(&entity))
      w->contact = {};  // ingest's job
    std::string stored = EncodeEntityText(entity, CodecMode::kStored);
    Result<Entity> again = DecodeEntityText(kind, stored, CodecMode::kStored);
    ASSERT_TRUE(again.ok()) << SingularName(kind) << ": " << again.status();
    EXPECT_EQ(EncodeEntityText(*again, CodecMode::kStored), stored)
        << SingularName(kind);
  }
}

TEST(JsonCodec, WorkerBirthDateComesFromTheIdNumberWhenAbsent) {
  Result<Entity> e = DecodeEntityText(
      EntityKind::kWorker, SampleJson(EntityKind::kWorker), CodecMode::kApi);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(std::get<Worker>(*e).birth_date.ToString(), "1949-12-31");
}

TEST(JsonCodec, ApiFormNeverCarriesClearContactOrFullBirthDate) {
  Worker w = std::get<Worker>(*DecodeEntityText(
      EntityKind::kWorker, SampleJson(EntityKind::kWorker), CodecMode::kApi));
  w.id_masked = "110***********002X";
  std::string out = EncodeEntityText(Entity(w), CodecMode::kApi);
  EXPECT_EQ(out.find(testing::kSampleIdNumber), std::string::npos);
  EXPECT_EQ(out.find(testing::kSamplePhone), std::string::npos);
  EXPECT_EQ(out.find("1949-12-31"), std::string::npos);
  EXPECT_NE(out.find("\"birth_year\":1949"), std::string::npos);
}

struct BadCase {
  EntityKind kind;
  const char* pointer;  // JSON pointer of the field to change
  json value;           // new value; null pointer value means "remove"
  bool remove;
  const char* field;  // expected field path in the error
};

// Names the case in test listings (ctest shows it): the kind and the field
// changed, instead of the struct's bytes, which differ from build to build.
void PrintTo(const BadCase& c, std::ostream* os) {
  *os << SingularName(c.kind) << c.pointer;
  if (c.remove) {
    *os << " removed";
  } else {
    *os << " = " << c.value.dump();
  }
}

class JsonCodecRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(JsonCodecRejects, NamingTheField) {
  const BadCase& c = GetParam();
  json doc = json::parse(SampleJson(c.kind));
  json::json_pointer ptr(c.pointer);
  if (c.remove) {
    doc[ptr.parent_pointer()].erase(ptr.back());
  } else {
    doc[ptr] = c.value;
  }
  Result<Entity> r = DecodeEntity(c.kind, doc, CodecMode::kApi);
  ASSERT_FALSE(r.ok()) << doc.dump();
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.status().field(), c.field) << r.status();
}

INSTANTIATE_TEST_SUITE_P(
    Table, JsonCodecRejects,
    ::testing::Values(
        BadCase{EntityKind::kWorker, "/wishes/max_distance_km", -1, false,
                "wishes.max_distance_km"},
        BadCase{EntityKind::kWorker, "/wishes/max_distance_km", "far", false,
                "wishes.max_distance_km"},
        BadCase{EntityKind::kWorker, "/certificates/0/level", "6", false,
                "certificates[0].level"},
        BadCase{EntityKind::kWorker, "/groups/0", "alien", false, "groups[0]"},
        BadCase{EntityKind::kWorker, "/region", "6101", false, "region"},
        BadCase{EntityKind::kWorker, "/region", nullptr, true, "region"},
        BadCase{EntityKind::kWorker, "/id_number", "110105194912310021", false,
                "id_number"},
        BadCase{EntityKind::kWorker, "/phone", "12345", false, "phone"},
        BadCase{EntityKind::kWorker, "/real_name_verified", "yes", false,
                "real_name_verified"},
        BadCase{EntityKind::kWorker, "/subsidy_history/0/date", "2024-02-30",
                false, "subsidy_history[0].date"},
        BadCase{EntityKind::kWorker, "/nickname", "x", false, "nickname"},
        BadCase{EntityKind::kTrainingProject, "/occupation_code", "4-10-1-05",
                false, "occupation_code"},
        BadCase{EntityKind::kTrainingProject, "/hours", 0, false, "hours"},
        BadCase{EntityKind::kTrainingProject, "/hours", 1.5, false, "hours"},
        BadCase{EntityKind::kTrainingProject, "/fee_yuan", -5, false,
                "fee_yuan"},
        BadCase{EntityKind::kTrainingProject, "/mode", "correspondence", false,
                "mode"},
        BadCase{EntityKind::kTrainingProject, "/schedule/1", "night", false,
                "schedule[1]"},
        BadCase{EntityKind::kTrainingProject, "/lat", 91, false, "lat"},
        BadCase{EntityKind::kTrainingProject, "/start_date", "2026/03/01",
                false, "start_date"},
        BadCase{EntityKind::kTrainingProject, "/id", "a/b", false, "id"},
        BadCase{EntityKind::kVacancy, "/headcount", 0, false, "headcount"},
        BadCase{EntityKind::kVacancy, "/employment_type", "gig", false,
                "employment_type"},
        BadCase{EntityKind::kVacancy, "/salary_min", "4000", false,
                "salary_min"},
        BadCase{EntityKind::kInstitution, "/pass_rate", 1.2, false,
                "pass_rate"},
        BadCase{EntityKind::kInstitution, "/qualified", nullptr, true,
                "qualified"},
        BadCase{EntityKind::kShortageEntry, "/rank", 0, false, "rank"},
        BadCase{EntityKind::kOutcome, "/employment", "maybe", false,
                "employment"},
        BadCase{EntityKind::kOccupation, "/code", "4-10", false, "code"}));

// Parsed text yields unsigned integers for "0": bounds must hold for them too.
TEST(JsonCodec, BoundsHoldForNumbersParsedFromText) {
  std::string text = SampleJson(EntityKind::kVacancy);
  text.replace(text.find("\"headcount\":5"), 13, "\"headcount\":0");
  Result<Entity> r =
      DecodeEntityText(EntityKind::kVacancy, text, CodecMode::kApi);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "headcount");
}

TEST(ParseJson, RefusesDuplicateKeysDeepNestingAndBadUtf8) {
  EXPECT_TRUE(ParseJson(R"({"a":1,"b":{"a":2}})").ok());
  Result<json> dup = ParseJson(R"({"a":1,"b":2,"a":3})");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().field(), "a");
  EXPECT_FALSE(
      ParseJson(std::string(100000, '[') + std::string(100000, ']')).ok());
  EXPECT_TRUE(ParseJson(R"(["[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["])")
                  .ok());  // brackets in a string
  EXPECT_FALSE(ParseJson("{\"a\":\"\xff\xfe\"}").ok());
  EXPECT_FALSE(ParseJson("{\"a\":").ok());
}

}  // namespace
}  // namespace qiancheng
