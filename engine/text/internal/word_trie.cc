#include "text/internal/word_trie.h"

namespace qiancheng::text::internal {

// Sized for jieba's dictionary (about 600k prefixes) so loading never rehashes.
WordTrie::WordTrie()
    : keys_(1 << 21, 0), values_(1 << 21, 0), mask_((1 << 21) - 1) {
  freq_.push_back(0);  // the root
}

uint32_t WordTrie::Find(std::u32string_view word) const {
  uint32_t node = kRoot;
  for (char32_t cp : word) {
    node = Child(node, cp);
    if (node == kNone) return kNone;
  }
  return node;
}

uint32_t WordTrie::Insert(std::u32string_view word) {
  uint32_t node = kRoot;
  for (char32_t cp : word) {
    const uint32_t child = Child(node, cp);
    if (child != kNone) {
      node = child;
      continue;
    }
    if ((used_ + 1) * 2 > keys_.size()) Grow();  // keep the load factor <= 1/2
    const uint64_t key = Key(node, cp);
    size_t i = Slot(key);
    while (keys_[i] != 0) i = (i + 1) & mask_;
    keys_[i] = key;
    values_[i] = static_cast<uint32_t>(freq_.size());
    ++used_;
    freq_.push_back(0);
    node = values_[i];
  }
  return node;
}

void WordTrie::Grow() {
  std::vector<uint64_t> old_keys(keys_.size() * 2, 0);
  std::vector<uint32_t> old_values(values_.size() * 2, 0);
  old_keys.swap(keys_);
  old_values.swap(values_);
  mask_ = keys_.size() - 1;
  for (size_t j = 0; j < old_keys.size(); ++j) {
    if (old_keys[j] == 0) continue;
    size_t i = Slot(old_keys[j]);
    while (keys_[i] != 0) i = (i + 1) & mask_;
    keys_[i] = old_keys[j];
    values_[i] = old_values[j];
  }
}

}  // namespace qiancheng::text::internal
