// taxonomy/internal/csv.h -- a small RFC 4180 reader for the reference CSVs in
// data/ (quoted fields with commas, doubled quotes and line breaks; a header
// row names the columns). Reads the whole file at once; not for streams.
#ifndef QIANCHENG_TAXONOMY_INTERNAL_CSV_H_
#define QIANCHENG_TAXONOMY_INTERNAL_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace qiancheng::taxonomy::internal {

class CsvTable {
 public:
  // kNotFound when the file cannot be read; kInvalidArgument ("file:line") for
  // an unterminated quote or a row whose width differs from the header's.
  static Result<CsvTable> Read(const std::string& path);

  // Index of column `name`, or kInvalidArgument naming the file and column.
  Result<size_t> Column(std::string_view name) const;
  const std::vector<std::vector<std::string>>& rows() const { return rows_; }
  // "file:line" of data row `i` (for error messages).
  std::string Where(size_t i) const;

 private:
  std::string path_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<size_t> lines_;  // first line number of each row
};

}  // namespace qiancheng::taxonomy::internal

#endif  // QIANCHENG_TAXONOMY_INTERNAL_CSV_H_
