#include "cluster/cluster_support.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace qiancheng::testing {

std::vector<std::string> Column(const std::string& url,
                                const std::string& sql) {
  std::vector<std::string> out;
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) == CONNECTION_OK) {
    PGresult* result = PQexec(conn, sql.c_str());
    if (PQresultStatus(result) == PGRES_TUPLES_OK) {
      for (int i = 0; i < PQntuples(result); ++i) {
        out.emplace_back(PQgetvalue(result, i, 0));
      }
    }
    PQclear(result);
  }
  PQfinish(conn);
  return out;
}

std::string IdsDigest(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  uint64_t h = 14695981039346656037ull;
  for (const std::string& id : ids) {
    for (char ch : id)
      h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
    h = (h ^ static_cast<unsigned char>('\n')) * 1099511628211ull;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx",
                static_cast<unsigned long long>(h));
  return text;
}

void WriteWorkers(ReplicaProcess& replica, const ClusterWorld& world,
                  const std::string& prefix, const std::atomic<bool>& stop,
                  std::mutex& mu, std::vector<std::string>& acked,
                  std::map<int, int>& statuses) {
  for (int n = 0; !stop.load(); ++n) {
    const std::string id = prefix + std::to_string(n);
    Answer a =
        replica.Call("PUT", "/v1/workers/" + id, world.WorkerBody(id, n));
    {
      std::lock_guard lock(mu);
      ++statuses[a.status];
      if (a.status == 200) acked.push_back(id);
    }
    if (a.status != 200)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace qiancheng::testing
