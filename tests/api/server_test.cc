// The real server on a loopback port: routes, roles, refusals, privacy.
#include "api/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include "access_logs.h"
#include "fakes/sample_entities.h"
#include "fakes/temp_dir.h"
#include "raw_http.h"

namespace qiancheng::api {
namespace {

using nlohmann::json;
using qiancheng::testing::SampleJson;

constexpr const char* kAdminKey = "test-admin-key-0123456789";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app_ = std::move(*App::Open(dir_.path() + "/data", QC_SOURCE_DIR "/data"));
    ASSERT_TRUE(KeyService(app_->store()).EnsureAdminKey(kAdminKey).ok());
    ServerOptions options;
    options.port = 0;
    options.access_log = &log_;
    options.max_batch_body_bytes = 4 << 20;
    server_ = std::make_unique<Server>(*app_, options);
    port_ = *server_->Bind();
    thread_ = std::thread([this] { (void)server_->Listen(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_keep_alive(true);
  }
  void TearDown() override {
    client_.reset();  // close the keep-alive connection first, or Stop waits it
                      // out
    server_->Stop();
    thread_.join();
    // Kept for the suite-wide privacy scan (access_log_scan_test).
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::ofstream(qiancheng::testing::AccessLogPath(
        std::string(test->test_suite_name()) + "." + test->name()))
        << log_.str();
    // No log line may carry an ID number or a phone number.
    std::regex id_like(R"(\d{17}[\dX])"), phone_like(R"(1[3-9]\d{9})");
    std::string line;
    std::istringstream lines(log_.str());
    while (std::getline(lines, line)) {
      EXPECT_FALSE(std::regex_search(line, id_like)) << line;
      EXPECT_FALSE(std::regex_search(line, phone_like)) << line;
    }
  }

  httplib::Headers Auth(const std::string& key = kAdminKey) {
    return {{"Authorization", "Bearer " + key}};
  }
  httplib::Result Put(const std::string& path, const std::string& body,
                      const std::string& key = kAdminKey) {
    return client_->Put(path.c_str(), Auth(key), body, "application/json");
  }
  httplib::Result Get(const std::string& path,
                      const std::string& key = kAdminKey) {
    return client_->Get(path.c_str(), Auth(key));
  }
  std::string CounselorKey(const std::string& region) {
    auto r =
        client_->Post("/v1/keys", Auth(),
                      R"({"role":"counselor","regions":[")" + region + R"("]})",
                      "application/json");
    return json::parse(r->body)["key"];
  }
  void Seed() {
    for (EntityKind kind :
         {EntityKind::kOccupation, EntityKind::kShortageEntry,
          EntityKind::kInstitution, EntityKind::kTrainingProject,
          EntityKind::kVacancy, EntityKind::kWorker, EntityKind::kOutcome}) {
      json doc = json::parse(SampleJson(kind));
      std::string id =
          kind == EntityKind::kOccupation ? doc["code"] : doc["id"];
      auto r = Put("/v1/" + std::string(CollectionName(kind)) + "/" + id,
                   doc.dump());
      ASSERT_EQ(r->status, 200) << r->body;
    }
  }
  // Store fingerprint: every rejected write must leave it unchanged.
  std::pair<store::Sequence, int64_t> Fingerprint() {
    return {*app_->store().LastSequence(),
            *app_->store().Count(EntityKind::kWorker)};
  }

  qiancheng::testing::TempDir dir_;
  std::unique_ptr<App> app_;
  std::ostringstream log_;
  std::unique_ptr<Server> server_;
  int port_ = 0;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServerTest, HealthzAnswersWithoutAKey) {
  auto r = client_->Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

// Without a read side (as here) the server is alive but not ready.
TEST_F(ServerTest, ReadyzIs503WithTheReasonWithoutAReadSide) {
  auto r = client_->Get("/readyz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  json body = json::parse(r->body);
  EXPECT_EQ(body["ready"], false);
  EXPECT_EQ(body["reason"], "the read side is not started");
  auto metrics = client_->Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  EXPECT_NE(metrics->body.find("qiancheng_read_side_ready 0"),
            std::string::npos);
  EXPECT_NE(
      metrics->body.find(
          R"(qiancheng_http_requests_total{method="GET",route="/readyz",status="503"} 1)"),
      std::string::npos)
      << metrics->body;
}

TEST_F(ServerTest, EveryKindRoundTripsAndDeletes) {
  Seed();
  for (EntityKind kind : kAllEntityKinds) {
    json doc = json::parse(SampleJson(kind));
    std::string id = kind == EntityKind::kOccupation ? doc["code"] : doc["id"];
    std::string path = "/v1/" + std::string(CollectionName(kind)) + "/" + id;
    auto got = Get(path);
    ASSERT_EQ(got->status, 200) << path;
    json body = json::parse(got->body);
    EXPECT_EQ(body[kind == EntityKind::kOccupation ? "code" : "id"], id);
  }
  auto del = client_->Delete("/v1/outcomes/o-1", Auth());
  EXPECT_EQ(del->status, 200);
  EXPECT_EQ(Get("/v1/outcomes/o-1")->status, 404);
  EXPECT_EQ(client_->Delete("/v1/outcomes/o-1", Auth())->status, 404);
}

TEST_F(ServerTest, MissingOrWrongKeyIs401) {
  EXPECT_EQ(client_->Get("/v1/workers/w-1")->status, 401);
  EXPECT_EQ(Get("/v1/workers/w-1", "qck_000000000000_nope")->status, 401);
  EXPECT_EQ(Get("/v1/workers/w-1", "wrong-admin-key-0123456789")->status, 401);
}

TEST_F(ServerTest, CounselorSeesOnlyWorkersOfTheirRegions) {
  Seed();  // w-1 lives in 610113 (雁塔区, 西安市)
  const std::string xian = CounselorKey("610100"),
                    guiyang = CounselorKey("520100");
  EXPECT_EQ(Get("/v1/workers/w-1", xian)->status, 200);
  EXPECT_EQ(Get("/v1/workers/w-1", guiyang)->status, 403);
  EXPECT_EQ(Get("/v1/outcomes/o-1", guiyang)->status,
            403);  // nested: via the worker
  EXPECT_EQ(Get("/v1/workers/nobody", guiyang)->status,
            403);  // no existence oracle
  EXPECT_EQ(client_->Delete("/v1/workers/w-1", Auth(guiyang))->status, 403);
  json moved = json::parse(SampleJson(EntityKind::kWorker));
  moved["region"] = "520102";
  EXPECT_EQ(Put("/v1/workers/w-1", moved.dump(), xian)->status,
            403);  // may not move it out
  EXPECT_EQ(
      Put("/v1/workers/w-9", SampleJson(EntityKind::kWorker, "w-9"), guiyang)
          ->status,
      403);
  auto list = Get("/v1/workers", guiyang);
  EXPECT_EQ(json::parse(list->body)["items"].size(), 0u);
  auto batch =
      client_->Post("/v1/workers:batch", Auth(guiyang),
                    json::parse(SampleJson(EntityKind::kWorker, "w-5")).dump(),
                    "application/x-ndjson");
  EXPECT_EQ(batch->status, 403);
  EXPECT_EQ(Get("/v1/institutions/inst-1", guiyang)->status,
            200);  // not person data
}

TEST_F(ServerTest, BadInputIs400NamingTheFieldAndWritesNothing) {
  Seed();
  const auto before = Fingerprint();
  json bad = json::parse(SampleJson(EntityKind::kWorker, "w-2"));
  bad["wishes"]["max_distance_km"] = -3;
  auto r = Put("/v1/workers/w-2", bad.dump());
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(json::parse(r->body)["error"]["field"], "wishes.max_distance_km");
  struct {
    const char* body;
    const char* field;
  } cases[] = {{"{", "body"},
               {R"({"id":"w-2","id":"w-3"})", "id"},
               {R"({"real_name_verified":"yes"})", "real_name_verified"},
               {"[1,2]", "body"}};
  for (const auto& c : cases) {
    auto res = Put("/v1/workers/w-2", c.body);
    EXPECT_EQ(res->status, 400) << c.body;
    EXPECT_EQ(json::parse(res->body)["error"]["field"], c.field) << c.body;
  }
  std::string deep = std::string(5000, '[') + std::string(5000, ']');
  EXPECT_EQ(Put("/v1/workers/w-2", deep)->status, 400);
  EXPECT_EQ(Put("/v1/workers/w-2", "{\"id\":\"\xff\"}")->status, 400);
  EXPECT_EQ(Fingerprint(), before);
  EXPECT_EQ(client_->Get("/healthz")->status, 200);
}

TEST_F(ServerTest, OversizedChunkedAndCompressedBodiesAreRefusedUnread) {
  const auto before = Fingerprint();
  const std::string head =
      "PUT /v1/workers/w-2 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
      std::string(kAdminKey) + "\r\n";
  // Content-Length of 2 MiB with no body sent: the answer must come without it.
  EXPECT_EQ(qiancheng::testing::StatusOf(qiancheng::testing::RawHttp(
                port_, head + "Content-Length: 2097152\r\n\r\n")),
            413);
  EXPECT_EQ(
      qiancheng::testing::StatusOf(qiancheng::testing::RawHttp(
          port_,
          head + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")),
      411);
  EXPECT_EQ(
      qiancheng::testing::StatusOf(qiancheng::testing::RawHttp(
          port_,
          head + "Content-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}")),
      415);
  EXPECT_EQ(Fingerprint(), before);
  EXPECT_EQ(client_->Get("/healthz")->status, 200);
}

TEST_F(ServerTest, BatchIsAllOrNothingAndNamesTheLine) {
  Seed();
  const auto before = Fingerprint();
  json bad = json::parse(SampleJson(EntityKind::kWorker, "w-3"));
  bad["region"] = "6101";
  std::string body =
      json::parse(SampleJson(EntityKind::kWorker, "w-2")).dump() + "\n\n" +
      bad.dump() + "\n";
  auto r =
      client_->Post("/v1/workers:batch", Auth(), body, "application/x-ndjson");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(json::parse(r->body)["error"]["field"], "line 3.region");
  EXPECT_EQ(Fingerprint(), before);
  body = json::parse(SampleJson(EntityKind::kWorker, "w-2")).dump() + "\n" +
         json::parse(SampleJson(EntityKind::kWorker, "w-3")).dump() + "\n";
  r = client_->Post("/v1/workers:batch", Auth(), body, "application/x-ndjson");
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["accepted"], 2);
}

TEST_F(ServerTest, NoFileInTheDataDirHoldsTheClearIdOrPhone) {
  Seed();
  // The files are scanned as they are, WAL and all, while the server runs.
  EXPECT_EQ(qiancheng::testing::FilesContaining(
                dir_.path(), qiancheng::testing::kSampleIdNumber),
            "");
  EXPECT_EQ(qiancheng::testing::FilesContaining(
                dir_.path(), qiancheng::testing::kSamplePhone),
            "");
  EXPECT_NE(qiancheng::testing::FilesContaining(dir_.path(), "139****5678"),
            "");
}

TEST_F(ServerTest, ResponsesCarryMaskedContactAndNoFullBirthDate) {
  Seed();
  auto r = Get("/v1/workers/w-1");
  EXPECT_EQ(r->body.find(qiancheng::testing::kSampleIdNumber),
            std::string::npos);
  EXPECT_EQ(r->body.find(qiancheng::testing::kSamplePhone), std::string::npos);
  EXPECT_EQ(r->body.find("1949-12-31"), std::string::npos);
  EXPECT_NE(r->body.find("139****5678"), std::string::npos);
}

// The Nagle stall of cpp-httplib's defaults (about 40 ms a request on one
// keep-alive connection) must never come back: 50 requests take far below 1 s.
TEST_F(ServerTest, FiftyKeepAliveRequestsDoNotStall) {
  Seed();
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 50; ++i) ASSERT_EQ(Get("/v1/workers/w-1")->status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

// Each open connection holds a pool thread for its life (cpp-httplib), so
// clients that keep busy keep-alive connections (a load generator, nginx's
// upstream connections) must not lock a newcomer out: with 16 of them
// hammering the server, a new client is still answered at once. (The old
// default pool of 8 threads failed this.)
TEST_F(ServerTest, BusyKeepAliveClientsDoNotLockOutANewOne) {
  Seed();
  std::atomic<bool> stop{false};
  std::atomic<int> served{0};
  std::vector<std::thread> busy;
  for (int i = 0; i < 16; ++i) {
    busy.emplace_back([&] {
      httplib::Client c("127.0.0.1", port_);
      c.set_keep_alive(true);
      while (!stop.load()) {
        auto r = c.Get("/v1/workers/w-1", Auth());
        if (r && r->status == 200) served.fetch_add(1);
      }
    });
  }
  while (served.load() < 64)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  httplib::Client newcomer("127.0.0.1", port_);
  newcomer.set_read_timeout(5, 0);
  const auto start = std::chrono::steady_clock::now();
  auto r = newcomer.Get("/v1/workers/w-1", Auth());
  const auto waited = std::chrono::steady_clock::now() - start;
  stop = true;
  for (auto& t : busy) t.join();
  ASSERT_TRUE(r) << "the newcomer got no answer";
  EXPECT_EQ(r->status, 200);
  EXPECT_LT(waited, std::chrono::seconds(1));
  EXPECT_GE(DefaultServerThreads(), 64u);
}

json PostJson(httplib::Client& client, const httplib::Headers& auth,
              const std::string& path, const json& body, int* status) {
  auto r = client.Post(path.c_str(), auth, body.dump(), "application/json");
  *status = r ? r->status : -1;
  return r ? json::parse(r->body) : json();
}

// w-1 already had a training subsidy for 4-10-01-05 level 5 (voucher vch-1):
// the same occupation and level is not paid twice (R12, Shaanxi 2021 二(六)).
TEST_F(ServerTest, EligibilityCitesTheRuleThatRefuses) {
  Seed();
  int status = 0;
  json d = PostJson(
      *client_, Auth(), "/v1/eligibility",
      {{"worker_id", "w-1"}, {"project_id", "p-1"}, {"date", "2026-03-01"}},
      &status);
  ASSERT_EQ(status, 200) << d.dump();
  EXPECT_EQ(d["eligible"], false);
  bool r12_failed = false;
  for (const json& reason : d["reasons"]) {
    EXPECT_FALSE(reason["doc"].get<std::string>().empty());
    EXPECT_FALSE(reason["clause"].get<std::string>().empty());
    if (reason["rule"] == "R12" && reason["passed"] == false) r12_failed = true;
  }
  EXPECT_TRUE(r12_failed) << d.dump(1);
  EXPECT_EQ(d["amounts"]["subsidy_yuan"], 0);
}

TEST_F(ServerTest, EligibilityForAnAnonymousWorkerIsNotStored) {
  Seed();
  json worker = json::parse(SampleJson(EntityKind::kWorker, "anon"));
  worker.erase("subsidy_history");
  const auto before = Fingerprint();
  int status = 0;
  json d = PostJson(
      *client_, Auth(), "/v1/eligibility",
      {{"worker", worker}, {"project_id", "p-1"}, {"date", "2026-03-01"}},
      &status);
  ASSERT_EQ(status, 200) << d.dump();
  EXPECT_EQ(d["eligible"], true) << d.dump(1);
  EXPECT_GT(d["amounts"]["subsidy_yuan"].get<double>(), 0);
  EXPECT_GE(d["amounts"]["worker_pays_yuan"].get<double>(), 0);
  EXPECT_EQ(Fingerprint(), before);
  json bad = {{"worker", worker}, {"worker_id", "w-1"}, {"project_id", "p-1"}};
  PostJson(*client_, Auth(), "/v1/eligibility", bad, &status);
  EXPECT_EQ(status, 400);
  worker["wishes"]["max_distance_km"] = -1;
  json r = PostJson(*client_, Auth(), "/v1/eligibility",
                    {{"worker", worker}, {"project_id", "p-1"}}, &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(r["error"]["field"], "worker.wishes.max_distance_km");
}

TEST_F(ServerTest, EligibilityAndSettlementRespectCounselorRegions) {
  Seed();
  const std::string guiyang = CounselorKey("520100"),
                    xian = CounselorKey("610100");
  int status = 0;
  PostJson(*client_, Auth(guiyang), "/v1/eligibility",
           {{"worker_id", "w-1"}, {"project_id", "p-1"}}, &status);
  EXPECT_EQ(status, 403);
  EXPECT_EQ(Get("/v1/training-projects/p-1/settlement", guiyang)->status, 403);
  auto settled =
      Get("/v1/training-projects/p-1/settlement?date=2026-06-01", xian);
  ASSERT_EQ(settled->status, 200) << settled->body;
  json s = json::parse(settled->body);
  ASSERT_EQ(s["items"].size(), 1u) << s.dump(1);
  EXPECT_EQ(s["items"][0]["worker_id"], "w-1");
}

TEST_F(ServerTest, UnknownRoutesAndCollectionsAre404) {
  EXPECT_EQ(Get("/v1/spaceships/x")->status, 404);
  EXPECT_EQ(Get("/nope")->status, 404);
}

}  // namespace
}  // namespace qiancheng::api
