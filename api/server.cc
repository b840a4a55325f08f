#include "api/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <charconv>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/http_status.h"
#include "api/routes/routes.h"

namespace qiancheng::api {
namespace {

using Clock = std::chrono::steady_clock;
thread_local Clock::time_point request_start;
thread_local std::string request_key_id;

// Exposes the listening socket so the backlog can be raised after bind: the
// Debian library is compiled with a backlog of 5, and Linux lets listen() be
// called again on a listening socket to change it.
class HttpServer : public httplib::Server {
 public:
  int socket_fd() const { return static_cast<int>(svr_sock_.load()); }
};

void Send(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  res.set_content(reply.body, reply.content_type.c_str());
}

// Defence in depth for the access log: any run of 11+ digits is masked, so an
// ID or phone number in a path can never reach a log line.
std::string MaskDigitRuns(std::string_view text) {
  std::string out(text);
  size_t i = 0;
  while (i < out.size()) {
    size_t j = i;
    while (j < out.size() &&
           (std::isdigit(static_cast<unsigned char>(out[j])) || out[j] == 'X'))
      ++j;
    if (j - i >= 11) {
      for (size_t k = i + 3; k + 4 < j; ++k) out[k] = '*';
    }
    i = j == i ? i + 1 : j;
  }
  return out;
}

}  // namespace

struct Server::Impl {
  App& app;
  ServerOptions options;
  KeyService keys;
  HttpServer http;
  std::mutex log_mu;

  Impl(App& a, ServerOptions o)
      : app(a), options(std::move(o)), keys(a.store()) {}

  httplib::Server::HandlerResponse Guard(const httplib::Request& req,
                                         httplib::Response& res);
  void Log(const httplib::Request& req, const httplib::Response& res);
  void Routes();
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
  if (options.access_log == nullptr) return;
  const double ms =
      std::chrono::duration<double, std::milli>(Clock::now() - request_start)
          .count();
  nlohmann::json line = {{"method", req.method},
                         {"path", MaskDigitRuns(req.path)},
                         {"status", res.status},
                         {"ms", static_cast<int64_t>(ms * 1000) / 1000.0},
                         {"key_id", request_key_id}};
  std::lock_guard<std::mutex> lock(log_mu);
  *options.access_log << line.dump(-1, ' ', false,
                                   nlohmann::json::error_handler_t::replace)
                      << '\n';
  options.access_log->flush();
}

void Server::Impl::Routes() {
  http.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok"})", "application/json");
  });
  // Specific routes first: httplib tries handlers in registration order and
  // the generic entity routes below would match /v1/shortage.
  auto params = [](const httplib::Request& req) {
    QueryParams q;
    q.k = req.get_param_value("k");
    q.include_ineligible = req.get_param_value("include_ineligible");
    q.date = req.get_param_value("date");
    q.cursor = req.get_param_value("cursor");
    q.limit = req.get_param_value("limit");
    q.region = req.get_param_value("region");
    q.period = req.get_param_value("period");
    q.min_seq = req.get_param_value("min_seq");
    return q;
  };
  http.Get(R"(/v1/workers/([^/:]+)/recommendations/trainings)",
           [this, params](const httplib::Request& req, httplib::Response& res) {
             Authed(req, res, [&](Caller& c) {
               return RecommendTrainings(c, req.matches[1].str(), params(req));
             });
           });
  http.Get(R"(/v1/workers/([^/:]+)/recommendations/jobs)",
           [this, params](const httplib::Request& req, httplib::Response& res) {
             Authed(req, res, [&](Caller& c) {
               return RecommendJobs(c, req.matches[1].str(), params(req));
             });
           });
  http.Get(R"(/v1/vacancies/([^/:]+)/candidates)",
           [this, params](const httplib::Request& req, httplib::Response& res) {
             Authed(req, res, [&](Caller& c) {
               return VacancyCandidates(c, req.matches[1].str(), params(req));
             });
           });
  http.Post("/v1/recommendations/trainings",
            [this](const httplib::Request& req, httplib::Response& res) {
              Authed(req, res, [&](Caller& c) {
                return RecommendTrainingsAnonymous(c, req.body);
              });
            });
  http.Get(R"(/v1/workers/([^/:]+)/feed)",
           [this, params](const httplib::Request& req, httplib::Response& res) {
             Authed(req, res, [&](Caller& c) {
               return WorkerFeed(c, req.matches[1].str(), params(req));
             });
           });
  http.Post(R"(/v1/workers/([^/:]+)/feed:ack)",
            [this](const httplib::Request& req, httplib::Response& res) {
              Authed(req, res, [&](Caller& c) {
                return AckFeed(c, req.matches[1].str(), req.body);
              });
            });
  http.Get("/v1/shortage", [this, params](const httplib::Request& req,
                                          httplib::Response& res) {
    Authed(req, res, [&](Caller& c) { return ShortageView(c, params(req)); });
  });
  http.Get("/v1/analytics/supply-demand",
           [this, params](const httplib::Request& req, httplib::Response& res) {
             Authed(req, res, [&](Caller& c) {
               return SupplyDemandView(c, params(req));
             });
           });
  const std::string kEntity = R"(/v1/([a-z-]+)/([^/:]+))";
  http.Put(kEntity, [this](const httplib::Request& req,
                           httplib::Response& res) {
    Authed(req, res, [&](Caller& c) {
      return PutEntity(c, req.matches[1].str(), req.matches[2].str(), req.body);
    });
  });
  http.Get(kEntity,
           [this](const httplib::Request& req, httplib::Response& res) {
             Authed(req, res, [&](Caller& c) {
               return GetEntity(c, req.matches[1].str(), req.matches[2].str());
             });
           });
  http.Delete(
      kEntity, [this](const httplib::Request& req, httplib::Response& res) {
        if (req.matches[1].str() == "keys") {
          return Authed(req, res, [&](Caller& c) {
            return RevokeKey(c, req.matches[2].str());
          });
        }
        Authed(req, res, [&](Caller& c) {
          return DeleteEntity(c, req.matches[1].str(), req.matches[2].str());
        });
      });
  http.Get(R"(/v1/([a-z-]+))",
           [this](const httplib::Request& req, httplib::Response& res) {
             Authed(req, res, [&](Caller& c) {
               return ListEntities(c, req.matches[1].str(),
                                   req.get_param_value("cursor"),
                                   req.get_param_value("limit"));
             });
           });
  http.Post(R"(/v1/([a-z-]+):batch)",
            [this](const httplib::Request& req, httplib::Response& res) {
              Authed(req, res, [&](Caller& c) {
                return BatchEntities(c, req.matches[1].str(), req.body);
              });
            });
  http.Post("/v1/eligibility", [this](const httplib::Request& req,
                                      httplib::Response& res) {
    Authed(req, res, [&](Caller& c) { return DecideEligibility(c, req.body); });
  });
  http.Get(R"(/v1/training-projects/([^/:]+)/settlement)",
           [this](const httplib::Request& req, httplib::Response& res) {
             Authed(req, res, [&](Caller& c) {
               return SettleProject(c, req.matches[1].str(),
                                    req.get_param_value("date"));
             });
           });
  http.Post(
      "/v1/keys", [this](const httplib::Request& req, httplib::Response& res) {
        Authed(req, res, [&](Caller& c) { return CreateKey(c, req.body); });
      });
  if (!options.console_dir.empty())
    http.set_mount_point("/", options.console_dir);
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
  size_t threads = static_cast<size_t>(impl_->options.threads);
  if (threads == 0)
    threads = std::max<size_t>(
        8, 4 * std::max(1u, std::thread::hardware_concurrency()));
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl_->Routes();
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
