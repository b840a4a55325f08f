#include "index/snapshot.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

namespace qiancheng::index {
namespace {

constexpr char kMagic[8] = {'Q', 'C', 'V', 'I', 'D', 'X', '\0', '\1'};
constexpr uint64_t kFormatVersion = 1;
constexpr uint64_t kMaxHeaderString = 1 << 16;
constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;

uint64_t Step(uint64_t h, uint64_t w) {
  h = (h ^ w) * kMul;
  return h ^ (h >> 29);
}

// A fast non-cryptographic checksum: four independent lanes over 32-byte
// blocks, so hashing a 1 GB snapshot costs a fraction of reading it.
uint64_t Mix(uint64_t h, const void* data, size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  uint64_t lane[4] = {h ^ size, h + kMul, h ^ (size * kMul), ~h};
  size_t i = 0;
  for (; i + 32 <= size; i += 32) {
    for (int j = 0; j < 4; ++j) {
      uint64_t w;
      std::memcpy(&w, p + i + 8 * j, 8);
      lane[j] = Step(lane[j], w);
    }
  }
  for (; i < size; ++i) lane[0] = Step(lane[0], p[i]);
  return Step(Step(Step(lane[0], lane[1]), lane[2]), lane[3]);
}

Status SyncDirectory(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return Status::Internal("snapshot: cannot open its directory");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Status::Internal("snapshot: fsync of directory failed");
  return Status::Ok();
}

}  // namespace

Result<SnapshotWriter> SnapshotWriter::Open(const std::string& path,
                                            const SnapshotHeader& header) {
  std::FILE* file = std::fopen((path + ".tmp").c_str(), "wb");
  if (file == nullptr) {
    return Status::Internal("snapshot: cannot create " + path + ".tmp");
  }
  SnapshotWriter writer(path, file);
  writer.WriteBytes(kMagic, sizeof(kMagic));
  writer.WriteU64(kFormatVersion);
  writer.WriteString(header.kind);
  writer.WriteString(header.info.embedder);
  writer.WriteU64(header.info.sequence);
  writer.WriteU64(header.dim);
  return writer;
}

SnapshotWriter::SnapshotWriter(SnapshotWriter&& other) noexcept
    : path_(std::move(other.path_)),
      file_(other.file_),
      checksum_(other.checksum_),
      failed_(other.failed_) {
  other.file_ = nullptr;
}

SnapshotWriter::~SnapshotWriter() {
  if (file_ == nullptr) return;
  std::fclose(file_);
  std::remove((path_ + ".tmp").c_str());
}

void SnapshotWriter::WriteBytes(const void* data, size_t size) {
  checksum_ = Mix(checksum_, data, size);
  if (size > 0 && std::fwrite(data, 1, size, file_) != size) failed_ = true;
}

void SnapshotWriter::WriteString(std::string_view s) {
  WriteU64(s.size());
  WriteBytes(s.data(), s.size());
}

Status SnapshotWriter::Commit() {
  const uint64_t sum = checksum_;
  WriteBytes(&sum, sizeof(sum));
  const bool flushed = std::fflush(file_) == 0 && ::fsync(fileno(file_)) == 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  const std::string tmp = path_ + ".tmp";
  if (failed_ || !flushed || !closed) {
    std::remove(tmp.c_str());
    return Status::Internal("snapshot: writing " + tmp + " failed");
  }
  if (std::rename(tmp.c_str(), path_.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::Internal("snapshot: rename to " + path_ + " failed");
  }
  return SyncDirectory(path_);
}

Result<SnapshotReader> SnapshotReader::Open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return Status::NotFound("snapshot: no file " + path);
  SnapshotReader reader(path, file);
  std::error_code error;
  reader.remaining_ = std::filesystem::file_size(path, error);
  if (error) return Status::Internal("snapshot: cannot stat " + path);
  QC_RETURN_IF_ERROR(reader.ReadHeader());
  return reader;
}

SnapshotReader::SnapshotReader(SnapshotReader&& other) noexcept
    : path_(std::move(other.path_)),
      file_(other.file_),
      remaining_(other.remaining_),
      checksum_(other.checksum_),
      header_(std::move(other.header_)) {
  other.file_ = nullptr;
}

SnapshotReader::~SnapshotReader() {
  if (file_ != nullptr) std::fclose(file_);
}

Status SnapshotReader::ReadHeader() {
  char magic[sizeof(kMagic)];
  QC_RETURN_IF_ERROR(ReadBytes(magic, sizeof(magic)));
  if (std::memcmp(magic, kMagic, sizeof(kMagic)) != 0) {
    return Status::Internal("snapshot: " + path_ + " is not an index snapshot");
  }
  uint64_t version = 0;
  QC_RETURN_IF_ERROR(ReadU64(&version));
  if (version != kFormatVersion) {
    return Status::Internal("snapshot: unknown format version");
  }
  QC_RETURN_IF_ERROR(ReadString(&header_.kind));
  QC_RETURN_IF_ERROR(ReadString(&header_.info.embedder));
  QC_RETURN_IF_ERROR(ReadU64(&header_.info.sequence));
  return ReadU64(&header_.dim);
}

Status SnapshotReader::Expect(std::string_view kind, uint64_t dim,
                              std::string_view embedder) const {
  if (header_.kind != kind) {
    return Status::FailedPrecondition("snapshot: written by index kind " +
                                      header_.kind);
  }
  if (header_.dim != dim) {
    return Status::FailedPrecondition("snapshot: other dimension");
  }
  if (header_.info.embedder != embedder) {
    return Status::FailedPrecondition("snapshot: built by embedder " +
                                      header_.info.embedder);
  }
  return Status::Ok();
}

Status SnapshotReader::ReadBytes(void* data, size_t size) {
  if (size > remaining_ ||
      (size > 0 && std::fread(data, 1, size, file_) != size)) {
    return Status::Internal("snapshot: " + path_ + " is truncated");
  }
  remaining_ -= size;
  checksum_ = Mix(checksum_, data, size);
  return Status::Ok();
}

Status SnapshotReader::ReadString(std::string* s) {
  uint64_t size = 0;
  QC_RETURN_IF_ERROR(ReadU64(&size));
  if (size > kMaxHeaderString) return Status::Internal("snapshot: bad string");
  s->resize(size);
  return ReadBytes(s->data(), size);
}

Status SnapshotReader::Finish() {
  const uint64_t expected = checksum_;
  uint64_t stored = 0;
  QC_RETURN_IF_ERROR(ReadBytes(&stored, sizeof(stored)));
  if (stored != expected || remaining_ != 0) {
    return Status::Internal("snapshot: " + path_ + " is corrupt (checksum)");
  }
  return Status::Ok();
}

void WriteRowIds(const RowIds& ids, SnapshotWriter* writer) {
  writer->WriteU64(ids.rows());
  for (size_t row = 0; row < ids.rows(); ++row) {
    writer->WriteString(ids.live(row) ? std::string_view(ids.id(row)) : "");
  }
}

Status ReadRowIds(SnapshotReader* reader, RowIds* ids) {
  uint64_t rows = 0;
  QC_RETURN_IF_ERROR(reader->ReadU64(&rows));
  std::string id;
  for (uint64_t row = 0; row < rows; ++row) {
    QC_RETURN_IF_ERROR(reader->ReadString(&id));
    if (id.empty()) {
      ids->AppendDead();
    } else if (ids->Find(id).has_value()) {
      return Status::Internal("snapshot: id listed twice");
    } else {
      ids->Append(id);
    }
  }
  if (ids->rows() != rows) return Status::Internal("snapshot: bad row table");
  return Status::Ok();
}

}  // namespace qiancheng::index
