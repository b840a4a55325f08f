#include "api/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/http_status.h"
#include "api/json/json_writer.h"
#include "api/metrics.h"
#include "api/openapi/openapi.h"
#include "api/routes/routes.h"

namespace qiancheng::api {
namespace {

using Clock = std::chrono::steady_clock;
const std::string kNoRoute = "none";
thread_local Clock::time_point request_start;
thread_local std::string request_key_id;
// The pattern of the route that took the request, for the access log and the
// metrics labels (empty: no route did).
thread_local std::string request_route;

using nlohmann::json;

std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Exposes the listening socket so the backlog can be raised after bind: the
// Debian library is compiled with a backlog of 5, and Linux lets listen() be
// called again on a listening socket to change it.
class HttpServer : public httplib::Server {
 public:
  int socket_fd() const { return static_cast<int>(svr_sock_.load()); }
};

void Send(httplib::Response& res, Reply reply) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name, value);
  // Every 503 means "try again" (store unreachable, replica behind or
  // loading): say when, for clients and for nginx.
  if (reply.status == 503 && !res.has_header("Retry-After")) {
    res.set_header("Retry-After", "1");
  }
  // What set_content does, with the body moved instead of copied (0.11.4 has
  // no set_content(std::string&&)); a recommendation list is ~16 KB.
  res.body = std::move(reply.body);
  res.set_header("Content-Type", reply.content_type);
}

// What the key-free operations routes read.
struct OpsContext {
  App& app;
  const RequestMetrics& metrics;
  int64_t ready_max_lag;
};

// One entry of the route table: exactly one of `open` (no key) and `authed`.
struct Route {
  RouteInfo info;
  std::function<Reply(const OpsContext&, const httplib::Request&)> open;
  std::function<Reply(Caller&, const httplib::Request&)> authed;
};

// The regex httplib matches for an OpenAPI path: each {name} takes one path
// segment without ':' (so "/v1/workers/{id}" never swallows ":batch" or
// "/feed:ack"); dots are literal.
std::string PatternOf(std::string_view path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      i = path.find('}', i);
      out += "([^/:]+)";
    } else if (path[i] == '.') {
      out += "\\.";
    } else {
      out += path[i];
    }
  }
  return out;
}

QueryParams ParamsOf(const httplib::Request& req) {
  QueryParams q;
  q.k = req.get_param_value("k");
  q.include_ineligible = req.get_param_value("include_ineligible");
  q.date = req.get_param_value("date");
  q.cursor = req.get_param_value("cursor");
  q.limit = req.get_param_value("limit");
  q.region = req.get_param_value("region");
  q.period = req.get_param_value("period");
  q.min_seq = req.get_param_value("min_seq");
  q.detail = req.get_param_value("detail");
  return q;
}

std::string Match(const httplib::Request& req, size_t i) {
  return req.matches[i].str();
}

// 200 once the read side is loaded and nearly caught up with the change log;
// a load balancer keeps traffic away until then (recommendations would 503 or
// miss recent writes).
Reply Readiness(const OpsContext& ops) {
  auto not_ready = [](const std::string& reason, json extra = json::object()) {
    extra["ready"] = false;
    extra["reason"] = reason;
    return JsonReply(503, Dump(extra));
  };
  ReadSide* side = ops.app.read_side();
  if (side == nullptr) return not_ready("the read side is not started");
  if (!side->ready()) return not_ready("the read side is loading");
  Result<int64_t> lag = side->Lag();
  if (!lag.ok()) return not_ready("the change log cannot be read");
  json out = {{"lag", *lag},
              {"max_lag", ops.ready_max_lag},
              {"applied_seq", side->follower().applied()}};
  if (*lag > ops.ready_max_lag) {
    return not_ready("change-log lag " + std::to_string(*lag) + " over " +
                         std::to_string(ops.ready_max_lag),
                     out);
  }
  out["ready"] = true;
  return JsonReply(200, Dump(out));
}

