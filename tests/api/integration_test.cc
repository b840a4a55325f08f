// The real server with its read side on, over a small hand-made world of two
// regions (A: 610113 雁塔区 in 西安; B: 520102 南明区 in 贵阳), judged as of
// 2026-11-24: the OpenAPI document against the route table, /readyz and
// /metrics, every role on every kind of route, hostile bodies on every write
// route. One server serves the whole binary (the read side loads the taxonomy
// and fits a model once), so ctest runs the binary as one test.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "access_logs.h"
#include "api/app.h"
#include "api/server.h"
#include "fakes/sample_entities.h"
#include "fakes/temp_dir.h"
#include "raw_http.h"

namespace qiancheng::api {
namespace {

using nlohmann::json;
using qiancheng::testing::SampleJson;

constexpr const char* kAdminKey = "integration-admin-key-0123456789";
constexpr const char* kToday = "2026-11-24";

json Sample(EntityKind kind, const std::string& id) {
  return json::parse(SampleJson(kind, id));
}

// The world: ids of region A start "-a", of region B "-b".
std::vector<std::pair<std::string, json>> WorldEntities() {
  std::vector<std::pair<std::string, json>> out;
  auto add = [&out](const char* collection, const std::string& id, json doc) {
    out.emplace_back(std::string("/v1/") + collection + "/" + id,
                     std::move(doc));
  };
  add("occupations", "4-10-01-05", Sample(EntityKind::kOccupation, ""));
  add("shortage-entries", "s-1", Sample(EntityKind::kShortageEntry, "s-1"));
  add("institutions", "inst-a", Sample(EntityKind::kInstitution, "inst-a"));
  json inst_b = Sample(EntityKind::kInstitution, "inst-b");
  inst_b["region"] = "520102";
  inst_b["name"] = "南明区职业培训学校";
  add("institutions", "inst-b", inst_b);
  json p_a = Sample(EntityKind::kTrainingProject, "p-a");
  p_a["institution_id"] = "inst-a";
  p_a["start_date"] = "2026-12-07";
  p_a["end_date"] = "2027-01-20";
  p_a["linked_vacancy_ids"] = {"v-a"};
  add("training-projects", "p-a", p_a);
  json p_b = p_a;
  p_b["id"] = "p-b";
  p_b["institution_id"] = "inst-b";
  p_b["region"] = "520102";
  p_b["lat"] = 26.57;
  p_b["lon"] = 106.71;
  p_b["linked_vacancy_ids"] = {"v-b"};
  add("training-projects", "p-b", p_b);
  json v_a = Sample(EntityKind::kVacancy, "v-a");
  v_a["training_project_id"] = "p-a";
  v_a["posted_date"] = "2026-11-01";
  v_a["expiry_date"] = "2027-03-01";
  add("vacancies", "v-a", v_a);
  json v_b = v_a;
  v_b["id"] = "v-b";
  v_b["region"] = "520102";
  v_b["lat"] = 26.57;
  v_b["lon"] = 106.71;
  v_b["training_project_id"] = "p-b";
  v_b["employer"] = "贵阳某养老服务中心";
  add("vacancies", "v-b", v_b);
  add("workers", "w-a1", Sample(EntityKind::kWorker, "w-a1"));
  json w_a2 = Sample(EntityKind::kWorker, "w-a2");
  w_a2.erase("id_number");
  w_a2.erase("phone");
  w_a2.erase("subsidy_history");
  w_a2["birth_date"] = "1990-05-01";
  add("workers", "w-a2", w_a2);
  json w_b1 = w_a2;
  w_b1["id"] = "w-b1";
  w_b1["birth_date"] = "1988-03-03";
  w_b1["region"] = "520102";
  w_b1["hukou_region"] = "520102";
  add("workers", "w-b1", w_b1);
  json o_a = Sample(EntityKind::kOutcome, "o-a");
  o_a["worker_id"] = "w-a1";
  o_a["project_id"] = "p-a";
  o_a["enrolled_date"] = "2026-11-20";
  o_a["completed"] = false;
  o_a["employment"] = "none";
  for (const char* f :
       {"completion_date", "certificate_level", "employer", "employment_date"})
    o_a.erase(f);
  add("outcomes", "o-a", o_a);
  json o_b = o_a;
  o_b["id"] = "o-b";
  o_b["worker_id"] = "w-b1";
  o_b["project_id"] = "p-b";
  add("outcomes", "o-b", o_b);
  return out;
}

struct Answer {
  int status = -1;
  std::string body;
  std::string content_type;
  json doc;  // the parsed body, or null
};

// The suite's one server and everything it answered.
struct Suite {
  qiancheng::testing::TempDir dir;
  std::unique_ptr<App> app;
  std::ofstream log, responses;
  std::unique_ptr<Server> server;
  std::thread thread;
  int port = 0;
  std::unique_ptr<httplib::Client> client;
  std::string service, counselor_a, counselor_b, analyst;
  std::map<std::string, json> docs;  // path -> the body it was stored with
  std::vector<std::string> bodies;   // every response body, in order
};
Suite* suite = nullptr;

class Integration : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    suite = new Suite();
    Suite& s = *suite;
    Result<std::unique_ptr<App>> app =
        App::Open(s.dir.path() + "/data", QC_SOURCE_DIR "/data");
    ASSERT_TRUE(app.ok()) << app.status();
    s.app = std::move(*app);
    ASSERT_TRUE(KeyService(s.app->store()).EnsureAdminKey(kAdminKey).ok());
    ReadSideOptions read;
    read.reference_dir = QC_SOURCE_DIR "/data";
    read.fixed_today = kToday;
    // Writes through the API are applied before they are answered; the
    // background loop only matters for other writers, and a slow one lets
    // the lag test below hold a lag still.
    read.follow_interval_ms = 600000;
    Status started = s.app->StartReadSide(read, nullptr);
    ASSERT_TRUE(started.ok()) << started;
    s.log.open(qiancheng::testing::AccessLogPath("integration"));
    s.responses.open(
        qiancheng::testing::AccessLogPath("integration-responses"));
    ServerOptions options;
    options.port = 0;
    options.access_log = &s.log;
    options.max_batch_body_bytes = 4 << 20;
    s.server = std::make_unique<Server>(*s.app, options);
    Result<int> port = s.server->Bind();
    ASSERT_TRUE(port.ok());
    s.port = *port;
    s.thread = std::thread([&s] { (void)s.server->Listen(); });
    s.client = std::make_unique<httplib::Client>("127.0.0.1", s.port);
    s.client->set_keep_alive(true);
    s.service = NewKey(R"({"role":"service"})");
    s.counselor_a = NewKey(R"({"role":"counselor","regions":["610100"]})");
    s.counselor_b = NewKey(R"({"role":"counselor","regions":["520100"]})");
    s.analyst = NewKey(R"({"role":"analyst"})");
    for (auto& [path, doc] : WorldEntities()) {
      Answer a = Call("PUT", path, kAdminKey, doc.dump());
      ASSERT_EQ(a.status, 200) << path << " " << a.body;
      s.docs[path] = doc;
    }
  }
  static void TearDownTestSuite() {
    suite->client.reset();  // close the keep-alive connection first
    if (suite->server) suite->server->Stop();
    if (suite->thread.joinable()) suite->thread.join();
    delete suite;
    suite = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(suite->client) << "the suite's server did not start";
  }

