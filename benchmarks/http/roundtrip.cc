// http_roundtrip: sequential keep-alive requests on one loopback connection,
// the client's round trip of each call beside the engine time the response
// reports (`"total_micros"` of its trace), for issue 8's HTTP overhead
// (round-trip p50 minus engine p50).
//
// Usage: http_roundtrip --port P --ids FILE [--host 127.0.0.1] [--count 3000]
//                       [--warmup 300] [--path TEMPLATE]
// The key is read from $QC_API_KEY; {id} in the path takes the ids in turn.
// Prints one JSON line: calls, bytes per response, round trip and engine
// p50/p90/p99 in microseconds, and the overhead as the difference of the
// p50s and as the p50 of the per-call differences.
//
// The client's own time counts as overhead, so it is a blocking socket, one
// send and a few reads per call (it replaced a Python client whose own cost
// was tens of microseconds: /healthz 75 us with it, 21 us with this one).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Args {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string ids_file;
  int count = 3000;
  int warmup = 300;
  std::string path = "/v1/workers/{id}/recommendations/trainings?k=10";
};

std::optional<Args> ParseArgs(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--host") {
      a.host = value;
    } else if (flag == "--port") {
      a.port = std::atoi(value);
    } else if (flag == "--ids") {
      a.ids_file = value;
    } else if (flag == "--count") {
      a.count = std::atoi(value);
    } else if (flag == "--warmup") {
      a.warmup = std::atoi(value);
    } else if (flag == "--path") {
      a.path = value;
    } else {
      return std::nullopt;
    }
  }
  if (argc % 2 == 0 || a.port <= 0 || a.ids_file.empty() || a.count <= 0) {
    return std::nullopt;
  }
  return a;
}

// One response read from `fd` with a Content-Length body; bytes after it stay
// in `pending` for the next call. Returns the status, 0 on a broken stream.
int ReadResponse(int fd, std::string* pending, std::string* body) {
  char chunk[65536];
  size_t head_end;
  while ((head_end = pending->find("\r\n\r\n")) == std::string::npos) {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return 0;
    pending->append(chunk, static_cast<size_t>(n));
  }
  const std::string_view head(pending->data(), head_end);
  int status = 0;
  if (head.size() > 12) {
    std::from_chars(head.data() + 9, head.data() + 12, status);
  }
  size_t length = 0;
  for (size_t at = head.find("\r\n"); at != std::string_view::npos;) {
    const size_t next = head.find("\r\n", at + 2);
    std::string_view line = head.substr(at + 2, next == std::string_view::npos
                                                    ? std::string_view::npos
                                                    : next - at - 2);
    constexpr std::string_view kLength = "content-length:";
    if (line.size() > kLength.size() &&
        std::equal(kLength.begin(), kLength.end(), line.begin(),
                   [](char a, char b) { return a == std::tolower(b); })) {
      std::string_view v = line.substr(kLength.size());
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      std::from_chars(v.data(), v.data() + v.size(), length);
    }
    at = next;
  }
  const size_t body_start = head_end + 4;
  while (pending->size() < body_start + length) {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return 0;
    pending->append(chunk, static_cast<size_t>(n));
  }
  body->assign(*pending, body_start, length);
  pending->erase(0, body_start + length);
  return status;
}

// The engine time the response reports, searched near its end (the trace is
// the last member of a recommendation response).
std::optional<double> TotalMicros(const std::string& body) {
  constexpr std::string_view kKey = "\"total_micros\":";
  const size_t at = body.rfind(kKey);
  if (at == std::string::npos) return std::nullopt;
  const char* begin = body.data() + at + kKey.size();
  double value = 0;
  auto [ptr, ec] = std::from_chars(begin, body.data() + body.size(), value);
  if (ec != std::errc()) return std::nullopt;
  return value;
}

double Percentile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const size_t i =
      std::min(values.size() - 1, static_cast<size_t>(q * values.size()));
  return values[i];
}

std::string Quantiles(const std::vector<double>& v) {
  char buf[128];
  std::snprintf(buf, sizeof buf,
                "{\"p50\": %.1f, \"p90\": %.1f, \"p99\": %.1f}",
                Percentile(v, 0.5), Percentile(v, 0.9), Percentile(v, 0.99));
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<Args> args = ParseArgs(argc, argv);
  if (!args) {
    std::fprintf(stderr,
                 "usage: http_roundtrip --port P --ids FILE [--host H] "
                 "[--count N] [--warmup N] [--path TEMPLATE]\n");
    return 2;
  }
  std::vector<std::string> ids;
  {
    std::ifstream in(args->ids_file);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) ids.push_back(line);
    }
  }
  if (ids.empty()) {
    std::fprintf(stderr, "http_roundtrip: no ids in %s\n",
                 args->ids_file.c_str());
    return 2;
  }
  const char* key = std::getenv("QC_API_KEY");
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(args->port));
  if (::inet_pton(AF_INET, args->host.c_str(), &addr.sin_addr) != 1 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::fprintf(stderr, "http_roundtrip: cannot connect to %s:%d\n",
                 args->host.c_str(), args->port);
    return 1;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

  std::vector<double> rtt, engine, diff;
  size_t bytes = 0;
  std::string pending, body, request;
  const size_t slot = args->path.find("{id}");
  for (int n = 0; n < args->warmup + args->count; ++n) {
    const std::string& id = ids[static_cast<size_t>(n) % ids.size()];
    std::string path = args->path;
    if (slot != std::string::npos) path.replace(slot, 4, id);
    request = "GET " + path + " HTTP/1.1\r\nHost: " + args->host + "\r\n";
    if (key != nullptr && *key != '\0') {
      request += "Authorization: Bearer ";
      request += key;
      request += "\r\n";
    }
    request += "\r\n";
    const auto t0 = std::chrono::steady_clock::now();
    if (::send(fd, request.data(), request.size(), 0) !=
        static_cast<ssize_t>(request.size())) {
      std::fprintf(stderr, "http_roundtrip: send failed\n");
      return 1;
    }
    const int status = ReadResponse(fd, &pending, &body);
    const auto t1 = std::chrono::steady_clock::now();
    if (status != 200) {
      std::fprintf(stderr, "http_roundtrip: HTTP %d: %.200s\n", status,
                   body.c_str());
      return 1;
    }
    if (n < args->warmup) continue;
    const double micros =
        std::chrono::duration<double, std::micro>(t1 - t0).count();
    rtt.push_back(micros);
    bytes += body.size();
    if (std::optional<double> e = TotalMicros(body)) {
      engine.push_back(*e);
      diff.push_back(micros - *e);
    }
  }
  ::close(fd);
  std::printf(
      "{\"calls\": %zu, \"bytes_per_response\": %zu, "
      "\"round_trip_us\": %s",
      rtt.size(), bytes / rtt.size(), Quantiles(rtt).c_str());
  if (!engine.empty()) {
    std::printf(
        ", \"engine_us\": %s, \"overhead_us\": {\"p50_minus_p50\": "
        "%.1f, \"p50_of_differences\": %.1f}",
        Quantiles(engine).c_str(),
        Percentile(rtt, 0.5) - Percentile(engine, 0.5), Percentile(diff, 0.5));
  }
  std::printf("}\n");
  return 0;
}
