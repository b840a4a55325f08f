#include "api/json/subsidy_json.h"

#include <nlohmann/json.hpp>

namespace qiancheng::api {
namespace {

using nlohmann::json;

json Reason(const SubsidyReason& r) {
  return json{{"rule", r.rule},     {"passed", r.passed},   {"doc", r.doc},
              {"clause", r.clause}, {"message", r.message}, {"kind", r.kind},
              {"effect", r.effect}, {"quote", r.quote}};
}

json Reasons(const std::vector<SubsidyReason>& reasons) {
  json out = json::array();
  for (const auto& r : reasons) out.push_back(Reason(r));
  return out;
}

json Policies(const std::vector<PolicyRef>& policies) {
  json out = json::array();
  for (const auto& p : policies) {
    out.push_back(json{{"doc", p.doc},
                       {"version", p.version},
                       {"title", p.title},
                       {"number", p.number},
                       {"jurisdiction", p.jurisdiction}});
  }
  return out;
}

json Amounts(const SubsidyAmounts& a) {
  return json{{"base_yuan", a.base_yuan},
              {"shortage_uplift_yuan", a.shortage_uplift_yuan},
              {"shortage_factor", a.shortage_factor},
              {"online_factor", a.online_factor},
              {"subsidy_yuan", a.subsidy_yuan},
              {"by_outcome",
               {{"none", a.by_outcome.none},
                {"flexible", a.by_outcome.flexible},
                {"stable", a.by_outcome.stable}}},
              {"living_allowance_yuan", a.living_allowance_yuan},
              {"transport_allowance_yuan", a.transport_allowance_yuan},
              {"skill_upgrade_yuan", a.skill_upgrade_yuan},
              {"worker_pays_yuan", a.worker_pays_yuan}};
}

// Readers that never throw: each names its field on a type mismatch.
Status Get(const json& obj, const char* name, std::string* out) {
  auto it = obj.find(name);
  if (it == obj.end() || !it->is_string())
    return Status::InvalidArgument(name, "must be a string");
  *out = it->get<std::string>();
  return Status::Ok();
}
Status Get(const json& obj, const char* name, bool* out) {
  auto it = obj.find(name);
  if (it == obj.end() || !it->is_boolean())
    return Status::InvalidArgument(name, "must be a boolean");
  *out = it->get<bool>();
  return Status::Ok();
}
Status Get(const json& obj, const char* name, double* out) {
  auto it = obj.find(name);
  if (it == obj.end() || !it->is_number())
    return Status::InvalidArgument(name, "must be a number");
  *out = it->get<double>();
  return Status::Ok();
}
Result<const json*> Array(const json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end() || !it->is_array())
    return Status::InvalidArgument(name, "must be a list");
  return &*it;
}

Result<SubsidyReason> DecodeReason(const json& j) {
  if (!j.is_object()) return Status::InvalidArgument("", "must be an object");
  SubsidyReason r;
  QC_RETURN_IF_ERROR(Get(j, "rule", &r.rule));
  QC_RETURN_IF_ERROR(Get(j, "passed", &r.passed));
  QC_RETURN_IF_ERROR(Get(j, "doc", &r.doc));
  QC_RETURN_IF_ERROR(Get(j, "clause", &r.clause));
  QC_RETURN_IF_ERROR(Get(j, "message", &r.message));
  QC_RETURN_IF_ERROR(Get(j, "kind", &r.kind));
  QC_RETURN_IF_ERROR(Get(j, "effect", &r.effect));
  QC_RETURN_IF_ERROR(Get(j, "quote", &r.quote));
  return r;
}

Result<PolicyRef> DecodePolicy(const json& j) {
  if (!j.is_object()) return Status::InvalidArgument("", "must be an object");
  PolicyRef p;
  QC_RETURN_IF_ERROR(Get(j, "doc", &p.doc));
  QC_RETURN_IF_ERROR(Get(j, "version", &p.version));
  QC_RETURN_IF_ERROR(Get(j, "title", &p.title));
  QC_RETURN_IF_ERROR(Get(j, "number", &p.number));
  QC_RETURN_IF_ERROR(Get(j, "jurisdiction", &p.jurisdiction));
  return p;
}

Status DecodeAmounts(const json& j, SubsidyAmounts* a) {
  if (!j.is_object()) return Status::InvalidArgument("", "must be an object");
  QC_RETURN_IF_ERROR(Get(j, "base_yuan", &a->base_yuan));
  QC_RETURN_IF_ERROR(Get(j, "shortage_uplift_yuan", &a->shortage_uplift_yuan));
  QC_RETURN_IF_ERROR(Get(j, "shortage_factor", &a->shortage_factor));
  QC_RETURN_IF_ERROR(Get(j, "online_factor", &a->online_factor));
  QC_RETURN_IF_ERROR(Get(j, "subsidy_yuan", &a->subsidy_yuan));
  auto by = j.find("by_outcome");
  if (by == j.end() || !by->is_object()) {
    return Status::InvalidArgument("by_outcome", "must be an object");
  }
  QC_RETURN_IF_ERROR(
      Get(*by, "none", &a->by_outcome.none).WithFieldPrefix("by_outcome"));
  QC_RETURN_IF_ERROR(Get(*by, "flexible", &a->by_outcome.flexible)
                         .WithFieldPrefix("by_outcome"));
  QC_RETURN_IF_ERROR(
      Get(*by, "stable", &a->by_outcome.stable).WithFieldPrefix("by_outcome"));
  QC_RETURN_IF_ERROR(
      Get(j, "living_allowance_yuan", &a->living_allowance_yuan));
  QC_RETURN_IF_ERROR(
      Get(j, "transport_allowance_yuan", &a->transport_allowance_yuan));
  QC_RETURN_IF_ERROR(Get(j, "skill_upgrade_yuan", &a->skill_upgrade_yuan));
  return Get(j, "worker_pays_yuan", &a->worker_pays_yuan);
}

Status DecodeHeader(const json& j, SubsidyDecision* d) {
  QC_RETURN_IF_ERROR(Get(j, "eligible", &d->eligible));
  QC_RETURN_IF_ERROR(Get(j, "priority", &d->priority));
  std::string text;
  QC_RETURN_IF_ERROR(Get(j, "worker_id", &text));
  d->worker_id = WorkerId(text);
  QC_RETURN_IF_ERROR(Get(j, "project_id", &text));
  d->project_id = ProjectId(text);
  QC_RETURN_IF_ERROR(Get(j, "as_of", &text));
  QC_ASSIGN_OR_RETURN(d->as_of, Date::Parse(text, "as_of"));
  return Status::Ok();
}

}  // namespace

