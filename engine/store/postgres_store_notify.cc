// PostgresStore: the change-log waiter (store.h ChangeWaiter) on LISTEN.
// Migration 0003 makes every committed entity write send a notice on
// qiancheng_changes; a replica's follower sleeps on one dedicated connection
// until one arrives, instead of polling the change log every few milliseconds.
#include <algorithm>
#include <thread>

#include "store/internal/postgres_connection.h"
#include "store/postgres_store.h"

namespace qiancheng::store {
namespace {

constexpr char kChannel[] = "qiancheng_changes";

class PgChangeWaiter final : public ChangeWaiter {
 public:
  PgChangeWaiter(std::string conninfo, std::string shown_as,
                 PostgresOptions options)
      : conninfo_(std::move(conninfo)),
        shown_as_(std::move(shown_as)),
        options_(options) {}

  Result<bool> Wait(std::chrono::milliseconds timeout) override {
    if (connection_ == nullptr) {
      Status connected = Connect();
      if (!connected.ok()) {
        // Keep a caller that loops on Wait from spinning on a down server.
        std::this_thread::sleep_for(timeout);
        return connected;
      }
      // Notices sent while no one listened are lost: report a possible
      // change so that the caller reads the log once.
      return true;
    }
    Result<int> notices = connection_->AwaitNotices(timeout);
    if (!notices.ok()) {
      connection_.reset();  // the next call reconnects
      return notices.status();
    }
    return *notices > 0;
  }

 private:
  Status Connect() {
    QC_ASSIGN_OR_RETURN(
        std::unique_ptr<internal::PgConnection> c,
        internal::PgConnection::Open(conninfo_, shown_as_, options_));
    QC_RETURN_IF_ERROR(c->Exec(std::string("LISTEN ") + kChannel));
    connection_ = std::move(c);
    return Status::Ok();
  }

  const std::string conninfo_;  // holds the password: never in a message
  const std::string shown_as_;
  const PostgresOptions options_;
  std::unique_ptr<internal::PgConnection> connection_;
};

}  // namespace

std::unique_ptr<ChangeWaiter> PostgresStore::WatchChanges() const {
  // A short connect timeout: a reconnect attempt runs inside Wait, and the
  // read side joins its watcher on shutdown; polling covers the gap anyway.
  PostgresOptions options = options_;
  options.connect_timeout_s = std::min(options.connect_timeout_s, 2);
  return std::make_unique<PgChangeWaiter>(conninfo_, shown_as_, options);
}

}  // namespace qiancheng::store
