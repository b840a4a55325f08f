#!/usr/bin/env bash
# Installs what the libFuzzer build of tests/fuzz needs on Debian 12: clang and
# its runtime libraries (libFuzzer, ASan and UBSan live in libclang-rt-14-dev),
# and libomp-14-dev because the top-level CMakeLists.txt requires OpenMP, which
# clang finds only through LLVM's own libomp.
# Idempotent: when every package is present it does nothing (no network).
set -euo pipefail

packages=(clang libclang-rt-14-dev libomp-14-dev)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-fuzz-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
