#include "ingest/ingestor.h"

#include <gtest/gtest.h>

#include "core/json_codec.h"
#include "fakes/sample_entities.h"
#include "fakes/temp_dir.h"
#include "store/sqlite_store.h"

namespace qiancheng::ingest {
namespace {

using qiancheng::testing::SampleJson;

Entity Sample(EntityKind kind, const std::string& id = "") {
  return *DecodeEntityText(kind, SampleJson(kind, id), CodecMode::kApi);
}

class IngestorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = *store::SqliteStore::Open(dir_.File("q.db"));
    ingestor_ = std::make_unique<Ingestor>(*store_, protector_);
  }
  qiancheng::testing::TempDir dir_;
  ContactProtector protector_{std::string(32, 'k')};
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<Ingestor> ingestor_;
};

TEST_F(IngestorTest, WorkerIsStoredWithHashesAndMasksOnly) {
  ASSERT_TRUE(ingestor_->Put(Sample(EntityKind::kWorker)).ok());
  Worker w = std::get<Worker>(*store_->Get(EntityKind::kWorker, "w-1"));
  EXPECT_TRUE(w.contact.empty());
  EXPECT_EQ(w.id_masked, "110***********002X");
  EXPECT_EQ(w.phone_masked, "139****5678");
  EXPECT_EQ(w.id_hash,
            protector_.Hash("id", qiancheng::testing::kSampleIdNumber));
  EXPECT_NE(
      w.id_hash,
      ContactProtector(std::string(32, 'j')).Hash("id", "11010519491231002X"));
}

TEST_F(IngestorTest, UpdateWithoutContactKeepsTheRegisteredHashes) {
  ASSERT_TRUE(ingestor_->Put(Sample(EntityKind::kWorker)).ok());
  Worker update = std::get<Worker>(Sample(EntityKind::kWorker));
  update.contact = {};
  update.region = *RegionCode::Parse("610112");
  ASSERT_TRUE(ingestor_->Put(update).ok());
  Worker w = std::get<Worker>(*store_->Get(EntityKind::kWorker, "w-1"));
  EXPECT_EQ(w.region.str(), "610112");
  EXPECT_EQ(w.phone_masked, "139****5678");
  EXPECT_FALSE(w.id_hash.empty());
}

TEST_F(IngestorTest, PutAllWritesNothingWhenOneEntityIsInvalid) {
  std::vector<Entity> batch = {Sample(EntityKind::kVacancy, "v-1"),
                               Sample(EntityKind::kVacancy, "v-2"),
                               Sample(EntityKind::kVacancy, "v-3")};
  std::get<Vacancy>(batch[1]).salary_max = 100;  // below salary_min
  const store::Sequence before = *store_->LastSequence();
  Result<store::Sequence> r = ingestor_->PutAll(batch);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "[1].salary_max");
  EXPECT_EQ(*store_->LastSequence(), before);
  EXPECT_EQ(*store_->Count(EntityKind::kVacancy), 0);
}

TEST_F(IngestorTest, ReferencesMayPointIntoTheSameBatch) {
  std::vector<Entity> batch = {Sample(EntityKind::kInstitution),
                               Sample(EntityKind::kTrainingProject)};
  EXPECT_TRUE(ingestor_->PutAll(batch).ok());
  Result<store::Sequence> orphan = ingestor_->Put(Sample(EntityKind::kOutcome));
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.status().field(), "worker_id");
}

TEST_F(IngestorTest, PutValidStoresTheGoodRowsAndReportsTheBad) {
  std::vector<Entity> rows = {Sample(EntityKind::kTrainingProject, "p-orphan"),
                              Sample(EntityKind::kInstitution),
                              Sample(EntityKind::kTrainingProject)};
  Result<BatchReport> report = ingestor_->PutValid(rows, 100);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->accepted, 2);  // the project after its institution is fine
  ASSERT_EQ(report->rejected.size(), 1u);
  EXPECT_EQ(report->rejected[0].row, 100);
  EXPECT_EQ(report->rejected[0].status.field(), "institution_id");
}

}  // namespace
}  // namespace qiancheng::ingest
