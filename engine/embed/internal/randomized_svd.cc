#include "embed/internal/randomized_svd.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <algorithm>
#include <cmath>

namespace qiancheng::embed::internal {
namespace {

// splitmix64 + Box-Muller: the same numbers on every platform, which
// std::normal_distribution does not promise.
class Gaussian {
 public:
  explicit Gaussian(uint64_t seed) : state_(seed) {}
  float Next() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = (static_cast<double>(Bits() >> 11) + 1.0) * 0x1.0p-53;
    const double u2 = static_cast<double>(Bits() >> 11) * 0x1.0p-53;
    const double r = std::sqrt(-2.0 * std::log(u1));
    spare_ = static_cast<float>(r * std::sin(2.0 * M_PI * u2));
    has_spare_ = true;
    return static_cast<float>(r * std::cos(2.0 * M_PI * u2));
  }

 private:
  uint64_t Bits() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint64_t state_;
  float spare_ = 0;
  bool has_spare_ = false;
};

// An orthonormal basis of the columns of `m` (thin Q of its QR).
Eigen::MatrixXf Orthonormalize(const Eigen::MatrixXf& m) {
  Eigen::HouseholderQR<Eigen::MatrixXf> qr(m);
  return qr.householderQ() * Eigen::MatrixXf::Identity(m.rows(), m.cols());
}

// An orthonormal basis of the range of `matrix` with `samples` columns
// (docs x samples): the randomised range finder with power iterations.
Eigen::MatrixXf SampleRange(const SparseRows& matrix, const SvdOptions& options,
                            Eigen::Index samples) {
  Gaussian gaussian(options.seed);
  Eigen::MatrixXf test(matrix.cols(), samples);
  for (Eigen::Index i = 0; i < test.size(); ++i)
    test.data()[i] = gaussian.Next();
  Eigen::MatrixXf range = Orthonormalize(matrix * test);
  // Re-orthonormalising after each product keeps the small singular
  // directions from vanishing in float rounding. The QR of the feature side
  // (features x samples) dominates the cost when there are far more features
  // than documents, as with the catalog alone; orthonormalising the document
  // side alone is then enough, since each step loses only one factor of the
  // condition number.
  const bool orthonormalize_features = matrix.cols() <= matrix.rows();
  for (size_t i = 0; i < options.power_iterations; ++i) {
    Eigen::MatrixXf back = matrix.transpose() * range;
    if (orthonormalize_features) back = Orthonormalize(back);
    range = Orthonormalize(matrix * back);
  }
  return range;
}

}  // namespace

TruncatedSvd RandomizedSvd(const SparseRows& matrix,
                           const SvdOptions& options) {
  const Eigen::Index rank = static_cast<Eigen::Index>(options.rank);
  const Eigen::Index samples = std::min<Eigen::Index>(
      rank + static_cast<Eigen::Index>(options.oversampling),
      std::min(matrix.rows(), matrix.cols()));
  TruncatedSvd svd;
  svd.right = RowMajorMatrix::Zero(matrix.cols(), rank);
  svd.singular_values = Eigen::VectorXf::Zero(rank);
  if (samples <= 0) return svd;
  // B = Q^T X, held as its transpose (features x samples); its SVD comes from
  // the eigenvectors U of the small B B^T: right vectors = B^T U / sigma.
  const Eigen::MatrixXf bt =
      matrix.transpose() * SampleRange(matrix, options, samples);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(
      (bt.transpose() * bt).cast<double>());
  const Eigen::VectorXd& values = eigen.eigenvalues();  // ascending
  const double largest = std::sqrt(std::max(values(samples - 1), 0.0));
  Eigen::MatrixXf scaled_u = Eigen::MatrixXf::Zero(samples, rank);
  for (Eigen::Index i = 0; i < std::min(rank, samples); ++i) {
    const Eigen::Index j = samples - 1 - i;
    const double sigma = std::sqrt(std::max(values(j), 0.0));
    // Directions below float precision of the largest are noise, not topics.
    if (sigma == 0 || sigma <= 1e-6 * largest) break;
    Eigen::VectorXd u = eigen.eigenvectors().col(j);
    // Fix the sign (largest component positive) so a refit is reproducible.
    Eigen::Index at = 0;
    u.cwiseAbs().maxCoeff(&at);
    if (u(at) < 0) u = -u;
    svd.singular_values(i) = static_cast<float>(sigma);
    scaled_u.col(i) = (u / sigma).cast<float>();
  }
  svd.right = bt * scaled_u;
  return svd;
}

}  // namespace qiancheng::embed::internal
