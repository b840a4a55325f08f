// text/features.h -- stage 2 of DESIGN.md's data flow, last step: normalised
// text -> the sparse features that embed/ and the occupation classifier count.
//   words:   the segmenter's tokens that contain a letter, digit or han
//            character (punctuation dropped), plus, for han words of 3+
//            characters, the dictionary words of 2 and 3 characters inside
//            them (jieba's cut_for_search), so 养老护理员 also yields 养老,
//            护理员;
//   bigrams: every pair of adjacent han characters within a run of han text,
//            across word boundaries, for recall when segmentation differs.
// Pure function of its inputs; thread-safe with a shared Segmenter.
#ifndef QIANCHENG_TEXT_FEATURES_H_
#define QIANCHENG_TEXT_FEATURES_H_

#include <string>
#include <string_view>
#include <vector>

#include "text/segment.h"

namespace qiancheng::text {

struct TextFeatures {
  std::vector<std::string>
      words;  // in text order, repeats kept (term frequency)
  std::vector<std::string> bigrams;  // in text order, repeats kept
};

// Features of `normalized` (the output of Normalizer::Normalize).
TextFeatures ExtractFeatures(const Segmenter& segmenter,
                             std::string_view normalized);

// Only the character bigrams of `normalized`.
std::vector<std::string> HanBigrams(std::string_view normalized);

}  // namespace qiancheng::text

#endif  // QIANCHENG_TEXT_FEATURES_H_
