#include "api/json/recommend_json.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "api/json/json_writer.h"
#include "api/json/subsidy_json.h"
#include "core/json_codec.h"

namespace qiancheng::api {

using nlohmann::json;

namespace {

double Round(double value, double scale) {
  return std::round(value * scale) / scale;
}

json Factors(const std::vector<rank::Factor>& factors) {
  json out = json::array();
  for (const rank::Factor& f : factors) {
    out.push_back({{"name", f.name},
                   {"value", Round(f.value, 1e4)},
                   {"weight", Round(f.weight, 1e4)},
                   {"contribution", Round(f.contribution, 1e4)},
                   {"detail", f.detail}});
  }
  return out;
}

json Trace(const recommend::Trace& trace) {
  json steps = json::array();
  for (const recommend::TraceStep& s : trace.steps) {
    steps.push_back({{"name", s.name},
                     {"micros", Round(s.micros, 10)},
                     {"items", s.items}});
  }
  return {{"steps", steps}, {"total_micros", Round(trace.total_micros(), 10)}};
}

json Distance(double km) {
  return km < 0 ? json(nullptr) : json(Round(km, 100));
}

// Factors a brief item lists: those contributing most to its score.
constexpr size_t kBriefFactors = 5;

void WriteTrace(const recommend::Trace& trace, JsonWriter& w) {
  w.BeginObject();
  w.Key("steps");
  w.BeginArray();
  for (const recommend::TraceStep& s : trace.steps) {
    w.BeginObject();
    w.Field("name", s.name);
    w.Field("micros", Round(s.micros, 10));
    w.Field("items", s.items);
    w.EndObject();
  }
  w.EndArray();
  w.Field("total_micros", Round(trace.total_micros(), 10));
  w.EndObject();
}

void WriteDate(std::string_view key, Date d, JsonWriter& w) {
  w.Key(key);
  w.Ymd(d.year(), d.month(), d.day());
}

void WriteProjectSummary(const recommend::TrainingItem& item, JsonWriter& w) {
  const TrainingProject& p = item.project;
  w.BeginObject();
  w.Field("id", p.id.str());
  w.Field("title", p.title);
  w.Field("occupation_code", p.occupation_code.str());
  w.Field("occupation_name", item.occupation_name);
  w.Field("level", Name(p.level));
  w.Field("mode", Name(p.mode));
  w.Field("institution_id", p.institution_id.str());
  w.Field("region", p.region.str());
  WriteDate("start_date", p.start_date, w);
  WriteDate("end_date", p.end_date, w);
  w.Field("seats", p.seats);
  w.Field("fee_yuan", p.fee_yuan);
  w.EndObject();
}

void WriteBriefFactors(const std::vector<rank::Factor>& factors,
                       JsonWriter& w) {
  std::vector<size_t> order(factors.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return factors[a].contribution > factors[b].contribution;
  });
  if (order.size() > kBriefFactors) order.resize(kBriefFactors);
  w.BeginArray();
  for (size_t i : order) {
    const rank::Factor& f = factors[i];
    w.BeginObject();
    w.Field("name", f.name);
    w.Field("value", Round(f.value, 1e4));
    w.Field("weight", Round(f.weight, 1e4));
    w.Field("contribution", Round(f.contribution, 1e4));
    if (!f.detail.empty()) w.Field("detail", f.detail);
    w.EndObject();
  }
  w.EndArray();
}

void WriteAmounts(const SubsidyAmounts& a, JsonWriter& w) {
  w.BeginObject();
  w.Field("base_yuan", a.base_yuan);
  w.Field("shortage_uplift_yuan", a.shortage_uplift_yuan);
  w.Field("shortage_factor", a.shortage_factor);
  w.Field("online_factor", a.online_factor);
  w.Field("subsidy_yuan", a.subsidy_yuan);
  w.Key("by_outcome");
  w.BeginObject();
  w.Field("none", a.by_outcome.none);
  w.Field("flexible", a.by_outcome.flexible);
  w.Field("stable", a.by_outcome.stable);
  w.EndObject();
  w.Field("living_allowance_yuan", a.living_allowance_yuan);
  w.Field("transport_allowance_yuan", a.transport_allowance_yuan);
  w.Field("skill_upgrade_yuan", a.skill_upgrade_yuan);
  w.Field("worker_pays_yuan", a.worker_pays_yuan);
  w.EndObject();
}

// The decision with only the rules that did not pass: what a worker needs to
// see in a list (why not, or which add-on does not apply).
void WriteBriefSubsidy(const SubsidyDecision& d, JsonWriter& w) {
  w.BeginObject();
  w.Field("eligible", d.eligible);
  w.Key("reasons");
  w.BeginArray();
  for (const SubsidyReason& r : d.reasons) {
    if (r.passed) continue;
    w.BeginObject();
    w.Field("rule", r.rule);
    w.Field("passed", false);
    w.Field("doc", r.doc);
    w.Field("clause", r.clause);
    w.Field("message", r.message);
    w.EndObject();
  }
  w.EndArray();
  w.Key("amounts");
  WriteAmounts(d.amounts, w);
  w.Key("policies");
  w.BeginArray();
  for (const PolicyRef& p : d.policies) {
    w.BeginObject();
    w.Field("doc", p.doc);
    w.Field("version", p.version);
    w.EndObject();
  }
  w.EndArray();
  WriteDate("as_of", d.as_of, w);
  w.Field("priority", d.priority);
  w.EndObject();
}

}  // namespace

