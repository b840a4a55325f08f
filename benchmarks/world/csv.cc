#include "world/csv.h"

#include <fstream>
#include <sstream>

namespace qiancheng::world {
namespace {

// Reads one record starting at `*pos`; advances past its line end.
Status ReadRecord(std::string_view text, size_t* pos,
                  std::vector<std::string>* fields, int* line) {
  fields->assign(1, "");
  bool quoted = false;
  size_t i = *pos;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        fields->back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++*line;
        fields->back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields->emplace_back();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      fields->back() += c;
    }
  }
  if (quoted) {
    return Status::InvalidArgument("line " + std::to_string(*line),
                                   "has an unterminated quote");
  }
  *pos = i + 1;
  ++*line;
  return Status::Ok();
}

}  // namespace

Result<size_t> CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return Status::FailedPrecondition("CSV has no column \"" + std::string(name) +
                                    "\"");
}

Result<CsvTable> ParseCsv(std::string_view text, std::string_view name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
  CsvTable table;
  size_t pos = 0;
  int line = 1;
  QC_RETURN_IF_ERROR(ReadRecord(text, &pos, &table.header, &line));
  std::vector<std::string> fields;
  while (pos < text.size()) {
    const int first_line = line;
    QC_RETURN_IF_ERROR(ReadRecord(text, &pos, &fields, &line));
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != table.header.size()) {
      return Status::InvalidArgument(
          std::string(name) + " line " + std::to_string(first_line),
          "has " + std::to_string(fields.size()) + " fields, want " +
              std::to_string(table.header.size()));
    }
    table.rows.push_back(fields);
  }
  return table;
}

Result<CsvTable> ReadCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseCsv(text.str(), path);
}

}  // namespace qiancheng::world
