// text/internal/word_trie.h -- jieba's prefix dictionary as a trie over code
// points. Every prefix of a word is a node (jieba stores prefixes with
// frequency 0); a node whose frequency is > 0 ends a word. Children live in one
// open-addressing table keyed by (parent node, code point), so a step down the
// trie is one probe. Not thread-safe while words are inserted; const use is.
#ifndef QIANCHENG_TEXT_INTERNAL_WORD_TRIE_H_
#define QIANCHENG_TEXT_INTERNAL_WORD_TRIE_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace qiancheng::text::internal {

class WordTrie {
 public:
  static constexpr uint32_t kRoot = 0;
  static constexpr uint32_t kNone = UINT32_MAX;

  WordTrie();

  // The child of `node` along `cp`, or kNone.
  uint32_t Child(uint32_t node, char32_t cp) const {
    const uint64_t key = Key(node, cp);
    for (size_t i = Slot(key);; i = (i + 1) & mask_) {
      if (keys_[i] == key) return values_[i];
      if (keys_[i] == 0) return kNone;
    }
  }
  // The node for `word` (a full word or a prefix), or kNone.
  uint32_t Find(std::u32string_view word) const;
  // The node for `word`, created with its prefixes when missing.
  uint32_t Insert(std::u32string_view word);

  double freq(uint32_t node) const { return freq_[node]; }
  void set_freq(uint32_t node, double freq) { freq_[node] = freq; }
  size_t size() const { return freq_.size(); }

 private:
  // Occupied slots have bit 63 set, so 0 marks an empty slot.
  static uint64_t Key(uint32_t node, char32_t cp) {
    return (uint64_t{1} << 63) | (uint64_t{node} << 21) | uint64_t{cp};
  }
  size_t Slot(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & mask_;
  }
  void Grow();

  std::vector<uint64_t> keys_;
  std::vector<uint32_t> values_;
  size_t mask_ = 0;
  size_t used_ = 0;
  std::vector<double> freq_;  // per node; 0 for a prefix that is not a word
};

}  // namespace qiancheng::text::internal

#endif  // QIANCHENG_TEXT_INTERNAL_WORD_TRIE_H_
