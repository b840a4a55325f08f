// tests/api/raw_http.h -- one hand-written HTTP request over a fresh loopback
// connection, for what a well-behaved client library will not send (chunked
// bodies, lying Content-Length, compressed bodies).
#ifndef QIANCHENG_TESTS_API_RAW_HTTP_H_
#define QIANCHENG_TESTS_API_RAW_HTTP_H_

#include <string>

namespace qiancheng::testing {

// Sends `request` verbatim to 127.0.0.1:`port`, half-closes nothing, and
// returns what the server answered before closing or within `timeout_ms`.
std::string RawHttp(int port, const std::string& request,
                    int timeout_ms = 2000);
// The status code of an HTTP response text, or -1.
int StatusOf(const std::string& response);

// Every file under `dir` whose bytes contain `needle`.
std::string FilesContaining(const std::string& dir, const std::string& needle);

}  // namespace qiancheng::testing

#endif  // QIANCHENG_TESTS_API_RAW_HTTP_H_
