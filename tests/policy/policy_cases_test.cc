// Runs every row of tests/policy/cases/Rnn_*.tsv: one TEST_P over all rows.
// A row names its rule (from the file name), cites "doc clause", builds a
// world (case_world.h), decides or settles with the real data/policies/ files,
// and checks the expectations. The citation is checked twice: the cited
// document must carry the rule with that clause, and where the rule applies
// the decision's reason must cite exactly it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "policy/case_world.h"
#include "policy/eligibility.h"
#include "policy/settlement.h"

namespace qiancheng::testing {
namespace {

struct CaseRow {
  std::string file, rule, name, cite, op, date, project, worker, history,
      shortage, extra, expect;
};

// gtest prints the row by name instead of its bytes.
void PrintTo(const CaseRow& row, std::ostream* os) {
  *os << row.file << ": " << row.name;
}

std::vector<CaseRow> LoadRows() {
  std::vector<CaseRow> rows;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(
           QC_SOURCE_DIR "/tests/policy/cases")) {
    if (e.path().extension() == ".tsv") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::string stem = path.stem().string();  // R02_annual_cap
    std::string rule = "R";                   // "R02_annual_cap" -> "R2"
    rule += std::to_string(std::stoi(stem.substr(1, 2)));
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#' || line.rfind("name\t", 0) == 0)
        continue;
      std::vector<std::string> f;
      std::stringstream cells(line);
      std::string cell;
      while (std::getline(cells, cell, '\t')) f.push_back(cell);
      f.resize(10);
      rows.push_back({stem, rule, f[0], f[1], f[2], f[3], f[4], f[5], f[6],
                      f[7], f[8], f[9]});
    }
  }
  return rows;
}

const policy::PolicySet& Policies() {
  static const auto* set = [] {
    auto loaded = policy::PolicySet::Load(QC_SOURCE_DIR "/data/policies");
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status();
      return new policy::PolicySet();
    }
    return new policy::PolicySet(std::move(loaded).value());
  }();
  return *set;
}

class PolicyCase : public ::testing::TestWithParam<CaseRow> {
 public:
  void CheckCitationExists(const CaseRow& row, std::string* doc,
                           std::string* clause) {
    auto space = row.cite.find(' ');
    ASSERT_NE(space, std::string::npos)
        << "cite must be \"doc clause\": " << row.cite;
    *doc = row.cite.substr(0, space);
    *clause = row.cite.substr(space + 1);
    const policy::PolicyDocument* d = Policies().Find(*doc);
    ASSERT_NE(d, nullptr) << "no policy document " << *doc;
    bool found =
        std::any_of(d->rules.begin(), d->rules.end(), [&](const auto& r) {
          return r->spec().id == row.rule && r->spec().clause == *clause;
        });
    EXPECT_TRUE(found) << *doc << " has no " << row.rule << " citing "
                       << *clause;
  }

  static void CheckReasons(const std::vector<SubsidyReason>& reasons,
                           const Cells& expect, const std::string& rule,
                           const std::string& doc, const std::string& clause) {
    auto find = [&](const std::string& id, bool passed) {
      return std::any_of(reasons.begin(), reasons.end(),
                         [&](const SubsidyReason& r) {
                           return r.rule == id && r.passed == passed;
                         });
    };
    for (const char* key : {"fail", "pass"}) {
      if (!expect.count(key)) continue;
      std::stringstream ids(expect.at(key));
      std::string id;
      while (std::getline(ids, id, ',')) {
        EXPECT_TRUE(find(id, std::string(key) == "pass")) << key << " " << id;
      }
    }
    if (expect.count("absent")) {
      std::string id = expect.at("absent");
      EXPECT_FALSE(find(id, true) || find(id, false))
          << id << " must not apply";
      return;
    }
    bool cited = std::any_of(reasons.begin(), reasons.end(),
                             [&](const SubsidyReason& r) {
                               return r.rule == rule && r.doc == doc &&
                                      r.clause == clause && !r.message.empty();
                             });
    EXPECT_TRUE(cited) << "no reason for " << rule << " citing " << doc << " "
                       << clause;
  }
};

void ExpectNear(const Cells& expect, const std::string& key, double actual) {
  if (expect.count(key)) {
    EXPECT_NEAR(std::stod(expect.at(key)), actual, 0.005) << key;
  }
}

void CheckDecision(const SubsidyDecision& d, const Cells& e) {
  if (e.count("eligible")) {
    EXPECT_EQ(e.at("eligible") == "1", d.eligible);
  }
  const SubsidyAmounts& a = d.amounts;
  ExpectNear(e, "base", a.base_yuan);
  ExpectNear(e, "uplift", a.shortage_uplift_yuan);
  ExpectNear(e, "share", a.shortage_factor);
  ExpectNear(e, "online", a.online_factor);
  ExpectNear(e, "subsidy", a.subsidy_yuan);
  ExpectNear(e, "none", a.by_outcome.none);
  ExpectNear(e, "flexible", a.by_outcome.flexible);
  ExpectNear(e, "stable", a.by_outcome.stable);
  ExpectNear(e, "living", a.living_allowance_yuan);
  ExpectNear(e, "transport", a.transport_allowance_yuan);
  ExpectNear(e, "pays", a.worker_pays_yuan);
  if (e.count("priority")) {
    EXPECT_EQ(e.at("priority") == "1", d.priority);
  }
  if (e.count("policies")) {
    std::string docs;
    for (const auto& p : d.policies) docs += (docs.empty() ? "" : ",") + p.doc;
    EXPECT_EQ(e.at("policies"), docs);
  }
}

