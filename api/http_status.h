// api/http_status.h -- the only mapping from the engine's error Code to HTTP,
// and the error body of API contract v1: {"error": {"code", "message",
// "field"}}.
#ifndef QIANCHENG_API_HTTP_STATUS_H_
#define QIANCHENG_API_HTTP_STATUS_H_

#include <string>

#include "core/status.h"

namespace qiancheng::api {

int HttpStatusOf(Code code);

// The error body for `status`. kInternal messages are replaced by a fixed text:
// a 500 never echoes input or internals.
std::string ErrorBody(const Status& status);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_HTTP_STATUS_H_