  // One request on the suite's keep-alive connection; the answer is recorded
  // for the privacy checks.
  static Answer Call(const std::string& method, const std::string& path,
                     const std::string& key, const std::string& body = "",
                     const std::string& content_type = "application/json") {
    httplib::Headers headers;
    if (!key.empty()) headers.emplace("Authorization", "Bearer " + key);
    httplib::Client& c = *suite->client;
    auto send = [&]() -> httplib::Result {
      if (method == "GET") return c.Get(path.c_str(), headers);
      if (method == "PUT")
        return c.Put(path.c_str(), headers, body, content_type.c_str());
      if (method == "POST")
        return c.Post(path.c_str(), headers, body, content_type.c_str());
      return c.Delete(path.c_str(), headers);
    };
    httplib::Result r = send();
    Answer a;
    if (!r) return a;
    a.status = r->status;
    a.body = r->body;
    a.content_type = r->get_header_value("Content-Type");
    a.doc = json::parse(a.body, nullptr, false);
    if (a.doc.is_discarded()) a.doc = nullptr;
    suite->bodies.push_back(a.body);
    std::string line = a.body;
    for (char& ch : line)
      if (ch == '\n') ch = ' ';
    suite->responses << line << '\n';
    return a;
  }
  static std::string NewKey(const std::string& body) {
    Answer a = Call("POST", "/v1/keys", kAdminKey, body);
    EXPECT_EQ(a.status, 201) << a.body;
    return a.doc.is_object() ? a.doc.value("key", "") : "";
  }
  static int RawStatus(const std::string& request) {
    return qiancheng::testing::StatusOf(
        qiancheng::testing::RawHttp(suite->port, request));
  }

  // Rejected writes must leave this unchanged: the change-log position, the
  // rows of every kind and the keys.
  static std::vector<int64_t> Fingerprint() {
    store::Store& store = suite->app->store();
    std::vector<int64_t> out = {
        *store.LastSequence(),
        static_cast<int64_t>(store.ListApiKeys()->size())};
    for (EntityKind kind : kAllEntityKinds) out.push_back(*store.Count(kind));
    return out;
  }
  static const json& Doc(const std::string& path) {
    return suite->docs.at(path);
  }
  // The ids of "items[].<field>.id" in a list answer.
  static std::set<std::string> ItemIds(const json& list, const char* field) {
    std::set<std::string> ids;
    if (!list.is_object() || !list.contains("items")) return ids;
    for (const json& item : list["items"]) {
      const json& e = field[0] ? item[field] : item;
      ids.insert(e.value("id", ""));
    }
    return ids;
  }
};

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(c));
  return s;
}

// ---------------------------------------------------------------- OpenAPI --

