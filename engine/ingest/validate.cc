#include "ingest/validate.h"

#include "core/contact.h"

namespace qiancheng::ingest {
namespace {

Status Check(const TrainingProject& p) {
  if (p.end_date < p.start_date)
    return Status::InvalidArgument("end_date", "is before start_date");
  if (p.lat.has_value() != p.lon.has_value()) {
    return Status::InvalidArgument(p.lat ? "lon" : "lat",
                                   "lat and lon come together");
  }
  return Status::Ok();
}

Status Check(const Vacancy& v) {
  if (v.salary_max < v.salary_min)
    return Status::InvalidArgument("salary_max", "is below salary_min");
  if (v.expiry_date < v.posted_date) {
    return Status::InvalidArgument("expiry_date", "is before posted_date");
  }
  if (v.lat.has_value() != v.lon.has_value()) {
    return Status::InvalidArgument(v.lat ? "lon" : "lat",
                                   "lat and lon come together");
  }
  return Status::Ok();
}

Status Check(const Worker& w) {
  if (!w.contact.id_number.empty() &&
      BirthDateOfIdNumber(w.contact.id_number) != w.birth_date) {
    return Status::InvalidArgument(
        "birth_date", "does not match the birth date in id_number");
  }
  for (size_t i = 0; i < w.certificates.size(); ++i) {
    if (w.certificates[i].date < w.birth_date) {
      return Status::InvalidArgument(
          "certificates[" + std::to_string(i) + "].date",
          "is before birth_date");
    }
  }
  for (size_t i = 0; i < w.subsidy_history.size(); ++i) {
    if (w.subsidy_history[i].date < w.birth_date) {
      return Status::InvalidArgument(
          "subsidy_history[" + std::to_string(i) + "].date",
          "is before birth_date");
    }
  }
  if (w.lat.has_value() != w.lon.has_value()) {
    return Status::InvalidArgument(w.lat ? "lon" : "lat",
                                   "lat and lon come together");
  }
  return Status::Ok();
}

Status Check(const Outcome& o) {
  if (o.completion_date && *o.completion_date < o.enrolled_date) {
    return Status::InvalidArgument("completion_date",
                                   "is before enrolled_date");
  }
  if (o.completed != o.completion_date.has_value()) {
    return Status::InvalidArgument(
        "completion_date", o.completed ? "is required when completed is true"
                                       : "is set but completed is false");
  }
  if (o.employment_date && *o.employment_date < o.enrolled_date) {
    return Status::InvalidArgument("employment_date",
                                   "is before enrolled_date");
  }
  if (o.employment != EmploymentOutcome::kNone && !o.employment_date) {
    return Status::InvalidArgument("employment_date",
                                   "is required when employment is not none");
  }
  return Status::Ok();
}

template <class T>
Status Check(const T&) {
  return Status::Ok();
}

}  // namespace

Status ValidateRecord(const Entity& entity) {
  return std::visit([](const auto& e) { return Check(e); }, entity);
}

Status ValidateReferences(const Entity& entity, const ExistsFn& exists) {
  if (const auto* p = std::get_if<TrainingProject>(&entity)) {
    if (!exists(EntityKind::kInstitution, p->institution_id.str())) {
      return Status::InvalidArgument("institution_id",
                                     "names no known institution");
    }
  } else if (const auto* o = std::get_if<Outcome>(&entity)) {
    if (!exists(EntityKind::kWorker, o->worker_id.str())) {
      return Status::InvalidArgument("worker_id", "names no known worker");
    }
    if (!exists(EntityKind::kTrainingProject, o->project_id.str())) {
      return Status::InvalidArgument("project_id",
                                     "names no known training project");
    }
  }
  return Status::Ok();
}

}  // namespace qiancheng::ingest
