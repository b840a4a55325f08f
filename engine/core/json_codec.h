// core/json_codec.h -- entities <-> JSON (API contract v1 field names).
// Decoding validates every field and names the offending one by its path
// ("wishes.max_distance_km", "certificates[1].level"): missing required fields,
// wrong types, unknown fields and enum values, out-of-range numbers, malformed
// codes and dates. Cross-record checks (end after start, references) belong to
// ingest/validate.h. This file and json_codec.cc are the engine's only nlohmann
// users; the header needs only the forward declarations.
// Thread-safe: pure functions.
#ifndef QIANCHENG_CORE_JSON_CODEC_H_
#define QIANCHENG_CORE_JSON_CODEC_H_

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/entity.h"

namespace qiancheng {

// kApi: what clients send and receive. A worker is sent with id_number and
// phone in clear (write-only) and returned with masked forms only, and with its
// birth year instead of the birth date (an 18-digit ID masked to its first 6
// and last 4 digits hides exactly the birth date, so the two are never shown
// together). kStored: the store's form: hashes and masked forms, full birth
// date, never the clear ID number or phone.
enum class CodecMode { kApi, kStored };

// Nesting deeper than this is refused before parsing (nlohmann 3.11.2 recurses
// without bound in dump() and the destructor).
inline constexpr int kMaxJsonDepth = 32;

// Parses one JSON document. kInvalidArgument for syntax errors, invalid UTF-8,
// nesting deeper than `max_depth`, or an object with a duplicate key.
Result<nlohmann::json> ParseJson(std::string_view text,
                                 int max_depth = kMaxJsonDepth);

// Decodes `value` as an entity of `kind`. kInvalidArgument naming the field.
Result<Entity> DecodeEntity(EntityKind kind, const nlohmann::json& value,
                            CodecMode mode);
Result<Entity> DecodeEntityText(EntityKind kind, std::string_view text,
                                CodecMode mode);

void EncodeEntity(const Entity& entity, CodecMode mode, nlohmann::json* out);
std::string EncodeEntityText(const Entity& entity, CodecMode mode);

}  // namespace qiancheng

#endif  // QIANCHENG_CORE_JSON_CODEC_H_
