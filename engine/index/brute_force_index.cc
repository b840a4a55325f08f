#include "index/brute_force_index.h"

#include <mutex>

#include "index/snapshot.h"
#include "index/top_k.h"

namespace qiancheng::index {
namespace {
constexpr std::string_view kKind = "brute-force";
}  // namespace

BruteForceIndex::BruteForceIndex(size_t dim)
    : dim_(dim), layout_(NewLayoutId()) {}

size_t BruteForceIndex::size() const {
  std::shared_lock lock(mu_);
  return ids_.live_count();
}

bool BruteForceIndex::Contains(std::string_view id) const {
  std::shared_lock lock(mu_);
  return ids_.Find(id).has_value();
}

void BruteForceIndex::AppendLocked(std::string_view id, const float* vec) {
  ids_.Append(id);
  vectors_.insert(vectors_.end(), vec, vec + dim_);
}

Status BruteForceIndex::Upsert(std::string_view id,
                               std::span<const float> vec) {
  if (id.empty()) return Status::InvalidArgument("id", "must not be empty");
  QC_RETURN_IF_ERROR(CheckVector(vec, dim_));
  std::unique_lock lock(mu_);
  AppendLocked(id, vec.data());
  if (ids_.dead_count() > ids_.live_count()) CompactLocked();
  return Status::Ok();
}

Status BruteForceIndex::UpsertBatch(std::span<const std::string> ids,
                                    std::span<const float> vecs) {
  QC_RETURN_IF_ERROR(CheckBatch(ids, vecs, dim_));
  std::unique_lock lock(mu_);
  for (size_t i = 0; i < ids.size(); ++i) {
    AppendLocked(ids[i], vecs.data() + i * dim_);
  }
  if (ids_.dead_count() > ids_.live_count()) CompactLocked();
  return Status::Ok();
}

Status BruteForceIndex::Remove(std::string_view id) {
  std::unique_lock lock(mu_);
  if (!ids_.Kill(id))
    return Status::NotFound("index: no item " + std::string(id));
  if (ids_.dead_count() > ids_.live_count()) CompactLocked();
  return Status::Ok();
}

void BruteForceIndex::CompactLocked() {
  RowIds ids;
  std::vector<float> vectors;
  vectors.reserve(ids_.live_count() * dim_);
  for (size_t row = 0; row < ids_.rows(); ++row) {
    if (!ids_.live(row)) continue;
    ids.Append(ids_.id(row));
    const float* v = vectors_.data() + row * dim_;
    vectors.insert(vectors.end(), v, v + dim_);
  }
  ids_ = std::move(ids);
  vectors_ = std::move(vectors);
  layout_ = NewLayoutId();
}

IdFilter BruteForceIndex::FilterFromIds(
    std::span<const std::string> ids) const {
  std::shared_lock lock(mu_);
  return FilterOfIds(ids_, layout_, ids);
}

IdFilter BruteForceIndex::FilterWhere(
    const std::function<bool(std::string_view id)>& keep) const {
  std::shared_lock lock(mu_);
  return FilterOfPredicate(ids_, layout_, keep);
}

RowSpace BruteForceIndex::Rows() const {
  std::shared_lock lock(mu_);
  return {layout_, ids_.rows()};
}

uint64_t BruteForceIndex::RowsOf(std::span<const std::string_view> ids,
                                 std::span<uint32_t> rows) const {
  std::shared_lock lock(mu_);
  RowsOfIds(ids_, ids, rows);
  return layout_;
}

Result<std::vector<SearchHit>> BruteForceIndex::Search(
    std::span<const float> query, const SearchParams& params,
    const IdFilter* filter) const {
  std::shared_lock lock(mu_);
  QC_RETURN_IF_ERROR(CheckSearch(query, dim_, params, filter, layout_));
  const std::vector<Neighbor> found =
      ExactScan(vectors_.data(), dim_, ids_, query.data(), params.k, filter);
  std::vector<SearchHit> hits;
  hits.reserve(found.size());
  for (const Neighbor& n : found) hits.push_back({ids_.id(n.row), n.distance});
  return hits;
}

Status BruteForceIndex::Save(const std::string& path,
                             const SnapshotInfo& info) const {
  std::shared_lock lock(mu_);
  QC_ASSIGN_OR_RETURN(
      SnapshotWriter writer,
      SnapshotWriter::Open(path, {std::string(kKind), info, dim_}));
  WriteRowIds(ids_, &writer);
  writer.WriteVector(std::span<const float>(vectors_));
  return writer.Commit();
}

Result<SnapshotInfo> BruteForceIndex::Load(const std::string& path,
                                           std::string_view expected_embedder) {
  QC_ASSIGN_OR_RETURN(SnapshotReader reader, SnapshotReader::Open(path));
  QC_RETURN_IF_ERROR(reader.Expect(kKind, dim_, expected_embedder));
  RowIds ids;
  std::vector<float> vectors;
  QC_RETURN_IF_ERROR(ReadRowIds(&reader, &ids));
  QC_RETURN_IF_ERROR(reader.ReadVector(&vectors, ids.rows() * dim_));
  if (vectors.size() != ids.rows() * dim_) {
    return Status::Internal("snapshot: vector count does not match the rows");
  }
  QC_RETURN_IF_ERROR(reader.Finish());
  std::unique_lock lock(mu_);
  ids_ = std::move(ids);
  vectors_ = std::move(vectors);
  layout_ = NewLayoutId();
  return reader.header().info;
}

}  // namespace qiancheng::index
