// tests/cluster/cluster_support.h -- what the cluster test asks of the store
// directly (SQL through libpq, bypassing every replica), the digest of an id
// set as a replica's read-side audit reports it, and a write load.
// Thread-safe: functions; WriteWorkers guards what it records with `mu`.
#ifndef QIANCHENG_TESTS_CLUSTER_CLUSTER_SUPPORT_H_
#define QIANCHENG_TESTS_CLUSTER_CLUSTER_SUPPORT_H_

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cluster/cluster_world.h"
#include "cluster/replica_process.h"

namespace qiancheng::testing {

// The first column of every row of `sql` on `url`; empty on any error.
std::vector<std::string> Column(const std::string& url, const std::string& sql);

// FNV-1a 64 (hex) over the ids in ascending byte order, each followed by
// '\n': the "ids_fnv1a64" of GET /v1/admin/read-side for the same set.
std::string IdsDigest(std::vector<std::string> ids);

// Writes workers through `replica` until `stop`, recording the acknowledged
// ids and every answer's status; after a failure (replica down, 503) it
// pauses 20 ms and goes on with the next id.
void WriteWorkers(ReplicaProcess& replica, const ClusterWorld& world,
                  const std::string& prefix, const std::atomic<bool>& stop,
                  std::mutex& mu, std::vector<std::string>& acked,
                  std::map<int, int>& statuses);

// Waits up to `seconds` for `done`; false if it never held.
template <class F>
bool Eventually(int seconds, F done) {
  const auto until =
      std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

}  // namespace qiancheng::testing

#endif  // QIANCHENG_TESTS_CLUSTER_CLUSTER_SUPPORT_H_