TEST_F(Integration, OpenApiDocumentsEveryRouteAndNothingElse) {
  Answer a = Call("GET", "/v1/openapi.json", "");
  ASSERT_EQ(a.status, 200);
  ASSERT_TRUE(a.doc.is_object());
  const json& doc = a.doc;
  EXPECT_TRUE(doc["openapi"].get<std::string>().starts_with("3.0."));
  EXPECT_EQ(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
  EXPECT_EQ(doc["security"], json::parse(R"([{"bearer":[]}])"));
  std::set<std::pair<std::string, std::string>> documented, registered, open;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      documented.insert({Upper(method), path});
      EXPECT_FALSE(op["responses"].empty()) << method << " " << path;
      if (op.contains("security") && op["security"].empty())
        open.insert({Upper(method), path});
    }
  }
  for (const RouteInfo& r : RouteTable()) registered.insert({r.method, r.path});
  for (const auto& [method, path] : registered)
    EXPECT_TRUE(documented.count({method, path}))
        << method << " " << path << " is served but not documented";
  for (const auto& [method, path] : documented)
    EXPECT_TRUE(registered.count({method, path}))
        << method << " " << path << " is documented but not served";
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(open, (std::set<P>{{"GET", "/healthz"},
                               {"GET", "/readyz"},
                               {"GET", "/metrics"},
                               {"GET", "/v1/openapi.json"}}));
  // Every $ref resolves inside the document.
  std::vector<const json*> stack = {&doc};
  size_t refs = 0;
  while (!stack.empty()) {
    const json* node = stack.back();
    stack.pop_back();
    if (node->is_object()) {
      auto ref = node->find("$ref");
      if (ref != node->end() && ref->is_string()) {
        ++refs;
        const std::string target = ref->get<std::string>();
        ASSERT_TRUE(target.starts_with("#/"));
        EXPECT_TRUE(doc.contains(json::json_pointer(target.substr(1))))
            << target;
      }
    }
    if (node->is_structured())
      for (const json& child : *node) stack.push_back(&child);
  }
  EXPECT_GT(refs, 20u);
}

// Each documented operation, called with the admin key, sample ids and a
// plausible body, answers one of its documented statuses, never 404 or 5xx.
TEST_F(Integration, EveryDocumentedOperationAnswers) {
  const json doc = Call("GET", "/v1/openapi.json", "").doc;
  const std::map<std::string, std::string> sample_ids = {
      {"occupations", "4-10-01-05"},
      {"shortage-entries", "s-1"},
      {"institutions", "inst-a"},
      {"training-projects", "p-a"},
      {"vacancies", "v-a"},
      {"workers", "w-a1"},
      {"outcomes", "o-a"}};
  // PUT, batch and DELETE work on copies made for the purpose, not on the
  // world (a copy of w-a2: w-a1's ID number may be stored once only).
  auto source = [&sample_ids](const std::string& collection) {
    return Doc("/v1/" + collection + "/" +
               (collection == "workers" ? std::string("w-a2")
                                        : sample_ids.at(collection)));
  };
  std::map<std::string, std::string> copies;
  for (const auto& [collection, id] : sample_ids) {
    json copy = source(collection);
    const std::string copy_id =
        collection == "occupations" ? "4-10-01-99" : "doc-" + collection;
    copy[collection == "occupations" ? "code" : "id"] = copy_id;
    ASSERT_EQ(
        Call("PUT", "/v1/" + collection + "/" + copy_id, kAdminKey, copy.dump())
            .status,
        200)
        << collection;
    copies[collection] = copy_id;
  }
  json anonymous = Doc("/v1/workers/w-a2");
  anonymous.erase("id");
  const std::map<std::string, std::string> post_bodies = {
      {"/v1/recommendations/trainings", json{{"worker", anonymous}}.dump()},
      {"/v1/workers/{id}/feed:ack", R"({"up_to":0})"},
      {"/v1/eligibility", R"({"worker_id":"w-a1","project_id":"p-a"})"},
      {"/v1/keys", R"({"role":"analyst"})"}};
  size_t called = 0;
  for (const char* pass : {"get", "put", "post", "delete"}) {
    for (const auto& [path, item] : doc["paths"].items()) {
      if (!item.contains(pass)) continue;
      const json& op = item[pass];
      const std::string method = Upper(pass);
      const size_t slash = path.find_first_of("/:", 4);
      const std::string collection = path.substr(
          4, slash == std::string::npos ? std::string::npos : slash - 4);
      std::string concrete = path;
      std::string body;
      if (const size_t at = concrete.find("{id}"); at != std::string::npos) {
        const bool copy = method == "DELETE" || method == "PUT";
        const std::string id =
            copy ? copies.at(collection) : sample_ids.at(collection);
        concrete.replace(at, 4, id);
        if (method == "PUT") {
          json e = source(collection);
          e[collection == "occupations" ? "code" : "id"] = id;
          body = e.dump();
        }
      }
      if (const size_t at = concrete.find("{key_id}");
          at != std::string::npos) {
        Answer key =
            Call("POST", "/v1/keys", kAdminKey, R"({"role":"analyst"})");
        concrete.replace(at, 8, key.doc["key_id"].get<std::string>());
      }
      if (path.ends_with(":batch")) {
        json e = source(collection);
        e[collection == "occupations" ? "code" : "id"] = copies.at(collection);
        body = e.dump() + "\n";
      } else if (method == "POST") {
        body = post_bodies.at(path);
      }
      // Required query parameters take their documented example.
      std::string query;
      for (const json& p : op.value("parameters", json::array())) {
        if (p["in"] == "query" && p.value("required", false)) {
          query += query.empty() ? "?" : "&";
          query += p["name"].get<std::string>() + "=" +
                   p["schema"]["example"].get<std::string>();
        }
      }
      Answer a = Call(method, concrete + query, kAdminKey, body,
                      path.ends_with(":batch") ? "application/x-ndjson"
                                               : "application/json");
      ++called;
      EXPECT_NE(a.status, 404) << method << " " << concrete << ": " << a.body;
      EXPECT_LT(a.status, 500) << method << " " << concrete << ": " << a.body;
      EXPECT_TRUE(op["responses"].contains(std::to_string(a.status)))
          << method << " " << concrete << " answered an undocumented "
          << a.status << ": " << a.body.substr(0, 300);
    }
  }
  EXPECT_EQ(called, RouteTable().size());
}

