// The occupation-code part (embed/occupation_part.h): similarity follows the
// depth of the shared prefix of 职业分类大典 codes.
#include "embed/occupation_part.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "embed/embedder.h"
#include "fitted_embedder.h"

namespace qiancheng::embed {
namespace {

using taxonomy::OccupationEntry;
using testing::CatalogEmbedder;
using testing::LoadedTaxonomy;
using testing::MustEmbed;

constexpr LevelWeights kWeights = {0.35f, 0.3f, 0.2f, 0.15f};

std::vector<float> CodeVector(const OccupationPart& part,
                              const std::string& code) {
  std::vector<float> v(part.dims());
  EXPECT_TRUE(part.Add(code, 1.0f, v)) << code;
  return v;
}

TEST(OccupationPart, SharedPrefixDepthSetsTheSimilarity) {
  const OccupationPart part(64, 1, kWeights);
  const auto a = CodeVector(part, "4-10-01-05");
  EXPECT_NEAR(Dot(a, a), 1.0, 1e-6);
  // Siblings never share a position, so these are exact.
  EXPECT_NEAR(Dot(a, CodeVector(part, "4-10-01-06")), 0.85, 1e-6);
  EXPECT_NEAR(Dot(a, CodeVector(part, "4-10-02-01")), 0.65, 1e-6);
  EXPECT_NEAR(Dot(a, CodeVector(part, "4-10")), 0.65, 1e-6);
  EXPECT_NEAR(Dot(a, CodeVector(part, "4")), 0.35, 1e-6);
}

TEST(OccupationPart, MalformedCodesAddNothing) {
  const OccupationPart part(64, 1, kWeights);
  std::vector<float> v(64);
  for (const char* bad :
       {"", "x", "4-", "-4", "4--10", "4-10-01-05-01", "4-10a", "12345"}) {
    EXPECT_FALSE(part.Add(bad, 1.0f, v)) << bad;
  }
  for (float x : v) EXPECT_EQ(x, 0.0f);
}

// For every 细类 of the catalog, a partner at each level (the next code in
// catalog order sharing exactly that prefix depth): similarities must fall
// with the depth of the shared prefix.
struct LevelPartners {
  const OccupationEntry* anchor;
  std::array<const OccupationEntry*, 4> partner{};  // same 小, 中, 大, other
};

int SharedDepth(const std::string& a, const std::string& b) {
  const auto ca = OccupationCode::Parse(a), cb = OccupationCode::Parse(b);
  if (!ca.ok() || !cb.ok()) return -1;
  int depth = 0;
  while (depth < 4 && ca->Prefix(depth + 1) == cb->Prefix(depth + 1)) ++depth;
  return depth;
}

std::vector<LevelPartners> Partners() {
  std::vector<const OccupationEntry*> entries;
  for (const auto& e : LoadedTaxonomy().occupations.entries()) {
    if (!e.residual && e.occupation.code.depth() == 4) entries.push_back(&e);
  }
  std::vector<LevelPartners> out;
  for (size_t i = 0; i < entries.size(); ++i) {
    LevelPartners p{entries[i]};
    for (size_t step = 1; step < entries.size(); ++step) {
      const auto* other = entries[(i + step) % entries.size()];
      const int depth = SharedDepth(entries[i]->occupation.code.str(),
                                    other->occupation.code.str());
      if (depth < 0 || depth > 3) continue;
      auto& slot = p.partner[static_cast<size_t>(3 - depth)];
      if (!slot) slot = other;
    }
    out.push_back(p);
  }
  return out;
}

TEST(OccupationPart, CatalogPairsOrderedByHierarchy) {
  const auto& e = CatalogEmbedder();
  const auto code_vector = [&](const OccupationEntry* entry) {
    return MustEmbed(e, {"", {{entry->occupation.code.str(), 1}}});
  };
  size_t anchors = 0, ordered = 0;
  std::array<double, 5> mean{};
  std::array<size_t, 5> count{};
  for (const auto& p : Partners()) {
    if (!p.partner[0] || !p.partner[1] || !p.partner[2] || !p.partner[3])
      continue;
    const auto a = code_vector(p.anchor);
    std::array<float, 5> sim{Dot(a, a)};
    for (size_t level = 0; level < 4; ++level)
      sim[level + 1] = Dot(a, code_vector(p.partner[level]));
    for (size_t level = 0; level < 5; ++level) {
      mean[level] += sim[level];
      ++count[level];
    }
    ++anchors;
    ordered += sim[0] > sim[1] && sim[1] > sim[2] && sim[2] > sim[3] &&
               sim[3] > sim[4];
  }
  ASSERT_GT(anchors, 1000u);
  const double rate =
      static_cast<double>(ordered) / static_cast<double>(anchors);
  std::printf(
      "occupation part: %zu anchors, strictly ordered %.4f; mean sim "
      "same 细 %.3f 小 %.3f 中 %.3f 大 %.3f other %.3f\n",
      anchors, rate, mean[0] / count[0], mean[1] / count[1], mean[2] / count[2],
      mean[3] / count[3], mean[4] / count[4]);
  for (size_t level = 0; level + 1 < 5; ++level)
    EXPECT_GT(mean[level] / count[level],
              mean[level + 1] / count[level + 1] + 0.1);
  EXPECT_GE(rate, 0.97);
}

}  // namespace
}  // namespace qiancheng::embed
