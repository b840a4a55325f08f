// policy/policy_set.h: loading, validation (a bad file names file and field)
// and resolution of the documents that apply to a region on a day.
#include "policy/policy_set.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace qiancheng::policy {
namespace {

constexpr const char* kPolicyDir = QC_SOURCE_DIR "/data/policies";

// A valid minimal document; tests break one field at a time.
std::string Doc(
    const std::string& rules = R"j([{"id": "R6", "kind": "mode_factor",
    "clause": "二(二)", "text": "纯线上70%", "params": {"modes": ["online"], "factor": 0.7}}])j",
    const std::string& jurisdiction = "610100") {
  return R"({"title": "测试文件", "issuer": "测试", "number": "", "jurisdiction": ")" +
         jurisdiction + R"(", "version": "t1", "effective_from": "2025-01-01",
      "effective_to": "2027-12-31", "source": "test", "rules": )" +
         rules + "}";
}

RegionCode Region(const char* code) { return *RegionCode::Parse(code); }
Date Day(const char* d) { return *Date::Parse(d); }

TEST(PolicySet, LoadsTheFiveRealDocuments) {
  auto set = PolicySet::Load(kPolicyDir);
  ASSERT_TRUE(set.ok()) << set.status();
  ASSERT_EQ(set->documents().size(), 5u);
  EXPECT_EQ(set->Find("national-2025")->number, "人社部发〔2025〕10号");
  EXPECT_EQ(set->Find("guizhou-2025")->number, "黔就劳发〔2025〕3号");
  EXPECT_EQ(set->Find("tianjin-2022")->jurisdiction.str(), "120000");
  for (const auto& d : set->documents()) {
    EXPECT_FALSE(d.rules.empty()) << d.doc;
    for (const auto& r : d.rules)
      EXPECT_FALSE(r->spec().text.empty()) << d.doc << r->spec().id;
  }
}

struct BadDoc {
  const char* name;
  std::string text;
  const char* field;
};

class PolicySetBadFile : public ::testing::TestWithParam<BadDoc> {};

TEST_P(PolicySetBadFile, FailsNamingFileAndField) {
  const BadDoc& bad = GetParam();
  std::string dir =
      (std::filesystem::temp_directory_path() /
       ("qc-policy-" + std::to_string(::getpid()) + "-" + bad.name))
          .string();
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/broken.json") << bad.text;
  auto set = PolicySet::Load(dir);
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), Code::kInvalidArgument);
  EXPECT_NE(set.status().message().find("broken.json"), std::string::npos)
      << set.status();
  if (std::string(bad.field) != "*") {
    EXPECT_EQ(set.status().field(), bad.field) << set.status();
  }
}

const std::string kRule =
    R"j({"id": "R6", "kind": "mode_factor", "clause": "二(二)", "text": "t", )j";

