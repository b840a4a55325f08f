// api/json/recommend_json.h -- JSON of the recommendation responses (API
// contract v1): {items[] {project|vacancy|worker, score, factors[],
// subsidy?}, trace {steps[] {name, micros, items}}, candidates}. Entities are
// in their API form: a worker appears masked, never with the clear ID, phone
// or full birth date. A training's subsidy decision in a list leaves out the
// quoted clause texts (the full decision is POST /v1/eligibility).
// Trainings come in two forms ("detail"): "full" (EncodeTrainingList: the
// project in API form, every factor with its detail, every rule's reason)
// and "brief" (WriteTrainingListBrief, the default: a project summary, the
// five factors contributing most, the amounts and the rules not passed).
#ifndef QIANCHENG_API_JSON_RECOMMEND_JSON_H_
#define QIANCHENG_API_JSON_RECOMMEND_JSON_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "recommend/recommender.h"
#include "store/store.h"

namespace qiancheng::api {

void EncodeTrainingList(const recommend::TrainingList& list,
                        nlohmann::json* out);
// The brief form, appended to *out as JSON text: {items[] {project {id,
// title, occupation_code, occupation_name, level, mode, institution_id,
// region, start_date, end_date, seats, fee_yuan}, institution_name, score,
// factors[] (top 5 by contribution, largest first; detail where the list
// carries one), subsidy {eligible, reasons[] (not passed: rule, passed, doc,
// clause, message), amounts, policies[] {doc, version}, as_of, priority},
// distance_km, seats_left}, candidates, detail: "brief", trace}. Expects a
// list computed with recommend::Explanation::kBrief (a full one works too).
void WriteTrainingListBrief(const recommend::TrainingList& list,
                            std::string* out);
void EncodeJobList(const recommend::JobList& list, nlohmann::json* out);
void EncodeCandidateList(const recommend::CandidateList& list,
                         nlohmann::json* out);
void EncodeSupplyDemand(const recommend::SupplyDemand& view,
                        nlohmann::json* out);
void EncodeFeedItems(const std::vector<store::FeedItem>& items,
                     nlohmann::json* out);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_JSON_RECOMMEND_JSON_H_
