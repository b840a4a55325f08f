// api/server.h -- stage 9: the HTTP front. Decodes, authorises, calls the
// engine, encodes; the whole route table is in server.cc, one list that both
// registers the routes and names them (RouteTable) for the OpenAPI document,
// the metrics labels and the test that compares the two.
// Operations routes (no key): /healthz (the process answers), /readyz (read
// side loaded and change-log lag at most ServerOptions::ready_max_lag, else
// 503 with the reason), /metrics (Prometheus text, no person data, see
// metrics.h), /v1/openapi.json.
// Guards (cpp-httplib 0.11.4 has known holes): before any body is read, a
// pre-routing check refuses chunked bodies (they bypass the payload limit),
// any Content-Encoding (gzip is inflated unbounded) and a Content-Length over
// the route's cap; an exception handler turns any escaped exception into a 500
// that echoes nothing. TCP_NODELAY, a large keep-alive count, a sized pool and
// listen backlog avoid the library's stalls. Header floods and slow clients
// must be stopped in front (deploy/nginx).
// Thread-safety: Start/Stop from one thread; handlers run on the pool.
#ifndef QIANCHENG_API_SERVER_H_
#define QIANCHENG_API_SERVER_H_

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "api/app.h"
#include "api/auth.h"

namespace qiancheng::api {

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback by default; put nginx in front
  int port = 8080;                 // 0 = any free port (tests)
  // Worker pool = connections served at once; 0 = DefaultServerThreads().
  int threads = 0;
  size_t max_body_bytes = 1 << 20;         // normal routes
  size_t max_batch_body_bytes = 64 << 20;  // POST /v1/{kind}:batch
  int read_timeout_s = 10;
  int write_timeout_s = 10;
  int listen_backlog = 1024;
  std::string console_dir;  // static files served at "/" (empty: none)
  std::ostream* access_log = nullptr;  // one JSON line per request; no bodies
  // /readyz answers 503 while more changes than this wait to be applied.
  int64_t ready_max_lag = 1000;
};

// One route as the OpenAPI document names it: method in capitals, path with
// {name} placeholders ("/v1/workers/{id}/feed").
struct RouteInfo {
  std::string method;
  std::string path;
};

// Every route the server registers, in registration order.
const std::vector<RouteInfo>& RouteTable();

// The worker pool when ServerOptions::threads is 0: 16 per core, at least
// 64. Each open connection holds one of these threads (cpp-httplib).
size_t DefaultServerThreads();

class Server {
 public:
  Server(App& app, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the socket; returns the port (useful with port 0).
  Result<int> Bind();
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  Status Listen();
  // Stops accepting, lets in-flight requests finish; Listen() then returns.
  void Stop();
  bool running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_SERVER_H_