void RunDecide(const CaseRow& row, const CaseWorld& world, const Cells& expect,
               const std::string& doc, const std::string& clause) {
  policy::ShortageList shortage(world.shortage);
  policy::Eligibility eligibility(Policies(), shortage);
  const Institution* inst = world.institution ? &*world.institution : nullptr;
  auto d = eligibility.Decide(world.worker, world.project, inst, world.day);
  if (expect.count("error")) {
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(expect.at("error"), CodeName(d.status().code()));
    return;
  }
  ASSERT_TRUE(d.ok()) << d.status();
  CheckDecision(*d, expect);
  PolicyCase::CheckReasons(d->reasons, expect, row.rule, doc, clause);
  if (row.op == "hukou") {  // R4: change only the registration
    Worker other = world.worker;
    other.hukou_type = other.hukou_type == HukouType::kRural
                           ? HukouType::kUrban
                           : HukouType::kRural;
    other.hukou_region = *RegionCode::Parse("522701");
    auto d2 = eligibility.Decide(other, world.project, inst, world.day);
    ASSERT_TRUE(d2.ok());
    EXPECT_EQ(*d, *d2);
  }
  policy::InstitutionMap institutions;
  if (inst != nullptr) institutions.emplace(inst->id, *inst);
  auto bits = eligibility.Filter(world.worker, std::span(&world.project, 1),
                                 institutions, world.day);
  EXPECT_EQ(d->eligible, bits[0]) << "filter and Decide disagree";
}

void RunSettle(const CaseRow& row, const CaseWorld& world, const Cells& expect,
               const std::string& doc, const std::string& clause) {
  policy::ShortageList shortage(world.shortage);
  policy::Eligibility eligibility(Policies(), shortage);
  policy::ClassRecord rec = BuildClass(world, ParseCells(row.extra));
  auto s = policy::Settle(eligibility, rec, world.day);
  ASSERT_TRUE(s.ok()) << s.status();
  int paid = 0;
  std::vector<SubsidyReason> all = s->reasons;
  for (const auto& line : s->lines) {
    paid += line.paid ? 1 : 0;
    all.insert(all.end(), line.reasons.begin(), line.reasons.end());
  }
  if (expect.count("paid")) {
    EXPECT_EQ(std::stoi(expect.at("paid")), paid);
  }
  ExpectNear(expect, "total", s->total_yuan);
  if (expect.count("line1")) {
    EXPECT_NEAR(std::stod(expect.at("line1")), s->lines.at(0).amount_yuan,
                0.005);
  }
  if (expect.count("payee")) {
    EXPECT_EQ(expect.at("payee"), s->lines.at(0).payee);
  }
  if (expect.count("employed_only")) {
    EXPECT_EQ(expect.at("employed_only") == "1", s->employed_only);
  }
  PolicyCase::CheckReasons(all, expect, row.rule, doc, clause);
}

TEST_P(PolicyCase, MatchesTheText) {
  const CaseRow& row = GetParam();
  SCOPED_TRACE(row.file + ": " + row.name);
  std::string doc, clause;
  CheckCitationExists(row, &doc, &clause);
  Cells expect = ParseCells(row.expect);
  CaseWorld world =
      BuildWorld(row.date, ParseCells(row.project), ParseCells(row.worker),
                 row.history, ParseCells(row.shortage));
  if (row.op == "decide" || row.op == "hukou") {
    RunDecide(row, world, expect, doc, clause);
  } else {
    ASSERT_EQ(row.op, "settle") << "op must be decide, hukou or settle";
    RunSettle(row, world, expect, doc, clause);
  }
}

std::string RowName(const ::testing::TestParamInfo<CaseRow>& info) {
  std::string name = info.param.file.substr(0, 3) + "_" + info.param.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, PolicyCase, ::testing::ValuesIn(LoadRows()),
                         RowName);

TEST(PolicyCases, AtLeastSixtyRowsAndEveryRuleHasAFile) {
  auto rows = LoadRows();
  EXPECT_GE(rows.size(), 60u);
  for (int r = 1; r <= 15; ++r) {
    std::string id = "R";
    id += std::to_string(r);
    EXPECT_TRUE(std::any_of(rows.begin(), rows.end(),
                            [&](const CaseRow& c) { return c.rule == id; }))
        << "no case file for " << id;
  }
}

}  // namespace
}  // namespace qiancheng::testing
