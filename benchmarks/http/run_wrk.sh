#!/usr/bin/env bash
# HTTP load against a running qiancheng server with wrk (starts no server).
# Prints wrk's latency distribution, then one JSON line from recommend.lua:
# {"requests", "duration_s", "requests_per_s", "latency_ms" {p50, p90, p99,
# max}, "errors" {non_2xx, connect, read, write, timeout}}.
#
# Usage: run_wrk.sh --url URL --ids FILE [--key KEY] [--duration 10s]
#                   [--connections 32] [--threads 2] [--path TEMPLATE]
#   --url          server base URL, e.g. http://127.0.0.1:8080
#   --ids          ids file from write_ids.py (one worker id per line)
#   --key          API key sent as "Authorization: Bearer KEY"; default
#                  $QC_API_KEY (prefer the variable: arguments show in ps)
#   --path         path template, "{id}" replaced per request; default
#                  /v1/workers/{id}/recommendations/trainings?k=10
# Installs wrk with apt-get if it is missing (idempotent).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
url="" ids="" key="${QC_API_KEY:-}" duration=10s connections=32 threads=2
path_template="/v1/workers/{id}/recommendations/trainings?k=10"

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit "${1:-2}"; }
while [ $# -gt 0 ]; do
  case $1 in
    --url) url=$2 ;;
    --ids) ids=$2 ;;
    --key) key=$2 ;;
    --duration) duration=$2 ;;
    --connections) connections=$2 ;;
    --threads) threads=$2 ;;
    --path) path_template=$2 ;;
    -h|--help) usage 0 ;;
    *) echo "run_wrk: unknown argument $1" >&2; usage ;;
  esac
  [ $# -ge 2 ] || usage
  shift 2
done
[ -n "$url" ] && [ -n "$ids" ] || usage
[ -s "$ids" ] || { echo "run_wrk: $ids is missing or empty (see write_ids.py)" >&2; exit 2; }

# wrk comes with install-deps.sh; this keeps the script usable on its own.
bash "$here/../../deploy/apt-ensure.sh" run_wrk wrk

# --latency: the percentile table; the Lua done() adds the JSON line last.
QC_API_KEY="$key" wrk --latency -t "$threads" -c "$connections" -d "$duration" \
  -s "$here/recommend.lua" "$url" -- "$ids" "$path_template"
