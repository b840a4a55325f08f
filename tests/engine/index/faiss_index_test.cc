#include "index/faiss_index.h"

#include <gtest/gtest.h>

#include <set>

#include "index/brute_force_index.h"
#include "index/distance.h"
#include "index/synthetic.h"
#include "layouts.h"

namespace qiancheng::index {
namespace {

constexpr ClusteredSpec kSpec{
    .dim = 32, .clusters = 200, .spread = 0.7f, .seed = 9};

std::span<const float> Row(const std::vector<float>& data, size_t i) {
  return {data.data() + i * kSpec.dim, kSpec.dim};
}

// The behaviour below holds for both large layouts; each test runs on both.
class FaissIndexTest : public testing::TestWithParam<IndexLayout> {
 protected:
  FaissIndexOptions Small() const {
    FaissIndexOptions options;
    options.large_min_items = 1000;
    options.large_layout = GetParam();
    options.background_rebuild = false;
    return options;
  }
};

INSTANTIATE_TEST_SUITE_P(Layouts, FaissIndexTest,
                         testing::Values(IndexLayout::kIvf, IndexLayout::kHnsw),
                         LayoutName);

TEST_P(FaissIndexTest, StaysFlatBelowTheThresholdAndSwitchesAbove) {
  FaissIndex index(kSpec.dim, Small());
  const std::vector<float> data = ClusteredVectors(kSpec, 1500, 0);
  const std::vector<std::string> ids = SequentialIds(1500);
  for (size_t i = 0; i < 999; ++i)
    ASSERT_TRUE(index.Upsert(ids[i], Row(data, i)).ok());
  EXPECT_EQ(index.kind(), IndexLayout::kFlat);
  ASSERT_TRUE(index.Upsert(ids[999], Row(data, 999)).ok());
  EXPECT_EQ(index.kind(), GetParam());
  for (size_t i = 1000; i < 1500; ++i) {
    ASSERT_TRUE(index.Upsert(ids[i], Row(data, i)).ok());
  }
  EXPECT_EQ(index.size(), 1500u);
  auto hits = index.Search(Row(data, 1234), {.k = 1});
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ((*hits)[0].id, "v1234");
}

TEST_P(FaissIndexTest, DeletedAndReplacedItemsAreNeverReturned) {
  FaissIndexOptions options = Small();
  options.compact_dead_fraction = 1.0;  // keep every tombstone in the layout
  FaissIndex index(kSpec.dim, options);
  const size_t n = 5000;
  const std::vector<float> data = ClusteredVectors(kSpec, n, 0);
  const std::vector<float> moved = ClusteredVectors(kSpec, n, 2);
  const std::vector<std::string> ids = SequentialIds(n);
  ASSERT_TRUE(index.UpsertBatch(ids, data).ok());
  ASSERT_EQ(index.kind(), GetParam());
  std::set<std::string> removed;
  for (size_t i = 0; i < n; i += 3) {
    ASSERT_TRUE(index.Remove(ids[i]).ok());
    removed.insert(ids[i]);
  }
  size_t replaced = 0;
  for (size_t i = 1; i < n; i += 3, ++replaced) {
    ASSERT_TRUE(index.Upsert(ids[i], Row(moved, i)).ok());
  }
  EXPECT_EQ(index.size(), n - removed.size());
  EXPECT_EQ(index.dead_rows(), removed.size() + replaced);
  for (size_t i = 0; i < n; i += 7) {
    // Query at the old vector: its item must not come back, nor a stale copy.
    auto hits = index.Search(Row(data, i), {.k = 10});
    ASSERT_TRUE(hits.ok());
    EXPECT_EQ(hits->size(), 10u);
    for (const SearchHit& hit : *hits) {
      EXPECT_EQ(removed.count(hit.id), 0u) << hit.id;
      // A replaced item may still be near; its distance must be the new one.
      const size_t j = std::stoul(hit.id.substr(1));
      const std::span<const float> now =
          j % 3 == 1 ? Row(moved, j) : Row(data, j);
      EXPECT_NEAR(hit.distance,
                  L2SqrPortable(Row(data, i).data(), now.data(), kSpec.dim),
                  1e-4)
          << "stale vector of " << hit.id;
    }
  }
  for (size_t i = 1; i < n;
       i += 300) {  // replaced items are found at the new place
    auto hits = index.Search(Row(moved, i), {.k = 1});
    ASSERT_TRUE(hits.ok());
    EXPECT_EQ((*hits)[0].id, ids[i]);
  }
}

TEST_P(FaissIndexTest, CompactionDropsDeadRowsAndInvalidatesOldFilters) {
  FaissIndex index(kSpec.dim, Small());
  const std::vector<float> data = ClusteredVectors(kSpec, 3000, 0);
  const std::vector<std::string> ids = SequentialIds(3000);
  ASSERT_TRUE(index.UpsertBatch(ids, data).ok());
  const IdFilter before = index.FilterFromIds(ids);
  for (size_t i = 0; i < 1000; ++i) ASSERT_TRUE(index.Remove(ids[i]).ok());
  // The 751st removal passed 25% dead rows and rebuilt inside the write.
  EXPECT_EQ(index.dead_rows(), 249u);
  ASSERT_TRUE(index.Compact().ok());
  EXPECT_EQ(index.dead_rows(), 0u);
  EXPECT_EQ(index.size(), 2000u);
  EXPECT_EQ(index.kind(), GetParam());
  EXPECT_EQ(index.Search(Row(data, 0), {}, &before).status().code(),
            Code::kFailedPrecondition);
  const IdFilter after = index.FilterFromIds(ids);
  EXPECT_EQ(after.count(), 2000u);
  auto hits = index.Search(Row(data, 2500), {.k = 1}, &after);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ((*hits)[0].id, "v2500");
}

// Rows kept by a caller (RowsOf) compose the same filter as FilterFromIds;
// a replaced item's old row is dead, rows added later are outside a filter
// over the older row space, and a compaction starts another layout.
TEST_P(FaissIndexTest, RowsOfComposeTheFilterOfTheIds) {
  FaissIndexOptions options = Small();
  options.compact_dead_fraction = 1.0;
  FaissIndex index(kSpec.dim, options);
  const std::vector<float> data = ClusteredVectors(kSpec, 3000, 0);
  const std::vector<std::string> ids = SequentialIds(3000);
  ASSERT_TRUE(index.UpsertBatch(ids, data).ok());
  std::vector<std::string_view> keep;
  for (size_t i = 0; i < ids.size(); i += 4) keep.push_back(ids[i]);
  keep.push_back("no-such-id");
  std::vector<uint32_t> rows(keep.size());
  const RowSpace space = index.Rows();
  EXPECT_EQ(space.rows, 3000u);
  ASSERT_EQ(index.RowsOf(keep, rows), space.layout);
  EXPECT_EQ(rows.back(), kNoRow);
  IdFilter composed(space);
  for (uint32_t row : rows) {
    if (row != kNoRow) composed.Keep(row);
  }
  const IdFilter by_ids = index.FilterFromIds(
      std::vector<std::string>(keep.begin(), keep.end() - 1));
  EXPECT_EQ(composed.count(), 750u);
  for (size_t row = 0; row < space.rows; ++row) {
    ASSERT_EQ(composed.keeps(row), by_ids.keeps(row)) << row;
  }
  auto a = index.Search(Row(data, 8), {.k = 10}, &composed);
  auto b = index.Search(Row(data, 8), {.k = 10}, &by_ids);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->size(), 10u);
  for (size_t i = 0; i < a->size(); ++i) EXPECT_EQ((*a)[i].id, (*b)[i].id);

