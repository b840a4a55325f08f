// text/internal/hmm.h -- jieba's finalseg: a 4-state (B, M, E, S) hidden Markov
// model over han characters, decoded with Viterbi, for runs the dictionary does
// not know (names, new words). Log probabilities as in jieba_hmm_model.tsv.
// Immutable after Load(); Cut() is const and thread-safe.
#ifndef QIANCHENG_TEXT_INTERNAL_HMM_H_
#define QIANCHENG_TEXT_INTERNAL_HMM_H_

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace qiancheng::text::internal {

class HmmModel {
 public:
  enum State { kB = 0, kM = 1, kE = 2, kS = 3 };

  // Reads "kind<TAB>from<TAB>to<TAB>logprob" rows (kind start|trans|emit).
  Status Load(const std::string& path);
  bool loaded() const { return loaded_; }

  // Splits `cps[begin, end)` (all han) into words; appends each word's end
  // index (exclusive) to `ends`, in order.
  void Cut(const std::u32string& cps, size_t begin, size_t end,
           std::vector<size_t>* ends) const;

 private:
  double Emit(int state, char32_t cp) const;

  bool loaded_ = false;
  std::array<double, 4> start_{};
  std::array<std::array<double, 4>, 4> trans_{};  // [from][to]
  std::unordered_map<char32_t, std::array<double, 4>> emit_;
};

}  // namespace qiancheng::text::internal

#endif  // QIANCHENG_TEXT_INTERNAL_HMM_H_
