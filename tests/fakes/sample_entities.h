// tests/fakes/sample_entities.h -- one valid API-form JSON document per entity
// kind (hand-written test data, not real people: the ID number is the GB 11643
// standard's worked example and the phone number is a made-up pattern).
#ifndef QIANCHENG_TESTS_FAKES_SAMPLE_ENTITIES_H_
#define QIANCHENG_TESTS_FAKES_SAMPLE_ENTITIES_H_

#include <string>

#include "core/entity.h"
#include "core/json_codec.h"

namespace qiancheng::testing {

inline constexpr const char* kSampleIdNumber = "11010519491231002X";
inline constexpr const char* kSamplePhone = "13912345678";

inline std::string SampleJson(EntityKind kind, const std::string& id = "") {
  switch (kind) {
    case EntityKind::kOccupation:
      return R"({"code":"4-10-01-05","name":"养老护理员","aliases":["护工"],
        "definition":"从事老年人生活照料、护理服务工作的人员。","main_tasks":"为老年人提供生活照料"})";
    case EntityKind::kShortageEntry:
      return R"({"id":")" + (id.empty() ? "s-1" : id) +
             R"(","catalog":"最缺工100职业","region":"000000",
        "period":"2022Q4","occupation_code":"4-10-01-05","occupation_name":"养老护理员","rank":9})";
    case EntityKind::kInstitution:
      return R"({"id":")" + (id.empty() ? "inst-1" : id) +
             R"(","name":"雁塔区职业培训学校",
        "region":"610113","qualified":true,"blacklisted":false,"pass_rate":0.86})";
    case EntityKind::kTrainingProject:
      return R"({"id":")" + (id.empty() ? "p-1" : id) +
             R"(","institution_id":"inst-1",
        "occupation_code":"4-10-01-05","title":"养老护理员（五级）培训班","description":"生活照料、基础护理",
        "level":"5","hours":80,"mode":"offline","schedule":["weekday","weekend"],"region":"610113",
        "lat":34.21,"lon":108.95,"start_date":"2026-03-01","end_date":"2026-04-15","seats":40,
        "fee_yuan":1800,"base_subsidy_yuan":1500,"linked_vacancy_ids":["v-1"],"status":"open"})";
    case EntityKind::kVacancy:
      return R"({"id":")" + (id.empty() ? "v-1" : id) +
             R"(","employer":"西安某养老服务中心",
        "occupation_code":"4-10-01-05","title":"养老护理员","skills":["生活照料"],"required_level":"5",
        "salary_min":4000,"salary_max":5500,"region":"610113","lat":34.2,"lon":108.9,"headcount":5,
        "employment_type":"stable","status":"open","posted_date":"2026-02-01",
        "expiry_date":"2026-06-30","training_project_id":"p-1"})";
    case EntityKind::kWorker:
      return R"({"id":")" + (id.empty() ? "w-1" : id) +
             R"(","real_name_verified":true,
        "id_number":")" +
             kSampleIdNumber + R"(","phone":")" + kSamplePhone + R"(",
        "education":"senior_secondary","region":"610113","hukou_region":"612700","hukou_type":"rural",
        "groups":["rural_migrant"],"employment_status":"unemployed","unemployment_insured":false,
        "skills":["做饭"],"certificates":[{"occupation_code":"4-10-01-05","level":"5",
        "date":"2024-05-01","province":"610000"}],
        "wishes":{"occupation_codes":["4-10-01-05"],"text":"想学照顾老人","modes":["offline"],
        "schedules":["weekend"],"max_distance_km":15},
        "subsidy_history":[{"occupation_code":"4-10-01-05","level":"5","date":"2024-05-01",
        "kind":"training","amount_yuan":1200,"voucher_id":"vch-1"}]})";
    case EntityKind::kOutcome:
      return R"({"id":")" + (id.empty() ? "o-1" : id) +
             R"(","worker_id":"w-1","project_id":"p-1",
        "enrolled_date":"2026-03-01","completed":true,"completion_date":"2026-04-15",
        "certificate_level":"5","employment":"stable","employer":"西安某养老服务中心",
        "employment_date":"2026-05-01"})";
  }
  return "{}";
}

}  // namespace qiancheng::testing

#endif  // QIANCHENG_TESTS_FAKES_SAMPLE_ENTITIES_H_
