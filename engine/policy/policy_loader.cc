// Policy file JSON -> PolicyDocument. The only nlohmann user of policy/;
// parses without exceptions (core's ParseJson) and names every bad field.
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "core/json_codec.h"
#include "policy/policy_set.h"

namespace qiancheng::policy {
namespace {

using nlohmann::json;

Result<std::string> StringField(const json& obj, const std::string& name,
                                bool allow_empty) {
  auto it = obj.find(name);
  if (it == obj.end()) return Status::InvalidArgument(name, "is required");
  if (!it->is_string())
    return Status::InvalidArgument(name, "must be a string");
  std::string value = it->get<std::string>();
  if (value.empty() && !allow_empty)
    return Status::InvalidArgument(name, "must not be empty");
  return value;
}

Status OnlyKnown(const json& obj, const std::set<std::string>& known) {
  for (const auto& [key, value] : obj.items()) {
    if (known.count(key) == 0)
      return Status::InvalidArgument(key, "unknown field");
  }
  return Status::Ok();
}

Result<ParamValue> ToParam(const std::string& name, const json& v) {
  if (v.is_boolean()) return ParamValue(v.get<bool>());
  if (v.is_number()) return ParamValue(v.get<double>());
  if (v.is_string()) return ParamValue(v.get<std::string>());
  if (v.is_array()) {
    std::vector<std::string> list;
    for (const auto& e : v) {
      if (!e.is_string())
        return Status::InvalidArgument(name, "list items must be strings");
      list.push_back(e.get<std::string>());
    }
    return ParamValue(std::move(list));
  }
  if (v.is_object()) {
    std::map<std::string, double> table;
    for (const auto& [key, e] : v.items()) {
      if (!e.is_number())
        return Status::InvalidArgument(name + "." + key, "must be a number");
      table[key] = e.get<double>();
    }
    return ParamValue(std::move(table));
  }
  return Status::InvalidArgument(
      name, "must be a number, boolean, string, list or object");
}

Result<RuleSpec> ParseRule(const json& r, const std::string& doc) {
  if (!r.is_object()) return Status::InvalidArgument("", "must be an object");
  QC_RETURN_IF_ERROR(
      OnlyKnown(r, {"id", "kind", "clause", "text", "note", "params"}));
  RuleSpec spec;
  spec.doc = doc;
  QC_ASSIGN_OR_RETURN(spec.id, StringField(r, "id", false));
  static const std::regex kRuleId("R[0-9]{1,2}");
  if (!std::regex_match(spec.id, kRuleId)) {
    return Status::InvalidArgument("id", "must be a rule id R1..R99");
  }
  QC_ASSIGN_OR_RETURN(spec.kind, StringField(r, "kind", false));
  QC_ASSIGN_OR_RETURN(spec.clause, StringField(r, "clause", false));
  QC_ASSIGN_OR_RETURN(spec.text, StringField(r, "text", false));
  if (r.contains("note")) {
    QC_ASSIGN_OR_RETURN(spec.note, StringField(r, "note", true));
  }
  std::map<std::string, ParamValue> params;
  if (auto it = r.find("params"); it != r.end()) {
    if (!it->is_object())
      return Status::InvalidArgument("params", "must be an object");
    for (const auto& [key, value] : it->items()) {
      auto p = ToParam(key, value);
      if (!p.ok()) return p.status().WithFieldPrefix("params");
      params[key] = std::move(p).value();
    }
  }
  spec.params = Params(std::move(params));
  return spec;
}

Status ParseHeader(const json& j, PolicyDocument* d) {
  QC_RETURN_IF_ERROR(
      OnlyKnown(j, {"title", "issuer", "number", "jurisdiction", "version",
                    "effective_from", "effective_to", "source", "rules"}));
  QC_ASSIGN_OR_RETURN(d->title, StringField(j, "title", false));
  QC_ASSIGN_OR_RETURN(d->issuer, StringField(j, "issuer", false));
  QC_ASSIGN_OR_RETURN(d->number, StringField(j, "number", true));
  QC_ASSIGN_OR_RETURN(d->version, StringField(j, "version", false));
  QC_ASSIGN_OR_RETURN(d->source, StringField(j, "source", false));
  QC_ASSIGN_OR_RETURN(std::string region,
                      StringField(j, "jurisdiction", false));
  QC_ASSIGN_OR_RETURN(d->jurisdiction,
                      RegionCode::Parse(region, "jurisdiction"));
  QC_ASSIGN_OR_RETURN(std::string from,
                      StringField(j, "effective_from", false));
  QC_ASSIGN_OR_RETURN(d->effective_from, Date::Parse(from, "effective_from"));
  if (auto it = j.find("effective_to"); it != j.end() && !it->is_null()) {
    QC_ASSIGN_OR_RETURN(std::string to, StringField(j, "effective_to", false));
    QC_ASSIGN_OR_RETURN(Date end, Date::Parse(to, "effective_to"));
    if (end < d->effective_from) {
      return Status::InvalidArgument("effective_to",
                                     "must not be before effective_from");
    }
    d->effective_to = end;
  }
  return Status::Ok();
}

}  // namespace

Result<PolicyDocument> ParsePolicyDocument(const std::string& doc,
                                           std::string_view text) {
  QC_ASSIGN_OR_RETURN(json j, ParseJson(text));
  if (!j.is_object())
    return Status::InvalidArgument("", "a policy file must be a JSON object");
  PolicyDocument d;
  d.doc = doc;
  QC_RETURN_IF_ERROR(ParseHeader(j, &d));
  auto rules = j.find("rules");
  if (rules == j.end() || !rules->is_array() || rules->empty()) {
    return Status::InvalidArgument("rules", "must be a non-empty list");
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < rules->size(); ++i) {
    std::string at = "rules[" + std::to_string(i) + "]";
    auto spec = ParseRule((*rules)[i], doc);
    if (!spec.ok()) return spec.status().WithFieldPrefix(at);
    if (!ids.insert(spec->id).second) {
      return Status::InvalidArgument(at + ".id",
                                     "rule id " + spec->id + " appears twice");
    }
    auto rule = MakeRule(std::move(spec).value());
    if (!rule.ok()) return rule.status().WithFieldPrefix(at);
    d.rules.push_back(std::move(rule).value());
  }
  return d;
}

}  // namespace qiancheng::policy
