#include "taxonomy/work_types.h"

#include <array>

#include "text/utf8.h"

namespace qiancheng::taxonomy {
namespace {

constexpr size_t kMinChars =
    3;  // shorter pieces are usually a modifier (手工, 员工)

// Last code point of `s`.
char32_t LastCodePoint(std::string_view s) {
  size_t start = s.size();
  while (start > 0 && (static_cast<unsigned char>(s[start - 1]) & 0xC0) == 0x80)
    --start;
  if (start > 0) --start;
  size_t pos = start;
  return s.empty() ? 0 : text::DecodeUtf8(s, &pos);
}

}  // namespace

bool EndsJobTitle(std::string_view word) {
  // Words ending in 工 that describe the work, not the worker (手工装接工).
  static constexpr std::array<std::string_view, 10> kNotTitles = {
      "手工", "员工", "人工", "加工", "施工",
      "职工", "分工", "竣工", "开工", "用工"};
  for (std::string_view w : kNotTitles) {
    if (word == w) return false;
  }
  if (word.size() >= 6 && word.substr(word.size() - 6) == "司机") return true;
  constexpr std::array<char32_t, 7> kSuffixes = {U'员', U'工', U'师', U'士',
                                                 U'者', U'手', U'匠'};
  const char32_t last = LastCodePoint(word);
  for (char32_t s : kSuffixes) {
    if (last == s) return true;
  }
  return false;
}

std::vector<std::string> SplitWorkTypes(
    std::string_view raw, const std::vector<std::string_view>& tokens) {
  std::vector<std::string> out;
  if (raw.empty()) return out;
  // Candidate cut points: byte offsets after a job-title word.
  std::vector<size_t> cuts;
  for (std::string_view t : tokens) {
    const size_t end = static_cast<size_t>(t.data() + t.size() - raw.data());
    if (end < raw.size() && EndsJobTitle(t)) cuts.push_back(end);
  }
  size_t begin = 0;
  for (size_t cut : cuts) {
    const std::string_view left = raw.substr(begin, cut - begin);
    const std::string_view right = raw.substr(cut);
    if (text::CountCodePoints(left) < kMinChars ||
        text::CountCodePoints(right) < kMinChars)
      continue;
    out.emplace_back(left);
    begin = cut;
  }
  out.emplace_back(raw.substr(begin));
  return out;
}

}  // namespace qiancheng::taxonomy