  // v8 replaced: its kept row is dead (never returned), its new row is not
  // in the older space.
  ASSERT_TRUE(index.Upsert(ids[8], Row(data, 8)).ok());
  auto c = index.Search(Row(data, 8), {.k = 10}, &composed);
  ASSERT_TRUE(c.ok());
  for (const SearchHit& hit : *c) EXPECT_NE(hit.id, "v8");
  std::vector<uint32_t> now(1);
  const std::string_view v8 = ids[8];
  index.RowsOf(std::span(&v8, 1), now);
  EXPECT_EQ(now[0], 3000u);
  EXPECT_EQ(index.Rows().rows, 3001u);

  ASSERT_TRUE(index.Compact().ok());
  EXPECT_NE(index.Rows().layout, space.layout);
  EXPECT_EQ(index.Search(Row(data, 8), {.k = 10}, &composed).status().code(),
            Code::kFailedPrecondition);
}

TEST_P(FaissIndexTest, ApproximateSearchNeverReturnsFewerThanKWhenKPass) {
  FaissIndexOptions options = Small();
  options.exact_scan_fraction = 0;      // always walk the graph first
  options.ivf_exact_scan_fraction = 0;  // always probe the lists first
  options.ivf_exact_scan_rows = 0;
  FaissIndex index(kSpec.dim, options);
  BruteForceIndex exact(kSpec.dim);
  const std::vector<float> data = ClusteredVectors(kSpec, 4000, 0);
  const std::vector<std::string> ids = SequentialIds(4000);
  ASSERT_TRUE(index.UpsertBatch(ids, data).ok());
  ASSERT_TRUE(exact.UpsertBatch(ids, data).ok());
  // Twelve items spread over the space: a walk or probe finds few of them.
  std::vector<std::string> keep;
  for (size_t i = 0; i < 12; ++i) keep.push_back(ids[i * 331]);
  const IdFilter filter = index.FilterFromIds(keep);
  const IdFilter exact_filter = exact.FilterFromIds(keep);
  for (size_t q = 0; q < 20; ++q) {
    auto got = index.Search(Row(data, q * 97),
                            {.k = 10, .ef_search = 10, .nprobe = 1}, &filter);
    auto want = exact.Search(Row(data, q * 97), {.k = 10}, &exact_filter);
    ASSERT_TRUE(got.ok() && want.ok());
    ASSERT_EQ(got->size(), 10u);
    for (size_t i = 0; i < 10; ++i) EXPECT_EQ((*got)[i].id, (*want)[i].id);
  }
}

TEST_P(FaissIndexTest, ExactParamMatchesTheBruteForceIndex) {
  FaissIndex index(kSpec.dim, Small());
  BruteForceIndex exact(kSpec.dim);
  const std::vector<float> data = ClusteredVectors(kSpec, 2000, 0);
  const std::vector<std::string> ids = SequentialIds(2000);
  ASSERT_TRUE(index.UpsertBatch(ids, data).ok());
  ASSERT_TRUE(exact.UpsertBatch(ids, data).ok());
  auto got = index.Search(Row(data, 5), {.k = 20, .exact = true});
  auto want = exact.Search(Row(data, 5), {.k = 20});
  ASSERT_TRUE(got.ok() && want.ok());
  ASSERT_EQ(got->size(), want->size());
  for (size_t i = 0; i < got->size(); ++i)
    EXPECT_EQ((*got)[i].id, (*want)[i].id);
}

TEST_P(FaissIndexTest, RemoveOfUnknownIdIsNotFound) {
  FaissIndex index(kSpec.dim, Small());
  EXPECT_EQ(index.Remove("nope").code(), Code::kNotFound);
  const std::vector<float> v(kSpec.dim, 0.1f);
  ASSERT_TRUE(index.Upsert("a", v).ok());
  ASSERT_TRUE(index.Remove("a").ok());
  EXPECT_FALSE(index.Contains("a"));
  auto hits = index.Search(v, {});
  ASSERT_TRUE(hits.ok());
  EXPECT_TRUE(hits->empty());
}

}  // namespace
}  // namespace qiancheng::index