// ------------------------------------------------------ readiness, metrics --

TEST_F(Integration, ReadyzIsReadyWhenLoadedAndCaughtUp) {
  Answer a = Call("GET", "/readyz", "");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.doc["ready"], true);
  EXPECT_EQ(a.doc["lag"], 0);
  EXPECT_EQ(Call("GET", "/healthz", "").status, 200);

  // A second front on the same app that tolerates no lag at all, while a
  // write made behind the server's back (as by an import in another
  // process) is not applied yet.
  ServerOptions strict;
  strict.port = 0;
  strict.ready_max_lag = 0;
  Server server(*suite->app, strict);
  const int port = *server.Bind();
  std::thread serving([&server] { (void)server.Listen(); });
  httplib::Client client("127.0.0.1", port);
  EXPECT_EQ(client.Get("/readyz")->status, 200);
  Result<Entity> extra = DecodeEntity(
      EntityKind::kInstitution, Sample(EntityKind::kInstitution, "lag-inst"),
      CodecMode::kApi);
  ASSERT_TRUE(extra.ok());
  ASSERT_TRUE(suite->app->ingestor().Put(std::move(*extra)).ok());
  auto lagging = client.Get("/readyz");
  EXPECT_EQ(lagging->status, 503);
  json body = json::parse(lagging->body);
  EXPECT_EQ(body["ready"], false);
  EXPECT_NE(body["reason"].get<std::string>().find("lag"), std::string::npos)
      << lagging->body;
  EXPECT_EQ(body["lag"], 1);
  suite->app->AfterWrite();  // catch up
  EXPECT_EQ(client.Get("/readyz")->status, 200);
  server.Stop();
  serving.join();
}

// The value of the sample named exactly `series` in a Prometheus text, or -1.
double SampleValue(const std::string& text, const std::string& series) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.size() > series.size() &&
        line.compare(0, series.size(), series) == 0 &&
        line[series.size()] == ' ')
      return std::stod(line.substr(series.size() + 1));
  }
  return -1;
}

TEST_F(Integration, MetricsCountRoutesByPatternAndExposeNoPersonData) {
  ASSERT_EQ(Call("GET", "/v1/workers/w-a1", kAdminKey).status, 200);
  ASSERT_EQ(Call("GET", "/v1/workers/w-a1/recommendations/trainings",
                 suite->counselor_a)
                .status,
            200);
  ASSERT_EQ(Call("GET", "/v1/workers/w-b1", suite->counselor_a).status, 403);
  Answer a = Call("GET", "/metrics", "");
  ASSERT_EQ(a.status, 200);
  EXPECT_TRUE(a.content_type.starts_with("text/plain")) << a.content_type;
  const std::string& text = a.body;
  const std::string get_worker =
      R"(method="GET",route="/v1/workers/{id}",status=")";
  EXPECT_GE(SampleValue(
                text, "qiancheng_http_requests_total{" + get_worker + "200\"}"),
            1);
  EXPECT_GE(SampleValue(
                text, "qiancheng_http_requests_total{" + get_worker + "403\"}"),
            1);
  const std::string labels = "{" + get_worker + "200\"";
  EXPECT_EQ(SampleValue(text, "qiancheng_http_request_duration_seconds_bucket" +
                                  labels + ",le=\"+Inf\"}"),
            SampleValue(text, "qiancheng_http_request_duration_seconds_count" +
                                  labels + "}"));
  EXPECT_GE(SampleValue(text, "qiancheng_http_request_duration_seconds_bucket" +
                                  labels + ",le=\"5\"}"),
            1);
  store::Store& store = suite->app->store();
  EXPECT_EQ(SampleValue(text, R"(qiancheng_index_items{kind="workers"})"),
            *store.Count(EntityKind::kWorker));
  EXPECT_EQ(
      SampleValue(text, R"(qiancheng_index_items{kind="training-projects"})"),
      *store.Count(EntityKind::kTrainingProject));
  EXPECT_EQ(SampleValue(text, R"(qiancheng_index_items{kind="vacancies"})"),
            *store.Count(EntityKind::kVacancy));
  EXPECT_EQ(SampleValue(text, "qiancheng_changelog_lag"), 0);
  EXPECT_EQ(SampleValue(text, "qiancheng_changelog_applied_seq"),
            *store.LastSequence());
  EXPECT_EQ(SampleValue(text, "qiancheng_read_side_ready"), 1);
  EXPECT_GE(SampleValue(text, "qiancheng_feed_events_total"), 0);
  EXPECT_GE(SampleValue(text, "qiancheng_feed_items_written_total"), 0);
  EXPECT_GE(SampleValue(text, "qiancheng_feed_errors_total"), 0);
  EXPECT_GT(SampleValue(text, "qiancheng_process_uptime_seconds"), 0);
  // Labels are route patterns only: no id of the world appears.
  std::set<std::string> patterns = {"none"};
  for (const RouteInfo& r : RouteTable()) patterns.insert(r.path);
  size_t at = 0, routes = 0;
  while ((at = text.find("route=\"", at)) != std::string::npos) {
    at += 7;
    const std::string route = text.substr(at, text.find('"', at) - at);
    EXPECT_TRUE(patterns.count(route)) << route;
    ++routes;
  }
  EXPECT_GT(routes, 10u);
  for (const char* id : {"w-a1", "w-b1", "o-a", "p-a", "v-a", "inst-a"})
    EXPECT_EQ(text.find(id), std::string::npos) << id;
  EXPECT_TRUE(qiancheng::testing::PersonNumbersIn(text).empty());
}

