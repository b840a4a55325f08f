// tests/cluster/replica_process.h -- one `qiancheng serve` replica run as a
// child process of the cluster test, on a loopback port of its own choosing
// (--port 0), with plain HTTP calls to it. The child gets SIGKILL if the test
// process dies (PR_SET_PDEATHSIG), so an aborted run leaves no server behind.
// Thread-compatible: start, stop and kill from one thread; Call() is safe
// from many threads.
#ifndef QIANCHENG_TESTS_CLUSTER_REPLICA_PROCESS_H_
#define QIANCHENG_TESTS_CLUSTER_REPLICA_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace qiancheng::testing {

// One HTTP answer; status -1 when the connection failed (replica down).
struct Answer {
  int status = -1;
  std::string body;
  std::string retry_after;  // the Retry-After header, if any
};

class ReplicaProcess {
 public:
  // `args` follow "qiancheng" (e.g. --reference-dir DIR serve ...); `env`
  // adds NAME=VALUE pairs. Output goes to `log_prefix`.out and .err.
  ReplicaProcess(std::string binary, std::vector<std::string> args,
                 std::vector<std::pair<std::string, std::string>> env,
                 std::string log_prefix, std::string admin_key);
  ~ReplicaProcess();  // SIGTERM, then SIGKILL after 20 s
  ReplicaProcess(const ReplicaProcess&) = delete;
  ReplicaProcess& operator=(const ReplicaProcess&) = delete;

  // Starts the process and waits (up to `timeout_s`) until it prints the
  // port it serves on. False with *why when it exits or stays silent.
  bool Start(int timeout_s, std::string* why);
  // SIGKILL: a crash, no snapshot, no graceful anything.
  void Kill9();
  // SIGTERM and wait: the graceful stop.
  void Stop();
  bool running() const { return pid_ > 0; }
  int port() const { return port_; }

  // One request with the admin key (`body` empty: none). Timeouts 10 s.
  Answer Call(const std::string& method, const std::string& path,
              const std::string& body = "") const;

 private:
  bool WaitForPort(int timeout_s, std::string* why);

  const std::string binary_;
  const std::vector<std::string> args_;
  const std::vector<std::pair<std::string, std::string>> env_;
  const std::string log_prefix_;
  const std::string admin_key_;
  pid_t pid_ = -1;
  int port_ = 0;
  int starts_ = 0;
};

}  // namespace qiancheng::testing

#endif  // QIANCHENG_TESTS_CLUSTER_REPLICA_PROCESS_H_
