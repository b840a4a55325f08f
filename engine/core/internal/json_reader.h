// core/internal/json_reader.h -- field-by-field decoding with paths in errors.
// Private to core/json_codec.cc and its helpers.
#ifndef QIANCHENG_CORE_INTERNAL_JSON_READER_H_
#define QIANCHENG_CORE_INTERNAL_JSON_READER_H_

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enums.h"
#include "core/ids.h"

namespace qiancheng::internal {

using nlohmann::json;

inline constexpr size_t kMaxStringBytes = 20000;
inline constexpr size_t kMaxArrayItems = 1000;

struct Bounds {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
};

inline Status TypeError(const std::string& path, const char* want) {
  return Status::InvalidArgument(path, std::string("must be ") + want);
}

inline Status ReadValue(const json& v, const std::string& path,
                        std::string* out, Bounds = {}) {
  if (!v.is_string()) return TypeError(path, "a string");
  const auto& s = v.get_ref<const std::string&>();
  if (s.size() > kMaxStringBytes)
    return Status::InvalidArgument(path, "is too long");
  *out = s;
  return Status::Ok();
}

inline Status ReadValue(const json& v, const std::string& path, bool* out,
                        Bounds = {}) {
  if (!v.is_boolean()) return TypeError(path, "true or false");
  *out = v.get<bool>();
  return Status::Ok();
}

inline Status ReadValue(const json& v, const std::string& path, double* out,
                        Bounds b = {}) {
  if (!v.is_number()) return TypeError(path, "a number");
  double d = v.get<double>();
  if (!std::isfinite(d)) return TypeError(path, "a finite number");
  if (d < b.lo || d > b.hi) {
    return Status::InvalidArgument(
        path,
        "must be between " + json(b.lo).dump() + " and " + json(b.hi).dump());
  }
  *out = d;
  return Status::Ok();
}

inline Status ReadValue(const json& v, const std::string& path, int* out,
                        Bounds b = {}) {
  if (!v.is_number_integer()) return TypeError(path, "a whole number");
  const double lo = std::max(b.lo, double{std::numeric_limits<int>::min()});
  const double hi = std::min(b.hi, double{std::numeric_limits<int>::max()});
  // Text "0" parses as unsigned, "-1" as signed: compare both as the value.
  const bool out_of_range =
      v.is_number_unsigned() ? (v.get<uint64_t>() > static_cast<uint64_t>(hi) ||
                                static_cast<double>(v.get<uint64_t>()) < lo)
                             : (v.get<int64_t>() < lo || v.get<int64_t>() > hi);
  if (out_of_range) {
    return Status::InvalidArgument(
        path, "must be between " + json(static_cast<int64_t>(lo)).dump() +
                  " and " + json(static_cast<int64_t>(hi)).dump());
  }
  *out = static_cast<int>(v.get<int64_t>());
  return Status::Ok();
}

inline Status ReadValue(const json& v, const std::string& path, Date* out,
                        Bounds = {}) {
  if (!v.is_string()) return TypeError(path, "a date YYYY-MM-DD");
  QC_ASSIGN_OR_RETURN(*out, Date::Parse(v.get_ref<const std::string&>(), path));
  return Status::Ok();
}

inline Status ReadValue(const json& v, const std::string& path, RegionCode* out,
                        Bounds = {}) {
  if (!v.is_string()) return TypeError(path, "a 6-digit region code string");
  QC_ASSIGN_OR_RETURN(*out,
                      RegionCode::Parse(v.get_ref<const std::string&>(), path));
  return Status::Ok();
}

inline Status ReadValue(const json& v, const std::string& path,
                        OccupationCode* out, Bounds = {}) {
  if (!v.is_string()) return TypeError(path, "an occupation code string");
  QC_ASSIGN_OR_RETURN(
      *out, OccupationCode::Parse(v.get_ref<const std::string&>(), path));
  return Status::Ok();
}

template <class Tag>
Status ReadValue(const json& v, const std::string& path, Id<Tag>* out,
                 Bounds = {}) {
  if (!v.is_string()) return TypeError(path, "an id string");
  const auto& s = v.get_ref<const std::string&>();
  QC_RETURN_IF_ERROR(ValidateEntityId(s, path));
  *out = Id<Tag>(s);
  return Status::Ok();
}

template <class E>
requires std::is_enum_v<E> Status ReadValue(const json& v,
                                            const std::string& path, E* out,
                                            Bounds = {}) {
  if (!v.is_string()) return TypeError(path, "a string");
  QC_ASSIGN_OR_RETURN(*out, Parse<E>(v.get_ref<const std::string&>(), path));
  return Status::Ok();
}

template <class T>
Status ReadValue(const json& v, const std::string& path, std::optional<T>* out,
                 Bounds b = {}) {
  if (v.is_null()) {
    out->reset();
    return Status::Ok();
  }
  T value{};
  QC_RETURN_IF_ERROR(ReadValue(v, path, &value, b));
  *out = std::move(value);
  return Status::Ok();
}

template <class T>
Status ReadValue(const json& v, const std::string& path, std::vector<T>* out,
                 Bounds b = {}) {
  if (!v.is_array()) return TypeError(path, "an array");
  if (v.size() > kMaxArrayItems)
    return Status::InvalidArgument(path, "has too many items");
  out->clear();
  out->reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    T item{};
    QC_RETURN_IF_ERROR(
        ReadValue(v[i], path + "[" + std::to_string(i) + "]", &item, b));
    out->push_back(std::move(item));
  }
  return Status::Ok();
}

// Reads the fields of one JSON object; the first error wins. Finish() reports
// fields that no Req/Opt/Ignore named (a misspelt field is an error, not a
// no-op).
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string path)
      : object_(object), path_(std::move(path)) {
    if (!object_.is_object())
      status_ = TypeError(path_.empty() ? "body" : path_, "an object");
  }

  template <class T>
  ObjectReader& Req(const char* key, T* out, Bounds b = {}) {
    return Read(key, out, b, /*required=*/true);
  }
  template <class T>
  ObjectReader& Opt(const char* key, T* out, Bounds b = {}) {
    return Read(key, out, b, /*required=*/false);
  }
  ObjectReader& Ignore(const char* key) {
    known_.insert(key);
    return *this;
  }
  bool Has(const char* key) const {
    return object_.is_object() && object_.contains(key);
  }

  Status Finish() {
    if (!status_.ok()) return status_;
    for (const auto& item : object_.items()) {
      if (!known_.count(item.key()))
        return Status::InvalidArgument(Path(item.key()), "unknown field");
    }
    return Status::Ok();
  }

 private:
  template <class T>
  ObjectReader& Read(const char* key, T* out, Bounds b, bool required) {
    known_.insert(key);
    if (!status_.ok()) return *this;
    auto it = object_.find(key);
    if (it == object_.end() || (it->is_null() && required)) {
      if (required) status_ = Status::InvalidArgument(Path(key), "is required");
      return *this;
    }
    if (it->is_null())
      return *this;  // optional and explicitly null: keep the default
    status_ = ReadValue(*it, Path(key), out, b);
    return *this;
  }
  std::string Path(const std::string& key) const {
    return path_.empty() ? key : path_ + "." + key;
  }

  const json& object_;
  std::string path_;
  Status status_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace qiancheng::internal

#endif  // QIANCHENG_CORE_INTERNAL_JSON_READER_H_
