#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests and benchmarks.
#   pg_server.sh start DIR [WATCH_PID]  initdb DIR/data, start on a Unix socket
#                                       in DIR (no TCP), fsync on; prints the
#                                       admin URL
#   pg_server.sh stop DIR               stop it and remove DIR
#   pg_server.sh kill9 DIR              SIGKILL the server and its backends
#   pg_server.sh restart DIR [WATCH_PID] start it again on the same data
# A watchdog stops the server and removes DIR when WATCH_PID (default: the
# caller, e.g. ctest) exits, so an interrupted run never leaves a server.
# Runs the server as "postgres" when called as root (initdb refuses root).
# Without the binaries: exit 1 under CI=true; otherwise write DIR/unavailable
# with the reason and exit 0, so tests skip with that message.
set -euo pipefail

cmd=${1:?usage: pg_server.sh start|stop|kill9|restart DIR [WATCH_PID]}
dir=${2:?missing DIR}
watch=${3:-$PPID}
bindir=${QC_PG_BINDIR:-/usr/lib/postgresql/15/bin}
as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi

postmaster_pid() { head -n1 "$dir/data/postmaster.pid" 2>/dev/null || true; }

# True while one of the pids runs (a zombie waiting for init does not count).
any_running() {
  local p state
  for p in "$@"; do
    state=$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null || true)
    if [ -n "$state" ] && [ "$state" != Z ]; then return 0; fi
  done
  return 1
}

stop_server() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop \
      >/dev/null 2>&1 || true
  fi
}

start_watchdog() {
  local pid
  pid=$(postmaster_pid)
  # Detached from the caller's pipes, so ctest does not wait for it.
  setsid bash -c '
    while kill -0 "$1" 2>/dev/null && [ "$(head -n1 "$2/data/postmaster.pid" 2>/dev/null)" = "$3" ]; do
      sleep 1
    done
    if [ "$(head -n1 "$2/data/postmaster.pid" 2>/dev/null)" = "$3" ]; then
      "$0" stop "$2"
    fi' "$0" "$watch" "$dir" "$pid" </dev/null >/dev/null 2>&1 &
}

start_postmaster() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -t 60 start >/dev/null
  start_watchdog
}

case "$cmd" in
  start)
    if [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
      why="PostgreSQL binaries not found in $bindir (set QC_PG_BINDIR, or run deploy/install-deps.sh)"
      if [ "${CI:-}" = "true" ]; then echo "pg_server: $why" >&2; exit 1; fi
      mkdir -p "$dir" && echo "$why" >"$dir/unavailable"
      echo "pg_server: $why; PostgreSQL tests will skip" >&2
      exit 0
    fi
    stop_server  # a stale server from an interrupted run
    rm -rf "$dir"
    mkdir -p "$dir"
    chmod 755 "$dir"
    if [ ${#as_owner[@]} -gt 0 ]; then chown postgres "$dir"; fi
    # --no-sync only skips initdb's own flush of the fresh cluster; the
    # server runs with fsync on.
    "${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U qc --auth=trust \
      -E UTF8 --locale=C --no-sync --no-instructions >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 200
# After a crash, flush the data directory with one syncfs() rather than an
# fsync() per file before recovery: as safe, seconds faster.
recovery_init_sync_method = syncfs
CONF
    start_postmaster
    echo "postgresql:///postgres?host=$dir&user=qc"
    ;;
  restart)
    start_postmaster
    ;;
  kill9)
    pid=$(postmaster_pid)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      # PostgreSQL's children setsid() themselves: kill them by parent pid,
      # listed before the postmaster dies and they are reparented.
      children=$(pgrep -P "$pid" || true)
      kill -KILL "$pid" $children 2>/dev/null || true
      for _ in $(seq 200); do
        any_running "$pid" $children || break
        sleep 0.02
      done
      # The dead postmaster may linger as a zombie until init reaps it, and a
      # new one would take its lock files for a live server's: remove them.
      rm -f "$dir/data/postmaster.pid" "$dir"/.s.PGSQL.*
    fi
    ;;
  stop)
    stop_server
    rm -rf "$dir"
    ;;
  *)
    echo "pg_server: unknown command $cmd" >&2
    exit 2
    ;;
esac