void WriteTrainingListBrief(const recommend::TrainingList& list,
                            std::string* out) {
  // About 1.6 KB per item: one allocation for the whole response.
  out->reserve(out->size() + 1024 + 2048 * list.items.size());
  JsonWriter w(out);
  w.BeginObject();
  w.Key("items");
  w.BeginArray();
  for (const recommend::TrainingItem& item : list.items) {
    w.BeginObject();
    w.Key("project");
    WriteProjectSummary(item, w);
    w.Field("institution_name", item.institution_name);
    w.Field("score", Round(item.score, 1e4));
    w.Key("factors");
    WriteBriefFactors(item.factors, w);
    w.Key("subsidy");
    WriteBriefSubsidy(item.subsidy, w);
    w.Key("distance_km");
    if (item.distance_km < 0) {
      w.Null();
    } else {
      w.Number(Round(item.distance_km, 100));
    }
    w.Field("seats_left", item.seats_left);
    w.EndObject();
  }
  w.EndArray();
  w.Field("candidates", list.candidates);
  w.Field("detail", "brief");
  w.Key("trace");
  WriteTrace(list.trace, w);
  w.EndObject();
}

void EncodeTrainingList(const recommend::TrainingList& list, json* out) {
  json items = json::array();
  for (const recommend::TrainingItem& item : list.items) {
    json project;
    EncodeEntity(item.project, CodecMode::kApi, &project);
    json subsidy;
    EncodeSubsidyDecision(item.subsidy, &subsidy);
    // A list carries each rule's clause and sentence but not the clause's
    // quoted text: that would be most of a response that the mini-program
    // fetches on every screen. POST /v1/eligibility gives the full decision.
    if (auto reasons = subsidy.find("reasons"); reasons != subsidy.end()) {
      for (json& reason : *reasons) reason.erase("quote");
    }
    if (!item.occupation_name.empty())
      project["occupation_name"] = item.occupation_name;
    items.push_back({{"project", project},
                     {"institution_name", item.institution_name},
                     {"score", Round(item.score, 1e4)},
                     {"factors", Factors(item.factors)},
                     {"subsidy", subsidy},
                     {"distance_km", Distance(item.distance_km)},
                     {"seats_left", item.seats_left}});
  }
  *out = {{"items", items},
          {"candidates", list.candidates},
          {"detail", "full"},
          {"trace", Trace(list.trace)}};
}

void EncodeJobList(const recommend::JobList& list, json* out) {
  json items = json::array();
  for (const recommend::JobItem& item : list.items) {
    json vacancy;
    EncodeEntity(item.vacancy, CodecMode::kApi, &vacancy);
    items.push_back({{"vacancy", vacancy},
                     {"score", Round(item.score, 1e4)},
                     {"factors", Factors(item.factors)},
                     {"order_class", item.order_class},
                     {"distance_km", Distance(item.distance_km)}});
  }
  *out = {{"items", items},
          {"candidates", list.candidates},
          {"trace", Trace(list.trace)}};
}

void EncodeCandidateList(const recommend::CandidateList& list, json* out) {
  json items = json::array();
  for (const recommend::CandidateItem& item : list.items) {
    json worker;
    EncodeEntity(item.worker, CodecMode::kApi, &worker);
    items.push_back({{"worker", worker},
                     {"score", Round(item.score, 1e4)},
                     {"factors", Factors(item.factors)},
                     {"distance_km", Distance(item.distance_km)}});
  }
  *out = {{"items", items},
          {"candidates", list.candidates},
          {"trace", Trace(list.trace)}};
}

void EncodeSupplyDemand(const recommend::SupplyDemand& view, json* out) {
  auto count = [](int n) { return n < 0 ? json(nullptr) : json(n); };
  json rows = json::array();
  for (const recommend::SupplyDemandRow& r : view.rows) {
    rows.push_back(
        {{"occupation_code", r.occupation_code},
         {"occupation_name", r.occupation_name},
         {"open_vacancies", r.open_vacancies},
         {"open_headcount", r.open_headcount},
         {"shortage_rank",
          r.shortage_rank == 0 ? json(nullptr) : json(r.shortage_rank)},
         {"shortage_catalog", r.shortage_catalog},
         {"open_classes", r.open_classes},
         {"open_seats", r.open_seats},
         {"trainees_active", count(r.trainees_active)},
         {"trainees_completed", count(r.trainees_completed)},
         {"gap", r.gap}});
  }
  *out = {{"region", view.region},
          {"rows", rows},
          {"suppressed_cells", view.suppressed_cells}};
}

void EncodeFeedItems(const std::vector<store::FeedItem>& items, json* out) {
  json list = json::array();
  for (const store::FeedItem& f : items) {
    list.push_back({{"seq", f.seq},
                    {"kind", f.kind},
                    {"target_id", f.target_id},
                    {"event", f.event},
                    {"reason", f.reason},
                    {"score", f.score},
                    {"day", f.day},
                    {"created_at", f.created_at},
                    {"acked", f.acked}});
  }
  *out = {
      {"items", list},
      {"next_cursor",
       items.empty() ? json(nullptr) : json(std::to_string(items.back().seq))}};
}

}  // namespace qiancheng::api
