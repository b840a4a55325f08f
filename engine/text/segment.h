// text/segment.h -- stage 2 of DESIGN.md's data flow, second step: normalised
// text -> word tokens, by jieba's algorithm (jieba 0.42 `cut(HMM=True)`):
//   1. split into blocks of word characters (han, ASCII letters/digits,
//   "+#&._%-");
//      white space between blocks is dropped, any other character is a token;
//   2. per block, a DAG of every dictionary word starting at each character
//      (the prefix dictionary: jieba_dict.txt plus domain words);
//   3. the max-probability route by log frequency, right to left;
//   4. runs of single characters that are not a dictionary word go through
//      the HMM (Viterbi over B/M/E/S) so unknown words are still grouped.
// Tokens are views into the caller's text: they tile it except for white space.
// A Segmenter is immutable once built and thread-safe to share; copies share
// the same model. SegmenterBuilder is single-threaded.
#ifndef QIANCHENG_TEXT_SEGMENT_H_
#define QIANCHENG_TEXT_SEGMENT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace qiancheng::text {

namespace internal {
struct SegmenterModel;
}

class Segmenter {
 public:
  // Loads jieba's dictionary ("word freq [pos]" lines) and HMM model without
  // domain words. kNotFound for a missing file, kInvalidArgument for a bad
  // line.
  static Result<Segmenter> Load(const std::string& dict_path,
                                const std::string& hmm_path);

  // Segments `text` (normalised: see normalize.h; the dictionary is lower
  // case).
  std::vector<std::string_view> Segment(std::string_view text) const;
  // Same, appending to `tokens` (lets a caller reuse one vector).
  void Segment(std::string_view text,
               std::vector<std::string_view>* tokens) const;

  // True when `word` is a dictionary word (frequency > 0).
  bool Contains(std::string_view word) const;
  // Number of dictionary words (including domain words).
  size_t word_count() const;

 private:
  friend class SegmenterBuilder;
  explicit Segmenter(std::shared_ptr<const internal::SegmenterModel> model)
      : model_(std::move(model)) {}
  std::shared_ptr<const internal::SegmenterModel> model_;
};

// Builds a Segmenter: jieba's files first, then domain words (occupation names,
// 工种), like jieba's load_userdict/add_word.
class SegmenterBuilder {
 public:
  SegmenterBuilder();
  ~SegmenterBuilder();
  SegmenterBuilder(SegmenterBuilder&&) noexcept;
  SegmenterBuilder& operator=(SegmenterBuilder&&) noexcept;

  Status LoadDictionary(const std::string& path);
  Status LoadHmm(const std::string& path);

  // jieba add_word(word) without a frequency: the frequency is jieba's
  // suggest_freq, just high enough for the route to keep `word` whole when it
  // stands alone. A word already known keeps max(old, suggested).
  void AddWord(std::string_view word);

  // Segments with the words so far, without the HMM (jieba cut(HMM=False)):
  // used to split run-together 工种 names before they become words themselves.
  std::vector<std::string_view> CutWithoutHmm(std::string_view text) const;
  bool Contains(std::string_view word) const;

  // The finished segmenter. The builder is empty afterwards.
  Segmenter Build() &&;

 private:
  std::shared_ptr<internal::SegmenterModel> model_;
};

}  // namespace qiancheng::text

#endif  // QIANCHENG_TEXT_SEGMENT_H_
