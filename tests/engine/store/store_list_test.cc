// Tests of Store::List on every backend (store_backends.h): cursor
// pagination, limits, and region scoping (an outcome is scoped by its
// worker's region).
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "store_backends.h"

namespace qiancheng::store {
namespace {

using testing::SampleEntity;

RegionCode Region(const char* code) { return *RegionCode::Parse(code); }

Entity VacancyIn(const std::string& id, const char* region) {
  Entity vacancy = SampleEntity(EntityKind::kVacancy, id);
  std::get<Vacancy>(vacancy).region = Region(region);
  return vacancy;
}

// The ids of every page of `kind` under `regions`, pages of `limit`.
std::vector<std::string> ListAll(const Store& store, EntityKind kind,
                                 std::vector<RegionCode> regions,
                                 int limit = 100) {
  std::vector<std::string> ids;
  ListOptions options;
  options.limit = limit;
  options.regions = std::move(regions);
  do {
    Result<Page> page = store.List(kind, options);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) break;
    EXPECT_LE(page->items.size(), size_t(limit));
    for (const Entity& e : page->items) ids.push_back(IdOf(e));
    options.cursor = page->next_cursor;
  } while (!options.cursor.empty());
  return ids;
}

class StoreList : public testing::BackendTest {
 protected:
  void SetUp() override {
    testing::BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = OpenOrDie();
    ASSERT_NE(store_, nullptr);
  }
  std::unique_ptr<Store> store_;
};
QC_INSTANTIATE_FOR_BACKENDS(StoreList);

TEST_P(StoreList, PaginatesInIdOrder) {
  std::vector<Entity> batch;
  for (int i = 24; i >= 0; --i) {  // written out of order
    batch.push_back(
        SampleEntity(EntityKind::kVacancy, "v-" + std::to_string(100 + i)));
  }
  ASSERT_TRUE(store_->UpsertBatch(batch).ok());
  ListOptions options;
  options.limit = 10;
  Page first = store_->List(EntityKind::kVacancy, options).value();
  ASSERT_EQ(first.items.size(), 10u);
  EXPECT_EQ(IdOf(first.items[0]), "v-100");
  EXPECT_FALSE(first.next_cursor.empty());

  const std::vector<std::string> ids =
      ListAll(*store_, EntityKind::kVacancy, {}, 10);
  ASSERT_EQ(ids.size(), 25u);
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(ids[i], "v-" + std::to_string(100 + i));
  }
}

TEST_P(StoreList, ExactlyFullLastPageHasNoCursor) {
  ASSERT_TRUE(store_
                  ->UpsertBatch(std::vector<Entity>{VacancyIn("a", "610113"),
                                                    VacancyIn("b", "610113")})
                  .ok());
  ListOptions options;
  options.limit = 2;
  Page page = store_->List(EntityKind::kVacancy, options).value();
  EXPECT_EQ(page.items.size(), 2u);
  EXPECT_TRUE(page.next_cursor.empty());
  EXPECT_TRUE(store_->List(EntityKind::kWorker, options).value().items.empty());
}

TEST_P(StoreList, RejectsBadLimitsAndCursors) {
  ListOptions options;
  for (int limit : {0, -1, 10001}) {
    options.limit = limit;
    Result<Page> page = store_->List(EntityKind::kVacancy, options);
    EXPECT_EQ(page.status().code(), Code::kInvalidArgument) << limit;
    EXPECT_EQ(page.status().field(), "limit");
  }
  options.limit = 10000;
  EXPECT_TRUE(store_->List(EntityKind::kVacancy, options).ok());
  for (const char* cursor : {"v-1", "1:", "1:bad id", "2:v-1"}) {
    options.cursor = cursor;
    Result<Page> page = store_->List(EntityKind::kVacancy, options);
    EXPECT_EQ(page.status().field(), "cursor") << cursor;
  }
}

TEST_P(StoreList, FiltersByRegionCodeStructure) {
  ASSERT_TRUE(store_
                  ->UpsertBatch(std::vector<Entity>{
                      VacancyIn("v-yanta", "610113"),
                      VacancyIn("v-xincheng", "610102"),
                      VacancyIn("v-xianyang", "610402"),
                      VacancyIn("v-lanzhou", "620102"),
                  })
                  .ok());
  using Ids = std::vector<std::string>;
  EXPECT_EQ(ListAll(*store_, EntityKind::kVacancy, {Region("610113")}),
            Ids{"v-yanta"});
  EXPECT_EQ(ListAll(*store_, EntityKind::kVacancy, {Region("610100")}),
            (Ids{"v-xincheng", "v-yanta"}));
  EXPECT_EQ(ListAll(*store_, EntityKind::kVacancy, {Region("610000")}),
            (Ids{"v-xianyang", "v-xincheng", "v-yanta"}));
  EXPECT_EQ(ListAll(*store_, EntityKind::kVacancy,
                    {Region("620000"), Region("610113")}),
            (Ids{"v-lanzhou", "v-yanta"}));
  EXPECT_EQ(ListAll(*store_, EntityKind::kVacancy, {Region("000000")}).size(),
            4u);
  EXPECT_TRUE(
      ListAll(*store_, EntityKind::kVacancy, {Region("650000")}).empty());
  // Pagination under a filter.
  EXPECT_EQ(ListAll(*store_, EntityKind::kVacancy, {Region("610000")}, 1),
            (Ids{"v-xianyang", "v-xincheng", "v-yanta"}));
}

TEST_P(StoreList, KindsWithoutRegionMatchOnlyTheNationalFilter) {
  ASSERT_TRUE(store_->Upsert(SampleEntity(EntityKind::kOccupation)).ok());
  EXPECT_TRUE(
      ListAll(*store_, EntityKind::kOccupation, {Region("610000")}).empty());
  EXPECT_EQ(
      ListAll(*store_, EntityKind::kOccupation, {Region("000000")}).size(), 1u);
  EXPECT_EQ(ListAll(*store_, EntityKind::kOccupation, {}).size(), 1u);
}

TEST_P(StoreList, ScopesOutcomesByTheirWorkersRegion) {
  Entity in_xian = SampleEntity(EntityKind::kWorker, "w-xian");
  Entity in_gansu = SampleEntity(EntityKind::kWorker, "w-gansu");
  std::get<Worker>(in_gansu).region = Region("620102");
  std::vector<Entity> batch = {in_xian, in_gansu};
  for (const char* worker : {"w-xian", "w-gansu", "w-unknown"}) {
    Entity outcome =
        SampleEntity(EntityKind::kOutcome, std::string("o-") + worker);
    std::get<Outcome>(outcome).worker_id = WorkerId(worker);
    batch.push_back(outcome);
  }
  ASSERT_TRUE(store_->UpsertBatch(batch).ok());
  using Ids = std::vector<std::string>;
  EXPECT_EQ(ListAll(*store_, EntityKind::kOutcome, {Region("610100")}),
            Ids{"o-w-xian"});
  EXPECT_EQ(ListAll(*store_, EntityKind::kOutcome, {Region("620000")}),
            Ids{"o-w-gansu"});
  EXPECT_EQ(ListAll(*store_, EntityKind::kOutcome, {}).size(), 3u);
  // A worker moving moves its outcomes' scope with it.
  std::get<Worker>(in_gansu).region = Region("610113");
  ASSERT_TRUE(store_->Upsert(in_gansu).ok());
  EXPECT_EQ(ListAll(*store_, EntityKind::kOutcome, {Region("610100")}),
            (Ids{"o-w-gansu", "o-w-xian"}));
}

}  // namespace
}  // namespace qiancheng::store
