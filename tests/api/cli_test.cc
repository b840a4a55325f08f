// The `qiancheng` binary itself: usage, import, export, and serve.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

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
    ::execl(QC_BINARY, QC_BINARY, "serve", "--data-dir", data.c_str(), "--port",
            "0", nullptr);
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

}  // namespace
}  // namespace qiancheng::api
