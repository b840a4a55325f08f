#!/usr/bin/env bash
# The scale benchmark (issue 9): generate a world, import it, time the
# recommendation pipelines on it and the vector index at that size.
#   1. qiancheng bench-data --scale SCALE --seed 1        (time, RSS)
#   2. qiancheng import, every kind in manifest order     (rows/s per kind)
#   3. recommend_bench on the imported data dir           (read-side build
#      time and RSS, p50/p99 per pipeline, ratio to the post-filter peer)
#   4. index_bench on N x 256 clustered vectors, one process: filtered
#      top-10 at selectivities 100, 10, 1, 0.1 % (issue 9) for ours (FaissIndex,
#      default settings: recall@10 vs the exact filtered search, p50, p99),
#      the exact filtered flat scan (p50, p99) and a naive hnswlib
#      post-filter (recall, p50, p99); build time, bytes per vector, RSS.
#      About 4-7 minutes at 1M on 2 cores (mostly the two builds).
# Writes benchmarks/results/scale_SCALE.json (and the raw outputs next to it
# under benchmarks/results/scale_SCALE/). The whole run is CPU-heavy (see
# RESULTS.md, "Scale", for its duration on 2 cores). To re-measure the
# pipelines on a kept WORK_DIR, run step 3's command by hand against
# WORK_DIR/data: its model and index snapshots are reused.
# Usage: benchmarks/scale/run_scale.sh [BUILD_DIR] [SCALE] [WORK_DIR]
#   SCALE defaults to medium; WORK_DIR (kept) defaults to a temporary dir that
#   is removed at the end. QC_SCALE_INDEX_N overrides step 4's N (default:
#   the scale's vacancy count, 1M for medium).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
scale=${2:-medium}
work=${3:-}
bin="$build/api/qiancheng"
bench="$build/benchmarks/recommend_bench"
index_bench="$build/benchmarks/index_bench"  # step 4
for f in "$bin" "$bench" "$index_bench" /usr/bin/time; do
  [ -x "$f" ] || { echo "run_scale: missing $f (build the qiancheng, recommend_bench and index_bench targets)" >&2; exit 1; }
done
if [ -z "$work" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
results="$repo/benchmarks/results"
raw="$results/scale_$scale"
mkdir -p "$raw"
case "$scale" in
  small) index_n=20000 ;;
  medium) index_n=1000000 ;;
  large) index_n=2000000 ;;
  *) index_n=100000 ;;
esac
index_n=${QC_SCALE_INDEX_N:-$index_n}
log() { echo "run_scale: $(date -u +%H:%M:%S) $*" >&2; }

# Runs "$@" under /usr/bin/time -v; the time report goes to $raw/$name.time.
timed() {
  local name=$1
  shift
  /usr/bin/time -v -o "$raw/$name.time" "$@"
}

uptime > "$raw/load_start.txt"
log "1/4 bench-data --scale $scale"
timed bench_data "$bin" bench-data --scale "$scale" --seed 1 --out "$work/world" \
  > "$raw/bench_data.out"

log "2/4 import"
: > "$raw/import.tsv"
kinds=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["import_order"]))' \
  "$work/world/manifest.json")
for kind in $kinds; do
  file="$work/world/$kind.ndjson"
  [ -f "$file" ] || continue
  rows=$(wc -l < "$file")
  start=$(date +%s.%N)
  timed "import_$kind" "$bin" import "$file" --kind "$kind" --data-dir "$work/data" \
    > "$raw/import_$kind.out" 2> "$raw/import_$kind.err"
  end=$(date +%s.%N)
  printf '%s\t%s\t%s\n' "$kind" "$rows" "$(echo "$end - $start" | bc)" >> "$raw/import.tsv"
  log "  $kind: $rows rows"
done
rm -rf "$work/world"

log "3/4 recommend_bench (builds the read side: model, embeddings, indexes)"
QC_BENCH_SCALE=$scale QC_BENCH_WORLD_DIR="$work/data" OMP_NUM_THREADS=1 \
  timed recommend_bench "$bench" --benchmark_min_time=2 \
  --benchmark_out="$raw/recommend_bench.json" --benchmark_out_format=json \
  > "$raw/recommend_bench.out" 2> "$raw/recommend_bench.err"

# Ours, the exact scan and the post-filter peer see the same vectors, filters
# and queries in one process; the peers' other benchmarks are filtered out.
log "4/4 index_bench, N=$index_n x 256"
QC_INDEX_BENCH_N="$index_n" QC_INDEX_BENCH_DIM=256 QC_INDEX_BENCH_RAW_FAISS=0 \
  QC_INDEX_BENCH_SELECTIVITY=1,0.1,0.01,0.001 \
  timed bench_index "$index_bench" \
  --benchmark_filter='^BM_Index_(Build|FilteredTop10_(Ours/[0-9]+/0/|ExactScan|HnswlibPostFilter))' \
  --benchmark_counters_tabular=true \
  --benchmark_out="$raw/bench_index.json" --benchmark_out_format=json \
  > "$raw/bench_index.out" 2> "$raw/bench_index.err"
uptime > "$raw/load_end.txt"

python3 "$here/summarize.py" "$raw" "$scale" > "$results/scale_$scale.json"
log "wrote $results/scale_$scale.json"
