// index/snapshot.h -- stage 4 (index) of DESIGN.md: the snapshot file of an
// index. A file is: magic, format version, header (index kind, embedder
// name+version, change-log sequence, dim), then sections written by the index,
// then a 64-bit checksum of everything before it. SnapshotWriter writes to
// `path`.tmp and, in Commit(), fsyncs it, renames it over `path` and fsyncs the
// directory, so `path` always holds a whole old or a whole new snapshot.
// SnapshotReader checks magic, version and checksum; a short, truncated or
// altered file is kInternal. Little-endian machines only (x86-64 today).
// Thread-safety: none; one writer or reader per thread.
#ifndef QIANCHENG_INDEX_SNAPSHOT_H_
#define QIANCHENG_INDEX_SNAPSHOT_H_

#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/status.h"
#include "index/row_ids.h"
#include "index/vector_index.h"

namespace qiancheng::index {

struct SnapshotHeader {
  std::string kind;  // "faiss-ivf", "faiss-hnsw", "brute-force": the writer
  SnapshotInfo info;
  uint64_t dim = 0;
};

class SnapshotWriter {
 public:
  // Opens `path`.tmp and writes the header.
  static Result<SnapshotWriter> Open(const std::string& path,
                                     const SnapshotHeader& header);
  SnapshotWriter(SnapshotWriter&& other) noexcept;
  SnapshotWriter& operator=(SnapshotWriter&&) = delete;
  ~SnapshotWriter();  // removes the temp file unless committed

  void WriteBytes(const void* data, size_t size);
  void WriteU64(uint64_t value) { WriteBytes(&value, sizeof(value)); }
  void WriteString(std::string_view s);
  // A u64 element count, then the elements' bytes. T is trivially copyable.
  template <class T>
  void WriteVector(std::span<const T> items) {
    WriteU64(items.size());
    WriteBytes(items.data(), items.size_bytes());
  }
  // Checksum, fsync, rename over the final path, fsync the directory.
  Status Commit();

 private:
  SnapshotWriter(std::string path, std::FILE* file)
      : path_(std::move(path)), file_(file) {}
  std::string path_;
  std::FILE* file_;
  uint64_t checksum_ = 0;
  bool failed_ = false;
};

class SnapshotReader {
 public:
  // Opens `path` and reads the header. kNotFound when the file does not
  // exist; kInternal when it is not a snapshot of this format.
  static Result<SnapshotReader> Open(const std::string& path);
  SnapshotReader(SnapshotReader&& other) noexcept;
  SnapshotReader& operator=(SnapshotReader&&) = delete;
  ~SnapshotReader();

  const SnapshotHeader& header() const { return header_; }
  // kFailedPrecondition unless the header matches what the caller expects.
  Status Expect(std::string_view kind, uint64_t dim,
                std::string_view embedder) const;

  Status ReadBytes(void* data, size_t size);
  Status ReadU64(uint64_t* value) { return ReadBytes(value, sizeof(*value)); }
  Status ReadString(std::string* s);
  // Reads a WriteVector section of at most `max_items` elements.
  template <class T>
  Status ReadVector(std::vector<T>* items, uint64_t max_items) {
    uint64_t n = 0;
    QC_RETURN_IF_ERROR(ReadU64(&n));
    if (n > max_items || n > remaining_ / sizeof(T)) {
      return Status::Internal("snapshot: section larger than the file");
    }
    items->resize(n);
    return ReadBytes(items->data(), n * sizeof(T));
  }
  // Checks the checksum and that nothing follows it.
  Status Finish();

 private:
  SnapshotReader(std::string path, std::FILE* file)
      : path_(std::move(path)), file_(file) {}
  Status ReadHeader();
  std::string path_;
  std::FILE* file_;
  uint64_t remaining_ = 0;  // bytes not yet read
  uint64_t checksum_ = 0;
  SnapshotHeader header_;
};

// The id of every row ("" for a dead row), in row order.
void WriteRowIds(const RowIds& ids, SnapshotWriter* writer);
// Reads a WriteRowIds section into the empty `ids`.
Status ReadRowIds(SnapshotReader* reader, RowIds* ids);

}  // namespace qiancheng::index

#endif  // QIANCHENG_INDEX_SNAPSHOT_H_
