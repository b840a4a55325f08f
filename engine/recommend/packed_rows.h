// recommend/packed_rows.h -- a bucket of the catalog (a grid cell, a
// province's online classes) as the rows of its items in their vector index,
// each with the facts a retrieval tests before it searches: where the item is,
// the days on which it can be offered at all and, for a class, its
// occupation and level. A request composes its
// search filter from these tables (a bit per row) instead of hashing the id
// of every item around the point into the index (which cost 2-10 ms a call
// in crowded circles of the medium world, benchmarks/RESULTS.md).
// The facts are a necessary condition only: every hit is checked again
// against the full rules of its pipeline, so a stale table can hide an item
// for a moment, never offer one that fails.
// Invariants: a table is built for one index layout and one version of its
// bucket; the catalog bumps the version whenever the bucket's items change,
// an item's facts change (the worker's enrolments, for the candidate facts)
// or the index re-added an item (ChangeFollower, after Reindex), so a table
// whose layout or version is not current is rebuilt before use.
// Thread-safety: Bump runs under the catalog's writer lock; Get under its
// reader lock, from many threads (one mutex per slot serialises the builds).
#ifndef QIANCHENG_RECOMMEND_PACKED_ROWS_H_
#define QIANCHENG_RECOMMEND_PACKED_ROWS_H_

#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

namespace qiancheng::recommend {

// The days (Date::days()) on which an item can be offered: a closed class or
// vacancy has none.
struct OfferDays {
  int32_t from = std::numeric_limits<int32_t>::min();
  int32_t until = std::numeric_limits<int32_t>::max();
  bool contains(int32_t day) const { return from <= day && day <= until; }
};

struct PackedItem {
  uint32_t row = 0;  // in the table's index layout
  float lat = 0, lon = 0;
  OfferDays days;
  // Classes: CatalogView::OccupationKey of the occupation and LevelRank of
  // the level (a worker holding it at or above that level is not offered
  // the class); 0 for other kinds.
  uint32_t occupation = 0;
  uint8_t level = 0;
};

struct PackedRows {
  uint64_t layout = 0;   // the index layout of the rows
  uint64_t version = 0;  // the bucket's version it was built from
  // Items that can be offered on some day and are in the index (others are
  // left out), in the bucket's order.
  std::vector<PackedItem> items;
};

class PackedSlot {
 public:
  PackedSlot() = default;
  PackedSlot(const PackedSlot&) = delete;
  PackedSlot& operator=(const PackedSlot&) = delete;

  // The bucket changed: the table is rebuilt at its next use.
  void Bump() { ++version_; }

  // The table for index layout `layout` at the bucket's current version;
  // build(PackedRows*) fills a fresh one (items and the layout its rows
  // belong to) when the kept one is missing or stale.
  template <class Build>
  std::shared_ptr<const PackedRows> Get(uint64_t layout, Build&& build) const {
    std::lock_guard lock(mu_);
    if (rows_ == nullptr || rows_->layout != layout ||
        rows_->version != version_) {
      auto fresh = std::make_shared<PackedRows>();
      fresh->version = version_;
      build(fresh.get());
      rows_ = std::move(fresh);
    }
    return rows_;
  }

 private:
  uint64_t version_ = 0;
  mutable std::mutex mu_;
  mutable std::shared_ptr<const PackedRows> rows_;
};

}  // namespace qiancheng::recommend

#endif  // QIANCHENG_RECOMMEND_PACKED_ROWS_H_
