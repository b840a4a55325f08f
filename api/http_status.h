// api/http_status.h -- the only mapping from the engine's error Code to HTTP,
// and the error body of API contract v1: {"error": {"code", "message",
// "field"}}.
#ifndef QIANCHENG_API_HTTP_STATUS_H_
#define QIANCHENG_API_HTTP_STATUS_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace qiancheng::api {

int HttpStatusOf(Code code);

// The error body for `status`. kInternal messages are replaced by a fixed text:
// a 500 never echoes input or internals. Messages often quote an id from the
// request ("worker X not found"); digit runs are masked as in
// MaskLongDigitRuns, so a client that put an ID or phone number in a path
// does not get it back (nor does anything that records responses).
std::string ErrorBody(const Status& status);

// Any run of 11+ digits (an 'X' counts as a digit: ID numbers end in one)
// keeps its first 3 and last 4 characters; the rest become '*'. Shorter runs
// (dates, counts, sequences) are left alone.
std::string MaskLongDigitRuns(std::string_view text);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_HTTP_STATUS_H_
