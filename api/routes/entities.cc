#include <charconv>
#include <nlohmann/json.hpp>

#include "api/http_status.h"
#include "api/routes/routes.h"
#include "core/json_codec.h"

namespace qiancheng::api {

using nlohmann::json;

namespace {

constexpr int kMaxPageSize = 1000;
constexpr size_t kMaxBatchRows = 10000;

std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string EncodeForApi(const Entity& entity, store::Sequence seq) {
  json out;
  EncodeEntity(entity, CodecMode::kApi, &out);
  if (seq > 0) out["seq"] = seq;
  return Dump(out);
}

// The key field of `kind` in a body: "code" for occupations, else "id".
const char* KeyField(EntityKind kind) {
  return kind == EntityKind::kOccupation ? "code" : "id";
}

// Decodes one API-form body for `kind`; when `id` is given, the body's key must
// be absent (it is filled in) or equal to it.
Result<Entity> DecodeBody(EntityKind kind, json body, std::string_view id) {
  if (!body.is_object())
    return Status::InvalidArgument("body", "must be a JSON object");
  body.erase("seq");  // output-only
  if (!id.empty()) {
    const char* key = KeyField(kind);
    auto it = body.find(key);
    if (it == body.end()) {
      body[key] = std::string(id);
    } else if (!it->is_string() || it->get<std::string>() != id) {
      return Status::InvalidArgument(key, "differs from the id in the path");
    }
  }
  return DecodeEntity(kind, body, CodecMode::kApi);
}

// PutAll names the offending entity "[i]..."; a batch client counts lines.
Status RenameIndexToLine(const Status& status,
                         const std::vector<size_t>& lines) {
  const std::string& field = status.field();
  size_t close = field.find(']');
  if (field.empty() || field[0] != '[' || close == std::string::npos)
    return status;
  size_t index = 0;
  auto [ptr, ec] =
      std::from_chars(field.data() + 1, field.data() + close, index);
  if (ec != std::errc() || ptr != field.data() + close || index >= lines.size())
    return status;
  std::string rest = field.substr(close + 1);
  if (!rest.empty() && rest[0] == '.') rest.erase(0, 1);
  return Status(status.code(), status.message(),
                "line " + std::to_string(lines[index]) +
                    (rest.empty() ? "" : "." + rest));
}

Result<int> ParseLimit(std::string_view text) {
  int n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || ptr != text.data() + text.size() || n < 1 ||
      n > kMaxPageSize) {
    return Status::InvalidArgument(
        "limit", "must be a whole number 1.." + std::to_string(kMaxPageSize));
  }
  return n;
}

}  // namespace

Reply ErrorReply(const Status& status) {
  return {HttpStatusOf(status.code()), ErrorBody(status)};
}
Reply JsonReply(int http_status, std::string body) {
  return {http_status, std::move(body)};
}

Reply PutEntity(Caller& c, std::string_view collection, std::string_view id,
                std::string_view body) {
  Result<EntityKind> kind = ParseEntityKind(collection, "path");
  if (!kind.ok()) return ErrorReply(Status::NotFound("no such collection"));
  Result<json> parsed = ParseJson(body);
  if (!parsed.ok()) return ErrorReply(parsed.status());
  Result<Entity> entity = DecodeBody(*kind, std::move(*parsed), id);
  if (!entity.ok()) return ErrorReply(entity.status());
  // A counselor may neither create a worker outside their regions nor move one
  // out of them: check the new region and, when it exists, the stored one.
  const store::Store& store = c.app.store();
  Status allowed =
      Authorize(c.who, Access::kWrite, *kind, ScopeRegionOf(*entity, store));
  if (allowed.ok()) {
    Result<Entity> before = store.Get(*kind, id);
    if (before.ok())
      allowed = Authorize(c.who, Access::kWrite, *kind,
                          ScopeRegionOf(*before, store));
  }
  if (!allowed.ok()) return ErrorReply(allowed);
  Entity copy = *entity;
  Result<store::Sequence> seq = c.app.ingestor().Put(std::move(*entity));
  if (!seq.ok()) return ErrorReply(seq.status());
  c.app.AfterWrite();
  Result<Entity> stored = store.Get(*kind, id);
  return JsonReply(200, EncodeForApi(stored.ok() ? *stored : copy, *seq));
}