// ------------------------------------------------------------------ roles --

TEST_F(Integration, CounselorGets403OnEveryObjectOfAnotherRegion) {
  const std::string& a = suite->counselor_a;
  // Controls: the same routes answer for a region-A worker.
  EXPECT_EQ(Call("GET", "/v1/workers/w-a1", a).status, 200);
  EXPECT_EQ(Call("GET", "/v1/workers/w-a1/recommendations/trainings", a).status,
            200);
  EXPECT_EQ(Call("GET", "/v1/workers/w-a1/recommendations/jobs", a).status,
            200);
  EXPECT_EQ(Call("GET", "/v1/workers/w-a1/feed", a).status, 200);
  EXPECT_EQ(Call("GET", "/v1/outcomes/o-a", a).status, 200);
  EXPECT_EQ(Call("GET", "/v1/training-projects/p-a/settlement", a).status, 200);

  const auto before = Fingerprint();
  const std::string w_b1 = Doc("/v1/workers/w-b1").dump(),
                    o_b = Doc("/v1/outcomes/o-b").dump();
  struct Case {
    const char* method;
    std::string path, body;
    const char* type = "application/json";
  } cases[] = {
      {"GET", "/v1/workers/w-b1", ""},
      {"PUT", "/v1/workers/w-b1", w_b1},
      {"DELETE", "/v1/workers/w-b1", ""},
      {"GET", "/v1/workers/w-b1/recommendations/trainings?k=5", ""},
      {"GET", "/v1/workers/w-b1/recommendations/jobs", ""},
      {"GET", "/v1/workers/w-b1/feed", ""},
      {"POST", "/v1/workers/w-b1/feed:ack", R"({"up_to":0})"},
      {"GET", "/v1/outcomes/o-b", ""},
      {"PUT", "/v1/outcomes/o-b", o_b},
      {"DELETE", "/v1/outcomes/o-b", ""},
      {"POST", "/v1/workers:batch",
       Doc("/v1/workers/w-a2").dump() + "\n" + w_b1 + "\n",
       "application/x-ndjson"},
      {"POST", "/v1/outcomes:batch",
       Doc("/v1/outcomes/o-a").dump() + "\n" + o_b + "\n",
       "application/x-ndjson"},
      {"POST", "/v1/eligibility", R"({"worker_id":"w-b1","project_id":"p-b"})"},
      {"GET", "/v1/training-projects/p-b/settlement", ""},
      {"GET", "/v1/analytics/supply-demand?region=520102", ""},
      // Not in their regions whether or not it exists: no existence oracle.
      {"GET", "/v1/workers/nobody", ""},
  };
  for (const Case& c : cases) {
    Answer r = Call(c.method, c.path, a, c.body, c.type);
    EXPECT_EQ(r.status, 403) << c.method << " " << c.path << ": " << r.body;
    EXPECT_EQ(r.doc["error"]["code"], "permission_denied") << r.body;
    // The refusal reveals nothing of the worker.
    EXPECT_EQ(r.body.find("520102"), std::string::npos) << r.body;
  }
  EXPECT_EQ(Fingerprint(), before);
  // And the other way round.
  EXPECT_EQ(Call("GET", "/v1/workers/w-a1", suite->counselor_b).status, 403);
  EXPECT_EQ(Call("GET", "/v1/workers/w-b1", suite->counselor_b).status, 200);
}

TEST_F(Integration, CounselorListsAndCandidatesHoldOnlyTheirRegions) {
  for (const char* collection : {"workers", "outcomes"}) {
    std::set<std::string> seen;
    std::string cursor;
    do {
      Answer page = Call(
          "GET", std::string("/v1/") + collection + "?limit=1&cursor=" + cursor,
          suite->counselor_a);
      ASSERT_EQ(page.status, 200) << page.body;
      for (const std::string& id : ItemIds(page.doc, "")) seen.insert(id);
      cursor = page.doc["next_cursor"].get<std::string>();
    } while (!cursor.empty());
    ASSERT_FALSE(seen.empty()) << collection;
    for (const std::string& id : seen)
      EXPECT_NE(id.find("-a"), std::string::npos) << collection << " " << id;
  }
  // The admin's candidates for the 贵阳 vacancy include the 贵阳 worker; a 西安
  // counselor's never do, whichever vacancy they ask about.
  Answer admin = Call("GET", "/v1/vacancies/v-b/candidates?k=50", kAdminKey);
  ASSERT_EQ(admin.status, 200) << admin.body;
  EXPECT_TRUE(ItemIds(admin.doc, "worker").count("w-b1")) << admin.body;
  for (const char* vacancy : {"v-a", "v-b"}) {
    Answer r = Call(
        "GET", std::string("/v1/vacancies/") + vacancy + "/candidates?k=50",
        suite->counselor_a);
    ASSERT_EQ(r.status, 200) << r.body;
    for (const json& item : r.doc["items"]) {
      EXPECT_TRUE(
          item["worker"]["region"].get<std::string>().starts_with("6101"))
          << item.dump();
    }
  }
  Answer own =
      Call("GET", "/v1/vacancies/v-a/candidates?k=50", suite->counselor_a);
  EXPECT_FALSE(own.doc["items"].empty()) << own.body;
}