// The route table. Specific routes come first: httplib tries patterns in
// registration order.
std::vector<Route> MakeRoutes() {
  std::vector<Route> r;
  auto add_open = [&r](const char* method, std::string path, auto handler) {
    r.push_back({{method, std::move(path)}, handler, nullptr});
  };
  auto add_authed = [&r](const char* method, std::string path, auto handler) {
    r.push_back({{method, std::move(path)}, nullptr, handler});
  };
  using Req = const httplib::Request&;
  add_open("GET", "/healthz", [](const OpsContext&, Req) {
    return JsonReply(200, R"({"status":"ok"})");
  });
  add_open("GET", "/readyz",
           [](const OpsContext& ops, Req) { return Readiness(ops); });
  add_open("GET", "/metrics", [](const OpsContext& ops, Req) {
    Reply reply = JsonReply(200, ops.metrics.Render(ops.app.read_side()));
    reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
    return reply;
  });
  add_open("GET", "/v1/openapi.json", [](const OpsContext&, Req) {
    return JsonReply(200, std::string(OpenApiJson()));
  });
  add_authed("GET", "/v1/workers/{id}/recommendations/trainings",
             [](Caller& c, Req req) {
               return RecommendTrainings(c, Match(req, 1), ParamsOf(req));
             });
  add_authed("GET", "/v1/workers/{id}/recommendations/jobs",
             [](Caller& c, Req req) {
               return RecommendJobs(c, Match(req, 1), ParamsOf(req));
             });
  add_authed("GET", "/v1/vacancies/{id}/candidates", [](Caller& c, Req req) {
    return VacancyCandidates(c, Match(req, 1), ParamsOf(req));
  });
  add_authed("POST", "/v1/recommendations/trainings", [](Caller& c, Req req) {
    return RecommendTrainingsAnonymous(c, req.body);
  });
  add_authed("GET", "/v1/workers/{id}/feed", [](Caller& c, Req req) {
    return WorkerFeed(c, Match(req, 1), ParamsOf(req));
  });
  add_authed("POST", "/v1/workers/{id}/feed:ack", [](Caller& c, Req req) {
    return AckFeed(c, Match(req, 1), req.body);
  });
  add_authed("GET", "/v1/shortage",
             [](Caller& c, Req req) { return ShortageView(c, ParamsOf(req)); });
  add_authed("GET", "/v1/analytics/supply-demand", [](Caller& c, Req req) {
    return SupplyDemandView(c, ParamsOf(req));
  });
  add_authed("GET", "/v1/admin/read-side",
             [](Caller& c, Req) { return ReadSideAudit(c); });
  add_authed("POST", "/v1/eligibility",
             [](Caller& c, Req req) { return DecideEligibility(c, req.body); });
  add_authed(
      "GET", "/v1/training-projects/{id}/settlement", [](Caller& c, Req req) {
        return SettleProject(c, Match(req, 1), req.get_param_value("date"));
      });
  add_authed("POST", "/v1/keys",
             [](Caller& c, Req req) { return CreateKey(c, req.body); });
  add_authed("DELETE", "/v1/keys/{key_id}",
             [](Caller& c, Req req) { return RevokeKey(c, Match(req, 1)); });
  for (EntityKind kind : kAllEntityKinds) {
    const std::string collection(CollectionName(kind));
    const std::string base = "/v1/" + collection;
    add_authed("PUT", base + "/{id}", [collection](Caller& c, Req req) {
      return PutEntity(c, collection, Match(req, 1), req.body);
    });
    add_authed("GET", base + "/{id}", [collection](Caller& c, Req req) {
      return GetEntity(c, collection, Match(req, 1));
    });
    add_authed("DELETE", base + "/{id}", [collection](Caller& c, Req req) {
      return DeleteEntity(c, collection, Match(req, 1));
    });
    add_authed("GET", base, [collection](Caller& c, Req req) {
      return ListEntities(c, collection, req.get_param_value("cursor"),
                          req.get_param_value("limit"));
    });
    add_authed("POST", base + ":batch", [collection](Caller& c, Req req) {
      return BatchEntities(c, collection, req.body);
    });
  }
  return r;
}

}  // namespace

const std::vector<RouteInfo>& RouteTable() {
  static const std::vector<RouteInfo> table = [] {
    std::vector<RouteInfo> out;
    for (const Route& route : MakeRoutes()) out.push_back(route.info);
    return out;
  }();
  return table;
}

struct Server::Impl {
  App& app;
  ServerOptions options;
  KeyService keys;
  HttpServer http;
  RequestMetrics metrics;
  const std::vector<Route> routes = MakeRoutes();
  // The access log is written through the stream's buffer and flushed by
  // `log_flusher` every kLogFlushInterval (and at the end), not per line: a
  // flush per request was a write(2) on every call.
  std::mutex log_mu;
  std::condition_variable log_cv;
  bool log_stop = false;
  std::thread log_flusher;

