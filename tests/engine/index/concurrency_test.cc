// Searches running on several threads while a writer removes, replaces and
// adds items and background rebuilds swap layouts. Run it under the ASan build
// (-DQC_SANITIZE=ON) as well.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

#include "index/distance.h"
#include "index/faiss_index.h"
#include "index/synthetic.h"
#include "layouts.h"

namespace qiancheng::index {
namespace {

constexpr ClusteredSpec kSpec{
    .dim = 24, .clusters = 100, .spread = 0.7f, .seed = 4};
constexpr size_t kItems = 6000;
constexpr size_t kRemoved = 3000;  // v0 .. v2999, in order
constexpr size_t kAdded = 2000;    // n0 .. n1999

class FaissIndexConcurrency : public testing::TestWithParam<IndexLayout> {};

INSTANTIATE_TEST_SUITE_P(Layouts, FaissIndexConcurrency,
                         testing::Values(IndexLayout::kIvf, IndexLayout::kHnsw),
                         LayoutName);

TEST_P(FaissIndexConcurrency, ReadersNeverSeeRemovedOrHalfAddedItems) {
  FaissIndexOptions options;
  options.large_min_items = 2000;
  options.large_layout = GetParam();
  options.compact_dead_fraction = 0.2;
  options.batch_chunk_rows = 256;
  FaissIndex index(kSpec.dim, options);
  const std::vector<float> data = ClusteredVectors(kSpec, kItems, 0);
  const std::vector<float> added = ClusteredVectors(kSpec, kAdded, 2);
  const std::vector<std::string> ids = SequentialIds(kItems);
  const std::vector<std::string> new_ids = SequentialIds(kAdded, "n");
  ASSERT_TRUE(index.UpsertBatch(ids, data).ok());

  std::atomic<size_t> removed_upto{0};
  std::atomic<bool> done{false}, readding{false};
  std::atomic<size_t> searches{0}, stale{0}, wrong_distance{0}, errors{0};
  auto reader = [&](uint64_t seed) {
    std::mt19937_64 rng(seed);
    while (!done) {
      const size_t m = removed_upto.load(std::memory_order_acquire);
      const size_t q = rng() % kItems;
      const std::span<const float> query(data.data() + q * kSpec.dim,
                                         kSpec.dim);
      auto hits = index.Search(query, {.k = 10});
      if (!hits.ok()) {
        ++errors;
        continue;
      }
      ++searches;
      // Once the batch below re-adds v0..v499 they may come back: only a
      // search that ended before the batch began is checked for them.
      const bool check = !readding;
      for (const SearchHit& hit : *hits) {
        const size_t j = std::stoul(hit.id.substr(1));
        if (check && hit.id[0] == 'v' && j < m) ++stale;
        const float* v =
            (hit.id[0] == 'v' ? data.data() : added.data()) + j * kSpec.dim;
        const float d = L2SqrPortable(query.data(), v, kSpec.dim);
        if (std::abs(d - hit.distance) > 1e-4f) ++wrong_distance;
      }
    }
  };
  std::vector<std::thread> readers;
  for (uint64_t t = 0; t < 3; ++t) readers.emplace_back(reader, t + 1);

  for (size_t i = 0; i < kRemoved; ++i) {
    ASSERT_TRUE(index.Remove(ids[i]).ok());
    removed_upto.store(i + 1, std::memory_order_release);
    if (i < kAdded) {
      ASSERT_TRUE(
          index.Upsert(new_ids[i], {added.data() + i * kSpec.dim, kSpec.dim})
              .ok());
    }
  }
  // A batch in chunks while readers run.
  readding = true;
  const std::vector<float> again(data.begin(), data.begin() + 500 * kSpec.dim);
  ASSERT_TRUE(index.UpsertBatch({ids.data(), 500}, again).ok());
  done = true;
  for (std::thread& t : readers) t.join();
  index.WaitForRebuild();

  EXPECT_GT(searches.load(), 0u);
  EXPECT_EQ(stale.load(), 0u);
  EXPECT_EQ(wrong_distance.load(), 0u);
  EXPECT_EQ(errors.load(), 0u);
  EXPECT_EQ(index.size(), kItems - kRemoved + kAdded + 500);
  for (size_t i = 0; i < kAdded; i += 97)
    EXPECT_TRUE(index.Contains(new_ids[i]));
  EXPECT_TRUE(index.Contains("v0"));  // re-added by the batch
  EXPECT_FALSE(index.Contains("v500"));
}

}  // namespace
}  // namespace qiancheng::index
