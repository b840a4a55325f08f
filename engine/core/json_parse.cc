// ParseJson: bounded depth, duplicate keys refused, UTF-8 checked by nlohmann.
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "core/json_codec.h"

namespace qiancheng {
namespace {

// Scans nesting depth without building anything, so a hostile document of a
// million '[' is refused in linear time before nlohmann recurses into it.
bool DepthWithin(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

}  // namespace

Result<nlohmann::json> ParseJson(std::string_view text, int max_depth) {
  using nlohmann::json;
  if (!DepthWithin(text, max_depth)) {
    return Status::InvalidArgument(
        "body", "nests deeper than " + std::to_string(max_depth) + " levels");
  }
  std::vector<std::set<std::string>> keys;  // one set per open object
  std::string duplicate;
  auto callback = [&](int, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        keys.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!keys.empty()) keys.pop_back();
        break;
      case json::parse_event_t::key:
        if (!keys.empty() &&
            !keys.back().insert(parsed.get<std::string>()).second &&
            duplicate.empty()) {
          duplicate = parsed.get<std::string>();
        }
        break;
      default:
        break;
    }
    return true;
  };
  json value = json::parse(text.begin(), text.end(), callback,
                           /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return Status::InvalidArgument("body",
                                   "is not valid JSON (or not valid UTF-8)");
  }
  if (!duplicate.empty())
    return Status::InvalidArgument(duplicate, "appears twice in one object");
  return value;
}

}  // namespace qiancheng