TEST_F(Integration, AnalystSeesAggregatesOnlyAndNoSmallCounts) {
  const std::string& k = suite->analyst;
  const auto before = Fingerprint();
  struct Case {
    const char* method;
    std::string path, body;
  } person_level[] = {
      {"GET", "/v1/workers/w-a1", ""},
      {"GET", "/v1/workers", ""},
      {"GET", "/v1/outcomes/o-a", ""},
      {"GET", "/v1/outcomes", ""},
      {"PUT", "/v1/workers/w-a2", Doc("/v1/workers/w-a2").dump()},
      {"DELETE", "/v1/workers/w-a2", ""},
      {"GET", "/v1/workers/w-a1/recommendations/trainings", ""},
      {"GET", "/v1/workers/w-a1/recommendations/jobs", ""},
      {"GET", "/v1/workers/w-a1/feed", ""},
      {"POST", "/v1/workers/w-a1/feed:ack", R"({"up_to":0})"},
      {"GET", "/v1/vacancies/v-a/candidates", ""},
      {"POST", "/v1/recommendations/trainings",
       json{{"worker", Doc("/v1/workers/w-a2")}}.dump()},
      {"POST", "/v1/eligibility", R"({"worker_id":"w-a1","project_id":"p-a"})"},
      {"GET", "/v1/training-projects/p-a/settlement", ""},
      {"PUT", "/v1/institutions/inst-a", Doc("/v1/institutions/inst-a").dump()},
      {"POST", "/v1/keys", R"({"role":"admin"})"},
  };
  for (const Case& c : person_level) {
    Answer r = Call(c.method, c.path, k, c.body);
    EXPECT_EQ(r.status, 403) << c.method << " " << c.path << ": " << r.body;
  }
  EXPECT_EQ(Fingerprint(), before);
  EXPECT_EQ(Call("GET", "/v1/training-projects/p-a", k).status, 200);
  EXPECT_EQ(Call("GET", "/v1/shortage?region=610113", k).status, 200);

  // The admin sees the class's one trainee; the analyst sees null there.
  Answer admin =
      Call("GET", "/v1/analytics/supply-demand?region=610100", kAdminKey);
  Answer analyst = Call("GET", "/v1/analytics/supply-demand?region=610100", k);
  ASSERT_EQ(admin.status, 200) << admin.body;
  ASSERT_EQ(analyst.status, 200) << analyst.body;
  size_t small_cells = 0;
  ASSERT_EQ(admin.doc["rows"].size(), analyst.doc["rows"].size());
  for (size_t i = 0; i < admin.doc["rows"].size(); ++i) {
    for (const char* count : {"trainees_active", "trainees_completed"}) {
      const json& full = admin.doc["rows"][i][count];
      const json& shown = analyst.doc["rows"][i][count];
      ASSERT_TRUE(full.is_number()) << admin.body;
      // 1..4 persons name people; none names nobody and may show as 0.
      if (full.get<int>() == 0) {
        EXPECT_TRUE(shown.is_null() || shown == 0) << analyst.body;
      } else if (full.get<int>() < 5) {
        EXPECT_TRUE(shown.is_null()) << count << " " << analyst.body;
        ++small_cells;
      } else {
        EXPECT_EQ(shown, full);
      }
    }
  }
  EXPECT_GT(small_cells, 0u) << admin.body;
  EXPECT_GT(analyst.doc["suppressed_cells"].get<int>(), 0) << analyst.body;
}

TEST_F(Integration, ServiceKeyServesPersonsButNoCandidatesOrKeys) {
  const std::string& k = suite->service;
  EXPECT_EQ(Call("GET", "/v1/workers/w-b1", k).status, 200);
  EXPECT_EQ(
      Call("PUT", "/v1/workers/w-a2", k, Doc("/v1/workers/w-a2").dump()).status,
      200);
  EXPECT_EQ(Call("GET", "/v1/workers/w-b1/recommendations/trainings", k).status,
            200);
  EXPECT_EQ(Call("GET", "/v1/workers/w-a1/feed", k).status, 200);
  EXPECT_EQ(
      Call("POST", "/v1/workers/w-a1/feed:ack", k, R"({"up_to":0})").status,
      200);
  const auto before = Fingerprint();
  EXPECT_EQ(Call("GET", "/v1/vacancies/v-a/candidates", k).status, 403);
  EXPECT_EQ(Call("PUT", "/v1/institutions/inst-a", k,
                 Doc("/v1/institutions/inst-a").dump())
                .status,
            403);
  EXPECT_EQ(Call("POST", "/v1/keys", k, R"({"role":"service"})").status, 403);
  EXPECT_EQ(Fingerprint(), before);
}

