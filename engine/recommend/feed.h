// recommend/feed.h -- the two-way push of DESIGN.md: events noticed by the
// change follower become feed items for matching workers, persisted in the
// store (store.h AppendFeed), deduplicated per (worker, item) and capped per
// worker per day there, readable with a cursor and acknowledgeable.
//   training completed  -> the trainee's jobs (order-class employer first);
//   vacancy opened       -> the vacancy, to its best candidates;
//   shortage class       -> the class, to nearby eligible workers who fit.
// Runs on the follower's thread right after the change is applied, so a
// completed trainee's jobs are in the feed before the write that recorded the
// outcome is answered. Thread-safety: Handle is serialised by the follower;
// List/Ack are safe from any thread.
#ifndef QIANCHENG_RECOMMEND_FEED_H_
#define QIANCHENG_RECOMMEND_FEED_H_

#include <atomic>
#include <functional>
#include <vector>

#include "recommend/follower.h"
#include "recommend/recommender.h"
#include "store/store.h"

namespace qiancheng::recommend {

struct FeedOptions {
  int daily_cap = 5;            // items per worker per day
  size_t jobs_per_trainee = 5;  // jobs pushed on completion
  size_t workers_per_vacancy = 20;
  size_t workers_per_class = 20;
};

class FeedService {
 public:
  using Today = std::function<Date()>;
  // All references must outlive the service.
  FeedService(store::Store& store, const Catalog& catalog,
              const Recommender& recommender, Today today,
              FeedOptions options = {});

  // Turns follower events into feed items. Errors are counted, not thrown:
  // a feed failure must not fail the write that caused it.
  void Handle(const std::vector<FollowEvent>& events);

  Result<std::vector<store::FeedItem>> List(std::string_view worker_id,
                                            int64_t after, int limit) const;
  Result<int64_t> Ack(std::string_view worker_id, int64_t up_to);

  int64_t items_written() const { return written_.load(); }
  int64_t errors() const { return errors_.load(); }
  int64_t events_seen() const { return events_.load(); }

 private:
  Status HandleOne(const FollowEvent& event);

  store::Store& store_;
  const Catalog& catalog_;
  const Recommender& recommender_;
  Today today_;
  const FeedOptions options_;
  std::atomic<int64_t> written_{0}, errors_{0}, events_{0};
};

}  // namespace qiancheng::recommend

#endif  // QIANCHENG_RECOMMEND_FEED_H_
