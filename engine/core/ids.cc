#include "core/ids.h"

#include "core/contact.h"

namespace qiancheng {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsIdChar(char c) {
  return IsDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         c == '.' || c == '_' || c == ':' || c == '-';
}

}  // namespace

Status ValidateEntityId(std::string_view id, std::string_view field) {
  if (id.empty() || id.size() > 128) {
    return Status::InvalidArgument(field, "must be 1 to 128 characters");
  }
  for (char c : id) {
    if (!IsIdChar(c)) {
      return Status::InvalidArgument(
          field, "may contain only letters, digits and . _ : -");
    }
  }
  // Ids travel in URLs and log lines: a national ID or phone number used as an
  // id would leak there, so refuse it.
  if (ValidateIdNumber(id).ok() || ValidatePhone(id).ok()) {
    return Status::InvalidArgument(
        field, "must not be a national ID number or phone number");
  }
  return Status::Ok();
}

Result<RegionCode> RegionCode::Parse(std::string_view text,
                                     std::string_view field) {
  if (text.size() != 6)
    return Status::InvalidArgument(field, "must be a 6-digit GB/T 2260 code");
  for (char c : text) {
    if (!IsDigit(c))
      return Status::InvalidArgument(field, "must be a 6-digit GB/T 2260 code");
  }
  if (text != "000000" && text.substr(0, 2) == "00") {
    return Status::InvalidArgument(field, "has no province part");
  }
  return RegionCode(std::string(text));
}

RegionCode RegionCode::Province() const {
  if (code_.size() != 6) return *this;
  return RegionCode(code_.substr(0, 2) + "0000");
}

RegionCode RegionCode::City() const {
  if (code_.size() != 6) return *this;
  return RegionCode(code_.substr(0, 4) + "00");
}

bool RegionCode::Contains(const RegionCode& other) const {
  if (code_.size() != 6 || other.code_.size() != 6) return false;
  if (IsNational()) return true;
  // Significant prefix: province "61", city "6101", district all six digits.
  size_t n = 6;
  while (n > 2 && code_[n - 1] == '0' && code_[n - 2] == '0') n -= 2;
  return other.code_.compare(0, n, code_, 0, n) == 0;
}

Result<OccupationCode> OccupationCode::Parse(std::string_view text,
                                             std::string_view field,
                                             bool allow_group) {
  // Shape: D(-DD){0,3}, e.g. "4-10-01-05".
  auto bad = [&] {
    return Status::InvalidArgument(
        field, allow_group
                   ? "must be an occupation code like 4-10-01-05 or 4-10"
                   : "must be an occupation code like 4-10-01-05");
  };
  if (text.empty() || !IsDigit(text[0])) return bad();
  size_t parts = 1, pos = 1;
  while (pos < text.size()) {
    if (pos + 3 > text.size() || text[pos] != '-' || !IsDigit(text[pos + 1]) ||
        !IsDigit(text[pos + 2])) {
      return bad();
    }
    pos += 3;
    ++parts;
  }
  if (parts > 4 || (!allow_group && parts != 4)) return bad();
  return OccupationCode(std::string(text));
}

int OccupationCode::depth() const {
  if (code_.empty()) return 0;
  return static_cast<int>((code_.size() - 1) / 3 + 1);
}

std::string OccupationCode::Prefix(int d) const {
  if (d <= 0 || code_.empty()) return {};
  size_t len = 1 + 3 * static_cast<size_t>(d - 1);
  return code_.substr(0, std::min(len, code_.size()));
}

}  // namespace qiancheng
