// api/commands/record_reader.h -- reads an import file one record at a time:
// NDJSON (one JSON object a line) or CSV with a header row (RFC 4180 quoting).
// CSV columns are field names of API contract v1, dotted for nested objects
// ("wishes.max_distance_km"); list fields are '|'-separated; an empty cell is
// an absent field. Nested lists of objects (certificates, subsidy_history) need
// NDJSON. Not thread-safe: one reader per file.
#ifndef QIANCHENG_API_COMMANDS_RECORD_READER_H_
#define QIANCHENG_API_COMMANDS_RECORD_READER_H_

#include <cstdint>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"

namespace qiancheng::api {

enum class RecordFormat { kNdjson, kCsv };

struct Record {
  int64_t line = 0;  // 1-based line where the record starts
  Result<nlohmann::json> value = Status::Internal("unread");
};

class RecordReader {
 public:
  // kNotFound if the file cannot be opened; a CSV file's header is read here.
  static Result<std::unique_ptr<RecordReader>> Open(const std::string& path,
                                                    RecordFormat format);
  // False at the end of the file.
  bool Next(Record* record);
  // Bytes consumed so far, and the file size, for progress lines.
  uint64_t position() {
    const std::streamoff at = in_.tellg();  // -1 once EOF was hit
    return at < 0 ? size_ : static_cast<uint64_t>(at);
  }
  uint64_t size() const { return size_; }

 private:
  RecordReader() = default;
  bool ReadCsvRow(std::vector<std::string>* cells);
  Result<nlohmann::json> CsvToJson(const std::vector<std::string>& cells) const;

  std::ifstream in_;
  RecordFormat format_ = RecordFormat::kNdjson;
  std::vector<std::string> header_;
  int64_t line_ = 0;
  uint64_t size_ = 0;
  std::string buffer_;
};

// Guesses the format from the file name: ".csv" is CSV, anything else NDJSON.
RecordFormat FormatOfPath(const std::string& path);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_COMMANDS_RECORD_READER_H_
