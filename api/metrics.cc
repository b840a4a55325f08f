#include "api/metrics.h"

#include <cstdio>

namespace qiancheng::api {
namespace {

// A label value: backslash, quote and newline escaped, as the format asks.
std::string Quoted(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string Number(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", value);
  return buf;
}

void Header(std::string* out, const char* name, const char* type,
            const char* help) {
  *out += "# HELP ";
  *out += name;
  *out += ' ';
  *out += help;
  *out += "\n# TYPE ";
  *out += name;
  *out += ' ';
  *out += type;
  *out += '\n';
}

void Sample(std::string* out, std::string_view name, std::string_view labels,
            double value) {
  *out += name;
  if (!labels.empty()) {
    *out += '{';
    *out += labels;
    *out += '}';
  }
  *out += ' ';
  *out += Number(value);
  *out += '\n';
}

void AppendReadSide(ReadSide* side, std::string* out) {
  Header(out, "qiancheng_read_side_ready", "gauge",
         "1 once the read model and indexes are loaded.");
  Sample(out, "qiancheng_read_side_ready", "",
         side != nullptr && side->ready() ? 1 : 0);
  if (side == nullptr || !side->ready()) return;

  Header(out, "qiancheng_index_items", "gauge",
         "Live vectors per index (entity kind).");
  const recommend::IndexSet& indexes = side->indexes();
  for (EntityKind kind : {EntityKind::kTrainingProject, EntityKind::kVacancy,
                          EntityKind::kWorker}) {
    const index::VectorIndex* index = indexes.For(kind);
    if (index == nullptr) continue;
    Sample(out, "qiancheng_index_items", "kind=" + Quoted(CollectionName(kind)),
           static_cast<double>(index->size()));
  }
  Header(out, "qiancheng_changelog_applied_seq", "gauge",
         "Last change-log sequence applied to the read side.");
  Sample(out, "qiancheng_changelog_applied_seq", "",
         static_cast<double>(side->follower().applied()));
  Header(out, "qiancheng_changelog_notices_total", "counter",
         "Commit notices (PostgreSQL LISTEN) that woke the read side.");
  Sample(out, "qiancheng_changelog_notices_total", "",
         static_cast<double>(side->change_notices()));
  Result<int64_t> lag = side->Lag();
  if (lag.ok()) {
    Header(out, "qiancheng_changelog_lag", "gauge",
           "Changes committed to the store and not yet applied.");
    Sample(out, "qiancheng_changelog_lag", "", static_cast<double>(*lag));
  }
  const recommend::FeedService& feed = side->feed();
  Header(out, "qiancheng_feed_items_written_total", "counter",
         "Push-feed items written.");
  Sample(out, "qiancheng_feed_items_written_total", "",
         static_cast<double>(feed.items_written()));
  Header(out, "qiancheng_feed_errors_total", "counter",
         "Feed events that failed to produce items.");
  Sample(out, "qiancheng_feed_errors_total", "",
         static_cast<double>(feed.errors()));
  Header(out, "qiancheng_feed_events_total", "counter",
         "Change events seen by the push feed.");
  Sample(out, "qiancheng_feed_events_total", "",
         static_cast<double>(feed.events_seen()));
}

}  // namespace

void RequestMetrics::Observe(std::string_view method, std::string_view route,
                             int status, double seconds) {
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  std::lock_guard lock(mu_);
  Series& s = series_[Key(std::string(method), std::string(route), status)];
  if (bucket < kBuckets.size()) ++s.buckets[bucket];
  ++s.count;
  s.sum += seconds;
}

std::string RequestMetrics::Render(ReadSide* side) const {
  std::string out;
  out.reserve(16384);
  std::map<Key, Series> copy;
  {
    std::lock_guard lock(mu_);
    copy = series_;
  }
  auto labels = [](const Key& key) {
    std::string text = "method=" + Quoted(std::get<0>(key));
    text += ",route=";
    text += Quoted(std::get<1>(key));
    text += ",status=\"";
    text += std::to_string(std::get<2>(key));
    text += '"';
    return text;
  };
  Header(&out, "qiancheng_http_requests_total", "counter",
         "Requests answered, by method, route pattern and status.");
  for (const auto& [key, s] : copy)
    Sample(&out, "qiancheng_http_requests_total", labels(key),
           static_cast<double>(s.count));
  Header(&out, "qiancheng_http_request_duration_seconds", "histogram",
         "Time from the request head to the response, by method, route "
         "pattern and status.");
  for (const auto& [key, s] : copy) {
    const std::string base = labels(key);
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += s.buckets[i];
      Sample(&out, "qiancheng_http_request_duration_seconds_bucket",
             base + ",le=\"" + Number(kBuckets[i]) + "\"",
             static_cast<double>(cumulative));
    }
    Sample(&out, "qiancheng_http_request_duration_seconds_bucket",
           base + ",le=\"+Inf\"", static_cast<double>(s.count));
    Sample(&out, "qiancheng_http_request_duration_seconds_sum", base, s.sum);
    Sample(&out, "qiancheng_http_request_duration_seconds_count", base,
           static_cast<double>(s.count));
  }
  AppendReadSide(side, &out);
  Header(&out, "qiancheng_process_uptime_seconds", "gauge",
         "Seconds since the server started.");
  Sample(
      &out, "qiancheng_process_uptime_seconds", "",
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_)
          .count());
  return out;
}

}  // namespace qiancheng::api
