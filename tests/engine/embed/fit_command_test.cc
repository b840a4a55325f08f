// `qiancheng fit` (api/commands/fit_command.h): flags, the model it writes and
// the JSON line it prints, with and without a store in the data dir.
#include "api/commands/fit_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/json_codec.h"
#include "embed/tfidf_lsa.h"
#include "engine/taxonomy/loaded_taxonomy.h"
#include "store/sqlite_store.h"

namespace qiancheng::api {
namespace {

struct FitRun {
  int code = -1;
  std::string out, err;
};

FitRun Fit(const CommandArgs& args) {
  std::ostringstream out, err;
  const CommandContext ctx{out, err, QC_SOURCE_DIR "/data", ""};
  FitRun r;
  r.code = RunFitCommand(args, ctx);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::string FreshDir(const std::string& name) {
  const auto dir =
      std::filesystem::path(QC_BINARY_DIR) / "fit_command_test" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

TEST(FitCommand, HelpAndUsageErrors) {
  const FitRun help = Fit({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("usage: qiancheng fit"), std::string::npos);
  EXPECT_EQ(Fit({"--dim", "100"}).code, 2);
  EXPECT_EQ(Fit({"--dim", "64", "--occupation-dims", "64"}).code, 2);
  EXPECT_EQ(Fit({"--no-such-flag"}).code, 2);
  EXPECT_EQ(Fit({"positional"}).code, 2);
}

TEST(FitCommand, FitsCatalogAndStoredItemsAndWritesTheModel) {
  const std::string dir = FreshDir("with_store");
  {
    auto db = store::SqliteStore::Open(dir + "/qiancheng.db");
    ASSERT_TRUE(db.ok()) << db.status();
    // In API form, as `qiancheng import` stores them.
    const char* vacancy =
        R"({"id":"v1","employer":"示例农业合作社","occupation_code":"4-02-04-06",
        "title":"无人机植保飞手","description":"操作多旋翼无人机进行农田飞防作业",
        "skills":["飞防"],"salary_min":4000,"salary_max":6000,"region":"610113",
        "headcount":2,"employment_type":"flexible","status":"open",
        "posted_date":"2026-07-01","expiry_date":"2026-12-31"})";
    const char* project =
        R"({"id":"p1","institution_id":"i1","occupation_code":"4-02-04-06",
        "title":"无人机植保飞手培训","description":"飞防作业安全与操作",
        "level":"5","hours":80,"mode":"offline","schedule":["weekend"],
        "region":"610113","start_date":"2026-08-01","end_date":"2026-09-01",
        "seats":30,"fee_yuan":900,"base_subsidy_yuan":800,
        "entrepreneurship":false,"work_based":false,"linked_vacancy_ids":[],
        "status":"open"})";
    for (const auto& [kind, text] :
         {std::pair{EntityKind::kVacancy, vacancy},
          std::pair{EntityKind::kTrainingProject, project}}) {
      auto entity = DecodeEntityText(kind, text, CodecMode::kApi);
      ASSERT_TRUE(entity.ok()) << entity.status();
      ASSERT_TRUE((*db)->Upsert(*entity).ok());
    }
  }
  const FitRun run = Fit({"--data-dir", dir, "--dim", "64", "--occupation-dims",
                          "16", "--seed", "7"});
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_NE(run.err.find("read 1 vacancies and 1 training projects"),
            std::string::npos)
      << run.err;
  const auto line = nlohmann::json::parse(run.out);
  const std::string path = dir + "/models/embedder.bin";
  auto loaded =
      embed::TfidfLsaEmbedder::Load(path, taxonomy::testing::LoadedTaxonomy());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(line["embedder"], (*loaded)->id());
  EXPECT_EQ(line["dim"], 64);
  EXPECT_EQ(line["vocabulary"], (*loaded)->vocabulary_size());
  // The catalog's documents plus the two stored items.
  const size_t catalog =
      taxonomy::testing::LoadedTaxonomy().occupations.entries().size() +
      taxonomy::testing::LoadedTaxonomy().occupations.groups().size();
  EXPECT_EQ(line["documents"], catalog + 2);
  EXPECT_GT(line["seconds"].get<double>(), 0);
}

TEST(FitCommand, WithoutStoreFitsTheCatalogToOut) {
  const std::string dir = FreshDir("no_store");
  const std::string out = dir + "/elsewhere/model.bin";
  const FitRun run = Fit({"--data-dir", dir, "--dim", "32", "--occupation-dims",
                          "8", "--out", out});
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(dir + "/qiancheng.db"));
  EXPECT_NE(run.err.find("catalog only"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace qiancheng::api
