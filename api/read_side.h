// api/read_side.h -- the query half of a running server, composed: taxonomy,
// regions and classifier, the fitted embedder (data_dir/models/embedder.bin,
// fitted on first start with progress lines), the catalog and indexes kept by
// the change follower (snapshots in data_dir/indexes), the recommender, the
// push feed, and a background loop that catches up with writes made elsewhere
// (an import, another replica) and snapshots the indexes now and then; on a
// store that announces commits (PostgreSQL LISTEN/NOTIFY) a watcher thread
// wakes that loop per commit, so polling is only a safety net.
// Replicas: each process sharing a store keeps its own read side, built from
// its own snapshot and the shared change log. A reader that must see a write
// made through another replica waits for its sequence (WaitForApplied), which
// wakes the loop at once instead of waiting out the polling period.
// Thread-safety: every accessor is safe from many threads after Start().
#ifndef QIANCHENG_API_READ_SIDE_H_
#define QIANCHENG_API_READ_SIDE_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "embed/tfidf_lsa.h"
#include "policy/policy_set.h"
#include "rank/weights.h"
#include "recommend/catalog.h"
#include "recommend/feed.h"
#include "recommend/follower.h"
#include "recommend/recommender.h"
#include "store/store.h"
#include "taxonomy/classifier.h"
#include "taxonomy/regions.h"
#include "taxonomy/taxonomy.h"

namespace qiancheng::api {

struct ReadSideOptions {
  std::string data_dir;
  std::string reference_dir;
  // Catch-up period of the background loop (writes from other processes):
  // bounds how stale a replica is for readers that do not ask for a sequence.
  int follow_interval_ms = 100;
  // The same period when the store wakes the loop on every commit
  // (store::ChangeWaiter, PostgreSQL LISTEN/NOTIFY): then polling is only the
  // safety net for a notice lost while the listener reconnects.
  int notified_follow_interval_ms = 1000;
  // Snapshot when this many changes were applied since the last one.
  int64_t snapshot_every_changes = 20000;
  // The date pipelines judge by; empty = today in China (UTC+8).
  std::string fixed_today;
};

class ReadSide {
 public:
  using Progress = std::function<void(std::string_view line)>;
  // Loads or fits the model, builds the read model and indexes (snapshot +
  // replay), starts the background loop. `store` and `policies` must outlive
  // the read side.
  static Result<std::unique_ptr<ReadSide>> Start(
      store::Store& store, const policy::PolicySet& policies,
      ReadSideOptions options, const Progress& progress);
  ~ReadSide();  // stops the loop and writes a final snapshot

  // Applies the changes committed so far (call after a write, before
  // answering it, so the writer reads its own write).
  Result<store::Sequence> CatchUp();
  // Returns once the change `seq` is applied here: at once when it already
  // is, else after waking the loop and waiting up to `timeout`.
  // kUnavailable when the time runs out (the store is unreachable or slow:
  // try again); kInvalidArgument ("min_seq") when no such change was
  // committed.
  Status WaitForApplied(store::Sequence seq, std::chrono::milliseconds timeout);
  // The last change applied to the catalog and indexes.
  store::Sequence applied() const { return follower_->applied(); }
  // Final snapshot (graceful shutdown); the destructor calls it too.
  Status Snapshot();

  const recommend::Recommender& recommender() const { return *recommender_; }
  recommend::FeedService& feed() { return *feed_; }
  const recommend::Catalog& catalog() const { return *catalog_; }
  const recommend::IndexSet& indexes() const { return indexes_; }
  const recommend::ChangeFollower& follower() const { return *follower_; }
  const taxonomy::Taxonomy& taxonomy() const { return *taxonomy_; }
  const embed::Embedder& embedder() const { return *embedder_; }
  Date Today() const;
  bool ready() const { return ready_.load(); }
  // Changes committed to the store but not yet applied here.
  Result<int64_t> Lag() const;
  // Commit notices that woke the loop (0 on a store without them).
  uint64_t change_notices() const { return change_notices_.load(); }

  // What one vector index holds, for checking a replica against the store.
  struct IndexAudit {
    EntityKind kind = EntityKind::kWorker;
    size_t index_size = 0;    // live items in the index
    size_t catalog_size = 0;  // entities of the kind in the catalog
    size_t indexed = 0;       // catalog entities found in the index
    // FNV-1a 64 over the ids found in the index, ascending, each followed
    // by '\n': equal to the store's digest when the sets are equal.
    uint64_t digest = 0;
  };
  // One audit per searchable kind (training projects, vacancies, workers).
  std::vector<IndexAudit> AuditIndexes() const;

 private:
  ReadSide(store::Store& store, ReadSideOptions options)
      : store_(store), options_(std::move(options)) {}
  Status Load(const policy::PolicySet& policies, const Progress& progress);
  void Loop();
  // Sleeps on waiter_ and wakes the loop on each commit notice.
  void Watch();
  // Wakes the threads waiting in WaitForApplied.
  void NotifyApplied();

  store::Store& store_;
  const ReadSideOptions options_;
  std::unique_ptr<taxonomy::Taxonomy> taxonomy_;
  std::unique_ptr<taxonomy::RegionTable> regions_;
  std::unique_ptr<taxonomy::OccupationClassifier> classifier_;
  std::unique_ptr<embed::TfidfLsaEmbedder> embedder_;
  rank::WeightTable weights_;
  std::unique_ptr<recommend::Catalog> catalog_;
  recommend::IndexSet indexes_;
  std::unique_ptr<recommend::ChangeFollower> follower_;
  std::unique_ptr<recommend::Recommender> recommender_;
  std::unique_ptr<recommend::FeedService> feed_;
  std::atomic<bool> ready_{false};
  std::mutex loop_mu_;
  std::condition_variable loop_cv_;
  bool stopping_ = false;
  bool wake_ = false;  // a reader waits for a sequence: catch up now
  std::mutex applied_mu_;
  std::condition_variable applied_cv_;
  store::Sequence snapshot_seq_ = 0;
  std::thread loop_;
  std::unique_ptr<store::ChangeWaiter> waiter_;  // null: poll only
  std::atomic<uint64_t> change_notices_{0};
  std::thread watcher_;
};

// Today's date in China Standard Time (UTC+8, no daylight saving).
Date TodayInChina();

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_READ_SIDE_H_
