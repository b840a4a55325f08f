#!/usr/bin/env bash
# console_browser_test: the counselor console driven in headless Chromium
# against a real server on a loopback port, on the generated small world.
#   1. npm ci (playwright-core, pinned by package-lock.json) into the build tree;
#   2. bench-data --scale small --seed 1, imported like deploy/run-demo.sh;
#   3. serve --port 0 --today 2026-11-24 with a fresh admin key;
#   4. console_test.mjs: counselor keys, sign in, recommendation + subsidy
#      explanation, record an outcome, feed, another region's 403, screenshot.
# The server (and the browser, through node) is stopped on every exit path.
# Usage: run_console_test.sh QIANCHENG_BINARY SOURCE_DIR WORK_DIR ARTIFACT_DIR
set -euo pipefail
bin=$1 src=$2 work=$3 artifacts=$4
today=2026-11-24
chromium=${QC_CHROMIUM:-/usr/bin/chromium}

server_pid="" node_pid=""
cleanup() {
  local status=$?
  if [ -n "$node_pid" ]; then kill "$node_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -x "$chromium" ]; then
  echo "console_browser_test: no Chromium at $chromium (deploy/install-deps.sh installs it)" >&2
  exit 1
fi
mkdir -p "$work" "$artifacts"

# 1. playwright-core, reinstalled only when the lock file changed.
node_dir="$work/node"
mkdir -p "$node_dir"
if ! cmp -s "$src/tests/browser/package-lock.json" "$node_dir/package-lock.json" ||
   [ ! -d "$node_dir/node_modules/playwright-core" ]; then
  cp "$src/tests/browser/package.json" "$src/tests/browser/package-lock.json" "$node_dir/"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi

# 2. The generated world (deterministic for the seed, so generated once per
# build tree) and a fresh data dir: the test writes an outcome.
world="$work/world"
if [ ! -f "$world/manifest.json" ]; then
  rm -rf "$world"
  "$bin" bench-data --scale small --seed 1 --out "$world" >/dev/null
fi
data="$work/data"
rm -rf "$data"
mkdir -p "$data"
chmod 700 "$data"
for kind in occupations shortage-entries institutions training-projects vacancies workers outcomes; do
  if [ -f "$world/$kind.ndjson" ]; then
    # Exit 3 is "imported, some rows rejected", as in deploy/run-demo.sh.
    "$bin" --reference-dir "$src/data" import "$world/$kind.ndjson" --kind "$kind" \
      --data-dir "$data" >/dev/null || [ $? -eq 3 ]
  fi
done

# 3. The server on a free port; it prints its address once the read side is up.
admin_key=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
log="$work/server.log"
QIANCHENG_ADMIN_KEY="$admin_key" "$bin" --reference-dir "$src/data" serve \
  --data-dir "$data" --port 0 --today "$today" --console-dir "$src/api/console" \
  --access-log "$work/access.log" >"$log" 2>&1 &
server_pid=$!
base=""
for _ in $(seq 1 600); do
  base=$(sed -n 's|^qiancheng: serving \(http://[0-9.]*:[0-9]*\)/.*|\1|p' "$log" | head -1)
  [ -n "$base" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "console_browser_test: the server exited:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.2
done
if [ -z "$base" ]; then
  echo "console_browser_test: the server did not start within 120 s" >&2
  cat "$log" >&2
  exit 1
fi

# 4. The browser part. The admin key reaches node through the environment,
# never the command line (visible in ps).
QC_BASE_URL="$base" QC_ADMIN_KEY="$admin_key" QC_WORLD="$world" QC_TODAY="$today" \
  QC_CHROMIUM="$chromium" QC_ARTIFACTS="$artifacts" QC_PROFILE="$work/chromium-profile" \
  QC_NODE_DIR="$node_dir" \
  node "$src/tests/browser/console_test.mjs" &
node_pid=$!
set +e
wait "$node_pid"
status=$?
set -e
node_pid=""
exit "$status"