namespace qiancheng::index {
namespace {

// IVF: rows appended after training go to the nearest list; once the index
// doubled since training, the lists are retrained (a new row layout).
TEST(FaissIndexIvf, RetrainsOnceTheIndexDoubled) {
  FaissIndexOptions options;
  options.large_min_items = 1000;
  options.background_rebuild = false;
  FaissIndex index(kSpec.dim, options);
  const std::vector<float> data = ClusteredVectors(kSpec, 2001, 0);
  const std::vector<std::string> ids = SequentialIds(2001);
  ASSERT_TRUE(
      index.UpsertBatch({ids.data(), 1000}, {data.data(), 1000 * kSpec.dim})
          .ok());
  ASSERT_EQ(index.kind(), IndexLayout::kIvf);
  const IdFilter before = index.FilterFromIds(ids);
  for (size_t i = 1000; i < 2000; ++i) {
    ASSERT_TRUE(index.Upsert(ids[i], Row(data, i)).ok());
  }
  EXPECT_TRUE(index.Search(Row(data, 1500), {.k = 1}, &before).ok());
  auto hit = index.Search(Row(data, 1500), {.k = 1});
  ASSERT_TRUE(hit.ok());
  EXPECT_EQ((*hit)[0].id, "v1500");  // appended rows are in their lists
  ASSERT_TRUE(index.Upsert(ids[2000], Row(data, 2000)).ok());
  EXPECT_EQ(index.Search(Row(data, 0), {.k = 1}, &before).status().code(),
            Code::kFailedPrecondition);
  EXPECT_EQ(index.size(), 2001u);
  EXPECT_EQ(index.kind(), IndexLayout::kIvf);
}

// IVF: rows inserted after training sit in their lists' tails (not in the
// run of rows the rebuild wrote), and a filtered probe must see them too: at
// every selectivity the filtered answer equals the exact one here (small
// lists, so the probe's plan covers the few lists that pass).
TEST(FaissIndexIvf, FilteredProbeSeesRowsInsertedAfterTraining) {
  FaissIndexOptions options;
  options.large_min_items = 2000;
  options.background_rebuild = false;
  options.ivf_exact_scan_rows = 0;  // probe even the smallest filters
  options.ivf_exact_scan_fraction = 0;
  FaissIndex index(kSpec.dim, options);
  BruteForceIndex exact(kSpec.dim);
  const std::vector<float> data = ClusteredVectors(kSpec, 3000, 0);
  const std::vector<std::string> ids = SequentialIds(3000);
  ASSERT_TRUE(
      index.UpsertBatch({ids.data(), 2000}, {data.data(), 2000 * kSpec.dim})
          .ok());
  ASSERT_EQ(index.kind(), IndexLayout::kIvf);
  for (size_t i = 2000; i < 3000; ++i) {  // one row at a time: the tails
    ASSERT_TRUE(index.Upsert(ids[i], Row(data, i)).ok());
  }
  ASSERT_TRUE(exact.UpsertBatch(ids, data).ok());
  ASSERT_EQ(index.kind(), IndexLayout::kIvf);
  for (const size_t every : {2, 10, 100}) {
    std::vector<std::string> keep;
    for (size_t i = 0; i < ids.size(); i += every) keep.push_back(ids[i]);
    const IdFilter filter = index.FilterFromIds(keep);
    const IdFilter exact_filter = exact.FilterFromIds(keep);
    for (const size_t q : {2001, 2500, 2999, 7}) {
      auto got = index.Search(Row(data, q), {.k = 5}, &filter);
      auto want = exact.Search(Row(data, q), {.k = 5}, &exact_filter);
      ASSERT_TRUE(got.ok() && want.ok());
      ASSERT_EQ(got->size(), want->size());
      for (size_t i = 0; i < got->size(); ++i) {
        EXPECT_EQ((*got)[i].id, (*want)[i].id) << "every " << every;
      }
    }
  }
}

class FaissIndexChurn : public FaissIndexTest {};
INSTANTIATE_TEST_SUITE_P(Layouts, FaissIndexChurn,
                         testing::Values(IndexLayout::kIvf, IndexLayout::kHnsw),
                         LayoutName);

// Issue 5: recall after 10% churn (deletes and re-adds) without a rebuild.
TEST_P(FaissIndexChurn, RecallStaysAfterTenPercentChurnWithoutRebuild) {
  constexpr ClusteredSpec spec{
      .dim = 32, .clusters = 500, .spread = 0.7f, .seed = 21};
  constexpr size_t n = 50000;
  FaissIndexOptions options;
  options.large_layout = GetParam();
  options.compact_dead_fraction = 1.0;  // tombstones stay in the layout
  options.background_rebuild = false;
  FaissIndex index(spec.dim, options);
  BruteForceIndex exact(spec.dim);
  const std::vector<float> data = ClusteredVectors(spec, n, 0);
  const std::vector<float> fresh = ClusteredVectors(spec, n / 10, 3);
  const std::vector<std::string> ids = SequentialIds(n);
  ASSERT_TRUE(index.UpsertBatch(ids, data).ok());
  ASSERT_TRUE(exact.UpsertBatch(ids, data).ok());
  for (size_t i = 0; i < n / 10;
       ++i) {  // every 10th item leaves, comes back moved
    const std::string& id = ids[i * 10];
    const std::span<const float> v(fresh.data() + i * spec.dim, spec.dim);
    ASSERT_TRUE(index.Remove(id).ok());
    ASSERT_TRUE(exact.Remove(id).ok());
    ASSERT_TRUE(index.Upsert(id, v).ok());
    ASSERT_TRUE(exact.Upsert(id, v).ok());
  }
  ASSERT_EQ(index.dead_rows(), n / 10);
  const std::vector<float> queries = ClusteredVectors(spec, 200, 1);
  size_t found = 0, wanted = 0;
  for (size_t q = 0; q < 200; ++q) {
    const std::span<const float> query(queries.data() + q * spec.dim, spec.dim);
    auto got = index.Search(query, {.k = 10});
    auto want = exact.Search(query, {.k = 10});
    ASSERT_TRUE(got.ok() && want.ok());
    std::set<std::string> truth;
    for (const SearchHit& hit : *want) truth.insert(hit.id);
    for (const SearchHit& hit : *got) found += truth.count(hit.id);
    wanted += truth.size();
  }
  EXPECT_GE(static_cast<double>(found) / wanted, 0.95);
}

}  // namespace
}  // namespace qiancheng::index
