// Entity -> JSON. Optional fields are written only when set.
#include <nlohmann/json.hpp>

#include "core/json_codec.h"

namespace qiancheng {

using nlohmann::json;

namespace {

json Str(const OccupationCode& c) { return c.str(); }
json Str(const RegionCode& c) { return c.str(); }
json Str(Date d) { return d.ToString(); }

template <class E>
requires std::is_enum_v<E> json Names(const std::vector<E>& values) {
  json out = json::array();
  for (E v : values) out.push_back(Name(v));
  return out;
}

template <class T>
json Strs(const std::vector<T>& values) {
  json out = json::array();
  for (const auto& v : values) out.push_back(v.str());
  return out;
}

void PutCoordinates(const std::optional<double>& lat,
                    const std::optional<double>& lon, json* out) {
  if (lat) (*out)["lat"] = *lat;
  if (lon) (*out)["lon"] = *lon;
}

void Encode(const Occupation& o, CodecMode, json* out) {
  *out = {{"code", o.code.str()},
          {"name", o.name},
          {"aliases", o.aliases},
          {"definition", o.definition},
          {"main_tasks", o.main_tasks}};
}

void Encode(const ShortageEntry& s, CodecMode, json* out) {
  *out = {{"id", s.id},
          {"catalog", s.catalog},
          {"region", Str(s.region)},
          {"period", s.period},
          {"occupation_code", Str(s.occupation_code)},
          {"occupation_name", s.occupation_name},
          {"rank", s.rank},
          {"degree", s.degree},
          {"source", s.source}};
}

void Encode(const Institution& i, CodecMode, json* out) {
  *out = {{"id", i.id.str()},
          {"name", i.name},
          {"region", Str(i.region)},
          {"qualified", i.qualified},
          {"blacklisted", i.blacklisted}};
  if (i.pass_rate) (*out)["pass_rate"] = *i.pass_rate;
  if (i.employment_rate) (*out)["employment_rate"] = *i.employment_rate;
}

void Encode(const TrainingProject& p, CodecMode, json* out) {
  *out = {{"id", p.id.str()},
          {"institution_id", p.institution_id.str()},
          {"occupation_code", Str(p.occupation_code)},
          {"title", p.title},
          {"description", p.description},
          {"level", Name(p.level)},
          {"hours", p.hours},
          {"mode", Name(p.mode)},
          {"schedule", Names(p.schedule)},
          {"region", Str(p.region)},
          {"start_date", Str(p.start_date)},
          {"end_date", Str(p.end_date)},
          {"seats", p.seats},
          {"fee_yuan", p.fee_yuan},
          {"base_subsidy_yuan", p.base_subsidy_yuan},
          {"entrepreneurship", p.entrepreneurship},
          {"work_based", p.work_based},
          {"linked_vacancy_ids", Strs(p.linked_vacancy_ids)},
          {"status", Name(p.status)}};
  PutCoordinates(p.lat, p.lon, out);
}

void Encode(const Vacancy& v, CodecMode, json* out) {
  *out = {{"id", v.id.str()},
          {"employer", v.employer},
          {"occupation_code", Str(v.occupation_code)},
          {"title", v.title},
          {"description", v.description},
          {"skills", v.skills},
          {"salary_min", v.salary_min},
          {"salary_max", v.salary_max},
          {"region", Str(v.region)},
          {"headcount", v.headcount},
          {"employment_type", Name(v.employment_type)},
          {"status", Name(v.status)},
          {"posted_date", Str(v.posted_date)},
          {"expiry_date", Str(v.expiry_date)}};
  if (v.required_level) (*out)["required_level"] = Name(*v.required_level);
  if (v.training_project_id)
    (*out)["training_project_id"] = v.training_project_id->str();
  PutCoordinates(v.lat, v.lon, out);
}

json EncodeWishes(const TrainingWishes& w) {
  json out = {{"occupation_codes", Strs(w.occupation_codes)},
              {"text", w.text},
              {"modes", Names(w.modes)},
              {"schedules", Names(w.schedules)}};
  if (w.max_distance_km) out["max_distance_km"] = *w.max_distance_km;
  return out;
}

json EncodeHistory(const Worker& w) {
  json certificates = json::array(), subsidies = json::array(),
       work = json::array();
  for (const auto& c : w.certificates) {
    certificates.push_back({{"occupation_code", Str(c.occupation_code)},
                            {"level", Name(c.level)},
                            {"date", Str(c.date)},
                            {"province", Str(c.province)}});
  }
  for (const auto& s : w.subsidy_history) {
    json item = {{"occupation_code", Str(s.occupation_code)},
                 {"level", Name(s.level)},
                 {"date", Str(s.date)},
                 {"kind", Name(s.kind)},
                 {"amount_yuan", s.amount_yuan}};
    if (!s.voucher_id.empty()) item["voucher_id"] = s.voucher_id;
    subsidies.push_back(std::move(item));
  }
  for (const auto& r : w.work_history) {
    json item = {{"employer", r.employer}, {"start_date", Str(r.start_date)}};
    if (r.occupation_code) item["occupation_code"] = Str(*r.occupation_code);
    if (r.end_date) item["end_date"] = Str(*r.end_date);
    work.push_back(std::move(item));
  }
  return {{"certificates", certificates},
          {"subsidy_history", subsidies},
          {"work_history", work}};
}

void Encode(const Worker& w, CodecMode mode, json* out) {
  *out = {{"id", w.id.str()},
          {"real_name_verified", w.real_name_verified},
          {"id_masked", w.id_masked},
          {"phone_masked", w.phone_masked},
          {"education", Name(w.education)},
          {"region", Str(w.region)},
          {"hukou_type", Name(w.hukou_type)},
          {"groups", Names(w.groups)},
          {"employment_status", Name(w.employment_status)},
          {"unemployment_insured", w.unemployment_insured},
          {"skills", w.skills},
          {"wishes", EncodeWishes(w.wishes)}};
  if (!w.hukou_region.empty()) (*out)["hukou_region"] = Str(w.hukou_region);
  if (mode == CodecMode::kStored) {
    (*out)["birth_date"] = Str(w.birth_date);
    (*out)["id_hash"] = w.id_hash;
    (*out)["phone_hash"] = w.phone_hash;
  } else {
    // Never the full birth date beside a masked ID (see CodecMode).
    (*out)["birth_year"] = w.birth_date.year();
  }
  out->update(EncodeHistory(w));
  PutCoordinates(w.lat, w.lon, out);
}

void Encode(const Outcome& o, CodecMode, json* out) {
  *out = {{"id", o.id},
          {"worker_id", o.worker_id.str()},
          {"project_id", o.project_id.str()},
          {"enrolled_date", Str(o.enrolled_date)},
          {"completed", o.completed},
          {"employment", Name(o.employment)},
          {"employer", o.employer}};
  if (o.completion_date) (*out)["completion_date"] = Str(*o.completion_date);
  if (o.certificate_level)
    (*out)["certificate_level"] = Name(*o.certificate_level);
  if (o.employment_date) (*out)["employment_date"] = Str(*o.employment_date);
}

}  // namespace

void EncodeEntity(const Entity& entity, CodecMode mode, json* out) {
  std::visit([&](const auto& e) { Encode(e, mode, out); }, entity);
}

}  // namespace qiancheng
