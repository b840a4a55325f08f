// api/json/subsidy_json.h and api/commands/explain_command.h: the contract's
// field names, the audit round trip (encode -> decode -> replay gives the same
// decision), and the explain command's output and exit codes.
#include "api/json/subsidy_json.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "api/commands/explain_command.h"
#include "fakes/sample_entities.h"
#include "policy/eligibility.h"

namespace qiancheng::api {
namespace {

using nlohmann::json;

const policy::PolicySet& Policies() {
  static const auto* set = new policy::PolicySet(
      *policy::PolicySet::Load(QC_SOURCE_DIR "/data/policies"));
  return *set;
}

template <class T>
T Sample(EntityKind kind) {
  return std::get<T>(
      *DecodeEntityText(kind, testing::SampleJson(kind), CodecMode::kApi));
}

SubsidyDecision SampleDecision(bool with_history) {
  Worker w = Sample<Worker>(EntityKind::kWorker);
  if (!with_history) w.subsidy_history.clear();
  TrainingProject p = Sample<TrainingProject>(EntityKind::kTrainingProject);
  Institution inst = Sample<Institution>(EntityKind::kInstitution);
  static const policy::ShortageList kNone;
  policy::Eligibility e(Policies(), kNone);
  return *e.Decide(w, p, &inst, p.start_date);
}

TEST(SubsidyJson, HasEveryContractField) {
  json j;
  EncodeSubsidyDecision(SampleDecision(false), &j);
  EXPECT_TRUE(j.at("eligible").get<bool>());
  for (const char* key : {"rule", "passed", "doc", "clause", "message"}) {
    EXPECT_TRUE(j.at("reasons").at(0).contains(key)) << key;
  }
  for (const char* key :
       {"base_yuan", "shortage_uplift_yuan", "online_factor", "subsidy_yuan",
        "living_allowance_yuan", "transport_allowance_yuan",
        "skill_upgrade_yuan", "worker_pays_yuan"}) {
    EXPECT_TRUE(j.at("amounts").at(key).is_number()) << key;
  }
  for (const char* key : {"none", "flexible", "stable"}) {
    EXPECT_TRUE(j.at("amounts").at("by_outcome").at(key).is_number()) << key;
  }
  EXPECT_EQ(j.at("amounts").at("by_outcome").at("stable").get<double>(), 2250);
  EXPECT_EQ(j.at("policies").at(0).at("doc"), "xian-2025");
  EXPECT_EQ(j.at("policies").at(0).at("version"), "2025-06-20/r1");
}

TEST(SubsidyJson, AuditRoundTripReplaysToTheSameDecision) {
  for (bool history : {false, true}) {
    SubsidyDecision d = SampleDecision(history);
    json j;
    EncodeSubsidyDecision(d, &j);
    auto decoded = DecodeSubsidyDecision(json::parse(j.dump()));
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(d, *decoded);
    static const policy::ShortageList kNone;
    policy::Eligibility e(Policies(), kNone);
    Worker w = Sample<Worker>(EntityKind::kWorker);
    if (!history) w.subsidy_history.clear();
    Institution inst = Sample<Institution>(EntityKind::kInstitution);
    auto replayed =
        e.Replay(*decoded, w,
                 Sample<TrainingProject>(EntityKind::kTrainingProject), &inst);
    ASSERT_TRUE(replayed.ok()) << replayed.status();
    EXPECT_EQ(*decoded, *replayed);
  }
}

TEST(SubsidyJson, DecodeNamesTheBadField) {
  json j;
  EncodeSubsidyDecision(SampleDecision(false), &j);
  j["amounts"]["by_outcome"].erase("stable");
  EXPECT_EQ(DecodeSubsidyDecision(j).status().field(),
            "amounts.by_outcome.stable");
  EncodeSubsidyDecision(SampleDecision(false), &j);
  j["reasons"][2]["clause"] = 3;
  EXPECT_EQ(DecodeSubsidyDecision(j).status().field(), "reasons[2].clause");
}

TEST(SubsidyJson, SettlementHasItemsAndTotal) {
  policy::ClassRecord rec;
  rec.project = Sample<TrainingProject>(EntityKind::kTrainingProject);
  rec.institution = Sample<Institution>(EntityKind::kInstitution);
  policy::Trainee t;
  t.worker = Sample<Worker>(EntityKind::kWorker);
  t.worker.subsidy_history.clear();
  t.outcome = std::get<Outcome>(*DecodeEntityText(
      EntityKind::kOutcome, testing::SampleJson(EntityKind::kOutcome),
      CodecMode::kApi));
  rec.trainees.push_back(t);
  static const policy::ShortageList kNone;
  policy::Eligibility e(Policies(), kNone);
  auto s = policy::Settle(e, rec, rec.project.end_date);
  ASSERT_TRUE(s.ok()) << s.status();
  json j;
  EncodeSettlement(*s, &j);
  EXPECT_EQ(j.at("total_yuan").get<double>(),
            2250);  // stable employment, Xi'an 二(三) 150%
  EXPECT_EQ(j.at("items").at(0).at("payee"), "institution");
  EXPECT_TRUE(j.at("items").at(0).at("paid").get<bool>());
  EXPECT_FALSE(j.at("reasons").empty());
}

class ExplainCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("qc-explain-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    Write("worker.json", testing::SampleJson(EntityKind::kWorker));
    Write("project.json", testing::SampleJson(EntityKind::kTrainingProject));
    Write("inst.json", testing::SampleJson(EntityKind::kInstitution));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  int Run(CommandArgs args) {
    for (auto& a : args) {
      if (a.ends_with(".json")) a = (dir_ / a).string();
    }
    out_.str("");
    err_.str("");
    CommandContext ctx{out_, err_, QC_SOURCE_DIR "/data", ""};
    return RunExplainCommand(args, ctx);
  }
  std::filesystem::path dir_;
  std::ostringstream out_, err_;
};

TEST_F(ExplainCommand, PrintsRefusalWithItsClauseInChinese) {
  // The sample worker was paid for 4-10-01-05 level 5 in 2024: R12 refuses.
  ASSERT_EQ(Run({"--worker", "worker.json", "--project", "project.json",
                 "--institution", "inst.json"}),
            0)
      << err_.str();
  std::string text = out_.str();
  EXPECT_NE(text.find("不能享受培训补贴"), std::string::npos) << text;
  EXPECT_NE(text.find("[未通过] R12"), std::string::npos) << text;
  EXPECT_NE(text.find("二(六)"), std::string::npos);
  EXPECT_NE(text.find("陕西省人力资源和社会保障厅"), std::string::npos);
}

TEST_F(ExplainCommand, JsonOutputIsTheContractDecision) {
  ASSERT_EQ(Run({"--worker", "worker.json", "--project", "project.json",
                 "--date", "2026-03-02", "--json"}),
            0)
      << err_.str();
  json j = json::parse(out_.str());
  EXPECT_FALSE(j.at("eligible").get<bool>());
  EXPECT_EQ(j.at("as_of"), "2026-03-02");
}

TEST_F(ExplainCommand, UsageAndFileErrors) {
  EXPECT_EQ(Run({"--help"}), 0);
  EXPECT_NE(out_.str().find("usage: qiancheng explain"), std::string::npos);
  EXPECT_EQ(Run({"--worker", "worker.json"}), 2);
  EXPECT_EQ(
      Run({"--worker", "worker.json", "--project", "project.json", "--bogus"}),
      2);
  EXPECT_EQ(Run({"--worker", "missing.json", "--project", "project.json"}), 1);
  Write("bad.json", R"({"id": "p-1"})");
  EXPECT_EQ(Run({"--worker", "worker.json", "--project", "bad.json"}), 1);
  EXPECT_NE(err_.str().find("bad.json"), std::string::npos) << err_.str();
  EXPECT_EQ(Run({"--worker", "worker.json", "--project", "project.json",
                 "--date", "2026-13-01"}),
            1);
}

}  // namespace
}  // namespace qiancheng::api
