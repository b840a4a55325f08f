#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "index/brute_force_index.h"
#include "index/faiss_index.h"
#include "index/synthetic.h"
#include "layouts.h"

namespace qiancheng::index {
namespace {

constexpr ClusteredSpec kSpec{
    .dim = 16, .clusters = 50, .spread = 0.7f, .seed = 3};

// Runs on both large layouts (BruteForceIndex cases ignore the parameter).
class Snapshot : public testing::TestWithParam<IndexLayout> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("qc_index_snapshot_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "index.snap").string();
    data_ = ClusteredVectors(kSpec, 3000, 0);
    ids_ = SequentialIds(3000);
    options_.large_min_items = 1000;
    options_.large_layout = GetParam();
    options_.background_rebuild = false;
    options_.compact_dead_fraction = 1.0;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::span<const float> Row(size_t i) const {
    return {data_.data() + i * kSpec.dim, kSpec.dim};
  }
  void Flip(std::streamoff offset) {
    std::fstream f(path_, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(offset);
    char c = 0;
    f.get(c);
    f.seekp(offset);
    f.put(static_cast<char>(c ^ 0x10));
  }

  std::filesystem::path dir_;
  std::string path_;
  std::vector<float> data_;
  std::vector<std::string> ids_;
  FaissIndexOptions options_;
};

TEST_P(Snapshot, RoundTripKeepsItemsTombstonesAndAnswers) {
  FaissIndex index(kSpec.dim, options_);
  ASSERT_TRUE(index.UpsertBatch(ids_, data_).ok());
  for (size_t i = 0; i < 3000; i += 10) ASSERT_TRUE(index.Remove(ids_[i]).ok());
  ASSERT_TRUE(
      index.Save(path_, {.sequence = 4242, .embedder = "tfidf-lsa/3"}).ok());
  EXPECT_FALSE(std::filesystem::exists(path_ + ".tmp"));

  FaissIndex loaded(kSpec.dim, options_);
  auto info = loaded.Load(path_, "tfidf-lsa/3");
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->sequence, 4242u);
  EXPECT_EQ(info->embedder, "tfidf-lsa/3");
  EXPECT_EQ(loaded.size(), index.size());
  EXPECT_EQ(loaded.kind(), GetParam());
  EXPECT_FALSE(loaded.Contains("v0"));
  EXPECT_TRUE(loaded.Contains("v1"));
  for (size_t q = 0; q < 3000; q += 97) {
    auto a = index.Search(Row(q), {.k = 10});
    auto b = loaded.Search(Row(q), {.k = 10});
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->size(), b->size());
    for (size_t i = 0; i < a->size(); ++i) EXPECT_EQ((*a)[i].id, (*b)[i].id);
  }
  // The loaded index takes writes like the original.
  ASSERT_TRUE(loaded.Upsert("new", Row(5)).ok());
  auto hit = loaded.Search(Row(5), {.k = 1});
  ASSERT_TRUE(hit.ok());
  EXPECT_TRUE((*hit)[0].id == "new" || (*hit)[0].id == "v5");
}

TEST_P(Snapshot, BruteForceRoundTrip) {
  BruteForceIndex index(kSpec.dim);
  ASSERT_TRUE(index.UpsertBatch(ids_, data_).ok());
  ASSERT_TRUE(index.Remove("v7").ok());
  ASSERT_TRUE(index.Save(path_, {.sequence = 1, .embedder = "e/1"}).ok());
  BruteForceIndex loaded(kSpec.dim);
  ASSERT_TRUE(loaded.Load(path_, "e/1").ok());
  EXPECT_EQ(loaded.size(), 2999u);
  auto hit = loaded.Search(Row(8), {.k = 1});
  ASSERT_TRUE(hit.ok());
  EXPECT_EQ((*hit)[0].id, "v8");
}

TEST_P(Snapshot, CorruptOrTruncatedFileIsAnErrorAndLeavesTheIndexAlone) {
  FaissIndex index(kSpec.dim, options_);
  ASSERT_TRUE(index.UpsertBatch(ids_, data_).ok());
  ASSERT_TRUE(index.Save(path_, {.sequence = 7, .embedder = "e/1"}).ok());
  const auto size =
      static_cast<std::streamoff>(std::filesystem::file_size(path_));
  FaissIndex target(kSpec.dim, options_);
  ASSERT_TRUE(target.Upsert("keep", Row(0)).ok());
  for (const std::streamoff offset :
       {std::streamoff{3}, size / 3, size / 2, size - 20, size - 1}) {
    ASSERT_TRUE(index.Save(path_, {.sequence = 7, .embedder = "e/1"}).ok());
    Flip(offset);
    EXPECT_EQ(target.Load(path_, "e/1").status().code(), Code::kInternal)
        << "flipped byte at " << offset;
  }
  ASSERT_TRUE(index.Save(path_, {.sequence = 7, .embedder = "e/1"}).ok());
  std::filesystem::resize_file(path_, static_cast<uintmax_t>(size / 2));
  EXPECT_EQ(target.Load(path_, "e/1").status().code(), Code::kInternal);
  EXPECT_EQ(target.size(), 1u);
  EXPECT_TRUE(target.Contains("keep"));
}

TEST_P(Snapshot, MismatchIsFailedPreconditionAndMissingIsNotFound) {
  FaissIndex index(kSpec.dim, options_);
  ASSERT_TRUE(index.UpsertBatch(ids_, data_).ok());
  ASSERT_TRUE(index.Save(path_, {.sequence = 7, .embedder = "e/1"}).ok());
  FaissIndex other(kSpec.dim, options_);
  EXPECT_EQ(other.Load(path_, "e/2").status().code(),
            Code::kFailedPrecondition);
  FaissIndex wider(kSpec.dim * 2, options_);
  EXPECT_EQ(wider.Load(path_, "e/1").status().code(),
            Code::kFailedPrecondition);
  BruteForceIndex brute(kSpec.dim);
  EXPECT_EQ(brute.Load(path_, "e/1").status().code(),
            Code::kFailedPrecondition);
  EXPECT_EQ(other.Load((dir_ / "missing").string(), "e/1").status().code(),
            Code::kNotFound);
}

TEST_P(Snapshot, AnotherLayoutIsFailedPreconditionAndLeavesTheIndexAlone) {
  FaissIndex index(kSpec.dim, options_);
  ASSERT_TRUE(index.UpsertBatch(ids_, data_).ok());
  ASSERT_TRUE(index.Save(path_, {.sequence = 7, .embedder = "e/1"}).ok());
  FaissIndexOptions other = options_;
  other.large_layout =
      GetParam() == IndexLayout::kIvf ? IndexLayout::kHnsw : IndexLayout::kIvf;
  FaissIndex target(kSpec.dim, other);
  ASSERT_TRUE(target.Upsert("keep", Row(0)).ok());
  EXPECT_EQ(target.Load(path_, "e/1").status().code(),
            Code::kFailedPrecondition);
  other.large_layout = IndexLayout::kFlat;
  FaissIndex flat(kSpec.dim, other);
  EXPECT_EQ(flat.Load(path_, "e/1").status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(target.size(), 1u);
  EXPECT_TRUE(target.Contains("keep"));
}

// A snapshot taken while the index is still a flat table loads too.
TEST_P(Snapshot, FlatTableRoundTrip) {
  FaissIndex index(kSpec.dim, options_);
  ASSERT_TRUE(
      index.UpsertBatch({ids_.data(), 500}, {data_.data(), 500 * kSpec.dim})
          .ok());
  ASSERT_EQ(index.kind(), IndexLayout::kFlat);
  ASSERT_TRUE(index.Save(path_, {.sequence = 3, .embedder = "e/1"}).ok());
  FaissIndex loaded(kSpec.dim, options_);
  ASSERT_TRUE(loaded.Load(path_, "e/1").ok());
  EXPECT_EQ(loaded.kind(), IndexLayout::kFlat);
  EXPECT_EQ(loaded.size(), 500u);
  // Growing past the threshold after the load builds the large layout.
  ASSERT_TRUE(
      loaded
          .UpsertBatch({ids_.data() + 500, 2500},
                       {data_.data() + 500 * kSpec.dim, 2500 * kSpec.dim})
          .ok());
  EXPECT_EQ(loaded.kind(), GetParam());
  auto hit = loaded.Search(Row(2999), {.k = 1});
  ASSERT_TRUE(hit.ok());
  EXPECT_EQ((*hit)[0].id, "v2999");
}

TEST_P(Snapshot, SaveReplacesTheOldFileWhole) {
  FaissIndex index(kSpec.dim, options_);
  ASSERT_TRUE(index.UpsertBatch(ids_, data_).ok());
  ASSERT_TRUE(index.Save(path_, {.sequence = 1, .embedder = "e/1"}).ok());
  ASSERT_TRUE(index.Remove("v1").ok());
  ASSERT_TRUE(index.Save(path_, {.sequence = 2, .embedder = "e/1"}).ok());
  FaissIndex loaded(kSpec.dim, options_);
  auto info = loaded.Load(path_, "e/1");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->sequence, 2u);
  EXPECT_FALSE(loaded.Contains("v1"));
  EXPECT_FALSE(index.Save((dir_ / "no" / "such" / "dir").string(), {}).ok());
}

INSTANTIATE_TEST_SUITE_P(Layouts, Snapshot,
                         testing::Values(IndexLayout::kIvf, IndexLayout::kHnsw),
                         LayoutName);

}  // namespace
}  // namespace qiancheng::index
