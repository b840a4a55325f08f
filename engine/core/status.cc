#include "core/status.h"

namespace qiancheng {

std::string_view CodeName(Code code) {
  switch (code) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      return "invalid_argument";
    case Code::kNotFound:
      return "not_found";
    case Code::kAlreadyExists:
      return "already_exists";
    case Code::kPermissionDenied:
      return "permission_denied";
    case Code::kUnauthenticated:
      return "unauthenticated";
    case Code::kFailedPrecondition:
      return "failed_precondition";
    case Code::kResourceExhausted:
      return "resource_exhausted";
    case Code::kUnavailable:
      return "unavailable";
    case Code::kInternal:
      return "internal";
  }
  return "internal";
}

Status::Status(Code code, std::string_view message, std::string_view field) {
  if (code != Code::kOk) {
    rep_ = std::make_shared<const Rep>(
        Rep{code, std::string(message), std::string(field)});
  }
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return rep_ ? rep_->message : kEmpty;
}

const std::string& Status::field() const {
  static const std::string kEmpty;
  return rep_ ? rep_->field : kEmpty;
}

Status Status::WithFieldPrefix(std::string_view prefix) const {
  if (ok()) return *this;
  std::string path(prefix);
  if (!rep_->field.empty()) {
    // An index suffix ("[3]") attaches without a dot.
    if (rep_->field.front() != '[') path += '.';
    path += rep_->field;
  }
  return Status(rep_->code, rep_->message, path);
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string message(context);
  message += ": ";
  message += rep_->message;
  return Status(rep_->code, message, rep_->field);
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(CodeName(rep_->code));
  out += ": ";
  if (!rep_->field.empty()) {
    out += rep_->field;
    out += ": ";
  }
  out += rep_->message;
  return out;
}

std::ostream& operator<<(std::ostream& os, const Status& status) {
  return os << status.ToString();
}

}  // namespace qiancheng
