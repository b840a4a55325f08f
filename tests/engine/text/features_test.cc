#include "text/features.h"

#include <gtest/gtest.h>

namespace qiancheng::text {
namespace {

const Segmenter& Jieba() {
  static const Segmenter* segmenter = [] {
    auto s = Segmenter::Load(QC_SOURCE_DIR "/data/dict/jieba_dict.txt",
                             QC_SOURCE_DIR "/data/dict/jieba_hmm_model.tsv");
    EXPECT_TRUE(s.ok()) << s.status();
    return new Segmenter(std::move(*s));
  }();
  return *segmenter;
}

using Strings = std::vector<std::string>;

TEST(HanBigrams, AdjacentHanPairsOnly) {
  EXPECT_EQ(HanBigrams("养老护理"), (Strings{"养老", "老护", "护理"}));
  // Punctuation and ASCII break a run; a lone character gives nothing.
  EXPECT_EQ(HanBigrams("电工,焊工 a 叉"), (Strings{"电工", "焊工"}));
}

TEST(ExtractFeatures, DropsPunctuationTokens) {
  const TextFeatures f = ExtractFeatures(Jieba(), "电工,焊工");
  EXPECT_EQ(f.words, (Strings{"电工", "焊工"}));
}

TEST(ExtractFeatures, LongWordsAlsoYieldDictionarySubwords) {
  // jieba's cut_for_search: 中国科学院 -> 中国 科学 学院 科学院 besides itself.
  const TextFeatures f = ExtractFeatures(Jieba(), "中国科学院");
  EXPECT_EQ(f.words, (Strings{"中国科学院", "中国", "科学", "学院", "科学院"}));
}

TEST(ExtractFeatures, KeepsAsciiWordsAndRepeats) {
  const TextFeatures f = ExtractFeatures(Jieba(), "plc 培训 培训");
  EXPECT_EQ(f.words, (Strings{"plc", "培训", "培训"}));
  EXPECT_EQ(f.bigrams, (Strings{"培训", "培训"}));
}

}  // namespace
}  // namespace qiancheng::text
