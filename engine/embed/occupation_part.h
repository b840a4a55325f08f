// embed/occupation_part.h -- the occupation-code part of an embedding: codes
// of 职业分类大典 -> a short dense vector whose inner products grow with the
// depth of the shared prefix, so items of the same occupation sit together
// even when worded differently:
//   same 细类 > same 小类 > same 中类 > same 大类 > other 大类.
// Each level (大类, 中类, 小类, 细类) owns a block of the part (1/8, 1/4, 1/4,
// 3/8 of it). A code puts +-sqrt(weight of the level) at one position of each
// level's block: position = (offset hashed from the parent prefix + the
// child's number) mod block size, sign hashed from the prefix. So siblings
// (children of one parent) share no position unless their numbers are equal
// modulo the block size (children numbered 1..block size never are), and two
// codes that share a prefix of depth d have inner product sum(weights of
// levels 1..d) plus, for the deeper levels, a rare +-weight where unrelated
// prefixes collide (1,522 catalog anchors: 99.6% strictly ordered, see
// occupation_part_test.cc).
// No table: any well-formed code (also one outside the catalog) has a vector.
// Immutable; thread-safe.
#ifndef QIANCHENG_EMBED_OCCUPATION_PART_H_
#define QIANCHENG_EMBED_OCCUPATION_PART_H_

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace qiancheng::embed {

// Share of the occupation part's squared norm per level: 大类, 中类, 小类,
// 细类.
using LevelWeights = std::array<float, 4>;

class OccupationPart {
 public:
  // REQUIRES: dims % 8 == 0; weights >= 0 and summing to 1.
  OccupationPart(size_t dims, uint32_t seed, LevelWeights weights);

  size_t dims() const { return dims_; }
  const LevelWeights& weights() const { return weights_; }

  // Adds `weight` times the vector of `code` ("4-10-01-05", or a group prefix
  // "4-10") to `out` (dims() floats). Returns false, adding nothing, when the
  // code is not of the N(-NN)* form.
  bool Add(std::string_view code, float weight, std::span<float> out) const;

 private:
  size_t dims_;
  uint32_t seed_;
  LevelWeights weights_;
  std::array<size_t, 4> block_begin_;
  std::array<size_t, 4> block_size_;
};

}  // namespace qiancheng::embed

#endif  // QIANCHENG_EMBED_OCCUPATION_PART_H_
