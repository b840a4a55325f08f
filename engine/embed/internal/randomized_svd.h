// embed/internal/randomized_svd.h -- truncated SVD of a sparse document x
// feature matrix by the randomised range finder of Halko, Martinsson & Tropp
// (2011): sample the range with a Gaussian test matrix, sharpen it with power
// iterations, then solve the small problem exactly. Deterministic for a seed.
#ifndef QIANCHENG_EMBED_INTERNAL_RANDOMIZED_SVD_H_
#define QIANCHENG_EMBED_INTERNAL_RANDOMIZED_SVD_H_

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <cstdint>

namespace qiancheng::embed::internal {

using SparseRows = Eigen::SparseMatrix<float, Eigen::RowMajor, int64_t>;
using RowMajorMatrix =
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct SvdOptions {
  size_t rank = 192;            // singular vectors wanted
  size_t oversampling = 16;     // extra test vectors for accuracy
  size_t power_iterations = 3;  // sharpen a slowly decaying spectrum
  uint64_t seed = 1;
};

struct TruncatedSvd {
  // features x rank: the right singular vectors (columns), best first; columns
  // past the matrix's rank are zero.
  RowMajorMatrix right;
  Eigen::VectorXf singular_values;  // rank values, descending
};

TruncatedSvd RandomizedSvd(const SparseRows& matrix, const SvdOptions& options);

}  // namespace qiancheng::embed::internal

#endif  // QIANCHENG_EMBED_INTERNAL_RANDOMIZED_SVD_H_
