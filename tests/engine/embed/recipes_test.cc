// The recipes (embed/recipes.h) with the catalog-only model: items of the
// same occupation sit together across kinds and wordings.
#include "embed/recipes.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "fitted_embedder.h"

namespace qiancheng::embed {
namespace {

using testing::CatalogEmbedder;
using testing::LoadedTaxonomy;
using testing::MustEmbed;

OccupationCode Code(const char* text) {
  auto c = OccupationCode::Parse(text);
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *c : OccupationCode();
}

Vacancy MakeVacancy(const char* code, const char* title,
                    const char* description, std::vector<std::string> skills) {
  Vacancy v;
  v.occupation_code = Code(code);
  v.title = title;
  v.description = description;
  v.skills = std::move(skills);
  return v;
}

TrainingProject MakeProject(const char* code, const char* title,
                            const char* description) {
  TrainingProject p;
  p.occupation_code = Code(code);
  p.title = title;
  p.description = description;
  return p;
}

TEST(Recipes, VacancyTextFieldsAndCode) {
  const EmbedInput in = VacancyInput(MakeVacancy(
      "6-31-01-03", "电工", "负责配电维修", {"持低压电工证", "会看图纸"}));
  EXPECT_EQ(in.text, "电工\n负责配电维修\n持低压电工证\n会看图纸");
  ASSERT_EQ(in.occupations.size(), 1u);
  EXPECT_EQ(in.occupations[0].code, "6-31-01-03");
}

TEST(Recipes, WorkerWithCodesUsesThemWithRecipeWeights) {
  Worker w;
  w.wishes.text = "想学电工";
  w.wishes.occupation_codes = {Code("6-31-01-03")};
  w.skills = {"会开车"};
  Certificate certificate;
  certificate.occupation_code = Code("4-02-02-02");
  w.certificates.push_back(certificate);
  WorkRecord r;
  r.occupation_code = Code("6-30-05-01");
  w.work_history.push_back(r);
  const EmbedInput in = WorkerInput(w, nullptr);
  EXPECT_EQ(in.text, "想学电工\n会开车");
  ASSERT_EQ(in.occupations.size(), 3u);
  EXPECT_EQ(in.occupations[0].code, "6-31-01-03");
  EXPECT_EQ(in.occupations[0].weight, kWishWeight);
  EXPECT_EQ(in.occupations[1].weight, kCertificateWeight);
  EXPECT_EQ(in.occupations[2].weight, kWorkHistoryWeight);
}

TEST(Recipes, SameOccupationCloserThanOtherAcrossKinds) {
  const auto& e = CatalogEmbedder();
  // An electrician and a care worker, each as a vacancy and a project worded
  // differently.
  const auto electrician_job = MustEmbed(
      e, VacancyInput(MakeVacancy(
             "6-31-01-03", "招聘维修电工",
             "负责厂区供配电线路和设备的日常巡检与故障处理", {"持证上岗"})));
  const auto electrician_class = MustEmbed(
      e, ProjectInput(MakeProject("6-31-01-03", "低压电工作业培训班",
                                  "学习电气安全、照明线路安装与电机控制")));
  const auto carer_job =
      MustEmbed(e, VacancyInput(MakeVacancy(
                       "4-10-01-05", "养老院护工",
                       "照顾失能老人饮食起居，协助翻身和清洁", {"有耐心"})));
  const auto carer_class = MustEmbed(
      e, ProjectInput(MakeProject("4-10-01-05", "养老护理员（五级）培训",
                                  "老年人生活照料、基础护理与康复服务")));
  const float same_electric = Dot(electrician_job, electrician_class);
  const float same_care = Dot(carer_job, carer_class);
  EXPECT_GT(same_electric, Dot(electrician_job, carer_class) + 0.2f);
  EXPECT_GT(same_care, Dot(carer_job, electrician_class) + 0.2f);
}

TEST(Recipes, ColloquialCareWishLandsNearElderlyCareWorker) {
  const auto& tax = LoadedTaxonomy();
  taxonomy::ClassifierOptions options;
  auto curated = taxonomy::LoadCuratedAliases(QC_SOURCE_DIR
                                              "/data/dict/curated_aliases.tsv");
  ASSERT_TRUE(curated.ok()) << curated.status();
  options.curated_aliases = *curated;
  const taxonomy::OccupationClassifier classifier(tax, options);
  Worker w;
  w.wishes.text = "想学照顾老人";
  const EmbedInput in = WorkerInput(w, &classifier);
  const auto& e = CatalogEmbedder();
  const auto q = MustEmbed(e, in);
  std::vector<std::pair<float, std::string>> scored;
  for (const auto& entry : tax.occupations.entries()) {
    scored.emplace_back(-Dot(q, MustEmbed(e, OccupationInput(entry))),
                        entry.occupation.name);
  }
  std::partial_sort(scored.begin(), scored.begin() + 3, scored.end());
  std::printf("想学照顾老人 -> %s, %s, %s\n", scored[0].second.c_str(),
              scored[1].second.c_str(), scored[2].second.c_str());
  const auto top3 = std::vector(scored.begin(), scored.begin() + 3);
  EXPECT_TRUE(std::any_of(top3.begin(), top3.end(), [](const auto& s) {
    return s.second == "养老护理员";
  }));
}

}  // namespace
}  // namespace qiancheng::embed
