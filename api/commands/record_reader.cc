#include "api/commands/record_reader.h"

#include <charconv>
#include <filesystem>
#include <set>

#include "core/json_codec.h"

namespace qiancheng::api {

using nlohmann::json;

namespace {

// Fields whose CSV cell is not a string. Everything else is a string (region
// and occupation codes must stay strings: "610113" is not a number).
const std::set<std::string, std::less<>> kNumberFields = {
    "rank",       "degree",
    "pass_rate",  "employment_rate",
    "hours",      "lat",
    "lon",        "seats",
    "fee_yuan",   "base_subsidy_yuan",
    "salary_min", "salary_max",
    "headcount",  "wishes.max_distance_km"};
const std::set<std::string, std::less<>> kBoolFields = {
    "qualified",  "blacklisted",        "entrepreneurship",
    "work_based", "real_name_verified", "unemployment_insured",
    "completed"};
const std::set<std::string, std::less<>> kListFields = {
    "aliases",      "schedule",        "linked_vacancy_ids",
    "skills",       "groups",          "wishes.occupation_codes",
    "wishes.modes", "wishes.schedules"};

// A cell as JSON of the column's type; a cell that does not parse stays a
// string so the decoder names the field in its error.
json CellValue(const std::string& column, const std::string& cell) {
  if (kListFields.count(column)) {
    json list = json::array();
    size_t start = 0;
    while (start <= cell.size()) {
      size_t end = cell.find('|', start);
      if (end == std::string::npos) end = cell.size();
      if (end > start) list.push_back(cell.substr(start, end - start));
      start = end + 1;
    }
    return list;
  }
  if (kBoolFields.count(column)) {
    if (cell == "true" || cell == "1") return true;
    if (cell == "false" || cell == "0") return false;
    return cell;
  }
  if (kNumberFields.count(column)) {
    double d = 0;
    auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), d);
    if (ec != std::errc() || ptr != cell.data() + cell.size()) return cell;
    long long n = 0;
    auto [iptr, iec] =
        std::from_chars(cell.data(), cell.data() + cell.size(), n);
    if (iec == std::errc() && iptr == cell.data() + cell.size()) return n;
    return d;
  }
  return cell;
}

}  // namespace

RecordFormat FormatOfPath(const std::string& path) {
  return path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0
             ? RecordFormat::kCsv
             : RecordFormat::kNdjson;
}

Result<std::unique_ptr<RecordReader>> RecordReader::Open(
    const std::string& path, RecordFormat format) {
  std::unique_ptr<RecordReader> reader(new RecordReader());
  reader->in_.open(path, std::ios::binary);
  if (!reader->in_) return Status::NotFound("cannot open " + path);
  std::error_code ec;
  reader->size_ = std::filesystem::file_size(path, ec);
  reader->format_ = format;
  if (format == RecordFormat::kCsv) {
    if (!reader->ReadCsvRow(&reader->header_) || reader->header_.empty()) {
      return Status::InvalidArgument("line 1", "a CSV file needs a header row");
    }
    if (!reader->header_[0].empty() &&
        reader->header_[0].rfind("\xEF\xBB\xBF", 0) == 0) {
      reader->header_[0].erase(
          0, 3);  // UTF-8 byte-order mark from spreadsheet exports
    }
  }
  return reader;
}

bool RecordReader::ReadCsvRow(std::vector<std::string>* cells) {
  cells->clear();
  if (!std::getline(in_, buffer_)) return false;
  ++line_;
  std::string cell;
  bool quoted = false;
  for (size_t i = 0;; ++i) {
    if (i == buffer_.size()) {
      if (!quoted) break;
      // A quoted cell spans lines: continue with the next one.
      cell += '\n';
      if (!std::getline(in_, buffer_)) break;
      ++line_;
      i = static_cast<size_t>(-1);
      continue;
    }
    char c = buffer_[i];
    if (quoted) {
      if (c == '"' && i + 1 < buffer_.size() && buffer_[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells->push_back(std::move(cell));
      cell.clear();
    } else if (c != '\r') {
      cell += c;
    }
  }
  cells->push_back(std::move(cell));
  return true;
}

Result<json> RecordReader::CsvToJson(
    const std::vector<std::string>& cells) const {
  if (cells.size() != header_.size()) {
    return Status::InvalidArgument(
        "row", "has " + std::to_string(cells.size()) +
                   " cells, the header has " + std::to_string(header_.size()));
  }
  json object = json::object();
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].empty()) continue;
    const std::string& column = header_[i];
    json value = CellValue(column, cells[i]);
    size_t dot = column.find('.');
    if (dot == std::string::npos) {
      object[column] = std::move(value);
    } else {
      object[column.substr(0, dot)][column.substr(dot + 1)] = std::move(value);
    }
  }
  return object;
}

bool RecordReader::Next(Record* record) {
  if (format_ == RecordFormat::kCsv) {
    std::vector<std::string> cells;
    int64_t start = 0;
    do {
      start = line_ + 1;
      if (!ReadCsvRow(&cells)) return false;
    } while (cells.size() == 1 && cells[0].empty());
    record->line = start;
    record->value = CsvToJson(cells);
    return true;
  }
  do {
    if (!std::getline(in_, buffer_)) return false;
    ++line_;
  } while (buffer_.find_first_not_of(" \t\r") == std::string::npos);
  record->line = line_;
  record->value = ParseJson(buffer_);
  return true;
}

}  // namespace qiancheng::api
