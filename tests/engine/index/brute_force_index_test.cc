#include "index/brute_force_index.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace qiancheng::index {
namespace {

std::vector<float> Vec(float x, float y) { return {x, y}; }

std::vector<std::string> Ids(const std::vector<SearchHit>& hits) {
  std::vector<std::string> ids;
  for (const SearchHit& hit : hits) ids.push_back(hit.id);
  return ids;
}

TEST(BruteForceIndex, ReturnsNearestFirstWithSquaredDistances) {
  BruteForceIndex index(2);
  ASSERT_TRUE(index.Upsert("a", Vec(0, 0)).ok());
  ASSERT_TRUE(index.Upsert("b", Vec(1, 0)).ok());
  ASSERT_TRUE(index.Upsert("c", Vec(3, 0)).ok());
  auto hits = index.Search(Vec(0.9f, 0), {.k = 2});
  ASSERT_TRUE(hits.ok()) << hits.status();
  EXPECT_EQ(Ids(*hits), (std::vector<std::string>{"b", "a"}));
  EXPECT_NEAR((*hits)[0].distance, 0.01f, 1e-6);
  EXPECT_NEAR((*hits)[1].distance, 0.81f, 1e-6);
}

TEST(BruteForceIndex, UpsertReplacesAndRemoveDeletes) {
  BruteForceIndex index(2);
  ASSERT_TRUE(index.Upsert("a", Vec(0, 0)).ok());
  ASSERT_TRUE(index.Upsert("b", Vec(5, 5)).ok());
  ASSERT_TRUE(index.Upsert("a", Vec(9, 9)).ok());
  EXPECT_EQ(index.size(), 2u);
  auto hits = index.Search(Vec(0, 0), {.k = 5});
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(Ids(*hits), (std::vector<std::string>{"b", "a"}));
  ASSERT_TRUE(index.Remove("b").ok());
  EXPECT_EQ(index.Remove("b").code(), Code::kNotFound);
  hits = index.Search(Vec(0, 0), {.k = 5});
  EXPECT_EQ(Ids(*hits), (std::vector<std::string>{"a"}));
}

TEST(BruteForceIndex, FilterKeepsOnlyListedIds) {
  BruteForceIndex index(2);
  for (int i = 0; i < 10; ++i) {
    std::string id = "p";  // appended: g++ 12 -Wrestrict false alarm on "p" + s
    id += std::to_string(i);
    ASSERT_TRUE(index.Upsert(id, Vec(static_cast<float>(i), 0)).ok());
  }
  const std::vector<std::string> keep = {"p7", "p3", "nope"};
  const IdFilter filter = index.FilterFromIds(keep);
  EXPECT_EQ(filter.count(), 2u);
  auto hits = index.Search(Vec(0, 0), {.k = 10}, &filter);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(Ids(*hits), (std::vector<std::string>{"p3", "p7"}));
  const IdFilter odd = index.FilterWhere(
      [](std::string_view id) { return (id.back() - '0') % 2 == 1; });
  hits = index.Search(Vec(0, 0), {.k = 2}, &odd);
  EXPECT_EQ(Ids(*hits), (std::vector<std::string>{"p1", "p3"}));
}

TEST(BruteForceIndex, RejectsBadInput) {
  BruteForceIndex index(2);
  EXPECT_EQ(index.Upsert("", Vec(0, 0)).code(), Code::kInvalidArgument);
  EXPECT_EQ(index.Upsert("a", std::vector<float>{1}).code(),
            Code::kInvalidArgument);
  EXPECT_EQ(index.Upsert("a", Vec(NAN, 0)).code(), Code::kInvalidArgument);
  EXPECT_EQ(index.Search(Vec(0, 0), {.k = 0}).status().code(),
            Code::kInvalidArgument);
  const std::vector<std::string> ids = {"a", "b"};
  const std::vector<float> one = {1, 2};
  EXPECT_EQ(index.UpsertBatch(ids, one).code(), Code::kInvalidArgument);
  EXPECT_EQ(index.size(), 0u);
}

TEST(BruteForceIndex, RejectsAFilterOfAnotherIndex) {
  BruteForceIndex a(2), b(2);
  ASSERT_TRUE(a.Upsert("x", Vec(0, 0)).ok());
  const std::vector<std::string> keep = {"x"};
  const IdFilter filter = a.FilterFromIds(keep);
  EXPECT_EQ(b.Search(Vec(0, 0), {}, &filter).status().code(),
            Code::kFailedPrecondition);
}

}  // namespace
}  // namespace qiancheng::index
