// recommend/follower.h -- keeps the read side (catalog.h and one vector index
// per searchable kind) equal to the store by following its change log:
//   Start(): the catalog is loaded from the store; each index is loaded from
//     its snapshot when the snapshot was written by the same embedder model,
//     then the changes logged after the snapshot's sequence are replayed; a
//     missing, corrupt or other-model snapshot is rebuilt from the catalog;
//   CatchUp(): applies every change committed after applied(): reads the
//     entity's current state from the store (so replaying a change twice or
//     out of a batch is harmless), updates the catalog, embeds and upserts it
//     (or removes it) in its index, and reports what happened as events for
//     the push feed.
// Why follow the log instead of indexing inside the write: the same path then
// serves a kill -9 restart (snapshot + replay), a second replica on a shared
// PostgreSQL store, and `qiancheng import` writing while a server runs; and a
// write that returned has its change in the log whatever happens next. The
// API calls CatchUp() before answering a write, so the writer reads its own
// write; a background loop calls it for writes from elsewhere.
// Thread-safety: CatchUp, Start and Snapshot serialise on one mutex; the
// catalog and indexes are safe to read meanwhile.
#ifndef QIANCHENG_RECOMMEND_FOLLOWER_H_
#define QIANCHENG_RECOMMEND_FOLLOWER_H_

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "embed/embedder.h"
#include "index/vector_index.h"
#include "recommend/catalog.h"
#include "store/store.h"
#include "taxonomy/classifier.h"

namespace qiancheng::recommend {

// The searchable kinds, one index each.
struct IndexSet {
  std::unique_ptr<index::VectorIndex> projects;
  std::unique_ptr<index::VectorIndex> vacancies;
  std::unique_ptr<index::VectorIndex> workers;
  // The index of `kind`, or null for a kind that is not searched by vector.
  index::VectorIndex* For(EntityKind kind) const;
};

// One index per kind over FAISS (index/faiss_index.h) with default options.
IndexSet MakeIndexSet(size_t dim);

// Something the feed cares about, noticed while applying a change.
struct FollowEvent {
  enum class Kind {
    kVacancyOpened,      // a vacancy was posted open or reopened
    kTrainingCompleted,  // an outcome turned completed
    kShortageClass,      // a new open class in an occupation short locally
  };
  Kind kind = Kind::kVacancyOpened;
  std::string id;  // vacancy, outcome or project id
  store::Sequence seq = 0;
};

struct FollowerOptions {
  std::string snapshot_dir;  // empty: no snapshots
  int page = 2000;           // changes / entities read per store call
};

// The embedding recipe input of a worker for search: the embed/ recipe plus
// the occupations of the classes they enrolled in (trained occupations weigh
// like a wish: the feed and the jobs pipeline push jobs of the training).
embed::EmbedInput WorkerSearchInput(
    const Worker& worker, const CatalogView& view,
    const taxonomy::OccupationClassifier* classifier);

class ChangeFollower {
 public:
  using EventSink = std::function<void(const std::vector<FollowEvent>&)>;
  using Progress = std::function<void(std::string_view line)>;

  // All references must outlive the follower. `classifier` may be null.
  ChangeFollower(store::Store& store, const embed::Embedder& embedder,
                 const taxonomy::OccupationClassifier* classifier,
                 Catalog& catalog, IndexSet& indexes, FollowerOptions options);

  // See the file comment. `progress` (may be null) gets human lines.
  Status Start(const Progress& progress);
  // Applies the changes after applied(); returns the new applied sequence.
  Result<store::Sequence> CatchUp();
  store::Sequence applied() const { return applied_.load(); }
  // Events of CatchUp() calls go to `sink` (set before serving).
  void SetEventSink(EventSink sink);
  // Writes each index's snapshot covering applied() (atomic files).
  Status Snapshot();
  // Snapshot file of `kind` under the snapshot dir.
  std::string SnapshotPath(EntityKind kind) const;
  // The embedding of an entity of a searchable kind, as indexed.
  Result<std::vector<float>> EmbedEntity(const Entity& entity) const;

 private:
  Status LoadCatalog(const Progress& progress);
  Status BuildIndex(EntityKind kind, const Progress& progress);
  Status ReplayIndex(EntityKind kind, store::Sequence from, store::Sequence to);
  // Re-embeds (or removes) the listed ids of `kind` from the catalog state.
  Status Reindex(EntityKind kind, const std::vector<std::string>& ids);

  store::Store& store_;
  const embed::Embedder& embedder_;
  const taxonomy::OccupationClassifier* classifier_;
  Catalog& catalog_;
  IndexSet& indexes_;
  const FollowerOptions options_;
  std::mutex mu_;
  std::atomic<store::Sequence> applied_{0};
  EventSink sink_;
};

}  // namespace qiancheng::recommend

#endif  // QIANCHENG_RECOMMEND_FOLLOWER_H_
