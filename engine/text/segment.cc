#include "text/segment.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "text/internal/hmm.h"
#include "text/internal/word_trie.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace qiancheng::text {
namespace internal {

struct SegmenterModel {
  WordTrie trie;
  HmmModel hmm;
  double total = 0;  // sum of word frequencies (jieba's `total`)
  size_t words = 0;
};

}  // namespace internal

namespace {

using internal::SegmenterModel;
using internal::WordTrie;

// Decodes `s` with the normaliser's per-code-point folding, so dictionary words
// compare equal to normalised text ("B超" -> "b超").
void FoldInto(std::string_view s, std::u32string* out) {
  out->clear();
  for (size_t pos = 0; pos < s.size();) {
    const char32_t cp = FoldCodePoint(DecodeUtf8(s, &pos));
    if (cp != 0) out->push_back(cp);
  }
}

// One call of the segmenter: owns the per-block scratch space.
class Cutter {
 public:
  Cutter(const SegmenterModel& model, bool use_hmm, std::string_view text,
         std::vector<std::string_view>* out)
      : model_(model),
        use_hmm_(use_hmm && model.hmm.loaded()),
        log_total_(std::log(std::max(model.total, 1.0))),
        text_(text),
        out_(out) {}

  void Run() {
    for (size_t pos = 0; pos < text_.size();) {
      const size_t start = pos;
      const char32_t cp = DecodeUtf8(text_, &pos);
      if (IsWordChar(cp)) {
        size_t end = pos;
        for (size_t p = pos; p < text_.size();) {
          if (!IsWordChar(DecodeUtf8(text_, &p))) break;
          end = p;
        }
        CutBlock(start, end);
        pos = end;
      } else if (cp > ' ') {
        out_->push_back(text_.substr(start, pos - start));
      }
    }
  }

 private:
  void CutBlock(size_t begin, size_t end) {
    cps_.clear();
    offsets_.clear();
    for (size_t pos = begin; pos < end;) {
      offsets_.push_back(pos);
      cps_.push_back(DecodeUtf8(text_, &pos));
    }
    offsets_.push_back(end);
    CalcRoute();
    const size_t n = cps_.size();
    size_t singles = n;  // start of the current run of single characters
    for (size_t x = 0; x < n;) {
      const size_t y = next_[x];
      if (y - x == 1) {
        if (singles == n) singles = x;
      } else {
        if (singles != n) FlushSingles(singles, x);
        singles = n;
        Emit(x, y);
      }
      x = y;
    }
    if (singles != n) FlushSingles(singles, n);
  }

  // jieba calc(): route[idx] = max over words w = [idx, x] of
  // log(freq(w)) - log(total) + route[x + 1]; ties go to the longer word.
  void CalcRoute() {
    const size_t n = cps_.size();
    score_.assign(n + 1, 0.0);
    next_.assign(n + 1, n);
    for (size_t idx = n; idx-- > 0;) {
      double best = -std::numeric_limits<double>::infinity();
      size_t best_end = idx + 1;
      uint32_t node = WordTrie::kRoot;
      for (size_t x = idx; x < n; ++x) {
        node = model_.trie.Child(node, cps_[x]);
        if (node == WordTrie::kNone) break;
        const double freq = model_.trie.freq(node);
        if (freq <= 0) continue;
        const double s = std::log(freq) - log_total_ + score_[x + 1];
        if (s >= best) {
          best = s;
          best_end = x + 1;
        }
      }
      if (best_end == idx + 1 && std::isinf(best))
        best = -log_total_ + score_[idx + 1];
      score_[idx] = best;
      next_[idx] = best_end;
    }
  }

  bool IsWord(size_t b, size_t e) const {
    const uint32_t node =
        model_.trie.Find(std::u32string_view(cps_).substr(b, e - b));
    return node != WordTrie::kNone && model_.trie.freq(node) > 0;
  }

  // A run of characters the route left single.
  void FlushSingles(size_t b, size_t e) {
    if (e - b == 1) return Emit(b, e);
    if (use_hmm_ && !IsWord(b, e)) return CutUnknown(b, e);
    for (size_t i = b;
         i < e;) {  // one token per character; ASCII runs stay whole
      size_t j = i + 1;
      if (!use_hmm_ && IsAsciiAlnum(cps_[i])) {
        while (j < e && IsAsciiAlnum(cps_[j])) ++j;
      }
      Emit(i, j);
      i = j;
    }
  }

  // jieba finalseg.cut: han runs through Viterbi; other runs split at
  // [a-z0-9]+(\.\d+)?%? (jieba's re_skip).
  void CutUnknown(size_t b, size_t e) {
    for (size_t i = b; i < e;) {
      size_t j = i;
      if (IsHan(cps_[i])) {
        while (j < e && IsHan(cps_[j])) ++j;
        ends_.clear();
        model_.hmm.Cut(cps_, i, j, &ends_);
        size_t from = i;
        for (size_t to : ends_) {
          Emit(from, to);
          from = to;
        }
      } else if (IsAsciiAlnum(cps_[i])) {
        while (j < e && IsAsciiAlnum(cps_[j])) ++j;
        if (j + 1 < e && cps_[j] == '.' && IsAsciiDigit(cps_[j + 1])) {
          for (++j; j < e && IsAsciiDigit(cps_[j]);) ++j;
        }
        if (j < e && cps_[j] == '%') ++j;
        Emit(i, j);
      } else {
        while (j < e && !IsHan(cps_[j]) && !IsAsciiAlnum(cps_[j])) ++j;
        Emit(i, j);
      }
      i = j;
    }
  }

