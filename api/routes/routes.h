// api/routes/routes.h -- the handlers of API contract v1, free of HTTP library
// types: each takes the caller, decoded path parts and the body, and returns a
// Reply. server.cc binds them to paths. Handlers decode, authorise, call the
// engine and encode; business rules live in the engine.
// Thread-safe: handlers share only the App and KeyService, which are.
#ifndef QIANCHENG_API_ROUTES_ROUTES_H_
#define QIANCHENG_API_ROUTES_ROUTES_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/app.h"
#include "api/auth.h"

namespace qiancheng::api {

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  // Extra response headers, e.g. Retry-After on a 503.
  std::vector<std::pair<std::string, std::string>> headers = {};
};

// A Reply carrying ErrorBody(status) with HttpStatusOf(status.code()).
Reply ErrorReply(const Status& status);
Reply JsonReply(int http_status, std::string body);

struct Caller {
  App& app;
  const KeyService& keys;
  Principal who;
};

// Entities: PUT/GET/DELETE /v1/{collection}/{id}, GET
// /v1/{collection}?cursor=&limit=, POST /v1/{collection}:batch (NDJSON, all or
// nothing).
Reply PutEntity(Caller& c, std::string_view collection, std::string_view id,
                std::string_view body);
Reply GetEntity(Caller& c, std::string_view collection, std::string_view id);
Reply DeleteEntity(Caller& c, std::string_view collection, std::string_view id);
Reply ListEntities(Caller& c, std::string_view collection,
                   std::string_view cursor, std::string_view limit);
Reply BatchEntities(Caller& c, std::string_view collection,
                    std::string_view body);

// POST /v1/eligibility {worker_id | worker, project_id | training_project,
// date?}
// -> subsidy_decision. GET /v1/training-projects/{id}/settlement?date= ->
// payable amounts per trainee from the recorded outcomes (R7, R10, R11, R12,
// R14).
Reply DecideEligibility(Caller& c, std::string_view body);
Reply SettleProject(Caller& c, std::string_view project_id,
                    std::string_view date);

// Query parameters of the read routes (empty when absent).
struct QueryParams {
  std::string k, include_ineligible, date, cursor, limit, region, period;
  std::string min_seq;  // read-your-writes: wait until this change is applied
  std::string detail;   // trainings: "brief" (default) or "full"
};

// Recommendations (routes/recommend.cc). The GET routes honour
// min_seq (read-your-writes across replicas): the "seq" of a write's reply;
// the route answers once this replica has applied that change, waiting up
// to 1 s, else 503 "unavailable" with Retry-After (a min_seq never
// committed is 400). Every 503 of these routes carries Retry-After.
// GET /v1/workers/{id}/recommendations/trainings?k=&include_ineligible=&date=
//   &detail=brief|full
// GET /v1/workers/{id}/recommendations/jobs?k=&date=
// GET /v1/vacancies/{id}/candidates?k=&date=
// POST /v1/recommendations/trainings {worker, k?, include_ineligible?, date?,
//   detail?}
// GET /v1/workers/{id}/feed?cursor=&limit=; POST /v1/workers/{id}/feed:ack
// {up_to} GET /v1/shortage?region=&period=; GET
// /v1/analytics/supply-demand?region=&date=
Reply RecommendTrainings(Caller& c, std::string_view worker_id,
                         const QueryParams& q);
Reply RecommendTrainingsAnonymous(Caller& c, std::string_view body);
Reply RecommendJobs(Caller& c, std::string_view worker_id,
                    const QueryParams& q);
Reply VacancyCandidates(Caller& c, std::string_view vacancy_id,
                        const QueryParams& q);
Reply WorkerFeed(Caller& c, std::string_view worker_id, const QueryParams& q);
Reply AckFeed(Caller& c, std::string_view worker_id, std::string_view body);
Reply ShortageView(Caller& c, const QueryParams& q);
Reply SupplyDemandView(Caller& c, const QueryParams& q);
// GET /v1/admin/read-side (admin only): this replica's applied sequence, lag
// and, per searchable kind, what its index holds (ReadSide::AuditIndexes),
// for checking a replica against the store after a crash.
Reply ReadSideAudit(Caller& c);

// Keys: POST /v1/keys {role, regions[]}, DELETE /v1/keys/{key_id}. Admin only.
Reply CreateKey(Caller& c, std::string_view body);
Reply RevokeKey(Caller& c, std::string_view key_id);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_ROUTES_ROUTES_H_
