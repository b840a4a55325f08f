// index/internal/faiss_kmeans.h -- stage 4 (index) of DESIGN.md: the FAISS
// adapter for the coarse quantizer of FaissIndex's IVF layout
// (internal/ivf_lists.h). Training is FAISS k-means (faiss::Clustering) on a
// seeded sample; bulk assignment is FAISS's exhaustive flat search, which runs
// batches of 20 or more rows as one OpenBLAS matrix product (the fast path of
// the Debian build). Single rows are assigned by IvfLists with this project's
// SIMD kernels instead: FAISS's search of fewer than 20 rows is scalar there.
// FAISS headers stay in the .cc; every faiss::FaissException becomes a Status.
// Thread-safety: pure functions; they use OpenMP and OpenBLAS threads, so
// call them from writers and rebuilds, never from a search.
#ifndef QIANCHENG_INDEX_INTERNAL_FAISS_KMEANS_H_
#define QIANCHENG_INDEX_INTERNAL_FAISS_KMEANS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/result.h"
#include "core/status.h"

namespace qiancheng::index::internal {

struct KMeansOptions {
  int iterations = 12;          // Lloyd iterations
  size_t sample_per_list = 64;  // training rows per centroid, at most
  int threads = 0;              // OpenMP threads; 0 = all
  int seed = 1234;              // sampling and initialisation
};

// `lists` centroids (lists * dim floats, row-major) of the n rows at x, trained
// on at most lists * sample_per_list of them. kInvalidArgument unless
// 1 <= lists <= n; kInternal when FAISS fails.
Result<std::vector<float>> TrainCentroids(const float* x, size_t n, size_t dim,
                                          size_t lists,
                                          const KMeansOptions& options);

// out[i] = the index of the centroid nearest to row i of x, for n rows.
// kInternal when FAISS fails (out is then unspecified).
Status AssignNearest(const std::vector<float>& centroids, size_t dim,
                     const float* x, size_t n, int threads, uint32_t* out);

}  // namespace qiancheng::index::internal

#endif  // QIANCHENG_INDEX_INTERNAL_FAISS_KMEANS_H_
