#include "taxonomy/internal/csv.h"

#include <fstream>
#include <sstream>

namespace qiancheng::taxonomy::internal {
namespace {

// Parses one record starting at `*pos`; advances past its line break and
// counts the lines it spans. False on an unterminated quote.
bool ParseRecord(const std::string& data, size_t* pos, size_t* line,
                 std::vector<std::string>* fields) {
  fields->assign(1, std::string());
  bool quoted = false;
  for (size_t i = *pos; i < data.size(); ++i) {
    const char c = data[i];
    if (quoted) {
      if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') {
        fields->back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++*line;
        fields->back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields->emplace_back();
    } else if (c == '\n') {
      *pos = i + 1;
      ++*line;
      return true;
    } else if (c != '\r') {
      fields->back().push_back(c);
    }
  }
  *pos = data.size();
  return !quoted;
}

}  // namespace

Result<CsvTable> CsvTable::Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string data = buffer.str();
  if (data.rfind("\xEF\xBB\xBF", 0) == 0) data.erase(0, 3);  // UTF-8 BOM
  CsvTable table;
  table.path_ = path;
  size_t pos = 0, line = 1;
  std::vector<std::string> fields;
  while (pos < data.size()) {
    const size_t first_line = line;
    if (!ParseRecord(data, &pos, &line, &fields)) {
      return Status::InvalidArgument(path + ":" + std::to_string(first_line),
                                     "unterminated quote");
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (table.header_.empty()) {
      table.header_ = std::move(fields);
      continue;
    }
    if (fields.size() != table.header_.size()) {
      return Status::InvalidArgument(
          path + ":" + std::to_string(first_line),
          "expected " + std::to_string(table.header_.size()) + " fields");
    }
    table.rows_.push_back(std::move(fields));
    table.lines_.push_back(first_line);
  }
  return table;
}

Result<size_t> CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return Status::InvalidArgument(path_, "missing column " + std::string(name));
}

std::string CsvTable::Where(size_t i) const {
  return path_ + ":" + std::to_string(lines_[i]);
}

}  // namespace qiancheng::taxonomy::internal
