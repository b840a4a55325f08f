// index/synthetic.h -- stage 4 (index) of DESIGN.md: structured synthetic
// vectors for the index tests, benchmarks and `qiancheng bench-index`: points
// around random cluster centres (like embeddings of texts about a few hundred
// occupations), each cluster spread along its own random low-dimensional
// subspace plus a little isotropic noise (real embeddings, e.g. LSA, have a
// low intrinsic dimension; isotropic noise in 256-d makes every neighbour
// almost equidistant), L2-normalised, from a fixed seed. Not used on the
// serving path.
// Thread-safety: pure functions.
#ifndef QIANCHENG_INDEX_SYNTHETIC_H_
#define QIANCHENG_INDEX_SYNTHETIC_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qiancheng::index {

struct ClusteredSpec {
  size_t dim = 256;
  size_t clusters = 1000;  // centres drawn from N(0, 1)
  float spread = 0.7f;     // per-coordinate spread around a centre
  size_t latent = 16;      // dimension of each cluster's subspace; 0 = none
  float noise = 0.1f;      // isotropic noise, as a fraction of `spread`
  uint64_t seed = 42;      // same seed -> same centres
};

// n vectors (row-major, n * dim floats) of the clustered distribution;
// `stream` picks an independent draw from the same centres (e.g. 0 for the
// data, 1 for queries).
std::vector<float> ClusteredVectors(const ClusteredSpec& spec, size_t n,
                                    uint64_t stream);

// "v0", "v1", ...: the ids the benchmarks and tests use.
std::vector<std::string> SequentialIds(size_t n, std::string_view prefix = "v");

}  // namespace qiancheng::index

#endif  // QIANCHENG_INDEX_SYNTHETIC_H_
