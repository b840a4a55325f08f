// tests/fakes/temp_dir.h -- a fresh directory under the system temp dir,
// removed with everything in it when the object goes away.
#ifndef QIANCHENG_TESTS_FAKES_TEMP_DIR_H_
#define QIANCHENG_TESTS_FAKES_TEMP_DIR_H_

#include <cstdlib>
#include <filesystem>
#include <string>

namespace qiancheng::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "qc-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace qiancheng::testing

#endif  // QIANCHENG_TESTS_FAKES_TEMP_DIR_H_