void EncodeSubsidyDecision(const SubsidyDecision& d, json* out) {
  *out =
      json{{"eligible", d.eligible},         {"reasons", Reasons(d.reasons)},
           {"amounts", Amounts(d.amounts)},  {"policies", Policies(d.policies)},
           {"worker_id", d.worker_id.str()}, {"project_id", d.project_id.str()},
           {"as_of", d.as_of.ToString()},    {"priority", d.priority}};
}

Result<SubsidyDecision> DecodeSubsidyDecision(const json& j) {
  if (!j.is_object())
    return Status::InvalidArgument("", "a subsidy_decision must be an object");
  SubsidyDecision d;
  QC_RETURN_IF_ERROR(DecodeHeader(j, &d));
  QC_ASSIGN_OR_RETURN(const json* reasons, Array(j, "reasons"));
  for (size_t i = 0; i < reasons->size(); ++i) {
    auto r = DecodeReason((*reasons)[i]);
    if (!r.ok())
      return r.status().WithFieldPrefix("reasons[" + std::to_string(i) + "]");
    d.reasons.push_back(std::move(r).value());
  }
  auto amounts = j.find("amounts");
  if (amounts == j.end())
    return Status::InvalidArgument("amounts", "is required");
  QC_RETURN_IF_ERROR(
      DecodeAmounts(*amounts, &d.amounts).WithFieldPrefix("amounts"));
  QC_ASSIGN_OR_RETURN(const json* policies, Array(j, "policies"));
  for (size_t i = 0; i < policies->size(); ++i) {
    auto p = DecodePolicy((*policies)[i]);
    if (!p.ok())
      return p.status().WithFieldPrefix("policies[" + std::to_string(i) + "]");
    d.policies.push_back(std::move(p).value());
  }
  return d;
}

void EncodeSettlement(const policy::Settlement& s, json* out) {
  json items = json::array();
  for (const auto& line : s.lines) {
    items.push_back(json{{"worker_id", line.worker_id.str()},
                         {"paid", line.paid},
                         {"amount_yuan", line.amount_yuan},
                         {"payee", line.payee},
                         {"reasons", Reasons(line.reasons)}});
  }
  *out = json{{"project_id", s.project_id.str()},
              {"as_of", s.as_of.ToString()},
              {"completed", s.completed},
              {"employed", s.employed},
              {"employment_rate", s.employment_rate},
              {"employed_only", s.employed_only},
              {"total_yuan", s.total_yuan},
              {"items", std::move(items)},
              {"reasons", Reasons(s.reasons)},
              {"policies", Policies(s.policies)}};
}

}  // namespace qiancheng::api
