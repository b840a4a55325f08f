// json_fuzz_replay: runs the fuzz function over every file of the corpus
// directories given as arguments, so `make test` re-checks every input the
// fuzzer ever kept (and every regression seed) with the normal compiler.
// Hand-made seeds also carry an expectation in their file name:
//   accept.<decoder>.<what>.json  the named decoder accepts the input
//   refuse.<what>.json            no decoder accepts it
//   unparsable.<what>.json        ParseJson refuses it
//   parses.<what>.json            ParseJson accepts it
// <decoder> is a name from DecodeReport::accepted (e.g. worker_stored).
// Files the fuzzer added (named by their hash) are checked for the invariants
// only. Exit status: 0 all good; 1 an expectation failed; 2 no input found. An
// invariant violation aborts.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "json_decoders_fuzz.h"

namespace {

namespace fs = std::filesystem;
using qiancheng::fuzz::DecodeReport;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool Accepted(const DecodeReport& report, const std::string& decoder) {
  return std::find(report.accepted.begin(), report.accepted.end(), decoder) !=
         report.accepted.end();
}

bool HasExpectation(const std::string& name) {
  for (const char* prefix : {"accept.", "refuse.", "unparsable.", "parses."}) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

// Returns an empty string when the expectation in `name` holds, else why not.
std::string CheckExpectation(const std::string& name,
                             const DecodeReport& report) {
  auto starts = [&](const char* prefix) { return name.rfind(prefix, 0) == 0; };
  if (starts("accept.")) {
    const size_t end = name.find('.', 7);
    const std::string decoder = name.substr(7, end - 7);
    if (!Accepted(report, decoder)) return "not accepted by " + decoder;
  } else if (starts("refuse.")) {
    if (!report.accepted.empty())
      return "accepted by " + report.accepted.front();
  } else if (starts("unparsable.")) {
    if (report.parsed) return "ParseJson accepted it";
  } else if (starts("parses.")) {
    if (!report.parsed) return "ParseJson refused it";
  }
  return "";
}

// Lists the regular files of the directories in argv[1..], sorted; false
// (after saying why) when a directory cannot be read.
bool ListInputs(int argc, char** argv, std::vector<fs::path>* files) {
  for (int i = 1; i < argc; ++i) {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(argv[i], error)) {
      if (entry.is_regular_file()) files->push_back(entry.path());
    }
    if (error) {
      std::fprintf(stderr, "json_fuzz_replay: %s: %s\n", argv[i],
                   error.message().c_str());
      return false;
    }
  }
  std::sort(files->begin(), files->end());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  if (!ListInputs(argc, argv, &files)) return 2;
  if (files.empty()) {
    std::fprintf(stderr, "usage: json_fuzz_replay CORPUS_DIR... (no files)\n");
    return 2;
  }
  int failed = 0, with_expectation = 0;
  // How many inputs each decoder accepted: shows which paths the corpus
  // reaches beyond refusal.
  std::map<std::string, int> accepted_by;
  for (const fs::path& path : files) {
    const std::string bytes = ReadFile(path);
    const DecodeReport report = qiancheng::fuzz::DriveJsonDecoders(
        reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    for (const std::string& decoder : report.accepted) ++accepted_by[decoder];
    const std::string name = path.filename().string();
    if (HasExpectation(name)) ++with_expectation;
    const std::string why = CheckExpectation(name, report);
    if (!why.empty()) {
      std::fprintf(stderr, "FAIL %s: %s\n", name.c_str(), why.c_str());
      ++failed;
    }
  }
  std::printf("json_fuzz_replay: %zu inputs, %d named seeds, %d failed\n",
              files.size(), with_expectation, failed);
  for (const auto& [decoder, count] : accepted_by)
    std::printf("  accepted by %s: %d\n", decoder.c_str(), count);
  return failed == 0 ? 0 : 1;
}