  Impl(App& a, ServerOptions o)
      : app(a), options(std::move(o)), keys(a.store()) {
    if (options.access_log != nullptr) {
      log_flusher = std::thread([this] { FlushLogPeriodically(); });
    }
  }
  ~Impl() {
    if (!log_flusher.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(log_mu);
      log_stop = true;
    }
    log_cv.notify_all();
    log_flusher.join();
  }

  void FlushLogPeriodically();

  httplib::Server::HandlerResponse Guard(const httplib::Request& req,
                                         httplib::Response& res);
  void Log(const httplib::Request& req, const httplib::Response& res);
  void Routes();
  void Dispatch(const Route& route, const httplib::Request& req,
                httplib::Response& res);
  // Authenticates, then runs `handler` with the caller.
  template <class Handler>
  void Authed(const httplib::Request& req, httplib::Response& res,
              Handler handler) {
    Result<Principal> who =
        keys.Authenticate(req.get_header_value("Authorization"));
    if (!who.ok()) return Send(res, ErrorReply(who.status()));
    request_key_id = who->key_id;
    Caller caller{app, keys, *who};
    Send(res, handler(caller));
  }
};

httplib::Server::HandlerResponse Server::Impl::Guard(
    const httplib::Request& req, httplib::Response& res) {
  using HR = httplib::Server::HandlerResponse;
  request_start = Clock::now();
  request_key_id.clear();
  request_route.clear();
  auto refuse = [&](int status, const char* code, const char* field,
                    const std::string& message) {
    nlohmann::json body = {
        {"error", {{"code", code}, {"message", message}, {"field", field}}}};
    res.status = status;
    res.set_content(body.dump(), "application/json");
    return HR::Handled;
  };
  if (req.has_header("Transfer-Encoding")) {
    return refuse(411, "length_required", "Transfer-Encoding",
                  "chunked bodies are not accepted: send Content-Length");
  }
  const std::string encoding = req.get_header_value("Content-Encoding");
  if (!encoding.empty() && encoding != "identity") {
    return refuse(415, "unsupported_media_type", "Content-Encoding",
                  "compressed bodies are not accepted");
  }
  const bool batch = req.path.size() > 6 && req.path.ends_with(":batch");
  const size_t cap =
      batch ? options.max_batch_body_bytes : options.max_body_bytes;
  if (req.has_header("Content-Length")) {
    const std::string text = req.get_header_value("Content-Length");
    size_t length = 0;
    auto [ptr, ec] =
        std::from_chars(text.data(), text.data() + text.size(), length);
    if (ec != std::errc() || ptr != text.data() + text.size()) {
      return refuse(400, "invalid_argument", "Content-Length",
                    "is not a number");
    }
    if (length > cap) {
      return refuse(413, "payload_too_large", "Content-Length",
                    "body over " + std::to_string(cap) + " bytes");
    }
  }
  return HR::Unhandled;
}

void Server::Impl::Log(const httplib::Request& req,
                       const httplib::Response& res) {
  const double ms =
      std::chrono::duration<double, std::milli>(Clock::now() - request_start)
          .count();
  // Requests no route took (404s, refusals before routing, console files)
  // share one label: raw paths would put ids in the metrics.
  const std::string& route = request_route.empty() ? kNoRoute : request_route;
  metrics.Observe(req.method, route, res.status, ms / 1000);
  if (options.access_log == nullptr) return;
  thread_local std::string line;
  line.clear();
  JsonWriter w(&line);
  w.BeginObject();
  w.Key("method");
  w.String(req.method);
  w.Key("path");
  w.String(MaskLongDigitRuns(req.path));
  w.Key("route");
  w.String(route);
  w.Key("status");
  w.Int(res.status);
  w.Key("ms");
  w.Number(static_cast<double>(static_cast<int64_t>(ms * 1000)) / 1000.0);
  w.Key("key_id");
  w.String(request_key_id);
  w.EndObject();
  line.push_back('\n');
  std::lock_guard<std::mutex> lock(log_mu);
  options.access_log->write(line.data(),
                            static_cast<std::streamsize>(line.size()));
}

