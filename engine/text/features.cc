#include "text/features.h"

#include "text/utf8.h"

namespace qiancheng::text {
namespace {

bool HasWordChar(std::string_view token) {
  for (size_t pos = 0; pos < token.size();) {
    const char32_t cp = DecodeUtf8(token, &pos);
    if (IsHan(cp) || IsAsciiAlnum(cp)) return true;
  }
  return false;
}

// Byte offsets of each code point of `token`, plus its end; true if all han.
bool HanOffsets(std::string_view token, std::vector<size_t>* offsets) {
  offsets->clear();
  bool all_han = true;
  for (size_t pos = 0; pos < token.size();) {
    offsets->push_back(pos);
    all_han = IsHan(DecodeUtf8(token, &pos)) && all_han;
  }
  offsets->push_back(token.size());
  return all_han;
}

// jieba cut_for_search: the 2- and 3-character dictionary words inside a
// longer word.
void AddSubwords(const Segmenter& segmenter, std::string_view token,
                 std::vector<size_t>* offsets,
                 std::vector<std::string>* words) {
  if (!HanOffsets(token, offsets)) return;
  const size_t n = offsets->size() - 1;
  if (n < 3) return;
  for (size_t len = 2; len <= 3 && len < n; ++len) {
    for (size_t i = 0; i + len <= n; ++i) {
      const std::string_view part =
          token.substr((*offsets)[i], (*offsets)[i + len] - (*offsets)[i]);
      if (segmenter.Contains(part)) words->emplace_back(part);
    }
  }
}

}  // namespace

std::vector<std::string> HanBigrams(std::string_view normalized) {
  std::vector<std::string> bigrams;
  size_t prev_start =
      std::string_view::npos;  // start of the previous han character
  for (size_t pos = 0; pos < normalized.size();) {
    const size_t start = pos;
    if (!IsHan(DecodeUtf8(normalized, &pos))) {
      prev_start = std::string_view::npos;
      continue;
    }
    if (prev_start != std::string_view::npos) {
      bigrams.emplace_back(normalized.substr(prev_start, pos - prev_start));
    }
    prev_start = start;
  }
  return bigrams;
}

TextFeatures ExtractFeatures(const Segmenter& segmenter,
                             std::string_view normalized) {
  TextFeatures features;
  std::vector<std::string_view> tokens;
  segmenter.Segment(normalized, &tokens);
  std::vector<size_t> offsets;
  for (std::string_view token : tokens) {
    if (!HasWordChar(token)) continue;
    features.words.emplace_back(token);
    AddSubwords(segmenter, token, &offsets, &features.words);
  }
  features.bigrams = HanBigrams(normalized);
  return features;
}

}  // namespace qiancheng::text
