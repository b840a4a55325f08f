#include "embed/occupation_part.h"

#include <cassert>
#include <cmath>

#include "embed/internal/hash.h"

namespace qiancheng::embed {
namespace {

// Splits "4-10-01-05" into its numeric parts; false for anything else.
bool SplitCode(std::string_view code, std::array<uint32_t, 4>* numbers,
               std::array<size_t, 4>* prefix_ends, int* depth) {
  *depth = 0;
  size_t i = 0;
  while (i < code.size()) {
    if (*depth == 4) return false;
    uint32_t n = 0;
    const size_t start = i;
    for (; i < code.size() && code[i] >= '0' && code[i] <= '9'; ++i) {
      if (i - start >= 4) return false;
      n = n * 10 + static_cast<uint32_t>(code[i] - '0');
    }
    if (i == start) return false;
    (*numbers)[*depth] = n;
    (*prefix_ends)[*depth] = i;
    ++*depth;
    if (i < code.size()) {
      if (code[i] != '-' || i + 1 == code.size()) return false;
      ++i;
    }
  }
  return *depth > 0;
}

}  // namespace

OccupationPart::OccupationPart(size_t dims, uint32_t seed, LevelWeights weights)
    : dims_(dims), seed_(seed), weights_(weights) {
  assert(dims % 8 == 0);  // the caller validated FitOptions / the model file
  const size_t eighth = dims / 8;
  block_size_ = {eighth, 2 * eighth, 2 * eighth, dims - 5 * eighth};
  size_t begin = 0;
  for (int level = 0; level < 4; ++level) {
    block_begin_[static_cast<size_t>(level)] = begin;
    begin += block_size_[static_cast<size_t>(level)];
  }
}

bool OccupationPart::Add(std::string_view code, float weight,
                         std::span<float> out) const {
  std::array<uint32_t, 4> numbers{};
  std::array<size_t, 4> prefix_ends{};
  int depth = 0;
  if (dims_ == 0 || !SplitCode(code, &numbers, &prefix_ends, &depth))
    return false;
  for (size_t level = 0; level < static_cast<size_t>(depth); ++level) {
    const std::string_view parent =
        level == 0 ? std::string_view()
                   : code.substr(0, prefix_ends[level - 1]);
    const std::string_view prefix = code.substr(0, prefix_ends[level]);
    const uint64_t offset = internal::Fnv1a64(parent, seed_);
    const size_t position =
        block_begin_[level] +
        static_cast<size_t>((offset + numbers[level]) % block_size_[level]);
    const float sign =
        (internal::Fnv1a64(prefix, seed_ ^ 0x9e3779b9u) >> 17) & 1 ? -1.0f
                                                                   : 1.0f;
    out[position] += weight * sign * std::sqrt(weights_[level]);
  }
  return true;
}

}  // namespace qiancheng::embed
