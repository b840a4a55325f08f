// Save/Load of the model file (embed/tfidf_lsa.h, internal/model_file.cc).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fitted_embedder.h"

namespace qiancheng::embed {
namespace {

using testing::CatalogEmbedder;
using testing::LoadedTaxonomy;
using testing::MustEmbed;

std::string TempPath(const std::string& name) {
  const auto dir = std::filesystem::path(QC_BINARY_DIR) / "embed_test_tmp";
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

const std::string& SavedModel() {
  static const std::string path = [] {
    const std::string p = TempPath("models/embedder.bin");
    std::filesystem::remove_all(std::filesystem::path(p).parent_path());
    const Status s = CatalogEmbedder().Save(p);
    EXPECT_TRUE(s.ok()) << s;
    return p;
  }();
  return path;
}

TEST(TfidfLsaEmbedderFile, RoundTripGivesIdenticalVectors) {
  auto loaded = TfidfLsaEmbedder::Load(SavedModel(), LoadedTaxonomy());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const auto& original = CatalogEmbedder();
  EXPECT_EQ((*loaded)->id(), original.id());
  EXPECT_EQ((*loaded)->dim(), original.dim());
  EXPECT_EQ((*loaded)->vocabulary_size(), original.vocabulary_size());
  EXPECT_EQ((*loaded)->documents(), original.documents());
  const EmbedInput inputs[] = {
      {"招聘养老护理员，负责照料老人日常起居", {{"4-10-01-05", 1}}},
      {"数控车床操作 编程", {}},
      {"", {{"6-30-05-01", 1}, {"4-02", 0.5f}}},
      {}};
  for (const auto& input : inputs)
    EXPECT_EQ(MustEmbed(**loaded, input), MustEmbed(original, input));
}

TEST(TfidfLsaEmbedderFile, SaveLeavesNoTempFile) {
  const auto dir = std::filesystem::path(SavedModel()).parent_path();
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().extension(), ".bin") << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 1u);
}

TEST(TfidfLsaEmbedderFile, MissingFileIsNotFound) {
  auto loaded =
      TfidfLsaEmbedder::Load(TempPath("no-such-model.bin"), LoadedTaxonomy());
  EXPECT_EQ(loaded.status().code(), Code::kNotFound);
}

TEST(TfidfLsaEmbedderFile, FlippedByteIsInternal) {
  const std::string image = ReadFile(SavedModel());
  ASSERT_GT(image.size(), 1000u);
  // One byte in the projection, one in the vocabulary, one in the header.
  for (size_t at : {image.size() - 5, image.size() / 3, size_t{20}}) {
    std::string bad = image;
    bad[at] = static_cast<char>(bad[at] ^ 0x10);
    const std::string path = TempPath("flipped.bin");
    WriteFile(path, bad);
    auto loaded = TfidfLsaEmbedder::Load(path, LoadedTaxonomy());
    EXPECT_EQ(loaded.status().code(), Code::kInternal) << "byte " << at;
  }
}

TEST(TfidfLsaEmbedderFile, TruncatedOrForeignFileIsInternal) {
  const std::string image = ReadFile(SavedModel());
  const std::string path = TempPath("short.bin");
  for (const std::string& bad :
       {image.substr(0, image.size() - 4), image.substr(0, 30),
        std::string("not a model at all"), std::string()}) {
    WriteFile(path, bad);
    auto loaded = TfidfLsaEmbedder::Load(path, LoadedTaxonomy());
    EXPECT_EQ(loaded.status().code(), Code::kInternal) << bad.size();
  }
}

TEST(TfidfLsaEmbedderFile, OtherFormatVersionIsFailedPrecondition) {
  std::string image = ReadFile(SavedModel());
  image[8] = 2;  // the u32 version right after the 8-byte magic
  const std::string path = TempPath("version2.bin");
  WriteFile(path, image);
  auto loaded = TfidfLsaEmbedder::Load(path, LoadedTaxonomy());
  EXPECT_EQ(loaded.status().code(), Code::kFailedPrecondition);
}

TEST(TfidfLsaEmbedderFile, ModelFileStaysSmall) {
  // Issue 5: under 60 MB for 256 dimensions, so it loads in well under a
  // second (see BM_EmbedLoadModel).
  EXPECT_LT(std::filesystem::file_size(SavedModel()), 60u << 20);
}

}  // namespace
}  // namespace qiancheng::embed
