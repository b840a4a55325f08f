// The push-feed part of the Store contract (AppendFeed, ListFeed, AckFeed) on
// every backend (store_backends.h): dedupe by (worker, key), the daily cap,
// ordering by seq and acknowledgement.
#include <gtest/gtest.h>

#include <vector>

#include "store_backends.h"

namespace qiancheng::store {
namespace {

FeedItem Item(const std::string& worker, const std::string& key,
              const std::string& day = "2026-11-24") {
  FeedItem item;
  item.worker_id = worker;
  item.dedupe_key = key;
  item.kind = "job";
  item.target_id = "v-";
  item.target_id += key;
  item.event = "vacancy_posted";
  item.reason = "附近有新岗位";
  item.score = 0.87654;
  item.day = day;
  return item;
}

class StoreFeed : public testing::BackendTest {};
QC_INSTANTIATE_FOR_BACKENDS(StoreFeed);

TEST_P(StoreFeed, AppendsOncePerKeyUpToTheDailyCap) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  const std::vector<FeedItem> first = {Item("w-1", "a"), Item("w-1", "b"),
                                       Item("w-2", "a")};
  const std::vector<FeedItem> written = store->AppendFeed(first, 3).value();
  ASSERT_EQ(written.size(), 3u);
  EXPECT_LT(written[0].seq, written[1].seq);
  EXPECT_DOUBLE_EQ(written[0].score, 0.877);  // three decimals kept
  EXPECT_FALSE(written[0].created_at.empty());
  // "a" again is a duplicate; w-1 has room for one more today, not two.
  const std::vector<FeedItem> second = {Item("w-1", "a"), Item("w-1", "c"),
                                        Item("w-1", "d"),
                                        Item("w-1", "e", "2026-11-25")};
  const std::vector<FeedItem> more = store->AppendFeed(second, 3).value();
  ASSERT_EQ(more.size(), 2u);
  EXPECT_EQ(more[0].dedupe_key, "c");
  EXPECT_EQ(more[1].dedupe_key, "e");  // another day, another cap
  EXPECT_EQ(store->AppendFeed(std::vector<FeedItem>{Item("", "x")}, 3)
                .status()
                .field(),
            "worker_id");
}

TEST_P(StoreFeed, ListsAfterASeqAndAcknowledges) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  const std::vector<FeedItem> items = {Item("w-1", "a"), Item("w-2", "a"),
                                       Item("w-1", "b"), Item("w-1", "c")};
  ASSERT_TRUE(store->AppendFeed(items, 10).ok());
  const std::vector<FeedItem> all = store->ListFeed("w-1", 0, 10).value();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].dedupe_key, "a");
  EXPECT_EQ(all[2].dedupe_key, "c");
  EXPECT_EQ(all[1].reason, "附近有新岗位");
  const std::vector<FeedItem> after =
      store->ListFeed("w-1", all[0].seq, 1).value();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].dedupe_key, "b");
  EXPECT_EQ(store->AckFeed("w-1", all[1].seq).value(), 2);
  EXPECT_EQ(store->AckFeed("w-1", all[1].seq).value(), 0);  // already acked
  const std::vector<FeedItem> reread = store->ListFeed("w-1", 0, 10).value();
  EXPECT_TRUE(reread[0].acked);
  EXPECT_TRUE(reread[1].acked);
  EXPECT_FALSE(reread[2].acked);
  EXPECT_FALSE(store->ListFeed("w-2", 0, 10).value()[0].acked);
  EXPECT_EQ(store->ListFeed("w-1", 0, 0).status().field(), "limit");
}

}  // namespace
}  // namespace qiancheng::store
