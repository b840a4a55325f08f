#!/usr/bin/env bash
# Installs the Debian packages that qiancheng's build, tests, demo and benchmarks
# need. Idempotent: when every package is present it does nothing (no network).
set -euo pipefail

packages=(
  build-essential cmake pkg-config clang-format
  libeigen3-dev libfaiss-dev libopenblas-dev libhnswlib-dev
  libcpp-httplib-dev nlohmann-json3-dev libssl-dev zlib1g-dev
  libsqlite3-dev libpq-dev postgresql-15 procps libopencc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  curl python3 wrk
  # The console's browser test (headless Chromium driven by playwright-core).
  chromium fonts-noto-cjk
  # The analysis notebooks, executed headless by `make notebooks` and a test.
  jupyter-nbconvert python3-nbconvert python3-ipykernel jupyter-client
  python3-pandas python3-matplotlib
)

bash "$(dirname "$0")/apt-ensure.sh" install-deps "${packages[@]}"
