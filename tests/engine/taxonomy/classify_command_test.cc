#include "api/commands/classify_command.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace qiancheng::api {
namespace {

struct Outcome {
  int code;
  std::string out, err;
};

Outcome Classify(const CommandArgs& args) {
  std::ostringstream out, err;
  const CommandContext ctx{out, err, QC_SOURCE_DIR "/data", ""};
  const int code = RunClassifyCommand(args, ctx);
  return Outcome{code, out.str(), err.str()};
}

TEST(ClassifyCommand, JsonHasExactlyTheContractFields) {
  const Outcome r = Classify({"招聘养老院护工", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto doc =
      nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(doc.is_object());
  ASSERT_EQ(doc.size(), 1u);
  const auto& candidates = doc.at("candidates");
  ASSERT_EQ(candidates.size(), 5u);
  bool found = false;
  for (const auto& c : candidates) {
    EXPECT_EQ(c.size(), 3u);
    EXPECT_TRUE(c.at("code").is_string());
    EXPECT_TRUE(c.at("name").is_string());
    EXPECT_TRUE(c.at("score").is_number());
    found = found || c.at("code") == "4-10-01-05";
  }
  EXPECT_TRUE(found) << r.out;
}

TEST(ClassifyCommand, HelpPrintsUsage) {
  const Outcome r = Classify({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("usage: qiancheng classify"), std::string::npos);
}

TEST(ClassifyCommand, UsageErrorsExitTwo) {
  EXPECT_EQ(Classify({}).code, 2);
  EXPECT_EQ(Classify({"电工", "--k", "0"}).code, 2);
  EXPECT_EQ(Classify({"电工", "--bogus"}).code, 2);
}

TEST(ClassifyCommand, EvalReportsAccuracyPerKind) {
  const std::string path = QC_BINARY_DIR "/classify_eval_test.tsv";
  std::ofstream(path) << "text\tcodes\tkind\n焊工\t6-18-02-04\tcolloquial\n";
  const Outcome r = Classify({"--eval", path});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("colloquial\tcases=1\ttop1=1.000\ttop5=1.000"),
            std::string::npos)
      << r.out;
}

TEST(ClassifyCommand, MissingEvalFileFails) {
  const Outcome r = Classify({"--eval", "/nonexistent.tsv"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("not_found"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace qiancheng::api
