#include "cluster/cluster_world.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

namespace qiancheng::testing {
namespace {

using nlohmann::json;

constexpr size_t kSliceVacancies = 3000;
constexpr size_t kSliceWorkers = 3000;
constexpr char kToday[] = "2026-11-24";

// Copies the lines of `from` that `keep` accepts to `to`; returns the kept
// records.
template <class Keep>
std::vector<json> CopyLines(const std::string& from, const std::string& to,
                            Keep keep) {
  std::ifstream in(from);
  std::ofstream out(to);
  std::vector<json> kept;
  std::string line;
  while (std::getline(in, line)) {
    json record = json::parse(line, nullptr, false);
    if (record.is_discarded() || !keep(record, kept.size())) continue;
    out << line << '\n';
    kept.push_back(std::move(record));
  }
  return kept;
}

bool Run(const std::string& command, std::string* why) {
  if (std::system(command.c_str()) == 0) return true;
  *why = "failed: " + command;
  return false;
}

}  // namespace

std::unique_ptr<ClusterWorld> ClusterWorld::Make(
    const std::string& binary, const std::string& reference_dir,
    const std::string& dir, const std::string& store_url, std::string* why) {
  if (dir.empty()) {
    *why = "no temporary directory";
    return nullptr;
  }
  std::unique_ptr<ClusterWorld> world(new ClusterWorld());
  const std::string full = dir + "/full", slice = dir + "/world";
  if (!Run(binary + " bench-data --scale small --seed 1 --out " + full + " >" +
               dir + "/bench-data.log 2>&1",
           why)) {
    return nullptr;
  }
  std::filesystem::create_directories(slice);
  for (const char* whole : {"occupations", "shortage-entries", "institutions",
                            "training-projects"}) {
    CopyLines(full + "/" + whole + ".ndjson", slice + "/" + whole + ".ndjson",
              [](const json&, size_t) { return true; });
  }
  world->vacancies_ =
      CopyLines(full + "/vacancies.ndjson", slice + "/vacancies.ndjson",
                [](const json&, size_t n) { return n < kSliceVacancies; });
  world->workers_ =
      CopyLines(full + "/workers.ndjson", slice + "/workers.ndjson",
                [](const json&, size_t n) { return n < kSliceWorkers; });
  std::set<std::string> kept;
  for (const json& w : world->workers_) kept.insert(w["id"].get<std::string>());
  CopyLines(full + "/outcomes.ndjson", slice + "/outcomes.ndjson",
            [&](const json& o, size_t) {
              return kept.count(o.value("worker_id", std::string()));
            });

  // A fixed secret: the run is reproducible, and it is a test's.
  world->secret_file_ = dir + "/secret.key";
  {
    std::mt19937 random(1);
    std::ofstream out(world->secret_file_, std::ios::binary);
    for (int i = 0; i < 32; ++i) out.put(static_cast<char>(random() & 0xff));
  }
  for (const char* kind :
       {"occupations", "shortage-entries", "institutions", "training-projects",
        "vacancies", "workers", "outcomes"}) {
    if (!Run("QIANCHENG_STORE_URL='" + store_url + "' QIANCHENG_SECRET_FILE='" +
                 world->secret_file_ + "' " + binary + " --reference-dir " +
                 reference_dir + " import " + slice + "/" + kind +
                 ".ndjson --kind " + kind + " --data-dir " + dir +
                 "/import >>" + dir + "/import.log 2>&1",
             why)) {
      return nullptr;
    }
  }
  return world;
}

void ClusterWorld::SeedReplicaDir(const std::string& from,
                                  const std::string& to) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(to, ec);
  for (const char* sub : {"models", "indexes"}) {
    fs::copy(fs::path(from) / sub, fs::path(to) / sub,
             fs::copy_options::recursive, ec);
  }
}

std::string ClusterWorld::WorkerBody(const std::string& id, int n) const {
  json w = workers_[static_cast<size_t>(n) % workers_.size()];
  w["id"] = id;
  return w.dump();
}

std::vector<std::string> ClusterWorld::OpenVacancyIds() const {
  std::vector<std::string> ids;
  for (const json& v : vacancies_) {
    if (v.value("status", "") == "open" &&
        v.value("expiry_date", std::string(kToday)) > kToday) {
      ids.push_back(v["id"].get<std::string>());
    }
  }
  return ids;
}

std::string ClusterWorld::VacancyBody(const std::string& id,
                                      const std::string& like) const {
  for (const json& v : vacancies_) {
    if (v["id"] != like) continue;
    json copy = v;
    copy["id"] = id;
    return copy.dump();
  }
  return "{}";
}

std::string ClusterWorld::AnyWorkerId() const {
  return workers_.front()["id"].get<std::string>();
}

}  // namespace qiancheng::testing
