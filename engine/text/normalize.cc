#include "text/normalize.h"

#include <fstream>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/utf8.h"

namespace qiancheng::text {

struct Normalizer::Tables {
  std::unordered_map<char32_t, char32_t> chars;                // TSCharacters
  std::unordered_map<std::u32string, std::u32string> phrases;  // TSPhrases
  std::unordered_set<char32_t> phrase_starts;  // first code points of phrases
  size_t max_phrase_len = 0;                   // in code points
};

namespace {

std::u32string ToU32(std::string_view s) {
  std::u32string out;
  for (size_t pos = 0; pos < s.size();) out.push_back(DecodeUtf8(s, &pos));
  return out;
}

// Parses one "source<TAB>target[ alternatives]" line into (source, first
// target).
bool ParseTableLine(std::string_view line, std::u32string* from,
                    std::u32string* to) {
  const size_t tab = line.find('\t');
  if (tab == std::string_view::npos || tab == 0) return false;
  std::string_view target = line.substr(tab + 1);
  target = target.substr(0, target.find(' '));
  if (target.empty()) return false;
  *from = ToU32(line.substr(0, tab));
  *to = ToU32(target);
  return true;
}

Status ReadTable(const std::string& path,
                 std::vector<std::pair<std::u32string, std::u32string>>* rows) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open " + path);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::u32string from, to;
    if (!ParseTableLine(line, &from, &to)) {
      return Status::InvalidArgument(path + ":" + std::to_string(n),
                                     "expected source<TAB>target");
    }
    rows->emplace_back(std::move(from), std::move(to));
  }
  return Status::Ok();
}

bool IsSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
         cp == '\v' || cp == 0xA0 || cp == 0x3000 ||
         (cp >= 0x2000 && cp <= 0x200A);
}

// CJK punctuation that has an ASCII twin. 。 and 、 have none and stay.
char32_t FoldPunctuation(char32_t cp) {
  switch (cp) {
    case U'“':
    case U'”':
    case U'「':
    case U'」':
      return '"';
    case U'‘':
    case U'’':
    case U'『':
    case U'』':
      return '\'';
    case U'【':
    case U'〔':
      return '[';
    case U'】':
    case U'〕':
      return ']';
    case U'《':
    case U'〈':
      return '<';
    case U'》':
    case U'〉':
      return '>';
    case U'—':
    case U'–':
      return '-';
    case U'·':
    case U'・':
      return '.';
    case U'…':
      return '.';
    default:
      return cp;
  }
}

}  // namespace

char32_t FoldCodePoint(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII block
  if (IsSpace(cp)) return ' ';
  if (cp < 0x20 || cp == 0x7F || cp == 0x200B || cp == 0xFEFF) return 0;
  if (cp >= 'A' && cp <= 'Z') return cp + ('a' - 'A');
  return FoldPunctuation(cp);
}

Result<Normalizer> Normalizer::Load(const std::string& opencc_dir) {
  auto tables = std::make_shared<Tables>();
  std::vector<std::pair<std::u32string, std::u32string>> rows;
  QC_RETURN_IF_ERROR(ReadTable(opencc_dir + "/TSCharacters.txt", &rows));
  for (auto& [from, to] : rows) {
    if (from.size() == 1 && to.size() == 1)
      tables->chars.emplace(from[0], to[0]);
  }
  rows.clear();
  QC_RETURN_IF_ERROR(ReadTable(opencc_dir + "/TSPhrases.txt", &rows));
  for (auto& [from, to] : rows) {
    tables->phrase_starts.insert(from[0]);
    tables->max_phrase_len = std::max(tables->max_phrase_len, from.size());
    tables->phrases.emplace(std::move(from), std::move(to));
  }
  return Normalizer(std::move(tables));
}

Normalizer Normalizer::WidthAndCaseOnly() {
  return Normalizer(std::make_shared<Tables>());
}

std::string Normalizer::Normalize(std::string_view text) const {
  // Pass 1: fold each code point and collapse white space.
  std::u32string folded;
  folded.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    const char32_t cp = FoldCodePoint(DecodeUtf8(text, &pos));
    if (cp == 0) continue;
    if (cp == ' ' && (folded.empty() || folded.back() == ' ')) continue;
    folded.push_back(cp);
  }
  if (!folded.empty() && folded.back() == ' ') folded.pop_back();

  // Pass 2: traditional -> simplified, longest phrase first (OpenCC mmseg).
  const Tables& t = *tables_;
  std::string out;
  out.reserve(folded.size() * 3);
  for (size_t i = 0; i < folded.size();) {
    if (t.phrase_starts.count(folded[i]) != 0) {
      const size_t longest = std::min(t.max_phrase_len, folded.size() - i);
      bool matched = false;
      for (size_t len = longest; len >= 2 && !matched; --len) {
        auto it = t.phrases.find(folded.substr(i, len));
        if (it == t.phrases.end()) continue;
        for (char32_t cp : it->second) AppendUtf8(cp, &out);
        i += len;
        matched = true;
      }
      if (matched) continue;
    }
    auto it = t.chars.find(folded[i]);
    AppendUtf8(it == t.chars.end() ? folded[i] : it->second, &out);
    ++i;
  }
  return out;
}

}  // namespace qiancheng::text
