#include <nlohmann/json.hpp>

#include "api/routes/routes.h"
#include "core/json_codec.h"

namespace qiancheng::api {

using nlohmann::json;

namespace {

Status RequireAdmin(const Principal& who) {
  if (who.role != Role::kAdmin)
    return Status::PermissionDenied("only admin keys manage keys");
  return Status::Ok();
}

Result<std::vector<RegionCode>> DecodeRegions(const json& body) {
  std::vector<RegionCode> regions;
  auto it = body.find("regions");
  if (it == body.end() || it->is_null()) return regions;
  if (!it->is_array() || it->size() > 100) {
    return Status::InvalidArgument(
        "regions", "must be an array of up to 100 region codes");
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string field = "regions[" + std::to_string(i) + "]";
    if (!(*it)[i].is_string())
      return Status::InvalidArgument(field, "must be a region code string");
    QC_ASSIGN_OR_RETURN(RegionCode code,
                        RegionCode::Parse((*it)[i].get<std::string>(), field));
    regions.push_back(code);
  }
  return regions;
}

}  // namespace

Reply CreateKey(Caller& c, std::string_view body) {
  if (Status s = RequireAdmin(c.who); !s.ok()) return ErrorReply(s);
  Result<json> parsed = ParseJson(body);
  if (!parsed.ok()) return ErrorReply(parsed.status());
  if (!parsed->is_object())
    return ErrorReply(Status::InvalidArgument("body", "must be an object"));
  for (const auto& item : parsed->items()) {
    if (item.key() != "role" && item.key() != "regions") {
      return ErrorReply(Status::InvalidArgument(item.key(), "unknown field"));
    }
  }
  auto role_it = parsed->find("role");
  if (role_it == parsed->end() || !role_it->is_string()) {
    return ErrorReply(Status::InvalidArgument("role", "is required"));
  }
  Result<Role> role = Parse<Role>(role_it->get<std::string>(), "role");
  if (!role.ok()) return ErrorReply(role.status());
  Result<std::vector<RegionCode>> regions = DecodeRegions(*parsed);
  if (!regions.ok()) return ErrorReply(regions.status());
  Result<NewKey> key = c.keys.Create(*role, *regions);
  if (!key.ok()) return ErrorReply(key.status());
  json out = {
      {"key_id", key->key_id}, {"key", key->key}, {"role", Name(*role)}};
  json region_list = json::array();
  for (const RegionCode& r : *regions) region_list.push_back(r.str());
  out["regions"] = region_list;
  return JsonReply(201, out.dump());
}

Reply RevokeKey(Caller& c, std::string_view key_id) {
  if (Status s = RequireAdmin(c.who); !s.ok()) return ErrorReply(s);
  Status s = c.keys.Revoke(key_id);
  if (!s.ok()) return ErrorReply(s);
  return JsonReply(200, json{{"revoked", std::string(key_id)}}.dump());
}

}  // namespace qiancheng::api
