// POST /v1/eligibility and GET /v1/training-projects/{id}/settlement: decode,
// authorise, gather the records the policy stage needs, call it, encode.
#include <nlohmann/json.hpp>

#include "api/json/subsidy_json.h"
#include "api/routes/routes.h"
#include "core/json_codec.h"
#include "policy/eligibility.h"
#include "policy/settlement.h"

namespace qiancheng::api {

using nlohmann::json;

namespace {

std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Date> DateOr(const json& body, const char* field, Date fallback) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_string())
    return Status::InvalidArgument(field, "must be a date YYYY-MM-DD");
  return Date::Parse(it->get<std::string>(), field);
}

// `body[id_field]` names a stored entity, or `body[inline_field]` carries one
// (not stored). Exactly one of the two.
template <class T>
Result<T> StoredOrInline(const Caller& c, const json& body, EntityKind kind,
                         const char* id_field, const char* inline_field) {
  const bool has_id = body.contains(id_field),
             has_inline = body.contains(inline_field);
  if (has_id == has_inline) {
    return Status::InvalidArgument(
        id_field,
        std::string("give either ") + id_field + " or " + inline_field);
  }
  if (has_id) {
    if (!body[id_field].is_string())
      return Status::InvalidArgument(id_field, "must be a string");
    QC_ASSIGN_OR_RETURN(
        Entity e, c.app.store().Get(kind, body[id_field].get<std::string>()));
    return std::get<T>(std::move(e));
  }
  Result<Entity> e = DecodeEntity(kind, body[inline_field], CodecMode::kApi);
  if (!e.ok()) return e.status().WithFieldPrefix(inline_field);
  T value = std::get<T>(std::move(*e));
  if constexpr (std::is_same_v<T, Worker>)
    value.contact = {};  // never needed for a decision
  return value;
}

Result<SubsidyDecision> DecideFor(const Caller& c, const json& body) {
  if (!body.is_object())
    return Status::InvalidArgument("body", "must be a JSON object");
  for (const auto& item : body.items()) {
    if (item.key() != "worker_id" && item.key() != "worker" &&
        item.key() != "project_id" && item.key() != "training_project" &&
        item.key() != "date") {
      return Status::InvalidArgument(item.key(), "unknown field");
    }
  }
  QC_ASSIGN_OR_RETURN(Worker worker,
                      StoredOrInline<Worker>(c, body, EntityKind::kWorker,
                                             "worker_id", "worker"));
  // A stored worker is person data: the counselor scope applies.
  if (body.contains("worker_id")) {
    QC_RETURN_IF_ERROR(
        Authorize(c.who, Access::kRead, EntityKind::kWorker, worker.region));
  }
  QC_ASSIGN_OR_RETURN(
      TrainingProject project,
      StoredOrInline<TrainingProject>(c, body, EntityKind::kTrainingProject,
                                      "project_id", "training_project"));
  QC_ASSIGN_OR_RETURN(Date day, DateOr(body, "date", TodayInChina()));
  Result<Entity> institution =
      c.app.store().Get(EntityKind::kInstitution, project.institution_id.str());
  QC_ASSIGN_OR_RETURN(policy::ShortageList shortage, c.app.LoadShortage());
  policy::Eligibility eligibility(c.app.policies(), shortage);
  return eligibility.Decide(
      worker, project,
      institution.ok() ? &std::get<Institution>(*institution) : nullptr, day);
}

// The recorded outcomes of one class, with their workers. Scans the outcomes:
// the store has no index by project yet (fine for a city; see the issue note).
Result<std::vector<policy::Trainee>> TraineesOf(const store::Store& store,
                                                const ProjectId& project) {
  std::vector<policy::Trainee> trainees;
  store::ListOptions options;
  options.limit = 5000;
  do {
    QC_ASSIGN_OR_RETURN(store::Page page,
                        store.List(EntityKind::kOutcome, options));
    for (Entity& e : page.items) {
      Outcome& outcome = std::get<Outcome>(e);
      if (outcome.project_id != project) continue;
      QC_ASSIGN_OR_RETURN(Entity worker, store.Get(EntityKind::kWorker,
                                                   outcome.worker_id.str()));
      trainees.push_back(
          {std::get<Worker>(std::move(worker)), std::move(outcome), "", 0});
    }
    options.cursor = page.next_cursor;
  } while (!options.cursor.empty());
  return trainees;
}

}  // namespace

Reply DecideEligibility(Caller& c, std::string_view body) {
  if (c.who.role == Role::kAnalyst) {
    return ErrorReply(
        Status::PermissionDenied("analyst keys see aggregates only"));
  }
  Result<json> parsed = ParseJson(body);
  if (!parsed.ok()) return ErrorReply(parsed.status());
  Result<SubsidyDecision> decision = DecideFor(c, *parsed);
  if (!decision.ok()) return ErrorReply(decision.status());
  json out;
  EncodeSubsidyDecision(*decision, &out);
  return JsonReply(200, Dump(out));
}

Reply SettleProject(Caller& c, std::string_view project_id,
                    std::string_view date) {
  Result<Entity> project =
      c.app.store().Get(EntityKind::kTrainingProject, project_id);
  if (!project.ok()) return ErrorReply(project.status());
  const TrainingProject& p = std::get<TrainingProject>(*project);
  // Settlement lists payments per trainee: admins, and counselors of the
  // class's region (RegionCode scope as for workers).
  Status allowed =
      c.who.role == Role::kAdmin
          ? Status::Ok()
          : Authorize(c.who.role == Role::kCounselor
                          ? c.who
                          : Principal{c.who.key_id, Role::kAnalyst, {}},
                      Access::kRead, EntityKind::kWorker, p.region);
  if (!allowed.ok()) return ErrorReply(allowed);
  Result<Date> day =
      date.empty() ? Result<Date>(TodayInChina()) : Date::Parse(date, "date");
  if (!day.ok()) return ErrorReply(day.status());
  Result<std::vector<policy::Trainee>> trainees =
      TraineesOf(c.app.store(), p.id);
  if (!trainees.ok()) return ErrorReply(trainees.status());
  Result<Entity> institution =
      c.app.store().Get(EntityKind::kInstitution, p.institution_id.str());
  Result<policy::ShortageList> shortage = c.app.LoadShortage();
  if (!shortage.ok()) return ErrorReply(shortage.status());
  policy::Eligibility eligibility(c.app.policies(), *shortage);
  policy::ClassRecord record{
      p,
      institution.ok() ? std::optional(std::get<Institution>(*institution))
                       : std::nullopt,
      std::move(*trainees),
      {}};
  Result<policy::Settlement> settlement =
      policy::Settle(eligibility, record, *day);
  if (!settlement.ok()) return ErrorReply(settlement.status());
  json out;
  EncodeSettlement(*settlement, &out);
  return JsonReply(200, Dump(out));
}

}  // namespace qiancheng::api
