// api/json/recommend_json.h -- JSON of the recommendation responses (API
// contract v1): {items[] {project|vacancy|worker, score, factors[],
// subsidy?}, trace {steps[] {name, micros, items}}, candidates}. Entities are
// in their API form: a worker appears masked, never with the clear ID, phone
// or full birth date. A training's subsidy decision in a list leaves out the
// quoted clause texts (the full decision is POST /v1/eligibility).
#ifndef QIANCHENG_API_JSON_RECOMMEND_JSON_H_
#define QIANCHENG_API_JSON_RECOMMEND_JSON_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "recommend/recommender.h"
#include "store/store.h"

namespace qiancheng::api {

void EncodeTrainingList(const recommend::TrainingList& list,
                        nlohmann::json* out);
void EncodeJobList(const recommend::JobList& list, nlohmann::json* out);
void EncodeCandidateList(const recommend::CandidateList& list,
                         nlohmann::json* out);
void EncodeSupplyDemand(const recommend::SupplyDemand& view,
                        nlohmann::json* out);
void EncodeFeedItems(const std::vector<store::FeedItem>& items,
                     nlohmann::json* out);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_JSON_RECOMMEND_JSON_H_
