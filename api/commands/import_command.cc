#include "api/commands/import_command.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <map>

#include "api/app.h"
#include "api/commands/flags.h"
#include "api/commands/record_reader.h"
#include "core/json_codec.h"

namespace qiancheng::api {
namespace {

constexpr const char* kUsage =
    R"(usage: qiancheng import FILE --kind KIND [options]
Loads NDJSON (one object a line) or CSV (header row; dotted names for nested
fields, '|' between list items) through the same validation as the API.
Valid rows are stored, invalid rows are reported with line and field.
  --kind KIND        occupations | shortage-entries | institutions | training-projects |
                     vacancies | workers | outcomes
  --data-dir DIR     data dir (default ./qiancheng-data)
  --format F         ndjson | csv (default: by file name, .csv is CSV)
  --chunk N          rows per transaction (default 5000)
  --max-errors N     errors listed in full (default 20; all are counted)
Exit status: 0 all rows stored, 3 some rows rejected, 1 failure, 2 usage.
)";

using SteadyClock = std::chrono::steady_clock;

struct Tally {
  int64_t read = 0, accepted = 0, rejected = 0;
  std::map<std::string, int64_t> by_reason;  // "field: message" -> count
  std::vector<std::pair<int64_t, std::string>> listed;  // (line, reason)

  void Reject(int64_t line, const Status& s, size_t max_listed) {
    ++rejected;
    std::string reason =
        (s.field().empty() ? "" : s.field() + ": ") + s.message();
    if (listed.size() < max_listed) listed.emplace_back(line, reason);
    ++by_reason[std::move(reason)];
  }
  void Merge(const Tally& other) {
    accepted += other.accepted;
    rejected += other.rejected;
    for (const auto& [reason, n] : other.by_reason) by_reason[reason] += n;
    listed.insert(listed.end(), other.listed.begin(), other.listed.end());
  }
};

struct Chunk {
  std::vector<Entity> entities;
  std::vector<int64_t> lines;  // file line of each entity
};

// Writes one chunk (one transaction) and counts into `t`, which only the writer
// touches. Returns false when the store failed (nothing of the chunk written).
bool Flush(const ingest::Ingestor& ingestor, Chunk chunk, Tally& t,
           size_t max_listed, std::ostream& err) {
  if (chunk.entities.empty()) return true;
  Result<ingest::BatchReport> report =
      ingestor.PutValid(std::move(chunk.entities), 0);
  if (!report.ok()) {
    err << "import: store error: " << report.status() << "\n";
    return false;
  }
  t.accepted += report->accepted;
  for (const ingest::RowError& e : report->rejected) {
    t.Reject(chunk.lines[static_cast<size_t>(e.row)], e.status, max_listed);
  }
  return true;
}

void PrintSummary(Tally& t, EntityKind kind, const std::string& path,
                  double seconds, const CommandContext& ctx) {
  std::sort(t.listed.begin(), t.listed.end());
  for (const auto& [line, reason] : t.listed) {
    ctx.err << "  rejected line " << line << ": " << reason << "\n";
  }
  for (const auto& [reason, count] : t.by_reason)
    ctx.err << "  " << count << " x " << reason << "\n";
  ctx.out << "imported " << CollectionName(kind) << " from " << path << ": "
          << t.read << " read, " << t.accepted << " accepted, " << t.rejected
          << " rejected in " << seconds << " s ("
          << static_cast<int64_t>(static_cast<double>(t.read) /
                                  std::max(seconds, 1e-9))
          << " rows/s)\n";
}

}  // namespace

int RunImportCommand(const CommandArgs& args, const CommandContext& ctx) {
  Result<ParsedFlags> flags = ParseFlags(
      args, {"--kind", "--data-dir", "--format", "--chunk", "--max-errors"},
      {"--help"});
  if (!flags.ok() || flags->Has("--help") || flags->positional.size() != 1) {
    if (!flags.ok()) ctx.err << "import: " << flags.status() << "\n";
    (flags.ok() && flags->Has("--help") ? ctx.out : ctx.err) << kUsage;
    return flags.ok() && flags->Has("--help") ? 0 : 2;
  }
  Result<EntityKind> kind = ParseEntityKind(flags->Get("--kind"), "--kind");
  Result<long> chunk_size = flags->GetInt("--chunk", 5000, 1, 100000);
  Result<long> max_errors = flags->GetInt("--max-errors", 20, 0, 1000000);
  const std::string format_name = flags->Get("--format");
  Status usage = !kind.ok()         ? kind.status()
                 : !chunk_size.ok() ? chunk_size.status()
                 : !max_errors.ok() ? max_errors.status()
                                    : Status::Ok();
  if (usage.ok() && !format_name.empty() && format_name != "csv" &&
      format_name != "ndjson") {
    usage = Status::InvalidArgument("--format", "must be ndjson or csv");
  }
  if (!usage.ok()) {
    ctx.err << "import: " << usage << "\n" << kUsage;
    return 2;
  }
  const std::string& path = flags->positional[0];
  RecordFormat format = format_name.empty()    ? FormatOfPath(path)
                        : format_name == "csv" ? RecordFormat::kCsv
                                               : RecordFormat::kNdjson;
  Result<std::unique_ptr<RecordReader>> reader =
      RecordReader::Open(path, format);
  if (!reader.ok()) {
    ctx.err << "import: " << reader.status() << "\n";
    return 1;
  }
  Result<std::unique_ptr<App>> app =
      App::Open(flags->Get("--data-dir", "qiancheng-data"), ctx.reference_dir);
  if (!app.ok()) {
    ctx.err << "import: " << app.status() << "\n";
    return 1;
  }
  const auto started = SteadyClock::now();
  auto last_progress = started;
  const size_t max_listed = static_cast<size_t>(*max_errors);
  const ingest::Ingestor& ingestor = (*app)->ingestor();
  // Two stages on two cores: this thread reads and decodes the next chunk while
  // the previous one is validated and committed by `writing`.
  Tally decoded, written;
  std::future<bool> writing;
  bool store_ok = true;
  Record record;
  for (bool more = true; more && store_ok;) {
    Chunk chunk;
    while (chunk.entities.size() < static_cast<size_t>(*chunk_size) &&
           (more = (*reader)->Next(&record))) {
      ++decoded.read;
      Result<Entity> entity =
          record.value.ok()
              ? DecodeEntity(*kind, *record.value, CodecMode::kApi)
              : Result<Entity>(record.value.status());
      if (!entity.ok()) {
        decoded.Reject(record.line, entity.status(), max_listed);
        continue;
      }
      chunk.entities.push_back(std::move(*entity));
      chunk.lines.push_back(record.line);
    }
    if (writing.valid()) store_ok = writing.get();
    if (!store_ok) break;
    writing =
        std::async(std::launch::async, [&, c = std::move(chunk)]() mutable {
          return Flush(ingestor, std::move(c), written, max_listed, ctx.err);
        });
    if (SteadyClock::now() - last_progress > std::chrono::seconds(1)) {
      last_progress = SteadyClock::now();
      ctx.err << "import: " << decoded.read << " rows read ("
              << 100 * (*reader)->position() /
                     std::max<uint64_t>(1, (*reader)->size())
              << "%)\n";
    }
  }
  if (writing.valid()) store_ok = writing.get() && store_ok;
  decoded.Merge(written);
  PrintSummary(
      decoded, *kind, path,
      std::chrono::duration<double>(SteadyClock::now() - started).count(), ctx);
  if (!store_ok) return 1;
  return decoded.rejected > 0 ? 3 : 0;
}

}  // namespace qiancheng::api
