// embed/internal/hash.h -- FNV-1a 64 for the occupation part's positions and
// the model file's checksum and fingerprint: stable across platforms and
// builds, unlike std::hash. Pure functions.
#ifndef QIANCHENG_EMBED_INTERNAL_HASH_H_
#define QIANCHENG_EMBED_INTERNAL_HASH_H_

#include <cstdint>
#include <string_view>

namespace qiancheng::embed::internal {

inline constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ull;
inline constexpr uint64_t kFnvPrime = 0x100000001b3ull;

// Continues an FNV-1a 64 hash `h` over `bytes`.
inline uint64_t Fnv1a64Update(uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

// FNV's low bits mix poorly for short keys; one xorshift-multiply round
// (murmur3's finaliser) spreads them before a modulo.
inline uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

// FNV-1a 64 of `bytes`, started from the offset basis mixed with `seed`.
inline uint64_t Fnv1a64(std::string_view bytes, uint64_t seed = 0) {
  return Mix(Fnv1a64Update(kFnvOffset ^ (seed * kFnvPrime), bytes));
}

}  // namespace qiancheng::embed::internal

#endif  // QIANCHENG_EMBED_INTERNAL_HASH_H_
