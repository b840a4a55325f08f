// world/rng.h -- the generated world's randomness: counter-based and portable.
// Every entity is drawn from its own stream Rng(seed, stream, index), so any
// entity can be rebuilt from its index alone (streaming, constant memory) and
// the output does not depend on the standard library's distributions (whose
// results differ between implementations). Permutation is a keyed bijection on
// [0, n), used where ids must be unique (ID numbers, phones, outcome workers).
// Value types; thread-compatible (const methods are safe to share).
#ifndef QIANCHENG_WORLD_RNG_H_
#define QIANCHENG_WORLD_RNG_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qiancheng::world {

// SplitMix64 finaliser: a good 64-bit mix of `x`.
inline uint64_t Mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Names the stream of one entity kind (or one purpose) within a seed.
enum class Stream : uint64_t {
  kInstitution = 1,
  kProject,
  kProjectCore,
  kVacancy,
  kWorker,
  kOutcome,
  kIdNumber,
  kPhone,
  kOutcomeWorker,
  kOrderClass,
};

class Rng {
 public:
  Rng(uint64_t seed, Stream stream, uint64_t index)
      : state_(Mix64(Mix64(seed) ^ Mix64(static_cast<uint64_t>(stream) << 48) ^
                     (index * 0xd1b54a32d192ed03ULL))) {}

  uint64_t Next() { return Mix64(state_ += 0x9e3779b97f4a7c15ULL); }
  // Uniform in [0, n); 0 when n == 0.
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >>
                                 64);
  }
  // Uniform integer in [lo, hi]. REQUIRES: lo <= hi.
  int Range(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Unit(); }
  bool Chance(double p) { return Unit() < p; }
  // Index drawn with probability proportional to `weights` (not all zero);
  // a linear scan, for short tables.
  size_t Weighted(const std::vector<double>& weights);

 private:
  uint64_t state_;
};

// A fixed discrete distribution over [0, weights.size()), drawn by binary
// search over cumulative weights (for long tables such as occupations).
class Discrete {
 public:
  Discrete() = default;
  explicit Discrete(const std::vector<double>& weights);
  size_t Draw(Rng& rng) const;  // REQUIRES: built from weights not all zero
  size_t size() const { return cumulative_.size(); }

 private:
  std::vector<double> cumulative_;
};

// A keyed bijection on [0, n): a 4-round Feistel network over the smallest even
// number of bits covering n, with cycle walking back into range.
class Permutation {
 public:
  Permutation(uint64_t n, uint64_t key);
  uint64_t operator()(uint64_t x) const;  // REQUIRES: x < n
  uint64_t size() const { return n_; }

 private:
  uint64_t Feistel(uint64_t x) const;
  uint64_t n_;
  uint64_t key_;
  int half_bits_ = 1;
};

}  // namespace qiancheng::world

#endif  // QIANCHENG_WORLD_RNG_H_
