// tests/api/access_logs.h -- where the API tests leave what their servers
// logged, and the detectors the privacy scan applies to it. Every test that
// runs a server writes its access log to a file under
// QC_BINARY_DIR/tests/api/access-logs; access_log_scan_test, ordered after
// them by a ctest fixture, reads all of them.
#ifndef QIANCHENG_TESTS_API_ACCESS_LOGS_H_
#define QIANCHENG_TESTS_API_ACCESS_LOGS_H_

#include <string>
#include <string_view>
#include <vector>

namespace qiancheng::testing {

// The folder of the API tests' logs (created on first use).
std::string AccessLogDir();
// A log file in that folder for `name` (characters other than letters,
// digits, '-' and '.' become '_').
std::string AccessLogPath(std::string_view name);

// True for 18 characters that form a resident ID number: 17 digits with a
// plausible birth date at 7..14 and the GB 11643-1999 check character.
bool IsIdNumber(std::string_view text);
// Every ID number (as above) and mainland mobile number (1[3-9] and nine
// digits, not inside a longer digit run) found in `text`.
std::vector<std::string> PersonNumbersIn(std::string_view text);

}  // namespace qiancheng::testing

#endif  // QIANCHENG_TESTS_API_ACCESS_LOGS_H_
