// The privacy scan over everything the API test servers logged (and the
// response bodies the integration test recorded): no line may hold a full
// resident ID number or mobile number. ctest runs it after the tests that
// write the logs (fixture qc_api_access_logs in tests/api/CMakeLists.txt).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "access_logs.h"
#include "fakes/sample_entities.h"

namespace qiancheng::testing {
namespace {

TEST(PersonNumberDetector, FindsIdAndPhoneNumbersAndNotTheirMasks) {
  EXPECT_TRUE(IsIdNumber(kSampleIdNumber));
  std::string wrong_check = kSampleIdNumber;
  wrong_check[17] = '3';
  EXPECT_FALSE(IsIdNumber(wrong_check));
  const std::string line = std::string(R"({"path":"/v1/workers/)") +
                           kSampleIdNumber + R"(","phone":")" + kSamplePhone +
                           R"("})";
  EXPECT_EQ(PersonNumbersIn(line),
            (std::vector<std::string>{kSampleIdNumber, kSamplePhone}));
  EXPECT_EQ(PersonNumbersIn(std::string("w-9") + kSampleIdNumber + "7").size(),
            1u);  // glued to other digits
  EXPECT_TRUE(PersonNumbersIn(R"({"id_masked":"110105********002X",)"
                              R"("phone_masked":"139****5678","ms":0.125})")
                  .empty());
  EXPECT_TRUE(PersonNumbersIn("seq 1391234567890").empty());  // 13 digits
}

TEST(AccessLogs, HoldNoIdOrPhoneNumber) {
  size_t files = 0, lines = 0;
  bool server_test = false, integration = false, cli = false;
  for (const auto& entry :
       std::filesystem::directory_iterator(AccessLogDir())) {
    if (entry.path().extension() != ".log") continue;
    const std::string name = entry.path().filename().string();
    server_test |= name.starts_with("ServerTest.");
    integration |= name.starts_with("integration");
    cli |= name.starts_with("cli.");
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    for (size_t n = 1; std::getline(in, line); ++n) {
      ++lines;
      for (const std::string& found : PersonNumbersIn(line))
        ADD_FAILURE() << name << ":" << n << " holds " << found.substr(0, 3)
                      << "...";
    }
  }
  // The scan means something only if the producers ran.
  EXPECT_TRUE(server_test) << "no ServerTest.* log in " << AccessLogDir();
  EXPECT_TRUE(integration) << "no integration* log in " << AccessLogDir();
  EXPECT_TRUE(cli) << "no cli.* log in " << AccessLogDir();
  EXPECT_GE(lines, 300u) << files << " files";
}

}  // namespace
}  // namespace qiancheng::testing
