#!/usr/bin/env bash
# `make bench`: the micro suite. Runs every Google Benchmark binary of the
# build, single thread, in under 10 minutes on 2 cores, writing the JSON of
# each to BUILD/bench-results/<name>.json and to
# benchmarks/results/micro_<name>.json (read by the notebooks), and one
# console log per binary next to it.
# Usage: benchmarks/run_micro.sh [BUILD_DIR]
# Budget per binary (why the knobs below): a vector-index run at 100k builds
# three graphs (ours, raw FAISS, hnswlib: about a minute on 2 cores), so the
# micro suite runs it at 50k (QC_INDEX_BENCH_N overrides); recommend_bench
# generates and imports the small world and builds its read side once (about
# a minute); the PostgreSQL peer of store_pg_bench skips itself without a
# server. Full-size figures come from benchmarks/scale/run_scale.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
out="$build/bench-results"
results="$here/results"
mkdir -p "$out" "$results"
# Before OMP_NUM_THREADS: GNU nproc reports that variable, not the machine.
machine="$(nproc --all) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "machine: $machine; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
export OMP_NUM_THREADS=1
export QC_INDEX_BENCH_N=${QC_INDEX_BENCH_N:-50000}
export QC_BENCH_SCALE=${QC_BENCH_SCALE:-small}
start=$(date +%s)
for bin in "$build"/benchmarks/*_bench; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  min_time=0.2
  filter=.
  case "$name" in
    # Single upserts fsync each row: 0.2 s is already dozens of commits.
    store_bench | store_pg_bench) min_time=0.1 ;;
    # Each iteration is one request; p50/p99 need a few hundred per pipeline.
    recommend_bench) min_time=0.5 ;;
  esac
  t0=$(date +%s)
  echo "== $name" >&2
  "$bin" --benchmark_filter="$filter" --benchmark_min_time="$min_time" \
    --benchmark_out="$out/$name.json" --benchmark_out_format=json \
    --benchmark_counters_tabular=true 2>&1 | tee "$out/$name.log"
  cp "$out/$name.json" "$results/micro_${name%_bench}.json"
  echo "== $name: $(( $(date +%s) - t0 )) s" >&2
done
echo "micro suite: $(( $(date +%s) - start )) s; results in $out and $results" >&2
