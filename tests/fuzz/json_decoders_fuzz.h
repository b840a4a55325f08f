// tests/fuzz/json_decoders_fuzz.h -- one input through every JSON decoder of
// the API contract, with the round-trip invariants checked after each success.
// Used by the libFuzzer target (tests/fuzz/libfuzzer_main.cc, -DQC_FUZZ=ON)
// and by the corpus replay that `make test` runs (json_fuzz_replay).
// An invariant violation prints what broke and calls std::abort(), so the
// fuzzer records the input as a crash and the replay test fails.
// Thread-compatible: no shared state.
#ifndef QIANCHENG_TESTS_FUZZ_JSON_DECODERS_FUZZ_H_
#define QIANCHENG_TESTS_FUZZ_JSON_DECODERS_FUZZ_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace qiancheng::fuzz {

// What the decoders made of one input, for the replay's per-seed expectations.
struct DecodeReport {
  bool parsed = false;  // ParseJson accepted the text
  // Names of the decoders that accepted it: "<singular kind>_api",
  // "<singular kind>_stored" (e.g. "worker_stored"), "subsidy_decision",
  // and for an eligibility request body "eligibility_worker",
  // "eligibility_training_project".
  std::vector<std::string> accepted;
};

// Runs ParseJson, DecodeEntity for every kind in both modes, the subsidy
// decision decoder, and the inline entities of a POST /v1/eligibility body;
// checks the invariants of each success (see the .cc). Aborts on a violation.
DecodeReport DriveJsonDecoders(const uint8_t* data, size_t size);

// The fuzz entry point: DriveJsonDecoders, result dropped. Always returns 0
// (libFuzzer reserves other values).
int FuzzJsonDecoders(const uint8_t* data, size_t size);

}  // namespace qiancheng::fuzz

#endif  // QIANCHENG_TESTS_FUZZ_JSON_DECODERS_FUZZ_H_
