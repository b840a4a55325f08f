// text/normalize.h -- stage 2 of DESIGN.md's data flow, first step: raw UTF-8
// -> normalised UTF-8 that the segmenter and every index see.
// Steps, in order, per code point: full-width ASCII -> half-width
// (U+FF01..FF5E, ideographic space), ASCII upper -> lower case, CJK punctuation
// with an ASCII twin -> that twin, control characters dropped, runs of white
// space -> one space (trimmed at both ends); then traditional -> simplified
// with OpenCC's t2s tables: TSPhrases by longest match first, TSCharacters for
// the rest (OpenCC's own t2s.json chain). So 養老護理員 and 养老护理员
// normalise alike. Invariant: Normalize(Normalize(x)) == Normalize(x) for the
// tables shipped. Immutable after Load(); Normalize() is const and thread-safe.
#ifndef QIANCHENG_TEXT_NORMALIZE_H_
#define QIANCHENG_TEXT_NORMALIZE_H_

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace qiancheng::text {

class Normalizer {
 public:
  // Reads TSPhrases.txt and TSCharacters.txt ("source<TAB>target[
  // alternatives]", the first target is used) from `opencc_dir`. kNotFound when
  // a file is missing, kInvalidArgument naming "file:line" for a malformed
  // line.
  static Result<Normalizer> Load(const std::string& opencc_dir);

  // A normaliser without traditional -> simplified tables (width, case,
  // punctuation and white space only): for tests and tools that lack data/.
  static Normalizer WidthAndCaseOnly();

  std::string Normalize(std::string_view text) const;

 private:
  struct Tables;
  explicit Normalizer(std::shared_ptr<const Tables> tables)
      : tables_(std::move(tables)) {}
  std::shared_ptr<const Tables> tables_;  // shared: copies are cheap
};

// The per-code-point folding (width, case, punctuation) without the table
// lookups; returns 0 for a code point to drop. Exposed for the tests.
char32_t FoldCodePoint(char32_t cp);

}  // namespace qiancheng::text

#endif  // QIANCHENG_TEXT_NORMALIZE_H_
