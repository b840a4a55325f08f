// core/ids.h -- identifiers and codes of the domain.
// Entity ids are the client's strings (API contract v1), wrapped in a distinct
// type per entity so a WorkerId cannot be passed where a ProjectId is meant.
// RegionCode (GB/T 2260, 6 digits) and OccupationCode (职业分类大典,
// N-NN-NN-NN) are validated when parsed. Value types; thread-compatible.
#ifndef QIANCHENG_CORE_IDS_H_
#define QIANCHENG_CORE_IDS_H_

#include <compare>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace qiancheng {

template <class Tag>
class Id {
 public:
  Id() = default;
  explicit Id(std::string value) : value_(std::move(value)) {}
  const std::string& str() const { return value_; }
  bool empty() const { return value_.empty(); }
  friend auto operator<=>(const Id&, const Id&) = default;

 private:
  std::string value_;
};

using WorkerId = Id<struct WorkerTag>;
using ProjectId = Id<struct ProjectTag>;
using VacancyId = Id<struct VacancyTag>;
using InstitutionId = Id<struct InstitutionTag>;

// kInvalidArgument unless `id` is 1..128 bytes of [A-Za-z0-9._:-] (ids appear
// in URL paths and log lines, so no spaces, slashes or control characters).
Status ValidateEntityId(std::string_view id, std::string_view field = "id");

// A GB/T 2260 region code: 6 digits. "000000" is the whole country.
class RegionCode {
 public:
  RegionCode() = default;
  static Result<RegionCode> Parse(std::string_view text,
                                  std::string_view field = "region");
  const std::string& str() const { return code_; }
  bool empty() const { return code_.empty(); }
  bool IsNational() const { return code_ == "000000"; }
  // Province "610000", city "610100": the code with its lower levels zeroed.
  RegionCode Province() const;
  RegionCode City() const;
  // True when `other` is this region or lies inside it by code structure
  // (610000 contains 610113; 000000 contains everything).
  bool Contains(const RegionCode& other) const;
  friend auto operator<=>(const RegionCode&, const RegionCode&) = default;

 private:
  explicit RegionCode(std::string code) : code_(std::move(code)) {}
  std::string code_;
};

// An occupation code of the national classification: "4-10-01-05" (细类), or a
// higher level "4", "4-10", "4-10-01" (大类/中类/小类).
class OccupationCode {
 public:
  OccupationCode() = default;
  // Accepts only the full 4-part form unless `allow_group` is true.
  static Result<OccupationCode> Parse(
      std::string_view text, std::string_view field = "occupation_code",
      bool allow_group = false);
  const std::string& str() const { return code_; }
  bool empty() const { return code_.empty(); }
  int depth() const;  // 1 大类 .. 4 细类; 0 when empty
  // The prefix at `depth` (1..4): "4-10-01-05".Prefix(2) == "4-10".
  std::string Prefix(int depth) const;
  friend auto operator<=>(const OccupationCode&,
                          const OccupationCode&) = default;

 private:
  explicit OccupationCode(std::string code) : code_(std::move(code)) {}
  std::string code_;
};

}  // namespace qiancheng

template <class Tag>
struct std::hash<qiancheng::Id<Tag>> {
  size_t operator()(const qiancheng::Id<Tag>& id) const noexcept {
    return std::hash<std::string>()(id.str());
  }
};

#endif  // QIANCHENG_CORE_IDS_H_
