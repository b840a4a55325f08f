#include "api/json/recommend_json.h"

#include <cmath>

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

}  // namespace

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
