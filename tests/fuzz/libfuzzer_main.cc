// The libFuzzer entry point (built only with -DQC_FUZZ=ON and clang++); see
// tests/fuzz/README.md for how to run it.
#include <cstddef>
#include <cstdint>

#include "json_decoders_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return qiancheng::fuzz::FuzzJsonDecoders(data, size);
}