INSTANTIATE_TEST_SUITE_P(
    Cases, PolicySetBadFile,
    ::testing::Values(
        BadDoc{
            "unknown_kind",
            Doc(R"([{"id": "R6", "kind": "magic", "clause": "c", "text": "t"}])"),
            "rules[0].kind"},
        BadDoc{"factor_above_one",
               Doc("[" + kRule +
                   R"("params": {"modes": ["online"], "factor": 1.7}}])"),
               "rules[0].params.factor"},
        BadDoc{
            "misspelt_param",
            Doc("[" + kRule +
                R"("params": {"modes": ["online"], "factor": 0.7, "facter": 1}}])"),
            "rules[0].params.facter"},
        BadDoc{"unknown_mode",
               Doc("[" + kRule +
                   R"("params": {"modes": ["radio"], "factor": 0.7}}])"),
               "rules[0].params.modes"},
        BadDoc{"missing_clause",
               Doc(R"([{"id": "R1", "kind": "real_name", "text": "t"}])"),
               "rules[0].clause"},
        BadDoc{
            "bad_rule_id",
            Doc(R"([{"id": "X1", "kind": "real_name", "clause": "c", "text": "t"}])"),
            "rules[0].id"},
        BadDoc{
            "duplicate_rule",
            Doc(R"([{"id": "R1", "kind": "real_name", "clause": "c", "text": "t"},
               {"id": "R1", "kind": "real_name", "clause": "c", "text": "t"}])"),
            "rules[1].id"},
        BadDoc{"uplift_above_ceiling",
               Doc(R"([{"id": "R5", "kind": "shortage_uplift", "clause": "c",
               "text": "t", "params": {"max_uplift": 0.3, "ungraded_uplift": 0.4}}])"),
               "rules[0].params.ungraded_uplift"},
        BadDoc{"bad_jurisdiction",
               Doc(R"([{"id": "R1", "kind": "real_name",
               "clause": "c", "text": "t"}])",
                   "61010"),
               "jurisdiction"},
        BadDoc{"no_rules", Doc("[]"), "rules"},
        BadDoc{"unknown_top_field", R"({"titel": "x"})", "titel"},
        BadDoc{
            "end_before_start",
            R"({"title": "t", "issuer": "i", "number": "", "jurisdiction": "000000",
               "version": "v", "effective_from": "2025-01-01", "effective_to": "2024-01-01",
               "source": "s", "rules": []})",
            "effective_to"},
        BadDoc{"syntax_error", "{\"title\": ", "*"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

Result<PolicySet> SetOf(std::vector<std::pair<std::string, std::string>> docs) {
  std::vector<PolicyDocument> parsed;
  for (auto& [id, text] : docs) {
    auto d = ParsePolicyDocument(id, text);
    if (!d.ok()) return d.status();
    parsed.push_back(std::move(d).value());
  }
  return PolicySet::FromDocuments(std::move(parsed));
}

TEST(PolicySet, LocalRuleRefinesNationalOne) {
  auto set = SetOf(
      {{"national", Doc(R"([{"id": "R6", "kind": "mode_factor", "clause": "n",
                      "text": "t", "params": {"modes": ["online"], "factor": 0.5}}])",
                        "000000")},
       {"city", Doc()}});
  ASSERT_TRUE(set.ok()) << set.status();
  auto in_city = set->Resolve(Region("610113"), Day("2026-01-01"));
  ASSERT_TRUE(in_city.ok());
  ASSERT_EQ(in_city->rules.size(), 1u);
  EXPECT_EQ(in_city->rules[0]->spec().doc, "city");
  EXPECT_EQ(in_city->documents.front()->doc, "city");
  auto elsewhere = set->Resolve(Region("520102"), Day("2026-01-01"));
  ASSERT_TRUE(elsewhere.ok());
  EXPECT_EQ(elsewhere->rules[0]->spec().doc, "national");
}

TEST(PolicySet, OnlyDocumentsInForceOnTheDay) {
  auto set = SetOf({{"city", Doc()}});
  ASSERT_TRUE(set.ok());
  EXPECT_TRUE(set->Resolve(Region("610113"), Day("2027-12-31")).ok());
  auto after = set->Resolve(Region("610113"), Day("2028-01-01"));
  EXPECT_EQ(after.status().code(), Code::kFailedPrecondition);
  EXPECT_FALSE(set->Resolve(Region("610113"), Day("2024-12-31")).ok());
}

TEST(PolicySet, GuizhouClassNeverGetsXianRules) {
  auto set = PolicySet::Load(kPolicyDir);
  ASSERT_TRUE(set.ok());
  auto r = set->Resolve(Region("520102"), Day("2026-03-01"));
  ASSERT_TRUE(r.ok());
  for (const PolicyDocument* d : r->documents) {
    EXPECT_TRUE(d->doc == "guizhou-2025" || d->doc == "national-2025")
        << d->doc;
  }
  auto xian = set->Resolve(Region("610113"), Day("2026-03-01"));
  ASSERT_TRUE(xian.ok());
  ASSERT_EQ(xian->documents.size(), 3u);
  EXPECT_EQ(xian->documents[0]->doc, "xian-2025");
  EXPECT_EQ(xian->documents[1]->doc, "shaanxi-2021");
  EXPECT_EQ(xian->documents[2]->doc, "national-2025");
}

TEST(PolicySet, DuplicateDocumentIdRefused) {
  auto set = SetOf({{"a", Doc()}, {"a", Doc()}});
  EXPECT_EQ(set.status().code(), Code::kInvalidArgument);
}

TEST(RuleKinds, EveryKindNamedInTheRealFilesIsKnown) {
  auto set = PolicySet::Load(kPolicyDir);
  ASSERT_TRUE(set.ok());
  const auto& kinds = RuleKindNames();
  for (const auto& d : set->documents()) {
    for (const auto& r : d.rules) {
      EXPECT_NE(std::find(kinds.begin(), kinds.end(), r->spec().kind),
                kinds.end());
    }
  }
  EXPECT_GE(kinds.size(), 15u);
}

}  // namespace
}  // namespace qiancheng::policy
