#include "access_logs.h"

#include <filesystem>

namespace qiancheng::testing {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int Digits(std::string_view text, size_t at, size_t n) {
  int value = 0;
  for (size_t i = at; i < at + n; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

}  // namespace

std::string AccessLogDir() {
  const std::string dir = QC_BINARY_DIR "/tests/api/access-logs";
  std::filesystem::create_directories(dir);
  return dir;
}

std::string AccessLogPath(std::string_view name) {
  std::string file(name);
  for (char& c : file) {
    const bool keep = IsDigit(c) || (c >= 'a' && c <= 'z') ||
                      (c >= 'A' && c <= 'Z') || c == '-' || c == '.';
    if (!keep) c = '_';
  }
  return AccessLogDir() + "/" + file + ".log";
}

bool IsIdNumber(std::string_view text) {
  if (text.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i)
    if (!IsDigit(text[i])) return false;
  if (!IsDigit(text[17]) && text[17] != 'X' && text[17] != 'x') return false;
  const int year = Digits(text, 6, 4), month = Digits(text, 10, 2),
            day = Digits(text, 12, 2);
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 ||
      day > 31)
    return false;
  static constexpr int kWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                       3, 7, 9,  10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (text[i] - '0') * kWeights[i];
  const char expected = kCheck[sum % 11];
  return text[17] == expected || (expected == 'X' && text[17] == 'x');
}

std::vector<std::string> PersonNumbersIn(std::string_view text) {
  std::vector<std::string> found;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i])) {
      ++i;
      continue;
    }
    // One run of digits (an ID number may end in X).
    size_t j = i;
    while (j < text.size() && IsDigit(text[j])) ++j;
    if (j < text.size() && (text[j] == 'X' || text[j] == 'x')) ++j;
    const std::string_view run = text.substr(i, j - i);
    // Any 18-character window: an ID number glued to other digits still
    // counts.
    for (size_t at = 0; at + 18 <= run.size(); ++at) {
      if (IsIdNumber(run.substr(at, 18)))
        found.emplace_back(run.substr(at, 18));
    }
    if (run.size() == 11 && run[0] == '1' && run[1] >= '3' && run[1] <= '9' &&
        IsDigit(run[10]))
      found.emplace_back(run);
    i = j;
  }
  return found;
}

}  // namespace qiancheng::testing
