#include "ingest/validate.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/json_codec.h"
#include "fakes/sample_entities.h"

namespace qiancheng::ingest {
namespace {

struct Case {
  EntityKind kind;
  const char* pointer;
  nlohmann::json value;
  const char* field;  // "" = valid
};

class ValidateRecordTable : public ::testing::TestWithParam<Case> {};

TEST_P(ValidateRecordTable, NamesTheContradictingField) {
  const Case& c = GetParam();
  nlohmann::json doc =
      nlohmann::json::parse(qiancheng::testing::SampleJson(c.kind));
  doc[nlohmann::json::json_pointer(c.pointer)] = c.value;
  Result<Entity> e = DecodeEntity(c.kind, doc, CodecMode::kApi);
  ASSERT_TRUE(e.ok()) << e.status();
  Status s = ValidateRecord(*e);
  EXPECT_EQ(s.field(), c.field) << s;
  EXPECT_EQ(s.ok(), std::string(c.field).empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, ValidateRecordTable,
    ::testing::Values(
        Case{EntityKind::kTrainingProject, "/end_date", "2026-02-28",
             "end_date"},
        Case{EntityKind::kTrainingProject, "/end_date", "2026-03-01", ""},
        Case{EntityKind::kVacancy, "/salary_max", 3999, "salary_max"},
        Case{EntityKind::kVacancy, "/expiry_date", "2026-01-31", "expiry_date"},
        Case{EntityKind::kWorker, "/birth_date", "1950-01-01", "birth_date"},
        Case{EntityKind::kWorker, "/birth_date", "1949-12-31", ""},
        Case{EntityKind::kWorker, "/certificates/0/date", "1940-01-01",
             "certificates[0].date"},
        Case{EntityKind::kOutcome, "/completion_date", "2026-02-01",
             "completion_date"},
        Case{EntityKind::kOutcome, "/completed", false, "completion_date"},
        Case{EntityKind::kOutcome, "/employment_date", "2026-01-01",
             "employment_date"}));

}  // namespace
}  // namespace qiancheng::ingest
