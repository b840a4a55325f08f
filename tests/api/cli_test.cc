// The `qiancheng` binary itself: usage, import, export, and serve.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <thread>

#include "access_logs.h"
#include "fakes/sample_entities.h"
#include "fakes/temp_dir.h"
#include "raw_http.h"

namespace qiancheng::api {
namespace {

using nlohmann::json;
using qiancheng::testing::SampleJson;

struct CliRun {
  int code = -1;
  std::string out;
};

// Runs the binary through the shell with `args`, capturing stdout and stderr.
CliRun Qiancheng(const std::string& args) {
  CliRun run;
  FILE* pipe =
      ::popen((std::string(QC_BINARY) + " " + args + " 2>&1").c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  int status = ::pclose(pipe);
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::string OneLine(EntityKind kind, const std::string& id) {
  return json::parse(SampleJson(kind, id)).dump() + "\n";
}

TEST(Cli, EveryCommandHasHelp) {
  EXPECT_EQ(Qiancheng("--help").code, 0);
  for (const char* command : {"serve", "import", "export", "classify",
                              "explain", "bench-data", "bench-index"}) {
    CliRun r = Qiancheng(std::string(command) + " --help");
    EXPECT_EQ(r.code, 0) << command;
    EXPECT_NE(r.out.find("usage: qiancheng"), std::string::npos) << command;
  }
  EXPECT_EQ(Qiancheng("launch").code, 2);
  EXPECT_EQ(Qiancheng("import --bogus x").code, 2);
}

TEST(Cli, ImportStoresValidRowsAndReportsBadOnesByLine) {
  qiancheng::testing::TempDir dir;
  const std::string data = dir.File("data"), file = dir.File("v.ndjson");
  json bad = json::parse(SampleJson(EntityKind::kVacancy, "v-2"));
  bad["headcount"] = 0;
  Write(file, OneLine(EntityKind::kVacancy, "v-1") + bad.dump() + "\n" +
                  "{not json\n" + OneLine(EntityKind::kVacancy, "v-3"));
  CliRun r =
      Qiancheng("import " + file + " --kind vacancies --data-dir " + data);
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find("4 read, 2 accepted, 2 rejected"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("line 2: headcount"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("line 3: body"), std::string::npos) << r.out;
  CliRun exported = Qiancheng("export --kind vacancies --data-dir " + data);
  EXPECT_EQ(exported.code, 0);
  EXPECT_NE(exported.out.find("\"id\":\"v-3\""), std::string::npos);
}

TEST(Cli, ImportReadsCsvWithDottedAndListColumns) {
  qiancheng::testing::TempDir dir;
  const std::string file = dir.File("w.csv");
  Write(file,
        "id,real_name_verified,birth_date,region,employment_status,groups,"
        "wishes.text,"
        "wishes.max_distance_km\n"
        "w-1,true,1990-05-01,610113,unemployed,rural_migrant|veteran,"
        "\"想学电工,周末班\",20\n"
        "w-2,true,1990-05-01,610113,retired,,,\n");
  CliRun r = Qiancheng("import " + file + " --kind workers --data-dir " +
                       dir.File("data"));
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find("1 accepted, 1 rejected"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("line 3: employment_status"), std::string::npos)
      << r.out;
  CliRun exported =
      Qiancheng("export --kind workers --data-dir " + dir.File("data"));
  EXPECT_NE(exported.out.find("想学电工,周末班"), std::string::npos)
      << exported.out;
  EXPECT_NE(exported.out.find("\"veteran\""), std::string::npos)
      << exported.out;
}

TEST(Cli, ExplainLooksUpStoredIds) {
  qiancheng::testing::TempDir dir;
  const std::string data = dir.File("data");
  for (EntityKind kind : {EntityKind::kInstitution,
                          EntityKind::kTrainingProject, EntityKind::kWorker}) {
    const std::string file =
        dir.File(std::string(CollectionName(kind)) + ".ndjson");
    Write(file, OneLine(kind, ""));
    ASSERT_EQ(
        Qiancheng("import " + file + " --kind " +
                  std::string(CollectionName(kind)) + " --data-dir " + data)
            .code,
        0);
  }
  CliRun r = Qiancheng("explain --data-dir " + data +
                       " --worker w-1 --project p-1 --date 2026-03-01 --json");
  ASSERT_EQ(r.code, 0) << r.out;
  json decision = json::parse(r.out);
  EXPECT_EQ(decision["eligible"],
            false);  // R12: same occupation and level paid in 2024
  EXPECT_EQ(
      Qiancheng("explain --data-dir " + data + " --worker nobody --project p-1")
          .code,
      1);
}

// Acceptance (issue 3): after `qiancheng serve` has stored a worker, no file in
// the data dir contains the full ID number or phone number.
TEST(Cli, ServeStoresAWorkerWithoutItsClearIdOrPhone) {
  qiancheng::testing::TempDir dir;
  const std::string data = dir.File("data");
  int out_pipe[2];
  ASSERT_EQ(::pipe(out_pipe), 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out_pipe[1], 1);
    ::close(out_pipe[0]);
    ::setenv("QIANCHENG_ADMIN_KEY", "cli-test-admin-key-0123", 1);
    const std::string log =
        qiancheng::testing::AccessLogPath("cli.ServeStoresAWorker");
    ::execl(QC_BINARY, QC_BINARY, "serve", "--data-dir", data.c_str(), "--port",
            "0", "--today", "2026-11-24", "--access-log", log.c_str(), nullptr);
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  FILE* out = ::fdopen(out_pipe[0], "r");
  char line[512] = {0};
  ASSERT_NE(std::fgets(line, sizeof line, out), nullptr);
  const std::string banner = line;
  const size_t colon = banner.find(':', banner.find("127.0.0.1"));
  ASSERT_NE(colon, std::string::npos) << banner;
  const int port = std::stoi(banner.substr(colon + 1));
  httplib::Client client("127.0.0.1", port);
  httplib::Headers auth = {{"Authorization", "Bearer cli-test-admin-key-0123"}};
  auto put = client.Put("/v1/workers/w-1", auth,
                        SampleJson(EntityKind::kWorker), "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 200) << put->body;
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  std::fclose(out);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "serve must exit 0 on SIGTERM";
  EXPECT_EQ(qiancheng::testing::FilesContaining(
                data, qiancheng::testing::kSampleIdNumber),
            "");
  EXPECT_EQ(qiancheng::testing::FilesContaining(
                data, qiancheng::testing::kSamplePhone),
            "");
  EXPECT_NE(qiancheng::testing::FilesContaining(data, "139****5678"),
            "");  // it was stored
}

// A `qiancheng serve` child with stdout on a pipe (for the banner) and stderr
// in a file (for the progress lines).
struct ServeProcess {
  pid_t pid = -1;
  FILE* out = nullptr;
  int port = -1;

  ServeProcess(const std::string& data, const std::string& err_file,
               const std::string& log_name) {
    int out_pipe[2];
    if (::pipe(out_pipe) != 0) return;
    const std::string log = qiancheng::testing::AccessLogPath(log_name);
    pid = ::fork();
    if (pid == 0) {
      ::dup2(out_pipe[1], 1);
      ::close(out_pipe[0]);
      if (FILE* err = std::fopen(err_file.c_str(), "w"))
        ::dup2(::fileno(err), 2);
      ::setenv("QIANCHENG_ADMIN_KEY", "cli-test-admin-key-0123", 1);
      ::execl(QC_BINARY, QC_BINARY, "serve", "--data-dir", data.c_str(),
              "--port", "0", "--today", "2026-11-24", "--access-log",
              log.c_str(), nullptr);
      ::_exit(127);
    }
    ::close(out_pipe[1]);
    out = ::fdopen(out_pipe[0], "r");
    char line[512] = {0};
    if (std::fgets(line, sizeof line, out) == nullptr) return;
    const std::string banner = line;
    const size_t host = banner.find("127.0.0.1:");
    if (host != std::string::npos) port = std::stoi(banner.substr(host + 10));
  }
  // SIGTERM, then the exit code (-1 unless it exited normally).
  int Stop() {
    if (pid <= 0) return -1;
    ::kill(pid, SIGTERM);
    return Wait();
  }
  int Wait() {
    int status = 0;
    ::waitpid(pid, &status, 0);
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  ~ServeProcess() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
    if (out) std::fclose(out);
  }
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
}

// Issue 8: SIGTERM lets a request that is in flight finish (its body is only
// half sent when the signal arrives), then the indexes are snapshotted and
// the process exits 0; the next start replays nothing.
TEST(Cli, SigtermFinishesInFlightRequestsThenSnapshotsAndExitsZero) {
  qiancheng::testing::TempDir dir;
  const std::string data = dir.File("data");
  std::string seq;
  {
    ServeProcess serve(data, dir.File("first.err"), "cli.SigtermFirstStart");
    ASSERT_GT(serve.port, 0);
    qiancheng::testing::RawConnection conn(serve.port);
    ASSERT_TRUE(conn.connected());
    // A first request makes the connection one a worker thread owns.
    ASSERT_TRUE(conn.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_EQ(qiancheng::testing::StatusOf(conn.ReadResponse()), 200);
    const std::string body = SampleJson(EntityKind::kWorker, "w-9");
    const size_t half = body.size() / 2;
    ASSERT_TRUE(conn.Send(
        "PUT /v1/workers/w-9 HTTP/1.1\r\nHost: x\r\n"
        "Authorization: Bearer cli-test-admin-key-0123\r\n"
        "Content-Type: application/json\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, half)));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ASSERT_EQ(::kill(serve.pid, SIGTERM), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // Still serving the request it had begun: the rest of the body is read
    // and the write answered.
    ASSERT_TRUE(conn.Send(body.substr(half)));
    const std::string response = conn.ReadResponse();
    ASSERT_EQ(qiancheng::testing::StatusOf(response), 200) << response;
    json stored = json::parse(response.substr(response.find("\r\n\r\n") + 4));
    seq = std::to_string(stored["seq"].get<int64_t>());
    EXPECT_EQ(serve.Wait(), 0) << ReadFile(dir.File("first.err"));
    EXPECT_NE(ReadFile(dir.File("first.err")).find("stop signal"),
              std::string::npos);
    // New connections are refused once it stopped.
    EXPECT_FALSE(qiancheng::testing::RawConnection(serve.port).connected());
  }
  ServeProcess again(data, dir.File("second.err"), "cli.SigtermSecondStart");
  ASSERT_GT(again.port, 0);
  const std::string progress = ReadFile(dir.File("second.err"));
  EXPECT_NE(progress.find("index: workers snapshot at " + seq +
                          ", replayed to " + seq),
            std::string::npos)
      << progress;
  httplib::Client client("127.0.0.1", again.port);
  auto got = client.Get("/v1/workers/w-9",
                        {{"Authorization", "Bearer cli-test-admin-key-0123"}});
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(again.Stop(), 0);
}

}  // namespace
}  // namespace qiancheng::api
