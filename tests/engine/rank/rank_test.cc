// rank/: the weight table (config checks, scoring), the feature scales, the
// diversity of a top k, the logistic-regression learner and the metrics.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "rank/features.h"
#include "rank/learner.h"
#include "rank/metrics.h"
#include "rank/weights.h"

namespace qiancheng::rank {
namespace {

std::string WeightsJson(const std::string& trainings_extra = "",
                        const std::string& drop = "") {
  std::string out = R"({"version": "t", "source": "test", "trainings": {)";
  bool first = true;
  for (std::string_view name : FeatureNames(Pipeline::kTrainings)) {
    if (name == drop) continue;
    if (!first) out += ", ";
    first = false;
    out += "\"";
    out += name;
    out += "\": 1";
  }
  out += trainings_extra;
  out += "}, \"jobs\": {";
  first = true;
  for (std::string_view name : FeatureNames(Pipeline::kJobs)) {
    if (!first) out += ", ";
    first = false;
    out += "\"";
    out += name;
    out += "\": 2";
  }
  out += "}, \"candidates\": {";
  first = true;
  for (std::string_view name : FeatureNames(Pipeline::kCandidates)) {
    if (!first) out += ", ";
    first = false;
    out += "\"";
    out += name;
    out += "\": 0.5";
  }
  out += "}}";
  return out;
}

TEST(WeightTable, TheShippedFileLoads) {
  auto table = WeightTable::Load(QC_SOURCE_DIR "/data/rank/weights.json");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_GT(table->weight(Pipeline::kTrainings, "fit"), 0);
  EXPECT_FALSE(table->source().empty());
}

struct BadWeights {
  const char* name;
  std::string json;
  const char* field;
};

TEST(WeightTable, RefusesBadTablesNamingTheField) {
  std::string negative = WeightsJson();
  negative.replace(negative.find("\"fit\": 1"), 8, "\"fit\": -1");
  const BadWeights cases[] = {
      {"missing feature", WeightsJson("", "distance"), "trainings.distance"},
      {"unknown feature", WeightsJson(", \"charisma\": 1"),
       "trainings.charisma"},
      {"negative", negative, "trainings.fit"},
      {"not a number",
       R"({"trainings": {"fit": "high"}, "jobs": {}, "candidates": {}})",
       "trainings.fit"},
      {"no table", R"({"trainings": {}})", "jobs"},
      {"not json", "{", ""},
  };
  for (const BadWeights& c : cases) {
    auto table = WeightTable::Parse(c.json);
    ASSERT_FALSE(table.ok()) << c.name;
    EXPECT_EQ(table.status().code(), Code::kInvalidArgument) << c.name;
    EXPECT_EQ(table.status().field(), c.field) << c.name;
  }
}

TEST(WeightTable, ScoreIsTheSumOfClampedWeightedFactors) {
  auto table = WeightTable::Parse(WeightsJson());
  ASSERT_TRUE(table.ok()) << table.status();
  const std::vector<FeatureValue> features = {
      {"fit", 0.5, "a"}, {"order_class", 2.0, "b"}, {"distance", -1, "c"}};
  ScoredFactors s = table->Score(Pipeline::kJobs, features);
  ASSERT_EQ(s.factors.size(), 3u);
  EXPECT_DOUBLE_EQ(s.factors[0].contribution, 1.0);  // 0.5 * 2
  EXPECT_DOUBLE_EQ(s.factors[1].value, 1.0);         // clamped
  EXPECT_DOUBLE_EQ(s.factors[2].value, 0.0);         // clamped
  EXPECT_DOUBLE_EQ(s.score, 3.0);
  EXPECT_EQ(s.factors[1].detail, "b");
}

struct ShrinkCase {
  double successes, trials, prior, strength, want;
};

TEST(Features, ShrunkRateMovesSmallSamplesTowardThePrior) {
  const ShrinkCase cases[] = {
      {0, 0, 0.6, 20, 0.6},        // no data: the prior
      {2, 2, 0.6, 20, 14.0 / 22},  // 2 of 2 barely moves it
      {85, 100, 0.6, 20, 97.0 / 120},
      {-1, -5, 0.5, 10, 0.5},  // nonsense counts: the prior
  };
  for (const ShrinkCase& c : cases) {
    EXPECT_NEAR(ShrunkRate(c.successes, c.trials, c.prior, c.strength), c.want,
                1e-12);
  }
  // Two classes at 100% rank below forty at 85%.
  EXPECT_LT(ShrunkRate(2, 2, 0.6, 20), ShrunkRate(34, 40, 0.6, 20));
}

TEST(Features, ScalesStayInTheUnitInterval) {
  EXPECT_DOUBLE_EQ(ProximityScore(0, 15), 1.0);
  EXPECT_NEAR(ProximityScore(15, 15), std::exp(-1.0), 1e-12);
  EXPECT_DOUBLE_EQ(ProximityScore(-1, 15), 0.5);  // unknown
  EXPECT_DOUBLE_EQ(AffordabilityScore(0, 2000), 1.0);
  EXPECT_DOUBLE_EQ(AffordabilityScore(2000, 2000), 0.0);
  EXPECT_DOUBLE_EQ(AffordabilityScore(50, 0), 1.0);  // free class
  EXPECT_DOUBLE_EQ(LogScale(0, 20), 0.0);
  EXPECT_DOUBLE_EQ(LogScale(20, 20), 1.0);
  EXPECT_DOUBLE_EQ(LogScale(400, 20), 1.0);
  EXPECT_DOUBLE_EQ(FitScore(0), 1.0);     // identical unit vectors
  EXPECT_DOUBLE_EQ(FitScore(2.0f), 0.0);  // orthogonal
  EXPECT_DOUBLE_EQ(FitScore(4.0f), 0.0);  // opposite, clamped
}

TEST(Features, DiversifiedTopKMixesOccupations) {
  const std::vector<double> scores = {10, 9.9, 9.8, 9.0, 5.0};
  const std::vector<std::string> groups = {"a", "a", "a", "b", "c"};
  // Without a penalty: plain order.
  EXPECT_EQ(DiversifiedTopK(scores, groups, 3, 0),
            (std::vector<size_t>{0, 1, 2}));
  // A small penalty: the best of "b" comes before the third "a".
  EXPECT_EQ(DiversifiedTopK(scores, groups, 3, 0.6),
            (std::vector<size_t>{0, 1, 3}));
  // A larger one: before the second "a" too.
  EXPECT_EQ(DiversifiedTopK(scores, groups, 3, 1.0),
            (std::vector<size_t>{0, 3, 1}));
  // k larger than the list: everything once.
  EXPECT_EQ(DiversifiedTopK(scores, groups, 10, 0.6).size(), scores.size());
}

TEST(Learner, RecoversWhichFeatureDrivesTheOutcome) {
  // Outcome driven by "useful" (strongly) and not at all by "noise".
  std::mt19937 rng(20261124);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<LabelledExample> examples;
  for (int i = 0; i < 2000; ++i) {
    const double useful = u(rng), noise = u(rng);
    const double p = 1 / (1 + std::exp(-(6 * useful - 3)));
    examples.push_back(
        {{{"useful", useful, ""}, {"noise", noise, ""}}, u(rng) < p});
  }
  auto learned = FitLogistic(examples, 10.0);
  ASSERT_TRUE(learned.ok()) << learned.status();
  EXPECT_GT(learned->weights.at("useful"), 8.0);
  EXPECT_LT(learned->weights.at("noise"), 2.0);
  EXPECT_NEAR(learned->weights.at("useful") + learned->weights.at("noise"),
              10.0, 1e-9);
  EXPECT_LT(learned->log_loss, std::log(2.0));  // better than a coin
}

TEST(Learner, RefusesTooFewOutcomes) {
  std::vector<LabelledExample> few(50, {{{"x", 0.5, ""}}, true});
  auto learned = FitLogistic(few, 1.0);
  EXPECT_EQ(learned.status().code(), Code::kFailedPrecondition);
}

TEST(Metrics, RecallAndNdcg) {
  const std::vector<std::string> ranked = {"a", "b", "c", "d"};
  EXPECT_DOUBLE_EQ(RecallAtK(ranked, {"b", "x"}, 2), 0.5);
  EXPECT_DOUBLE_EQ(RecallAtK(ranked, {"d"}, 3), 0.0);
  EXPECT_DOUBLE_EQ(RecallAtK(ranked, {}, 3), 1.0);
  EXPECT_DOUBLE_EQ(NdcgAtK(ranked, {"a"}, 3), 1.0);
  EXPECT_NEAR(NdcgAtK(ranked, {"b"}, 3), 1 / std::log2(3.0), 1e-12);
  EXPECT_DOUBLE_EQ(NdcgAtK(ranked, {"z"}, 3), 0.0);
}

}  // namespace
}  // namespace qiancheng::rank
