// api/metrics.h -- what GET /metrics exposes, in the Prometheus text format
// (version 0.0.4): request counts and a latency histogram per route pattern,
// method and status; the read side's index sizes, change-log lag and push-feed
// counters; process uptime. Labels carry route patterns ("/v1/workers/{id}"),
// never raw paths, so no id and no person data reaches a scrape, and the
// number of series stays bounded by the route table.
// Thread-safety: Observe and Render may be called from any thread.
#ifndef QIANCHENG_API_METRICS_H_
#define QIANCHENG_API_METRICS_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "api/read_side.h"

namespace qiancheng::api {

class RequestMetrics {
 public:
  // Upper bounds (seconds) of the latency buckets; +Inf is implied.
  static constexpr std::array<double, 12> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};

  RequestMetrics() : started_(std::chrono::steady_clock::now()) {}

  // One answered request. `route` is the pattern that handled it (or a fixed
  // word for requests no route took).
  void Observe(std::string_view method, std::string_view route, int status,
               double seconds);

  // The whole exposition: request series, then the read side's gauges and
  // counters (`side` may be null: only qiancheng_read_side_ready 0 is
  // written), then uptime.
  std::string Render(ReadSide* side) const;

 private:
  struct Series {
    std::array<uint64_t, kBuckets.size()> buckets{};  // not cumulative
    uint64_t count = 0;
    double sum = 0;
  };
  using Key =
      std::tuple<std::string, std::string, int>;  // method, route, status

  const std::chrono::steady_clock::time_point started_;
  mutable std::mutex mu_;
  std::map<Key, Series> series_;
};

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_METRICS_H_
