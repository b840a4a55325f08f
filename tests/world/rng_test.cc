// Tests of world/rng.h: reproducible streams and true permutations.
#include "world/rng.h"

#include <gtest/gtest.h>

#include <set>

namespace qiancheng::world {
namespace {

TEST(Rng, SameStreamSameNumbers) {
  Rng a(7, Stream::kWorker, 42), b(7, Stream::kWorker, 42);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.Next(), b.Next());
}

TEST(Rng, StreamsAndIndexesDiffer) {
  EXPECT_NE(Rng(7, Stream::kWorker, 42).Next(),
            Rng(7, Stream::kWorker, 43).Next());
  EXPECT_NE(Rng(7, Stream::kWorker, 42).Next(),
            Rng(7, Stream::kVacancy, 42).Next());
  EXPECT_NE(Rng(7, Stream::kWorker, 42).Next(),
            Rng(8, Stream::kWorker, 42).Next());
}

TEST(Rng, RangeStaysInBounds) {
  Rng rng(1, Stream::kWorker, 0);
  std::set<int> seen;
  for (int i = 0; i < 2000; ++i) {
    const int x = rng.Range(3, 7);
    ASSERT_GE(x, 3);
    ASSERT_LE(x, 7);
    seen.insert(x);
  }
  EXPECT_EQ(seen.size(), 5u);
}

TEST(Discrete, NeverDrawsZeroWeight) {
  Discrete table({0, 2, 0, 1, 0});
  Rng rng(1, Stream::kWorker, 0);
  std::set<size_t> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(table.Draw(rng));
  EXPECT_EQ(seen, (std::set<size_t>{1, 3}));
}

TEST(Permutation, IsABijection) {
  for (uint64_t n : {1u, 2u, 37u, 1000u, 4096u, 5000u}) {
    Permutation perm(n, 99);
    std::set<uint64_t> images;
    for (uint64_t x = 0; x < n; ++x) {
      const uint64_t y = perm(x);
      ASSERT_LT(y, n);
      images.insert(y);
    }
    EXPECT_EQ(images.size(), n) << "n=" << n;
  }
}

TEST(Permutation, KeyChangesTheOrder) {
  Permutation a(1000, 1), b(1000, 2);
  int same = 0;
  for (uint64_t x = 0; x < 1000; ++x) same += a(x) == b(x);
  EXPECT_LT(same, 20);
}

}  // namespace
}  // namespace qiancheng::world
