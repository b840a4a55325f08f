#include "cluster/replica_process.h"

#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace qiancheng::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Waits up to `seconds` for `pid` to exit; true when it did.
bool WaitExit(pid_t pid, int seconds) {
  for (int i = 0; i < seconds * 100; ++i) {
    if (::waitpid(pid, nullptr, WNOHANG) == pid) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace

ReplicaProcess::ReplicaProcess(
    std::string binary, std::vector<std::string> args,
    std::vector<std::pair<std::string, std::string>> env,
    std::string log_prefix, std::string admin_key)
    : binary_(std::move(binary)),
      args_(std::move(args)),
      env_(std::move(env)),
      log_prefix_(std::move(log_prefix)),
      admin_key_(std::move(admin_key)) {}

ReplicaProcess::~ReplicaProcess() { Stop(); }

bool ReplicaProcess::Start(int timeout_s, std::string* why) {
  // Everything the child needs is built before fork: after it, only
  // async-signal-safe calls.
  ++starts_;
  const std::string base = log_prefix_ + "-" + std::to_string(starts_);
  const std::string out_path = base + ".out", err_path = base + ".err";
  std::vector<std::string> env_text;
  for (char** e = environ; *e != nullptr; ++e) env_text.emplace_back(*e);
  for (const auto& [name, value] : env_) env_text.push_back(name + "=" + value);
  std::vector<char*> envp, argv;
  for (std::string& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> arg_text = args_;
  arg_text.insert(arg_text.begin(), binary_);
  for (std::string& a : arg_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0 || err < 0) {
    *why = "cannot create " + base + ".out/.err";
    return false;
  }
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);  // the test died meanwhile
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(binary_.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out);
  ::close(err);
  if (pid_ < 0) {
    *why = "fork failed";
    return false;
  }
  return WaitForPort(timeout_s, why);
}

bool ReplicaProcess::WaitForPort(int timeout_s, std::string* why) {
  const std::string base = log_prefix_ + "-" + std::to_string(starts_);
  constexpr std::string_view kServing = "serving http://127.0.0.1:";
  for (int i = 0; i < timeout_s * 20; ++i) {
    const std::string out = ReadFile(base + ".out");
    const size_t at = out.find(kServing);
    if (at != std::string::npos) {
      port_ = std::atoi(out.c_str() + at + kServing.size());
      if (port_ > 0) return true;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      *why = "replica exited: " + ReadFile(base + ".err");
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  *why = "replica printed no port within " + std::to_string(timeout_s) + " s";
  return false;
}

void ReplicaProcess::Kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void ReplicaProcess::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  if (!WaitExit(pid_, 20)) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  pid_ = -1;
}

Answer ReplicaProcess::Call(const std::string& method, const std::string& path,
                            const std::string& body) const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(2, 0);
  client.set_read_timeout(10, 0);
  client.set_write_timeout(10, 0);
  const httplib::Headers headers = {{"Authorization", "Bearer " + admin_key_}};
  httplib::Result result =
      method == "PUT"
          ? client.Put(path.c_str(), headers, body, "application/json")
      : method == "POST"
          ? client.Post(path.c_str(), headers, body, "application/json")
      : method == "DELETE" ? client.Delete(path.c_str(), headers)
                           : client.Get(path.c_str(), headers);
  Answer answer;
  if (!result) return answer;
  answer.status = result->status;
  answer.body = result->body;
  answer.retry_after = result->get_header_value("Retry-After");
  return answer;
}

}  // namespace qiancheng::testing
