// Tests of api/commands/bench_data_command.h: usage errors, a missing
// reference folder, and the `small` world the acceptance test of issue 9 uses.
#include "api/commands/bench_data_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace qiancheng::api {
namespace {

struct RunResult {
  int code = 0;
  std::string out, err;
};

RunResult RunWith(
    const CommandArgs& args,
    const std::string& reference_dir = std::string(QC_SOURCE_DIR) + "/data") {
  std::ostringstream out, err;
  CommandContext ctx{out, err, reference_dir, ""};
  RunResult run;
  run.code = RunBenchDataCommand(args, ctx);
  run.out = out.str();
  run.err = err.str();
  return run;
}

TEST(BenchDataCommand, HelpPrintsUsage) {
  const RunResult run = RunWith({"--help"});
  EXPECT_EQ(run.code, 0);
  EXPECT_NE(run.out.find("usage: qiancheng bench-data"), std::string::npos);
}

TEST(BenchDataCommand, UsageErrorsReturnTwo) {
  EXPECT_EQ(RunWith({"--scale", "huge"}).code, 2);
  EXPECT_EQ(RunWith({"--seed", "-1"}).code, 2);
  EXPECT_EQ(RunWith({"--seed"}).code, 2);
  EXPECT_EQ(RunWith({"--today", "2026-02-30"}).code, 2);
  const RunResult unknown = RunWith({"--colour", "blue"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("unknown option --colour"), std::string::npos)
      << unknown.err;
}

TEST(BenchDataCommand, MissingReferenceDataFails) {
  const std::string dir = ::testing::TempDir() + "/qc_bench_data_missing";
  const RunResult run = RunWith({"--out", dir}, "/nonexistent-qiancheng-data");
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find("reference data"), std::string::npos) << run.err;
}

TEST(BenchDataCommand, WritesTheSmallWorld) {
  const std::string dir = ::testing::TempDir() + "/qc_bench_data_small";
  std::filesystem::remove_all(dir);
  const RunResult run = RunWith({"--scale=small", "--seed", "1", "--out", dir});
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_NE(run.out.find("workers.ndjson"), std::string::npos) << run.out;
  std::ifstream in(dir + "/workers.ndjson");
  int64_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  EXPECT_EQ(lines, 20000);
  EXPECT_TRUE(std::filesystem::exists(dir + "/manifest.json"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace qiancheng::api