TEST_F(Integration, AdminCreatesAndRevokesKeys) {
  Answer created = Call("POST", "/v1/keys", kAdminKey,
                        R"({"role":"counselor","regions":["610113"]})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string key = created.doc["key"], id = created.doc["key_id"];
  EXPECT_EQ(Call("GET", "/v1/workers/w-a1", key).status, 200);
  EXPECT_EQ(Call("DELETE", "/v1/keys/" + id, suite->counselor_a).status, 403);
  EXPECT_EQ(Call("DELETE", "/v1/keys/" + id, kAdminKey).status, 200);
  EXPECT_EQ(Call("GET", "/v1/workers/w-a1", key).status, 401);
  EXPECT_EQ(Call("DELETE", "/v1/keys/no-such-key", kAdminKey).status, 404);
  EXPECT_EQ(Call("GET", "/v1/workers/w-a1", "").status, 401);
}

// ---------------------------------------------------------- hostile input --

TEST_F(Integration, HostileBodiesOnEveryWriteRouteAreRefusedAndWriteNothing) {
  const auto before = Fingerprint();
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  json anonymous = Doc("/v1/workers/w-a2");
  anonymous.erase("id");
  struct Route {
    const char* method;
    const char* path;
    std::string wrong_type, duplicate_key;
  } routes[] = {
      {"PUT", "/v1/workers/w-a2", R"({"real_name_verified":"yes"})",
       R"({"id":"w-a2","id":"w-x"})"},
      {"POST", "/v1/workers:batch", R"({"id":"w-x","region":610113})",
       R"({"id":"w-x","id":"w-y"})"},
      {"POST", "/v1/recommendations/trainings", R"({"worker":5})",
       R"({"k":1,"k":2,"worker":)" + anonymous.dump() + "}"},
      {"POST", "/v1/workers/w-a1/feed:ack", R"({"up_to":"all"})",
       R"({"up_to":0,"up_to":1})"},
      {"POST", "/v1/eligibility", R"({"worker_id":5,"project_id":"p-a"})",
       R"({"worker_id":"w-a1","worker_id":"w-b1","project_id":"p-a"})"},
      {"POST", "/v1/keys", R"({"role":7})",
       R"({"role":"analyst","role":"admin"})"},
  };
  for (const Route& r : routes) {
    const std::string where = std::string(r.method) + " " + r.path;
    const bool batch = std::string_view(r.path).ends_with(":batch");
    for (const std::string& body :
         {std::string("{"), std::string(batch ? "\n{" : ""), r.wrong_type,
          r.duplicate_key, deep, std::string("{\"id\":\"\xff\xfe\"}"),
          std::string("[1,2]")}) {
      Answer a = Call(r.method, r.path, kAdminKey, body);
      EXPECT_EQ(a.status, 400)
          << where << " " << body.substr(0, 80) << ": " << a.body;
      EXPECT_TRUE(a.doc.is_object() && a.doc["error"].contains("code"))
          << where << ": " << a.body;
    }
    // Refused before the body is read: over the cap, chunked, compressed.
    const std::string head = std::string(r.method) + " " + r.path +
                             " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                             kAdminKey + "\r\n";
    EXPECT_EQ(RawStatus(head + "Content-Length: 104857600\r\n\r\n"), 413)
        << where;
    EXPECT_EQ(
        RawStatus(head +
                  "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"),
        411)
        << where;
    EXPECT_EQ(
        RawStatus(head +
                  "Content-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}"),
        415)
        << where;
    EXPECT_EQ(RawStatus(head + "Content-Length: nine\r\n\r\n"), 400) << where;
  }
  EXPECT_EQ(Fingerprint(), before);
  EXPECT_EQ(Call("GET", "/healthz", "").status, 200);
  EXPECT_EQ(Call("GET", "/readyz", "").status, 200);
  EXPECT_EQ(Call("GET", "/v1/workers/w-a1", kAdminKey).status, 200);
}

// ---------------------------------------------------------------- privacy --

// A worker's ID number holds the birth date: answers carry the masked ID and
// the birth year, never both a masked ID and the full date. Checked over
// every answer this binary received (so it runs last) and a fresh round of
// the routes that return workers.
// Issue 8: a list is brief unless ?detail=full (or "detail": "full" in the
// anonymous body); both forms rank the same classes the same way.
TEST_F(Integration, TrainingListsAreBriefByDefaultAndFullOnRequest) {
  // A class the region-A workers may take (they hold p-a's level already).
  json p = Doc("/v1/training-projects/p-a");
  p["id"] = "p-brief";
  p["level"] = "4";
  p["title"] = "养老护理员（四级）培训班";
  p["linked_vacancy_ids"] = json::array();
  ASSERT_EQ(
      Call("PUT", "/v1/training-projects/p-brief", kAdminKey, p.dump()).status,
      200);
  const std::string path =
      "/v1/workers/w-a2/recommendations/trainings?include_ineligible=true";
  Answer brief = Call("GET", path, kAdminKey);
  Answer full = Call("GET", path + "&detail=full", kAdminKey);
  ASSERT_EQ(brief.status, 200) << brief.body;
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_EQ(brief.doc["detail"], "brief");
  EXPECT_EQ(full.doc["detail"], "full");
  const json& items = brief.doc["items"];
  ASSERT_FALSE(items.empty());
  ASSERT_EQ(items.size(), full.doc["items"].size());
  for (size_t i = 0; i < items.size(); ++i) {
    const json& b = items[i];
    const json& f = full.doc["items"][i];
    EXPECT_EQ(b["project"]["id"], f["project"]["id"]);
    EXPECT_EQ(b["score"], f["score"]);
    // The summary holds the required fields of a training_project, no more
    // than the list needs.
    for (const char* field :
         {"id", "institution_id", "occupation_code", "title", "level", "region",
          "start_date", "end_date", "fee_yuan", "occupation_name"})
      EXPECT_TRUE(b["project"].contains(field)) << field;
    EXPECT_FALSE(b["project"].contains("description"));
    EXPECT_TRUE(f["project"].contains("description"));
    // The five largest contributions, largest first; details on three.
    ASSERT_EQ(b["factors"].size(), 5u);
    EXPECT_EQ(f["factors"].size(), 14u);
    size_t details = 0;
    for (size_t j = 0; j < b["factors"].size(); ++j) {
      if (j > 0) {
        EXPECT_GE(b["factors"][j - 1]["contribution"].get<double>(),
                  b["factors"][j]["contribution"].get<double>());
      }
      details += b["factors"][j].contains("detail") ? 1 : 0;
    }
    EXPECT_EQ(details, 3u);
    for (const json& factor : f["factors"])
      EXPECT_FALSE(factor["detail"].get<std::string>().empty());
    // The brief decision: same verdict and amounts, the rules not passed.
    const json& bs = b["subsidy"];
    const json& fs = f["subsidy"];
    EXPECT_EQ(bs["eligible"], fs["eligible"]);
    EXPECT_EQ(bs["amounts"], fs["amounts"]);
    std::vector<std::string> failed;
    for (const json& r : fs["reasons"])
      if (!r["passed"].get<bool>()) failed.push_back(r["rule"]);
    std::vector<std::string> listed;
    for (const json& r : bs["reasons"]) {
      EXPECT_FALSE(r["passed"].get<bool>());
      EXPECT_TRUE(r.contains("clause") && r.contains("message"));
      listed.push_back(r["rule"]);
    }
    EXPECT_EQ(listed, failed);
    EXPECT_GT(fs["reasons"].size(), listed.size());
    ASSERT_EQ(bs["policies"].size(), fs["policies"].size());
    for (size_t j = 0; j < bs["policies"].size(); ++j)
      EXPECT_EQ(bs["policies"][j]["version"], fs["policies"][j]["version"]);
  }
  EXPECT_LT(brief.body.size(), full.body.size() / 2);

  Answer bad = Call("GET", path + "&detail=everything", kAdminKey);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.doc["error"]["field"], "detail");

  json anonymous = Doc("/v1/workers/w-a2");
  anonymous.erase("id");
  Answer anon = Call("POST", "/v1/recommendations/trainings", kAdminKey,
                     json{{"worker", anonymous}}.dump());
  Answer anon_full =
      Call("POST", "/v1/recommendations/trainings", kAdminKey,
           json{{"worker", anonymous}, {"detail", "full"}}.dump());
  ASSERT_EQ(anon.status, 200) << anon.body;
  ASSERT_EQ(anon_full.status, 200) << anon_full.body;
  EXPECT_EQ(anon.doc["detail"], "brief");
  EXPECT_EQ(anon_full.doc["detail"], "full");
}

