// The invariants checked here are the ones the API contract and the store rely
// on, stated so that a violation is a bug and never a matter of taste:
//   P1  ParseJson refuses anything nested deeper than kMaxJsonDepth, and what
//       it accepts dumps to text that parses back to the same value.
//   D1  A decoder either accepts or answers kInvalidArgument (never another
//       code: the API would map it to a 5xx for bad client input).
//   D2  A decoded entity is of the kind asked for, and its key is a valid id.
//   S1  Stored form is stable: decode(encode(x)) re-encodes to the same text,
//       so a record read back from the store equals the one written.
//   S2  Neither form ever carries the clear ID number or phone.
//   A1  API form is stable for every kind; a worker's API form, sent back with
//       the birth date added (what a client that knows it would do), re-encodes
//       to the same text apart from the masked fields, which input ignores.
//   A2  A worker's API form never carries the full birth date or the hashes.
//   B1  A worker sent in API form without a birth date (absent or null) takes
//       the one its ID number encodes, and is refused without an ID number
//       ("birth_date is required (or give id_number)").
//   E1  A subsidy decision read back from its encoding equals the original
//       (audit replay).
#include "json_decoders_fuzz.h"

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "api/json/subsidy_json.h"
#include "core/contact.h"
#include "core/json_codec.h"

