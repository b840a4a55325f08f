#include "api/commands/serve_command.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "api/app.h"
#include "api/auth.h"
#include "api/commands/flags.h"
#include "api/server.h"

namespace qiancheng::api {
namespace {

constexpr const char* kUsage = R"(usage: qiancheng serve [options]
Serves the HTTP JSON API (API contract v1) and the console.
  --data-dir DIR      data dir (default ./qiancheng-data; created if missing): models/,
                      indexes/ and, unless named below, the store and secret.key
  --store LOCATION    the record of truth: postgresql://... (shared by replicas) or a
                      SQLite path (default DIR/qiancheng.db; or QIANCHENG_STORE_URL)
  --secret-file FILE  the contact-protection key (default DIR/secret.key; or
                      QIANCHENG_SECRET_FILE); replicas of one store must share it
  --port P            TCP port (default 8080; 0 = any free port)
  --host H            address to bind (default 127.0.0.1; put nginx in front, see deploy/nginx)
  --threads N         worker threads = open connections served at once
                      (default 16 per core, at least 64)
  --console-dir DIR   static console files served at / (default: the built-in console)
  --access-log FILE   JSON access log, one line per request (default: stderr; "-" = stdout)
  --today YYYY-MM-DD  judge recommendations and subsidies as of this date (default: today in
                      China, or QIANCHENG_TODAY); for demos and tests on a generated world
Replicas: several serve processes on one PostgreSQL store each keep their own
indexes and follow the store's change log; a read with ?min_seq=N (the "seq" of a
write's reply) waits up to 1 s for that write, else 503 with Retry-After.
Environment: QIANCHENG_ADMIN_KEY creates, or on later starts confirms, the admin key.
Without it, a new admin key is created and printed once if the data dir has none.
)";

int g_stop_pipe[2] = {-1, -1};

void OnStopSignal(int) {
  const char stop = 's';
  (void)!::write(g_stop_pipe[1], &stop, 1);
}

// Creates or confirms the admin key; prints a new one once.
Status EnsureAdmin(store::Store& store, const CommandContext& ctx) {
  KeyService keys(store);
  if (!ctx.admin_key_env.empty()) return keys.EnsureAdminKey(ctx.admin_key_env);
  QC_ASSIGN_OR_RETURN(std::vector<store::ApiKeyRecord> all,
                      store.ListApiKeys());
  for (const auto& k : all) {
    if (k.role == Role::kAdmin && !k.revoked) return Status::Ok();
  }
  QC_ASSIGN_OR_RETURN(NewKey key, keys.Create(Role::kAdmin, {}));
  ctx.out << "qiancheng: new admin key (shown once, store it now): " << key.key
          << "\n";
  return Status::Ok();
}

}  // namespace

