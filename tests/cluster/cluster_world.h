// tests/cluster/cluster_world.h -- the data of the cluster test: a slice of
// the generated small world (seed 1: all occupations, shortage entries,
// institutions and classes; the first 3000 vacancies and workers and those
// workers' outcomes), imported with `qiancheng import` into the shared store
// under one secret file, and request bodies made from its records.
// Thread-safe after Make(): the accessors are const.
#ifndef QIANCHENG_TESTS_CLUSTER_CLUSTER_WORLD_H_
#define QIANCHENG_TESTS_CLUSTER_CLUSTER_WORLD_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace qiancheng::testing {

class ClusterWorld {
 public:
  // Generates, slices and imports into `store_url` under `dir`. nullptr with
  // *why on any failure.
  static std::unique_ptr<ClusterWorld> Make(const std::string& binary,
                                            const std::string& reference_dir,
                                            const std::string& dir,
                                            const std::string& store_url,
                                            std::string* why);

  // The secret file every replica is given.
  const std::string& secret_file() const { return secret_file_; }
  // Copies the model and index snapshots of a started replica's data dir
  // into a new one, so the new replica ranks with the same model and starts
  // from a snapshot instead of embedding everything again.
  static void SeedReplicaDir(const std::string& from, const std::string& to);

  // A worker record of the slice (the n-th, cycling) under the id `id`.
  std::string WorkerBody(const std::string& id, int n) const;
  // Ids of the slice's vacancies that are open on the test's day.
  std::vector<std::string> OpenVacancyIds() const;
  // The open vacancy `like` under the id `id`.
  std::string VacancyBody(const std::string& id, const std::string& like) const;
  std::string AnyWorkerId() const;

 private:
  ClusterWorld() = default;
  std::string secret_file_;
  std::vector<nlohmann::json> workers_, vacancies_;
};

}  // namespace qiancheng::testing

#endif  // QIANCHENG_TESTS_CLUSTER_CLUSTER_WORLD_H_
