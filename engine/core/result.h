// core/result.h -- Result<T>: a T or a non-ok Status, shaped like std::expected
// (which g++ 12 lacks in C++20 mode). The two macros are the only macros of the
// project (absl status_macros.h).
#ifndef QIANCHENG_CORE_RESULT_H_
#define QIANCHENG_CORE_RESULT_H_

#include <cassert>
#include <optional>
#include <utility>

#include "core/status.h"

namespace qiancheng {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status)
      : status_(std::move(status)) {  // NOLINT: implicit by design
    // An ok Status carries no value: constructing a Result from one is a bug.
    assert(!status_.ok());
    if (status_.ok())
      status_ = Status::Internal("Result built from an ok Status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace qiancheng

#define QC_STATUS_CONCAT_INNER_(a, b) a##b
#define QC_STATUS_CONCAT_(a, b) QC_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function when `expr` (a Status) is not ok.
#define QC_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::qiancheng::Status qc_status_ = (expr); \
    if (!qc_status_.ok()) return qc_status_; \
  } while (false)

// `lhs` = the value of `rexpr` (a Result<T>), or returns its Status.
#define QC_ASSIGN_OR_RETURN(lhs, rexpr) \
  QC_ASSIGN_OR_RETURN_IMPL_(QC_STATUS_CONCAT_(qc_result_, __LINE__), lhs, rexpr)
#define QC_ASSIGN_OR_RETURN_IMPL_(result, lhs, rexpr) \
  auto result = (rexpr);                              \
  if (!result.ok()) return result.status();           \
  lhs = std::move(result).value()

#endif  // QIANCHENG_CORE_RESULT_H_
