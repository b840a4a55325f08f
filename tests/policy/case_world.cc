#include "policy/case_world.h"

#include <sstream>
#include <stdexcept>

namespace qiancheng::testing {
namespace {

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, sep)) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

template <class T>
T Must(Result<T> r, const std::string& what) {
  if (!r.ok()) throw std::invalid_argument(what + ": " + r.status().ToString());
  return std::move(r).value();
}

std::string Get(const Cells& c, const std::string& key,
                const std::string& fallback) {
  auto it = c.find(key);
  return it == c.end() ? fallback : it->second;
}

TrainingProject Project(const Cells& c) {
  TrainingProject p;
  p.id = ProjectId(Get(c, "id", "p-1"));
  p.institution_id = InstitutionId("inst-1");
  p.occupation_code =
      Must(OccupationCode::Parse(Get(c, "occ", "4-10-01-05")), "occ");
  p.title = "测试培训班";
  p.level = Must(Parse<SkillLevel>(Get(c, "level", "5"), "level"), "level");
  p.hours = 80;
  p.mode = Must(Parse<TrainingMode>(Get(c, "mode", "offline"), "mode"), "mode");
  p.region = Must(RegionCode::Parse(Get(c, "region", "610113")), "region");
  p.start_date = Must(Date::Parse(Get(c, "start", "2026-03-01")), "start");
  p.end_date = Must(Date::Parse(Get(c, "end", "2026-04-15")), "end");
  p.seats = 40;
  p.fee_yuan = std::stod(Get(c, "fee", "1800"));
  p.base_subsidy_yuan = std::stod(Get(c, "base", "1500"));
  p.entrepreneurship = Get(c, "entre", "0") == "1";
  p.work_based = Get(c, "work_based", "0") == "1";
  return p;
}

std::optional<Institution> InstitutionFor(const Cells& c,
                                          const TrainingProject& p) {
  std::string state = Get(c, "inst", "ok");
  if (state == "none") return std::nullopt;
  Institution inst;
  inst.id = p.institution_id;
  inst.name = "测试职业培训学校";
  inst.region = p.region;
  inst.qualified = state != "unqualified";
  inst.blacklisted = state == "blacklisted";
  return inst;
}

Worker MakeWorker(const Cells& c, const std::string& history) {
  Worker w;
  w.id = WorkerId(Get(c, "id", "w-1"));
  w.real_name_verified = Get(c, "real", "1") == "1";
  w.region =
      Must(RegionCode::Parse(Get(c, "region", "610113")), "worker region");
  auto hukou = Split(Get(c, "hukou", "610113/urban"), '/');
  w.hukou_region = Must(RegionCode::Parse(hukou.at(0)), "hukou");
  w.hukou_type = Must(Parse<HukouType>(hukou.at(1), "hukou"), "hukou");
  for (const auto& g : Split(Get(c, "groups", ""), ',')) {
    w.groups.push_back(Must(Parse<TargetGroup>(g, "groups"), "groups"));
  }
  w.employment_status =
      Must(Parse<EmploymentStatus>(Get(c, "status", "unemployed"), "status"),
           "status");
  w.unemployment_insured = Get(c, "insured", "0") == "1";
  for (const auto& cert : Split(Get(c, "certs", ""), ',')) {
    auto f = Split(cert, '@');  // occ@level@date@province
    w.certificates.push_back({Must(OccupationCode::Parse(f.at(0)), "cert"),
                              Must(Parse<SkillLevel>(f.at(1), "cert"), "cert"),
                              Must(Date::Parse(f.at(2)), "cert"),
                              Must(RegionCode::Parse(f.at(3)), "cert")});
  }
  for (const auto& rec : Split(history == "-" ? "" : history, '|')) {
    auto f = Split(rec, '@');  // kind@date@occ@level[@voucher]
    SubsidyRecord r;
    r.kind = Must(Parse<SubsidyKind>(f.at(0), "history"), "history");
    r.date = Must(Date::Parse(f.at(1)), "history date");
    r.occupation_code = Must(OccupationCode::Parse(f.at(2)), "history occ");
    r.level = Must(Parse<SkillLevel>(f.at(3), "history"), "history level");
    r.amount_yuan = 1000;
    if (f.size() > 4) r.voucher_id = f[4];
    w.subsidy_history.push_back(r);
  }
  return w;
}

}  // namespace