  void Emit(size_t b, size_t e) {
    out_->push_back(text_.substr(offsets_[b], offsets_[e] - offsets_[b]));
  }

  const SegmenterModel& model_;
  const bool use_hmm_;
  const double log_total_;
  std::string_view text_;
  std::vector<std::string_view>* out_;
  std::u32string cps_;
  std::vector<size_t> offsets_;  // byte offset of each code point, plus the end
  std::vector<double> score_;
  std::vector<size_t> next_;  // end (exclusive) of the best word at each index
  std::vector<size_t> ends_;
};

// Walks the trie straight from UTF-8: called per sub-word by features.h, so
// it must not allocate.
bool ModelContains(const SegmenterModel& model, std::string_view word) {
  uint32_t node = WordTrie::kRoot;
  for (size_t pos = 0; pos < word.size();) {
    const char32_t cp = FoldCodePoint(DecodeUtf8(word, &pos));
    if (cp == 0) continue;
    node = model.trie.Child(node, cp);
    if (node == WordTrie::kNone) return false;
  }
  return node != WordTrie::kRoot && model.trie.freq(node) > 0;
}

}  // namespace

Result<Segmenter> Segmenter::Load(const std::string& dict_path,
                                  const std::string& hmm_path) {
  SegmenterBuilder builder;
  QC_RETURN_IF_ERROR(builder.LoadDictionary(dict_path));
  QC_RETURN_IF_ERROR(builder.LoadHmm(hmm_path));
  return std::move(builder).Build();
}

std::vector<std::string_view> Segmenter::Segment(std::string_view text) const {
  std::vector<std::string_view> tokens;
  Segment(text, &tokens);
  return tokens;
}

void Segmenter::Segment(std::string_view text,
                        std::vector<std::string_view>* tokens) const {
  Cutter(*model_, /*use_hmm=*/true, text, tokens).Run();
}

bool Segmenter::Contains(std::string_view word) const {
  return ModelContains(*model_, word);
}

size_t Segmenter::word_count() const { return model_->words; }

SegmenterBuilder::SegmenterBuilder()
    : model_(std::make_shared<SegmenterModel>()) {}
SegmenterBuilder::~SegmenterBuilder() = default;
SegmenterBuilder::SegmenterBuilder(SegmenterBuilder&&) noexcept = default;
SegmenterBuilder& SegmenterBuilder::operator=(SegmenterBuilder&&) noexcept =
    default;

Status SegmenterBuilder::LoadDictionary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string data = buffer.str();
  std::u32string cps;
  size_t line_no = 0;
  for (size_t pos = 0; pos < data.size();) {
    size_t eol = data.find('\n', pos);
    if (eol == std::string::npos) eol = data.size();
    const std::string_view line(data.data() + pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const size_t sp = line.find(' ');
    char* end = nullptr;
    const double freq = sp == std::string_view::npos
                            ? 0
                            : std::strtod(line.data() + sp + 1, &end);
    if (sp == 0 || sp == std::string_view::npos ||
        end == line.data() + sp + 1 || freq < 0) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no),
                                     "expected: word freq [pos]");
    }
    FoldInto(line.substr(0, sp), &cps);
    const uint32_t node = model_->trie.Insert(cps);
    if (model_->trie.freq(node) == 0) ++model_->words;
    model_->trie.set_freq(node, std::max(model_->trie.freq(node), freq));
    model_->total += freq;
  }
  return Status::Ok();
}

Status SegmenterBuilder::LoadHmm(const std::string& path) {
  return model_->hmm.Load(path);
}

void SegmenterBuilder::AddWord(std::string_view word) {
  std::u32string cps;
  FoldInto(word, &cps);
  if (cps.empty()) return;
  // jieba suggest_freq: the product of the parts' probabilities, times total,
  // + 1.
  double p = 1;
  std::string folded;
  for (char32_t cp : cps) AppendUtf8(cp, &folded);
  for (std::string_view part : CutWithoutHmm(folded)) {
    std::u32string part_cps;
    FoldInto(part, &part_cps);
    const uint32_t node = model_->trie.Find(part_cps);
    const double f = node == WordTrie::kNone ? 0 : model_->trie.freq(node);
    p *= std::max(f, 1.0) / std::max(model_->total, 1.0);
  }
  const uint32_t node = model_->trie.Insert(cps);
  const double old = model_->trie.freq(node);
  const double suggested = std::floor(p * model_->total) + 1;
  if (old == 0) ++model_->words;
  const double freq = std::max(old, suggested);
  model_->trie.set_freq(node, freq);
  model_->total += freq - old;
}

std::vector<std::string_view> SegmenterBuilder::CutWithoutHmm(
    std::string_view text) const {
  std::vector<std::string_view> tokens;
  Cutter(*model_, /*use_hmm=*/false, text, &tokens).Run();
  return tokens;
}

bool SegmenterBuilder::Contains(std::string_view word) const {
  return ModelContains(*model_, word);
}

Segmenter SegmenterBuilder::Build() && {
  Segmenter segmenter(std::move(model_));
  model_ = std::make_shared<SegmenterModel>();
  return segmenter;
}

}  // namespace qiancheng::text