void Server::Impl::FlushLogPeriodically() {
  constexpr auto kLogFlushInterval = std::chrono::milliseconds(100);
  std::unique_lock<std::mutex> lock(log_mu);
  while (true) {
    options.access_log->flush();
    if (log_stop) return;
    log_cv.wait_for(lock, kLogFlushInterval, [this] { return log_stop; });
  }
}

void Server::Impl::Routes() {
  for (size_t i = 0; i < routes.size(); ++i) {
    const Route& route = routes[i];
    const std::string pattern = PatternOf(route.info.path);
    auto handler = [this, &route](const httplib::Request& req,
                                  httplib::Response& res) {
      Dispatch(route, req, res);
    };
    const std::string& method = route.info.method;
    if (method == "GET") {
      http.Get(pattern, handler);
    } else if (method == "PUT") {
      http.Put(pattern, handler);
    } else if (method == "POST") {
      http.Post(pattern, handler);
    } else {
      http.Delete(pattern, handler);
    }
  }
  if (!options.console_dir.empty())
    http.set_mount_point("/", options.console_dir);
}

void Server::Impl::Dispatch(const Route& route, const httplib::Request& req,
                            httplib::Response& res) {
  request_route = route.info.path;
  if (route.open) {
    OpsContext ops{app, metrics, options.ready_max_lag};
    return Send(res, route.open(ops, req));
  }
  Authed(req, res, [&](Caller& c) { return route.authed(c, req); });
}

Server::Server(App& app, ServerOptions options)
    : impl_(std::make_unique<Impl>(app, std::move(options))) {
  auto& http = impl_->http;
  Impl* impl = impl_.get();
  http.set_pre_routing_handler(
      [impl](const httplib::Request& req, httplib::Response& res) {
        return impl->Guard(req, res);
      });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        // Never echo what went wrong: 0.11.4's default puts e.what() in a
        // header.
        res.headers.clear();
        res.status = 500;
        res.set_content(ErrorBody(Status::Internal("")), "application/json");
      });
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      Status s(res.status == 404 ? Code::kNotFound : Code::kInvalidArgument,
               res.status == 404 ? "no such route" : "request refused");
      res.set_content(ErrorBody(s), "application/json");
    }
  });
  http.set_logger(
      [impl](const httplib::Request& req, const httplib::Response& res) {
        impl->Log(req, res);
      });
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(100000);
  http.set_keep_alive_timeout(5);
  http.set_read_timeout(impl_->options.read_timeout_s, 0);
  http.set_write_timeout(impl_->options.write_timeout_s, 0);
  http.set_payload_max_length(impl_->options.max_batch_body_bytes);
  // cpp-httplib gives each connection a pool thread for the connection's
  // whole life (every keep-alive request on it), so the pool bounds open
  // connections, not running requests: with 8 threads, 8 busy keep-alive
  // clients (wrk, or nginx's upstream connections) left a 9th client waiting
  // for ever. Idle threads cost only their stacks' address space, and the CPU
  // work is bounded by the cores anyway, so the default is generous; the
  // nginx front keeps fewer upstream connections than this (deploy/nginx).
  size_t threads = static_cast<size_t>(impl_->options.threads);
  if (threads == 0) threads = DefaultServerThreads();
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl_->Routes();
}

size_t DefaultServerThreads() {
  return std::max<size_t>(
      64, 16 * std::max(1u, std::thread::hardware_concurrency()));
}

Server::~Server() = default;

Result<int> Server::Bind() {
  auto& http = impl_->http;
  int port = impl_->options.port;
  if (port == 0) {
    port = http.bind_to_any_port(impl_->options.host);
    if (port < 0)
      return Status::Unavailable("cannot bind " + impl_->options.host);
  } else if (!http.bind_to_port(impl_->options.host, port)) {
    return Status::Unavailable("cannot bind " + impl_->options.host + ":" +
                               std::to_string(port));
  }
  ::listen(http.socket_fd(), impl_->options.listen_backlog);
  return port;
}

Status Server::Listen() {
  if (!impl_->http.listen_after_bind())
    return Status::Unavailable("server stopped with an error");
  return Status::Ok();
}

void Server::Stop() { impl_->http.stop(); }

bool Server::running() const { return impl_->http.is_running(); }

}  // namespace qiancheng::api