Cells ParseCells(const std::string& text) {
  Cells cells;
  if (text == "-") return cells;
  for (const auto& kv : Split(text, ';')) {
    auto eq = kv.find('=');
    if (eq == std::string::npos)
      throw std::invalid_argument("cell without '=': " + kv);
    cells[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return cells;
}

CaseWorld BuildWorld(const std::string& date, const Cells& project,
                     const Cells& worker, const std::string& history,
                     const Cells& shortage) {
  CaseWorld w;
  w.day = Must(Date::Parse(date), "date");
  w.project = Project(project);
  w.institution = InstitutionFor(project, w.project);
  w.worker = MakeWorker(worker, history);
  if (!shortage.empty()) {
    ShortageEntry e;
    e.id = "s-1";
    e.catalog = Get(shortage, "catalog", "测试紧缺职业目录");
    e.region = Must(RegionCode::Parse(Get(shortage, "region", "000000")),
                    "shortage region");
    e.period = "2026";
    e.occupation_code = w.project.occupation_code;
    e.rank = 1;
    e.degree = std::stoi(Get(shortage, "degree", "0"));
    w.shortage.push_back(e);
  }
  return w;
}

namespace {

policy::Trainee MakeTrainee(const CaseWorld& world, const Cells& extra,
                            size_t i, const std::string& outcome,
                            bool completed) {
  const TrainingProject& p = world.project;
  policy::Trainee t;
  t.worker = world.worker;
  t.worker.id = WorkerId("w-" + std::to_string(i + 1));
  t.outcome.worker_id = t.worker.id;
  t.outcome.project_id = p.id;
  t.outcome.enrolled_date = p.start_date;
  t.outcome.completed = completed;
  t.outcome.employment = Must(Parse<EmploymentOutcome>(outcome, "out"), "out");
  if (extra.count("cert")) t.outcome.certificate_level = p.level;
  t.certificate_standard_yuan = std::stod(Get(extra, "certstd", "0"));
  if (extra.count("certprov")) {
    t.worker.certificates.push_back(
        {p.occupation_code, p.level, p.end_date,
         Must(RegionCode::Parse(extra.at("certprov")), "certprov")});
  }
  // voucher=dup: every trainee presents the same voucher; else PREFIX + i.
  if (extra.count("voucher")) {
    const std::string& v = extra.at("voucher");
    t.voucher_id = v == "dup" ? "vch-1" : v + std::to_string(i);
  }
  return t;
}

}  // namespace

policy::ClassRecord BuildClass(const CaseWorld& world, const Cells& extra) {
  policy::ClassRecord rec;
  rec.project = world.project;
  rec.institution = world.institution;
  rec.employer.latest_wage_arrears_year = std::stoi(Get(extra, "arrears", "0"));
  rec.employer.sampled = std::stoi(Get(extra, "sampled", "0"));
  rec.employer.unaware = std::stoi(Get(extra, "unaware", "0"));
  // out=stable*2,flexible*1,none*7: completed trainees by outcome.
  std::vector<std::pair<std::string, bool>> outcomes;
  for (const auto& part : Split(Get(extra, "out", ""), ',')) {
    auto f = Split(part, '*');
    for (int i = 0; i < std::stoi(f.at(1)); ++i)
      outcomes.push_back({f.at(0), true});
  }
  for (int i = 0; i < std::stoi(Get(extra, "incomplete", "0")); ++i) {
    outcomes.push_back({"none", false});
  }
  for (size_t i = 0; i < outcomes.size(); ++i) {
    rec.trainees.push_back(
        MakeTrainee(world, extra, i, outcomes[i].first, outcomes[i].second));
  }
  return rec;
}

}  // namespace qiancheng::testing
