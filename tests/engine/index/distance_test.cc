#include "index/distance.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace qiancheng::index {
namespace {

TEST(Distance, EveryKernelAgreesWithThePortableOneAtEveryLength) {
  std::mt19937 rng(7);
  std::normal_distribution<float> normal;
  std::vector<float> a(300), b(300);
  for (float& v : a) v = normal(rng);
  for (float& v : b) v = normal(rng);
  for (const NamedKernel& kernel : SupportedL2SqrKernels()) {
    for (size_t dim : {1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 64, 100, 256, 300}) {
      double want = 0;
      for (size_t i = 0; i < dim; ++i) want += (a[i] - b[i]) * (a[i] - b[i]);
      EXPECT_NEAR(kernel.fn(a.data(), b.data(), dim), want, 1e-4 * want)
          << kernel.name << " dim " << dim;
    }
  }
}

TEST(Distance, DispatchPicksTheBestSupportedKernel) {
  const std::vector<NamedKernel> kernels = SupportedL2SqrKernels();
  ASSERT_FALSE(kernels.empty());
  EXPECT_EQ(L2SqrKernelName(), kernels.front().name);
  EXPECT_EQ(L2SqrKernel(), kernels.front().fn);
  EXPECT_EQ(kernels.back().name, "portable");
}

TEST(Distance, ZeroForEqualVectors) {
  std::vector<float> a(37, 0.25f);
  EXPECT_EQ(L2Sqr(a.data(), a.data(), a.size()), 0.0f);
}

}  // namespace
}  // namespace qiancheng::index