Reply GetEntity(Caller& c, std::string_view collection, std::string_view id) {
  Result<EntityKind> kind = ParseEntityKind(collection, "path");
  if (!kind.ok()) return ErrorReply(Status::NotFound("no such collection"));
  Result<Entity> entity = c.app.store().Get(*kind, id);
  // Authorise before revealing existence: a counselor gets 403 for a worker of
  // another region, and also for one that does not exist there.
  RegionCode scope =
      entity.ok() ? ScopeRegionOf(*entity, c.app.store()) : RegionCode();
  Status allowed = Authorize(c.who, Access::kRead, *kind, scope);
  if (!allowed.ok()) return ErrorReply(allowed);
  if (!entity.ok()) return ErrorReply(entity.status());
  return JsonReply(200, EncodeForApi(*entity, 0));
}

Reply DeleteEntity(Caller& c, std::string_view collection,
                   std::string_view id) {
  Result<EntityKind> kind = ParseEntityKind(collection, "path");
  if (!kind.ok()) return ErrorReply(Status::NotFound("no such collection"));
  Result<Entity> entity = c.app.store().Get(*kind, id);
  RegionCode scope =
      entity.ok() ? ScopeRegionOf(*entity, c.app.store()) : RegionCode();
  Status allowed = Authorize(c.who, Access::kWrite, *kind, scope);
  if (!allowed.ok()) return ErrorReply(allowed);
  Result<store::Sequence> seq = c.app.ingestor().Delete(*kind, id);
  if (!seq.ok()) return ErrorReply(seq.status());
  c.app.AfterWrite();
  return JsonReply(200, Dump({{"deleted", std::string(id)}, {"seq", *seq}}));
}

Reply ListEntities(Caller& c, std::string_view collection,
                   std::string_view cursor, std::string_view limit) {
  Result<EntityKind> kind = ParseEntityKind(collection, "path");
  if (!kind.ok()) return ErrorReply(Status::NotFound("no such collection"));
  store::ListOptions options;
  options.cursor = std::string(cursor);
  if (!limit.empty()) {
    Result<int> n = ParseLimit(limit);
    if (!n.ok()) return ErrorReply(n.status());
    options.limit = *n;
  }
  if (c.who.role == Role::kCounselor) {
    options.regions = c.who.regions;  // a counselor lists only their regions
  } else {
    Status allowed = Authorize(c.who, Access::kRead, *kind, RegionCode());
    if (!allowed.ok()) return ErrorReply(allowed);
  }
  Result<store::Page> page = c.app.store().List(*kind, options);
  if (!page.ok()) return ErrorReply(page.status());
  json items = json::array();
  for (const Entity& e : page->items) {
    json item;
    EncodeEntity(e, CodecMode::kApi, &item);
    items.push_back(std::move(item));
  }
  return JsonReply(
      200, Dump({{"items", items}, {"next_cursor", page->next_cursor}}));
}

Reply BatchEntities(Caller& c, std::string_view collection,
                    std::string_view body) {
  Result<EntityKind> kind = ParseEntityKind(collection, "path");
  if (!kind.ok()) return ErrorReply(Status::NotFound("no such collection"));
  std::vector<Entity> entities;
  std::vector<size_t> lines;  // line number of each entity
  size_t line_no = 0, start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (entities.size() == kMaxBatchRows) {
      return ErrorReply(
          Status::ResourceExhausted("a batch holds at most 10000 lines"));
    }
    const std::string where = "line " + std::to_string(line_no);
    Result<json> parsed = ParseJson(line);
    if (!parsed.ok()) return ErrorReply(parsed.status().WithFieldPrefix(where));
    Result<Entity> entity = DecodeBody(*kind, std::move(*parsed), "");
    if (!entity.ok()) return ErrorReply(entity.status().WithFieldPrefix(where));
    Status allowed = Authorize(c.who, Access::kWrite, *kind,
                               ScopeRegionOf(*entity, c.app.store()));
    if (!allowed.ok()) return ErrorReply(allowed.WithContext(where));
    entities.push_back(std::move(*entity));
    lines.push_back(line_no);
  }
  const size_t count = entities.size();
  Result<store::Sequence> seq = c.app.ingestor().PutAll(std::move(entities));
  if (!seq.ok()) return ErrorReply(RenameIndexToLine(seq.status(), lines));
  c.app.AfterWrite();
  return JsonReply(200, Dump({{"accepted", count}, {"seq", *seq}}));
}

}  // namespace qiancheng::api