TEST_F(Integration, NoResponsePairsAMaskedIdWithAFullBirthDate) {
  // A client that puts an ID or phone number in a path: the answer is a plain
  // refusal and the access log masks the number (access_log_scan_test reads
  // the log this binary writes).
  for (const char* number : {qiancheng::testing::kSampleIdNumber,
                             qiancheng::testing::kSamplePhone}) {
    Answer a = Call("GET", std::string("/v1/workers/") + number, kAdminKey);
    EXPECT_EQ(a.status, 404);
    EXPECT_EQ(a.body.find(number), std::string::npos) << a.body;
  }
  Call("GET", "/v1/workers/w-a1", kAdminKey);
  Call("GET", "/v1/workers?limit=100", kAdminKey);
  Call("GET", "/v1/vacancies/v-a/candidates?k=50", kAdminKey);
  Call("PUT", "/v1/workers/w-a1", kAdminKey, Doc("/v1/workers/w-a1").dump());
  const std::vector<std::string> birth_dates = {"1949-12-31", "19491231",
                                                "1990-05-01", "1988-03-03"};
  size_t masked = 0;
  for (const std::string& body : suite->bodies) {
    json doc = json::parse(body, nullptr, false);
    // The OpenAPI document describes the fields; it holds no worker.
    if (doc.is_discarded() || doc.contains("openapi")) continue;
    std::vector<const json*> stack = {&doc};
    while (!stack.empty()) {
      const json* node = stack.back();
      stack.pop_back();
      if (node->is_object() && node->contains("id_masked")) {
        ++masked;
        EXPECT_FALSE(node->contains("birth_date")) << node->dump();
        const std::string text = node->dump();
        for (const std::string& date : birth_dates)
          EXPECT_EQ(text.find(date), std::string::npos) << text;
      }
      if (node->is_structured())
        for (const json& child : *node) stack.push_back(&child);
    }
  }
  EXPECT_GE(masked, 5u);
}

}  // namespace
}  // namespace qiancheng::api
