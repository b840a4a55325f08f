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

// One loopback connection kept open across requests, for tests that need a
// request to be in flight at a chosen moment (half a body sent, then a
// signal, then the rest).
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  bool connected() const { return fd_ >= 0; }
  bool Send(const std::string& bytes);
  // Reads one response with a Content-Length body, or what came before the
  // connection closed or `timeout_ms` of silence.
  std::string ReadResponse(int timeout_ms = 5000);

 private:
  int fd_ = -1;
  std::string pending_;  // bytes read past the last response
};

// Every file under `dir` whose bytes contain `needle`.
std::string FilesContaining(const std::string& dir, const std::string& needle);

}  // namespace qiancheng::testing

#endif  // QIANCHENG_TESTS_API_RAW_HTTP_H_
