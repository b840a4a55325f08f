#include "core/json_codec.h"

#include <nlohmann/json.hpp>

#include "core/contact.h"
#include "core/internal/json_reader.h"

namespace qiancheng {

using internal::Bounds;
using internal::ObjectReader;
using nlohmann::json;

namespace {

constexpr Bounds kLat{-90, 90}, kLon{-180, 180}, kRate{0, 1}, kYuan{0, 1e7};

// Nested records. Found by argument-dependent lookup from the vector reader.
Status DecodeCertificate(const json& v, const std::string& path,
                         Certificate* c) {
  ObjectReader r(v, path);
  r.Req("occupation_code", &c->occupation_code)
      .Req("level", &c->level)
      .Req("date", &c->date);
  r.Req("province", &c->province);
  return r.Finish();
}

Status DecodeSubsidyRecord(const json& v, const std::string& path,
                           SubsidyRecord* s) {
  ObjectReader r(v, path);
  r.Req("occupation_code", &s->occupation_code)
      .Req("level", &s->level)
      .Req("date", &s->date);
  r.Req("kind", &s->kind)
      .Req("amount_yuan", &s->amount_yuan, kYuan)
      .Opt("voucher_id", &s->voucher_id);
  return r.Finish();
}

Status DecodeWorkRecord(const json& v, const std::string& path, WorkRecord* w) {
  ObjectReader r(v, path);
  r.Opt("occupation_code", &w->occupation_code).Opt("employer", &w->employer);
  r.Req("start_date", &w->start_date).Opt("end_date", &w->end_date);
  return r.Finish();
}

Status DecodeWishes(const json& v, const std::string& path, TrainingWishes* w) {
  ObjectReader r(v, path);
  r.Opt("occupation_codes", &w->occupation_codes)
      .Opt("text", &w->text)
      .Opt("modes", &w->modes);
  r.Opt("schedules", &w->schedules)
      .Opt("max_distance_km", &w->max_distance_km, Bounds{0, 5000});
  return r.Finish();
}

}  // namespace

Status ReadValue(const json& v, const std::string& path, Certificate* out,
                 Bounds) {
  return DecodeCertificate(v, path, out);
}
Status ReadValue(const json& v, const std::string& path, SubsidyRecord* out,
                 Bounds) {
  return DecodeSubsidyRecord(v, path, out);
}
Status ReadValue(const json& v, const std::string& path, WorkRecord* out,
                 Bounds) {
  return DecodeWorkRecord(v, path, out);
}
Status ReadValue(const json& v, const std::string& path, TrainingWishes* out,
                 Bounds) {
  return DecodeWishes(v, path, out);
}

namespace {

Status Decode(const json& v, CodecMode, Occupation* o) {
  ObjectReader r(v, "");
  r.Req("code", &o->code).Req("name", &o->name).Opt("aliases", &o->aliases);
  r.Opt("definition", &o->definition).Opt("main_tasks", &o->main_tasks);
  return r.Finish();
}

Status Decode(const json& v, CodecMode, ShortageEntry* s) {
  ObjectReader r(v, "");
  r.Req("id", &s->id)
      .Req("catalog", &s->catalog)
      .Req("region", &s->region)
      .Req("period", &s->period);
  r.Req("occupation_code", &s->occupation_code)
      .Opt("occupation_name", &s->occupation_name);
  r.Req("rank", &s->rank, Bounds{1, 10000})
      .Opt("degree", &s->degree, Bounds{0, 3});
  r.Opt("source", &s->source);
  QC_RETURN_IF_ERROR(r.Finish());
  return ValidateEntityId(s->id);
}

Status Decode(const json& v, CodecMode, Institution* i) {
  ObjectReader r(v, "");
  r.Req("id", &i->id).Req("name", &i->name).Req("region", &i->region);
  r.Req("qualified", &i->qualified).Opt("blacklisted", &i->blacklisted);
  r.Opt("pass_rate", &i->pass_rate, kRate)
      .Opt("employment_rate", &i->employment_rate, kRate);
  return r.Finish();
}

Status Decode(const json& v, CodecMode, TrainingProject* p) {
  ObjectReader r(v, "");
  r.Req("id", &p->id).Req("institution_id", &p->institution_id);
  r.Req("occupation_code", &p->occupation_code).Req("title", &p->title);
  r.Opt("description", &p->description).Req("level", &p->level);
  r.Req("hours", &p->hours, Bounds{1, 5000})
      .Req("mode", &p->mode)
      .Opt("schedule", &p->schedule);
  r.Req("region", &p->region)
      .Opt("lat", &p->lat, kLat)
      .Opt("lon", &p->lon, kLon);
  r.Req("start_date", &p->start_date).Req("end_date", &p->end_date);
  r.Req("seats", &p->seats, Bounds{0, 100000})
      .Req("fee_yuan", &p->fee_yuan, kYuan);
  r.Req("base_subsidy_yuan", &p->base_subsidy_yuan, kYuan);
  r.Opt("entrepreneurship", &p->entrepreneurship)
      .Opt("work_based", &p->work_based);
  r.Opt("linked_vacancy_ids", &p->linked_vacancy_ids).Opt("status", &p->status);
  return r.Finish();
}

Status Decode(const json& v, CodecMode, Vacancy* x) {
  ObjectReader r(v, "");
  r.Req("id", &x->id)
      .Req("employer", &x->employer)
      .Req("occupation_code", &x->occupation_code);
  r.Req("title", &x->title)
      .Opt("description", &x->description)
      .Opt("skills", &x->skills);
  r.Opt("required_level", &x->required_level);
  r.Req("salary_min", &x->salary_min, kYuan)
      .Req("salary_max", &x->salary_max, kYuan);
  r.Req("region", &x->region)
      .Opt("lat", &x->lat, kLat)
      .Opt("lon", &x->lon, kLon);
  r.Req("headcount", &x->headcount, Bounds{1, 100000})
      .Req("employment_type", &x->employment_type);
  r.Opt("status", &x->status)
      .Req("posted_date", &x->posted_date)
      .Req("expiry_date", &x->expiry_date);
  r.Opt("training_project_id", &x->training_project_id);
  return r.Finish();
}

Status Decode(const json& v, CodecMode mode, Worker* w) {
  ObjectReader r(v, "");
  r.Req("id", &w->id).Req("real_name_verified", &w->real_name_verified);
  if (mode == CodecMode::kApi) {
    r.Opt("id_number", &w->contact.id_number).Opt("phone", &w->contact.phone);
    // Output-only fields: a client may send back what it read.
    r.Ignore("id_masked")
        .Ignore("phone_masked")
        .Ignore("birth_year")
        .Ignore("age");
    r.Opt("birth_date", &w->birth_date);
  } else {
    r.Opt("id_hash", &w->id_hash).Opt("phone_hash", &w->phone_hash);
    r.Opt("id_masked", &w->id_masked).Opt("phone_masked", &w->phone_masked);
    r.Req("birth_date", &w->birth_date);
  }
  r.Opt("education", &w->education).Req("region", &w->region);
  r.Opt("lat", &w->lat, kLat).Opt("lon", &w->lon, kLon);
  r.Opt("hukou_region", &w->hukou_region).Opt("hukou_type", &w->hukou_type);
  r.Opt("groups", &w->groups).Req("employment_status", &w->employment_status);
  r.Opt("unemployment_insured", &w->unemployment_insured)
      .Opt("skills", &w->skills);
  r.Opt("certificates", &w->certificates).Opt("wishes", &w->wishes);
  r.Opt("subsidy_history", &w->subsidy_history)
      .Opt("work_history", &w->work_history);
  QC_RETURN_IF_ERROR(r.Finish());
  if (mode == CodecMode::kApi) {
    if (!w->contact.id_number.empty())
      QC_RETURN_IF_ERROR(ValidateIdNumber(w->contact.id_number));
    if (!w->contact.phone.empty())
      QC_RETURN_IF_ERROR(ValidatePhone(w->contact.phone));
    // An explicit null is "not given", as for every optional field; without
    // this a null birth_date skipped the ID-number rule and left 1970-01-01.
    const auto birth_date = v.find("birth_date");
    if (birth_date == v.end() || birth_date->is_null()) {
      if (w->contact.id_number.empty()) {
        return Status::InvalidArgument("birth_date",
                                       "is required (or give id_number)");
      }
      w->birth_date = BirthDateOfIdNumber(w->contact.id_number);
    }
  }
  return Status::Ok();
}

Status Decode(const json& v, CodecMode, Outcome* o) {
  ObjectReader r(v, "");
  r.Req("id", &o->id)
      .Req("worker_id", &o->worker_id)
      .Req("project_id", &o->project_id);
  r.Req("enrolled_date", &o->enrolled_date).Req("completed", &o->completed);
  r.Opt("completion_date", &o->completion_date)
      .Opt("certificate_level", &o->certificate_level);
  r.Opt("employment", &o->employment).Opt("employer", &o->employer);
  r.Opt("employment_date", &o->employment_date);
  QC_RETURN_IF_ERROR(r.Finish());
  return ValidateEntityId(o->id);
}

template <class T>
Result<Entity> DecodeAs(const json& v, CodecMode mode) {
  T value{};
  QC_RETURN_IF_ERROR(Decode(v, mode, &value));
  return Entity(std::move(value));
}

}  // namespace

Result<Entity> DecodeEntity(EntityKind kind, const json& value,
                            CodecMode mode) {
  switch (kind) {
    case EntityKind::kOccupation:
      return DecodeAs<Occupation>(value, mode);
    case EntityKind::kShortageEntry:
      return DecodeAs<ShortageEntry>(value, mode);
    case EntityKind::kInstitution:
      return DecodeAs<Institution>(value, mode);
    case EntityKind::kTrainingProject:
      return DecodeAs<TrainingProject>(value, mode);
    case EntityKind::kVacancy:
      return DecodeAs<Vacancy>(value, mode);
    case EntityKind::kWorker:
      return DecodeAs<Worker>(value, mode);
    case EntityKind::kOutcome:
      return DecodeAs<Outcome>(value, mode);
  }
  return Status::Internal("unknown entity kind");
}

Result<Entity> DecodeEntityText(EntityKind kind, std::string_view text,
                                CodecMode mode) {
  QC_ASSIGN_OR_RETURN(json value, ParseJson(text));
  return DecodeEntity(kind, value, mode);
}

std::string EncodeEntityText(const Entity& entity, CodecMode mode) {
  json out;
  EncodeEntity(entity, mode, &out);
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace qiancheng
