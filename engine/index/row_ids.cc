#include "index/row_ids.h"

#include <atomic>
#include <cassert>
#include <limits>

namespace qiancheng::index {

uint64_t NewLayoutId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1);
}

std::optional<uint32_t> RowIds::Find(std::string_view id) const {
  const auto it = map_.find(id);
  if (it == map_.end()) return std::nullopt;
  return it->second;
}

uint32_t RowIds::Append(std::string_view id) {
  // Row numbers are 32-bit (FAISS HNSW storage_idx_t is int).
  assert(rows_.size() < static_cast<size_t>(std::numeric_limits<int>::max()));
  const auto row = static_cast<uint32_t>(rows_.size());
  auto [it, inserted] = map_.try_emplace(std::string(id), row);
  if (!inserted) {
    const uint32_t old = it->second;
    dead_[old >> 6] |= uint64_t{1} << (old & 63);
    rows_[old] = nullptr;
    it->second = row;
  }
  if ((row & 63) == 0) dead_.push_back(0);
  rows_.push_back(&it->first);
  return row;
}

void RowIds::AppendDead() {
  const size_t row = rows_.size();
  if ((row & 63) == 0) dead_.push_back(0);
  dead_[row >> 6] |= uint64_t{1} << (row & 63);
  rows_.push_back(nullptr);
}

bool RowIds::Kill(std::string_view id) {
  const auto it = map_.find(id);
  if (it == map_.end()) return false;
  const uint32_t row = it->second;
  dead_[row >> 6] |= uint64_t{1} << (row & 63);
  rows_[row] = nullptr;
  map_.erase(it);
  return true;
}

size_t RowIds::MemoryBytes() const {
  // A node holds the key, the value, the next pointer and the cached hash.
  size_t bytes = map_.bucket_count() * sizeof(void*) +
                 map_.size() * (sizeof(std::string) + 2 * sizeof(void*) + 8);
  for (const auto& [id, row] : map_) {
    if (id.size() >= sizeof(std::string)) bytes += id.capacity() + 1;
  }
  return bytes + rows_.capacity() * sizeof(void*) + dead_.capacity() * 8;
}

IdFilter FilterOfIds(const RowIds& ids, uint64_t layout,
                     std::span<const std::string> keep) {
  IdFilter filter(layout, ids.rows());
  for (const std::string& id : keep) {
    if (const auto row = ids.Find(id)) filter.Keep(*row);
  }
  return filter;
}

void RowsOfIds(const RowIds& ids, std::span<const std::string_view> keys,
               std::span<uint32_t> rows) {
  assert(keys.size() == rows.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    rows[i] = ids.Find(keys[i]).value_or(kNoRow);
  }
}

IdFilter FilterOfPredicate(const RowIds& ids, uint64_t layout,
                           const std::function<bool(std::string_view)>& keep) {
  IdFilter filter(layout, ids.rows());
  for (size_t row = 0; row < ids.rows(); ++row) {
    if (ids.live(row) && keep(ids.id(row))) filter.Keep(row);
  }
  return filter;
}

}  // namespace qiancheng::index