int RunServeCommand(const CommandArgs& args, const CommandContext& ctx) {
  Result<ParsedFlags> flags = ParseFlags(
      args,
      {"--data-dir", "--port", "--host", "--threads", "--console-dir",
       "--access-log", "--today", "--store", "--secret-file"},
      {"--help"});
  if (!flags.ok() || flags->Has("--help") || !flags->positional.empty()) {
    if (!flags.ok()) ctx.err << "serve: " << flags.status() << "\n";
    (flags.ok() && flags->Has("--help") ? ctx.out : ctx.err) << kUsage;
    return flags.ok() && flags->Has("--help") ? 0 : 2;
  }
  Result<long> port = flags->GetInt("--port", 8080, 0, 65535);
  Result<long> threads = flags->GetInt("--threads", 0, 0, 1024);
  if (!port.ok() || !threads.ok()) {
    ctx.err << "serve: " << (!port.ok() ? port.status() : threads.status())
            << "\n"
            << kUsage;
    return 2;
  }
  // SIGTERM/SIGINT write a byte to a pipe (async-signal-safe); a watcher
  // thread reads it and stops the server. A handler rather than sigwait with
  // blocked signals: libraries linked in (OpenBLAS) start threads before main,
  // and a signal delivered to one of those would otherwise kill the process.
  if (::pipe(g_stop_pipe) != 0) {
    ctx.err << "serve: cannot create the stop pipe\n";
    return 1;
  }
  struct sigaction on_stop = {};
  on_stop.sa_handler = OnStopSignal;
  sigemptyset(&on_stop.sa_mask);
  ::sigaction(SIGTERM, &on_stop, nullptr);
  ::sigaction(SIGINT, &on_stop, nullptr);

  // Flags win over the environment.
  AppOptions app_options =
      AppOptionsFromEnvironment(flags->Get("--data-dir", "qiancheng-data"));
  app_options.store_url = flags->Get("--store", app_options.store_url);
  app_options.secret_file =
      flags->Get("--secret-file", app_options.secret_file);
  Result<std::unique_ptr<App>> app = App::Open(app_options, ctx.reference_dir);
  if (!app.ok()) {
    ctx.err << "serve: " << app.status() << "\n";
    return 1;
  }
  if (Status s = EnsureAdmin((*app)->store(), ctx); !s.ok()) {
    ctx.err << "serve: " << s << "\n";
    return 1;
  }
  // The read side: model, read model and indexes (snapshot + replay).
  ReadSideOptions read_options;
  read_options.reference_dir = ctx.reference_dir;
  read_options.fixed_today = flags->Get("--today");
  if (read_options.fixed_today.empty()) {
    if (const char* today = std::getenv("QIANCHENG_TODAY")) {
      read_options.fixed_today = today;
    }
  }
  if (Status s = (*app)->StartReadSide(read_options,
                                       [&](std::string_view line) {
                                         ctx.err << "qiancheng: " << line
                                                 << "\n";
                                       });
      !s.ok()) {
    ctx.err << "serve: " << s << "\n";
    return 1;
  }
  ServerOptions options;
  options.host = flags->Get("--host", "127.0.0.1");
  options.port = static_cast<int>(*port);
  options.threads = static_cast<int>(*threads);
  options.console_dir =
      flags->Get("--console-dir", ctx.reference_dir + "/../api/console");
  std::ofstream log_file;
  const std::string log_path = flags->Get("--access-log");
  options.access_log = &ctx.err;
  if (log_path == "-") {
    options.access_log = &ctx.out;
  } else if (!log_path.empty()) {
    log_file.open(log_path, std::ios::app);
    options.access_log = &log_file;
  }
  Server server(**app, options);
  Result<int> bound = server.Bind();
  if (!bound.ok()) {
    ctx.err << "serve: " << bound.status() << "\n";
    return 1;
  }
  ctx.out << "qiancheng: serving http://" << options.host << ":" << *bound
          << "/ (data dir " << (*app)->data_dir() << ", store "
          << (*app)->store_shown_as() << ")" << std::endl;
  std::atomic<bool> listen_returned{false};
  std::thread watcher([&] {
    char byte = 0;
    while (::read(g_stop_pipe[0], &byte, 1) < 0 && errno == EINTR) {
    }
    if (byte != 's') return;
    ctx.err << "qiancheng: stop signal, finishing in-flight requests\n";
    // A signal that arrives before the listen loop runs would be lost by a
    // single Stop(): repeat until Listen has returned.
    while (!listen_returned) {
      server.Stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  Status served = server.Listen();
  listen_returned = true;
  // If Listen ended on its own, wake the watcher so it can be joined.
  const char done = 'd';
  (void)!::write(g_stop_pipe[1], &done, 1);
  watcher.join();
  if (!served.ok()) {
    ctx.err << "serve: " << served << "\n";
    return 1;
  }
  // Graceful stop: the indexes are snapshotted so the next start replays
  // only what came after.
  if (Status s = (*app)->read_side()->Snapshot(); !s.ok()) {
    ctx.err << "serve: snapshot: " << s << "\n";
  }
  return 0;
}

}  // namespace qiancheng::api
