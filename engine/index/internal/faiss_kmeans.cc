#include "index/internal/faiss_kmeans.h"

#include <faiss/Clustering.h>
#include <faiss/IndexFlat.h>
#include <faiss/impl/FaissException.h>
#include <omp.h>

#include <algorithm>
#include <new>
#include <string>

namespace qiancheng::index::internal {
namespace {

// Rows per FAISS search call: bounds the label and distance buffers while
// staying far above FAISS's BLAS threshold of 20 rows.
constexpr size_t kAssignBlock = 65536;

void UseThreads(int threads) {
  if (threads > 0) omp_set_num_threads(threads);
}

}  // namespace

Result<std::vector<float>> TrainCentroids(const float* x, size_t n, size_t dim,
                                          size_t lists,
                                          const KMeansOptions& options) {
  if (lists == 0 || lists > n) {
    return Status::InvalidArgument("lists", "must be in 1..rows");
  }
  faiss::ClusteringParameters params;
  params.niter = options.iterations;
  params.seed = options.seed;
  params.max_points_per_centroid = static_cast<int>(options.sample_per_list);
  // FAISS warns on stderr below 39 rows per centroid; small samples are a
  // deliberate trade (training time) here, not a mistake.
  params.min_points_per_centroid = 1;
  // Unit-length centroids: the rows are L2-normalised embeddings, and with
  // free centroids one drifts towards the origin, where it is the nearest
  // centroid of every cluster without its own and its list grows to tens of
  // clusters (measured at 1M: p99 search time 30x the median).
  params.spherical = true;
  try {
    UseThreads(options.threads);
    faiss::Clustering kmeans(static_cast<int>(dim), static_cast<int>(lists),
                             params);
    faiss::IndexFlatL2 assigner(static_cast<faiss::Index::idx_t>(dim));
    kmeans.train(static_cast<faiss::Index::idx_t>(n), x, assigner);
    return std::move(kmeans.centroids);
  } catch (const faiss::FaissException& e) {
    return Status::Internal(std::string("faiss: ") + e.what());
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("index: out of memory training lists");
  }
}

Status AssignNearest(const std::vector<float>& centroids, size_t dim,
                     const float* x, size_t n, int threads, uint32_t* out) {
  try {
    UseThreads(threads);
    faiss::IndexFlatL2 flat(static_cast<faiss::Index::idx_t>(dim));
    flat.add(static_cast<faiss::Index::idx_t>(centroids.size() / dim),
             centroids.data());
    std::vector<float> distances(std::min(n, kAssignBlock));
    std::vector<faiss::Index::idx_t> labels(distances.size());
    for (size_t begin = 0; begin < n; begin += kAssignBlock) {
      const size_t rows = std::min(kAssignBlock, n - begin);
      flat.search(static_cast<faiss::Index::idx_t>(rows), x + begin * dim, 1,
                  distances.data(), labels.data());
      for (size_t i = 0; i < rows; ++i) {
        // FAISS returns -1 only when the database is empty.
        if (labels[i] < 0) return Status::Internal("faiss: no centroid");
        out[begin + i] = static_cast<uint32_t>(labels[i]);
      }
    }
  } catch (const faiss::FaissException& e) {
    return Status::Internal(std::string("faiss: ") + e.what());
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("index: out of memory assigning lists");
  }
  return Status::Ok();
}

}  // namespace qiancheng::index::internal
