// world/csv.h -- a small RFC 4180 reader for the reference CSV files
// (quoted fields, doubled quotes, commas and newlines inside quotes).
// Private to the world generator until engine/taxonomy's loaders exist.
// Thread-safe: pure functions.
#ifndef QIANCHENG_WORLD_CSV_H_
#define QIANCHENG_WORLD_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace qiancheng::world {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as wide as the header

  // The index of the column named `name`; kFailedPrecondition if absent.
  Result<size_t> Column(std::string_view name) const;
};

// Parses `text` (first line = header). kInvalidArgument naming the line for an
// unterminated quote or a row whose width differs from the header's.
Result<CsvTable> ParseCsv(std::string_view text, std::string_view name);
// Reads and parses the file at `path`; kNotFound if it cannot be read.
Result<CsvTable> ReadCsvFile(const std::string& path);

}  // namespace qiancheng::world

#endif  // QIANCHENG_WORLD_CSV_H_
