#include "api/http_status.h"

#include <cctype>
#include <nlohmann/json.hpp>

namespace qiancheng::api {

int HttpStatusOf(Code code) {
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kInvalidArgument:
      return 400;
    case Code::kUnauthenticated:
      return 401;
    case Code::kPermissionDenied:
      return 403;
    case Code::kNotFound:
      return 404;
    case Code::kAlreadyExists:
      return 409;
    case Code::kFailedPrecondition:
      return 409;
    case Code::kResourceExhausted:
      return 429;
    case Code::kUnavailable:
      return 503;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

std::string MaskLongDigitRuns(std::string_view text) {
  std::string out(text);
  size_t i = 0;
  while (i < out.size()) {
    size_t j = i;
    while (j < out.size() &&
           (std::isdigit(static_cast<unsigned char>(out[j])) || out[j] == 'X'))
      ++j;
    if (j - i >= 11) {
      for (size_t k = i + 3; k + 4 < j; ++k) out[k] = '*';
    }
    i = j == i ? i + 1 : j;
  }
  return out;
}

std::string ErrorBody(const Status& status) {
  nlohmann::json error = {{"code", CodeName(status.code())}};
  error["message"] = status.code() == Code::kInternal
                         ? "internal error"
                         : MaskLongDigitRuns(status.message());
  if (!status.field().empty())
    error["field"] = MaskLongDigitRuns(status.field());
  return nlohmann::json{{"error", error}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace qiancheng::api