namespace qiancheng::fuzz {
namespace {

using nlohmann::json;

[[noreturn]] void Violated(std::string_view invariant,
                           std::string_view detail) {
  std::fprintf(stderr, "json fuzz: invariant %.*s violated\n  %.*s\n",
               static_cast<int>(invariant.size()), invariant.data(),
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

void Require(bool holds, std::string_view invariant, std::string_view detail) {
  if (!holds) Violated(invariant, detail);
}

// Counted with an explicit stack: if P1 were broken, recursing here would
// overflow before the check could report it.
int DepthOf(const json& root) {
  std::vector<std::pair<const json*, int>> pending{{&root, 1}};
  int deepest = 0;
  while (!pending.empty()) {
    auto [node, depth] = pending.back();
    pending.pop_back();
    if (!node->is_structured()) continue;
    deepest = std::max(deepest, depth);
    for (const json& child : *node) pending.emplace_back(&child, depth + 1);
  }
  return deepest;
}

void CheckParsed(const json& value) {
  Require(DepthOf(value) <= kMaxJsonDepth, "P1", "depth above the cap");
  const std::string text = value.dump();
  Result<json> again = ParseJson(text);
  Require(again.ok(), "P1", text);
  Require(*again == value && again->dump() == text, "P1", text);
}

void RequireRefusal(const Status& status, std::string_view decoder) {
  std::string detail(decoder);
  detail += ": ";
  detail += status.ToString();
  Require(status.code() == Code::kInvalidArgument, "D1", detail);
}

void RequireNoContact(const json& form, std::string_view text) {
  Require(!form.contains("id_number") && !form.contains("phone"), "S2", text);
}

// Decodes `text` as `kind` in `mode` and re-encodes it; the result must be
// `text` again (after `strip` removes fields the decoder ignores).
void RequireStable(EntityKind kind, CodecMode mode, const std::string& text,
                   std::string_view invariant,
                   const std::vector<const char*>& strip = {}) {
  Result<Entity> back = DecodeEntityText(kind, text, mode);
  if (!back.ok()) {
    std::string detail = back.status().ToString();
    detail += " for ";
    detail += text;
    Violated(invariant, detail);
  }
  json first = json::parse(text),
       second = json::parse(EncodeEntityText(*back, mode));
  for (const char* key : strip) {
    first.erase(key);
    second.erase(key);
  }
  Require(first.dump() == second.dump(), invariant, text);
}

void CheckWorkerApiForm(const Worker& worker, const std::string& api_text) {
  json form = json::parse(api_text);
  RequireNoContact(form, api_text);
  Require(!form.contains("birth_date") && !form.contains("id_hash") &&
              !form.contains("phone_hash"),
          "A2", api_text);
  form["birth_date"] = worker.birth_date.ToString();
  RequireStable(EntityKind::kWorker, CodecMode::kApi, form.dump(), "A1",
                {"id_masked", "phone_masked", "birth_date"});
}

void CheckApiBirthDate(const json& value, const Worker& worker) {
  auto given = value.find("birth_date");
  if (given != value.end() && !given->is_null()) return;
  const std::string& id_number = worker.contact.id_number;
  Require(!id_number.empty(), "B1", "accepted without birth date or ID");
  Require(worker.birth_date == BirthDateOfIdNumber(id_number), "B1",
          worker.birth_date.ToString());
}

void CheckEntity(EntityKind kind, CodecMode mode, const json& value,
                 std::string name, DecodeReport* report) {
  Result<Entity> decoded = DecodeEntity(kind, value, mode);
  if (!decoded.ok()) return RequireRefusal(decoded.status(), name);
  const Entity& entity = *decoded;
  Require(KindOf(entity) == kind, "D2", name);
  if (kind != EntityKind::kOccupation)
    Require(ValidateEntityId(IdOf(entity)).ok(), "D2", IdOf(entity));

  const std::string stored = EncodeEntityText(entity, CodecMode::kStored);
  RequireNoContact(json::parse(stored), stored);
  RequireStable(kind, CodecMode::kStored, stored, "S1");

  const std::string api_text = EncodeEntityText(entity, CodecMode::kApi);
  if (kind == EntityKind::kWorker) {
    if (mode == CodecMode::kApi)
      CheckApiBirthDate(value, std::get<Worker>(entity));
    CheckWorkerApiForm(std::get<Worker>(entity), api_text);
  } else {
    RequireStable(kind, CodecMode::kApi, api_text, "A1");
  }
  report->accepted.push_back(std::move(name));
}

void CheckSubsidyDecision(const json& value, DecodeReport* report) {
  Result<SubsidyDecision> decision = api::DecodeSubsidyDecision(value);
  if (!decision.ok())
    return RequireRefusal(decision.status(), "subsidy_decision");
  json encoded;
  api::EncodeSubsidyDecision(*decision, &encoded);
  const std::string text = encoded.dump();
  Result<json> parsed = ParseJson(text);
  Require(parsed.ok(), "E1", text);
  Result<SubsidyDecision> back = api::DecodeSubsidyDecision(*parsed);
  Require(back.ok() && *back == *decision, "E1", text);
  report->accepted.push_back("subsidy_decision");
}

// POST /v1/eligibility carries a worker and a training project inline, in API
// form (api/routes/subsidy.cc); the rest of that route needs a store.
void CheckEligibilityBody(const json& value, DecodeReport* report) {
  if (!value.is_object()) return;
  const std::pair<const char*, EntityKind> inline_fields[] = {
      {"worker", EntityKind::kWorker},
      {"training_project", EntityKind::kTrainingProject}};
  for (const auto& [field, kind] : inline_fields) {
    auto it = value.find(field);
    if (it == value.end()) continue;
    std::string name = "eligibility_";
    name += field;
    CheckEntity(kind, CodecMode::kApi, *it, std::move(name), report);
  }
}

}  // namespace

DecodeReport DriveJsonDecoders(const uint8_t* data, size_t size) {
  DecodeReport report;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<json> parsed = ParseJson(text);
  if (!parsed.ok()) {
    RequireRefusal(parsed.status(), "ParseJson");
    return report;
  }
  report.parsed = true;
  CheckParsed(*parsed);
  for (EntityKind kind : kAllEntityKinds) {
    for (CodecMode mode : {CodecMode::kApi, CodecMode::kStored}) {
      std::string name(SingularName(kind));
      name += mode == CodecMode::kApi ? "_api" : "_stored";
      CheckEntity(kind, mode, *parsed, std::move(name), &report);
    }
  }
  CheckSubsidyDecision(*parsed, &report);
  CheckEligibilityBody(*parsed, &report);
  return report;
}

int FuzzJsonDecoders(const uint8_t* data, size_t size) {
  DriveJsonDecoders(data, size);
  return 0;
}

}  // namespace qiancheng::fuzz
