// core/status.h -- the error currency between stages (leveldb/absl style).
// A Status is ok or carries a Code, a message and, for bad input, the path of
// the offending field ("wishes.max_distance_km", "line 7: region"). The engine
// never names HTTP: api/http_status.cc alone maps Code to a status line.
// Thread-safety: a value type; copies are independent.
#ifndef QIANCHENG_CORE_STATUS_H_
#define QIANCHENG_CORE_STATUS_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace qiancheng {

enum class Code {
  kOk = 0,
  kInvalidArgument,     // bad input; field() names it
  kNotFound,            // no such entity
  kAlreadyExists,       // conflict with existing state
  kPermissionDenied,    // authenticated but not allowed (region scope, role)
  kUnauthenticated,     // no or wrong credentials
  kFailedPrecondition,  // state does not allow the call (e.g. no policy in
                        // force)
  kResourceExhausted,   // a limit was hit
  kUnavailable,         // try again later
  kInternal,            // a bug or a broken file; never echoes input
};

std::string_view CodeName(Code code);  // "invalid_argument", ...

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string_view field,
                                std::string_view message) {
    return Status(Code::kInvalidArgument, message, field);
  }
  static Status NotFound(std::string_view message) {
    return Status(Code::kNotFound, message);
  }
  static Status AlreadyExists(std::string_view message) {
    return Status(Code::kAlreadyExists, message);
  }
  static Status PermissionDenied(std::string_view message) {
    return Status(Code::kPermissionDenied, message);
  }
  static Status Unauthenticated(std::string_view message) {
    return Status(Code::kUnauthenticated, message);
  }
  static Status FailedPrecondition(std::string_view message) {
    return Status(Code::kFailedPrecondition, message);
  }
  static Status ResourceExhausted(std::string_view message) {
    return Status(Code::kResourceExhausted, message);
  }
  static Status Unavailable(std::string_view message) {
    return Status(Code::kUnavailable, message);
  }
  static Status Internal(std::string_view message) {
    return Status(Code::kInternal, message);
  }

  Status(Code code, std::string_view message, std::string_view field = {});

  bool ok() const { return rep_ == nullptr; }
  Code code() const { return rep_ ? rep_->code : Code::kOk; }
  const std::string& message() const;
  const std::string& field() const;

  // Returns a copy whose field path is `prefix` + "." + field() (or `prefix`
  // when field() is empty): lets a nested decoder report
  // "certificates[2].level".
  Status WithFieldPrefix(std::string_view prefix) const;
  // Returns a copy whose message is prefixed with `context` + ": ".
  Status WithContext(std::string_view context) const;

  std::string ToString() const;  // "invalid_argument: region: must be 6 digits"

 private:
  struct Rep {
    Code code;
    std::string message;
    std::string field;
  };
  std::shared_ptr<const Rep> rep_;  // null when ok: ok statuses cost nothing
};

std::ostream& operator<<(std::ostream& os, const Status& status);

}  // namespace qiancheng

#endif  // QIANCHENG_CORE_STATUS_H_
