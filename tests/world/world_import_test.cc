// End to end: a generated world goes through the real write path (decode ->
// ValidateRecord -> ValidateReferences -> ContactProtector -> SqliteStore)
// in import order with no row refused: what `qiancheng import` does with the
// output of `qiancheng bench-data`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/json_codec.h"
#include "ingest/ingestor.h"
#include "store/sqlite_store.h"
#include "world/writer.h"
#include "world_fixture.h"

namespace qiancheng::world {
namespace {

TEST(WorldImport, EveryRowIsAcceptedByTheWritePath) {
  const std::string dir = ::testing::TempDir() + "/qc_world_import";
  std::filesystem::remove_all(dir);
  WorldOptions options;
  options.scale = {"test", 20, 200, 2000, 2000, 500};
  auto report = WriteWorld(testing::Reference(), options, dir + "/world");
  ASSERT_TRUE(report.ok()) << report.status().ToString();

  auto store = store::SqliteStore::Open(dir + "/q.db");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  const ingest::ContactProtector protector(std::string(32, 'k'));
  const ingest::Ingestor ingestor(**store, protector);
  for (const FileReport& file : report->files) {
    std::ifstream in(dir + "/world/" + file.file);
    std::vector<Entity> entities;
    for (std::string line; std::getline(in, line);) {
      auto entity = DecodeEntityText(file.kind, line, CodecMode::kApi);
      ASSERT_TRUE(entity.ok())
          << file.file << ": " << entity.status().ToString();
      entities.push_back(std::move(entity).value());
    }
    auto batch = ingestor.PutValid(std::move(entities));
    ASSERT_TRUE(batch.ok()) << file.file << ": " << batch.status().ToString();
    EXPECT_EQ(batch->accepted, file.count) << file.file;
    for (const auto& error : batch->rejected) {
      ADD_FAILURE() << file.file << " row " << error.row << ": "
                    << error.status.ToString();
      break;
    }
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace qiancheng::world
