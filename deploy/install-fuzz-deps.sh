#!/usr/bin/env bash
# Installs what the libFuzzer build of tests/fuzz needs on Debian 12: clang and
# its runtime libraries (libFuzzer, ASan and UBSan live in libclang-rt-14-dev),
# and libomp-14-dev because the top-level CMakeLists.txt requires OpenMP, which
# clang finds only through LLVM's own libomp.
# Idempotent: when every package is present it does nothing (no network).
set -euo pipefail

packages=(clang libclang-rt-14-dev libomp-14-dev)

bash "$(dirname "$0")/apt-ensure.sh" install-fuzz-deps "${packages[@]}"
