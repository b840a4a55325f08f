#include "world/rng.h"

#include <algorithm>
#include <cassert>

namespace qiancheng::world {

size_t Rng::Weighted(const std::vector<double>& weights) {
  double total = 0;
  for (double w : weights) total += w;
  double x = Unit() * total;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return weights.empty() ? 0 : weights.size() - 1;  // rounding at the top end
}

Discrete::Discrete(const std::vector<double>& weights) {
  cumulative_.reserve(weights.size());
  double total = 0;
  for (double w : weights) cumulative_.push_back(total += w);
}

size_t Discrete::Draw(Rng& rng) const {
  assert(!cumulative_.empty() && cumulative_.back() > 0);  // built from no mass
  const double x = rng.Unit() * cumulative_.back();
  auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
  return std::min<size_t>(static_cast<size_t>(it - cumulative_.begin()),
                          cumulative_.size() - 1);
}

Permutation::Permutation(uint64_t n, uint64_t key) : n_(n), key_(Mix64(key)) {
  while ((uint64_t{1} << (2 * half_bits_)) < n_) ++half_bits_;
}

uint64_t Permutation::Feistel(uint64_t x) const {
  const uint64_t mask = (uint64_t{1} << half_bits_) - 1;
  uint64_t left = x >> half_bits_, right = x & mask;
  for (uint64_t round = 0; round < 4; ++round) {
    const uint64_t f = Mix64(key_ ^ (round << 56) ^ right) & mask;
    const uint64_t next = left ^ f;
    left = right;
    right = next;
  }
  return (left << half_bits_) | right;
}

uint64_t Permutation::operator()(uint64_t x) const {
  assert(x < n_);  // outside the permuted range
  // Cycle walking: the Feistel network permutes [0, 4^half_bits); following
  // the cycle from x until it re-enters [0, n) permutes [0, n).
  uint64_t y = Feistel(x);
  while (y >= n_) y = Feistel(y);
  return y;
}

}  // namespace qiancheng::world
