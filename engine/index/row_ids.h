// index/row_ids.h -- stage 4 (index) of DESIGN.md: the map between the client's
// string ids and an index's dense internal rows, with the tombstone bitmap.
// Rows are appended, never reused: Upsert of a known id kills its old row and
// appends a new one; Remove kills the row. A dead row keeps its vector (and its
// graph links in FaissIndex) until a compaction renumbers the live rows.
// Invariants: every live id maps to exactly one live row; dead rows have no id.
// Thread-safety: none; the owning index guards it with its lock.
#ifndef QIANCHENG_INDEX_ROW_IDS_H_
#define QIANCHENG_INDEX_ROW_IDS_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/id_filter.h"

namespace qiancheng::index {

// A process-unique number for a row layout, recorded in the IdFilters built
// for it (so a filter of another index or of an older layout is rejected).
uint64_t NewLayoutId();

class RowIds {
 public:
  RowIds() = default;
  RowIds(const RowIds&) = delete;  // rows_ points into map_'s nodes
  RowIds& operator=(const RowIds&) = delete;
  RowIds(RowIds&&) = default;
  RowIds& operator=(RowIds&&) = default;

  std::optional<uint32_t> Find(std::string_view id) const;
  // Kills the old row of `id` if any, appends a live row for it, returns it.
  uint32_t Append(std::string_view id);
  // Appends a dead row (snapshot loading).
  void AppendDead();
  // Kills the row of `id`; false when the id is not live.
  bool Kill(std::string_view id);

  bool live(size_t row) const {
    return ((dead_[row >> 6] >> (row & 63)) & 1u) == 0;
  }
  // The id of a live row. REQUIRES: live(row).
  const std::string& id(size_t row) const { return *rows_[row]; }
  size_t rows() const { return rows_.size(); }
  size_t live_count() const { return map_.size(); }
  size_t dead_count() const { return rows_.size() - map_.size(); }
  // Bytes held by the map, row table and bitmap (an estimate for the maps).
  size_t MemoryBytes() const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const {
      return std::hash<std::string_view>()(s);
    }
  };
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> map_;
  std::vector<const std::string*> rows_;  // the key in map_, null when dead
  std::vector<uint64_t> dead_;            // tombstone bitmap
};

// A filter for layout `layout` of `ids` keeping the listed ids that are live.
IdFilter FilterOfIds(const RowIds& ids, uint64_t layout,
                     std::span<const std::string> keep);
// rows[i] = the live row of ids[i] in `ids`, kNoRow when it has none.
void RowsOfIds(const RowIds& ids, std::span<const std::string_view> keys,
               std::span<uint32_t> rows);
// A filter keeping the live rows whose id passes keep(id).
IdFilter FilterOfPredicate(const RowIds& ids, uint64_t layout,
                           const std::function<bool(std::string_view)>& keep);

}  // namespace qiancheng::index

#endif  // QIANCHENG_INDEX_ROW_IDS_H_
