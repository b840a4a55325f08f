#!/usr/bin/env bash
# `make bench`: runs every Google Benchmark binary of the build, single thread,
# writing JSON next to the console output under BUILD/bench-results/.
set -euo pipefail
build=${1:-build}
out="$build/bench-results"
mkdir -p "$out"
for bin in "$build"/benchmarks/*_bench; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  echo "== $name" >&2
  OMP_NUM_THREADS=1 "$bin" --benchmark_out="$out/$name.json" --benchmark_out_format=json \
    --benchmark_min_time=0.2
done
echo "results in $out" >&2
