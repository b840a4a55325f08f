#!/usr/bin/env bash
# `make run`: loads the generated demo world into an embedded SQLite data dir
# (once) and serves the API and console on http://127.0.0.1:PORT.
# Usage: run-demo.sh QIANCHENG_BINARY DATA_DIR PORT
set -euo pipefail
bin=$1 data_dir=$2 port=$3
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$data_dir"
chmod 700 "$data_dir"

# A local demo admin key, kept beside the data (mode 0600) so that the URL and
# key can be printed on every start. Production keys come from QIANCHENG_ADMIN_KEY.
key_file="$data_dir/demo-admin-key"
if [ ! -s "$key_file" ]; then
  (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$key_file")
fi
admin_key=$(cat "$key_file")

if [ ! -f "$data_dir/.demo-loaded" ]; then
  world="$data_dir/demo-world"
  echo "make run: generating the demo world (generated data, seed 1) into $world" >&2
  "$bin" bench-data --scale small --seed 1 --out "$world"
  for kind in occupations shortage-entries institutions training-projects vacancies workers outcomes; do
    if [ -f "$world/$kind.ndjson" ]; then
      "$bin" import "$world/$kind.ndjson" --kind "$kind" --data-dir "$data_dir" || [ $? -eq 3 ]
    fi
  done
  touch "$data_dir/.demo-loaded"
fi

# The generated world's dates are relative to the day it was generated for
# (manifest "today"); serve judges recommendations and subsidies as of that
# day, so the demo shows open classes whatever the calendar says.
world_today=$(sed -n 's/.*"today": *"\([0-9-]*\)".*/\1/p' "$data_dir/demo-world/manifest.json" | head -1)

echo
echo "  qiancheng demo: http://127.0.0.1:$port/  (generated world as of ${world_today:-today})"
echo "  admin key:      $admin_key"
echo "  try:            curl -H 'Authorization: Bearer $admin_key' http://127.0.0.1:$port/v1/training-projects?limit=3"
echo
QIANCHENG_ADMIN_KEY="$admin_key" exec "$bin" --reference-dir "$root/data" serve \
  --data-dir "$data_dir" --port "$port" --console-dir "$root/api/console" \
  ${world_today:+--today "$world_today"}
