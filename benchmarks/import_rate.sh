#!/usr/bin/env bash
# Import rate of `qiancheng import` (issue 3): the first N generated vacancies of
# the medium world (qiancheng bench-data --scale medium --seed 1), NDJSON, into
# a fresh SQLite data dir. Prints the importer's own summary line.
# Usage: benchmarks/import_rate.sh [BUILD_DIR] [N]
set -euo pipefail
build=${1:-build}
n=${2:-100000}
bin="$build/api/qiancheng"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" bench-data --scale medium --seed 1 --out "$work/world" >/dev/null
head -n "$n" "$work/world/vacancies.ndjson" > "$work/vacancies.ndjson"
rm -rf "$work/world"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" import "$work/vacancies.ndjson" --kind vacancies --data-dir "$work/data" 2>/dev/null
