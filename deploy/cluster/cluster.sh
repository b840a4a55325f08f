#!/usr/bin/env bash
# A three-replica qiancheng cluster on this machine, for trying the shared
# PostgreSQL store and the nginx front (see README.md here).
#   cluster.sh start QIANCHENG_BINARY   `make cluster`
#   cluster.sh stop                     `make cluster-stop`
# start: PostgreSQL 15 on 127.0.0.1 (initdb on first start), the generated
# small world imported once into it, three `qiancheng serve --store ...`
# replicas and nginx over them; prints the URL and the admin key. Everything
# lives in the cluster dir (default: .cluster/ in the repository), and every
# process started is recorded there, so stop ends exactly those.
# Settings (environment): QC_CLUSTER_DIR, QC_CLUSTER_PORTS (three replica
# ports, default "8081 8082 8083"), QC_CLUSTER_NGINX_PORT (8090),
# QC_CLUSTER_PG_PORT (55432), QC_PG_BINDIR (/usr/lib/postgresql/15/bin).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${QC_CLUSTER_DIR:-$root/.cluster}
read -r -a ports <<<"${QC_CLUSTER_PORTS:-8081 8082 8083}"
nginx_port=${QC_CLUSTER_NGINX_PORT:-8090}
pg_port=${QC_CLUSTER_PG_PORT:-55432}
pg_bin=${QC_PG_BINDIR:-/usr/lib/postgresql/15/bin}
store_url="postgresql://qc@127.0.0.1:$pg_port/qiancheng"
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); fi

say() { echo "cluster: $*" >&2; }

# True when pid file $1 names a live process whose command line holds $2:
# a pid reused by something else after a reboot is never signalled.
alive() {
  local pid
  pid=$(head -n1 "$1" 2>/dev/null || true)
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] &&
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
}

start_postgres() {
  local pg=$dir/pg
  if [ ! -f "$pg/data/PG_VERSION" ]; then
    say "initdb $pg/data"
    rm -rf "$pg"
    mkdir -p "$pg"
    chmod 755 "$pg"
    if [ ${#as_pg[@]} -gt 0 ]; then chown postgres "$pg"; fi
    # trust on loopback only: a local development cluster, not a deployment.
    "${as_pg[@]}" "$pg_bin/initdb" -D "$pg/data" -U qc --auth=trust -E UTF8 \
      --locale=C --no-instructions >"$pg/initdb.log" 2>&1 ||
      { cat "$pg/initdb.log" >&2; exit 1; }
    cat >>"$pg/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$pg'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 100
CONF
  fi
  if "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg/data" status >/dev/null 2>&1; then
    say "PostgreSQL already running"
  else
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w -t 60 \
      start >/dev/null
  fi
  if ! psql -qAt "postgresql://qc@127.0.0.1:$pg_port/postgres" \
    -c "SELECT 1 FROM pg_database WHERE datname = 'qiancheng'" | grep -q 1; then
    psql -q "postgresql://qc@127.0.0.1:$pg_port/postgres" \
      -c "CREATE DATABASE qiancheng" >/dev/null
  fi
}

# The generated small world, imported once through the store URL.
load_world() {
  if [ -f "$dir/.loaded" ]; then return; fi
  local world=$dir/world
  say "generating the small world (seed 1) into $world"
  "$bin" bench-data --scale small --seed 1 --out "$world" >/dev/null
  for kind in occupations shortage-entries institutions training-projects \
    vacancies workers outcomes; do
    if [ -f "$world/$kind.ndjson" ]; then
      say "importing $kind"
      QIANCHENG_STORE_URL=$store_url QIANCHENG_SECRET_FILE=$dir/secret.key \
        "$bin" --reference-dir "$root/data" import "$world/$kind.ndjson" \
        --kind "$kind" --data-dir "$dir/import" >>"$dir/import.log" 2>&1 ||
        [ $? -eq 3 ] ||
        { tail -n 5 "$dir/import.log" >&2; exit 1; }
    fi
  done
  touch "$dir/.loaded"
}

start_replica() {
  local i=$1 port=$2
  local pidfile=$dir/replica-$i.pid
  if alive "$pidfile" qiancheng; then
    say "replica $i already running (pid $(cat "$pidfile"))"
    return
  fi
  mkdir -p "$dir/replica-$i"
  QIANCHENG_ADMIN_KEY=$admin_key setsid "$bin" --reference-dir "$root/data" \
    serve --store "$store_url" --secret-file "$dir/secret.key" \
    --data-dir "$dir/replica-$i" --port "$port" --today "$today" \
    --console-dir "$root/api/console" \
    --access-log "$dir/replica-$i.access.log" \
    </dev/null >"$dir/replica-$i.log" 2>&1 &
  echo $! >"$pidfile"
}

wait_replica() {
  local i=$1 port=$2
  for _ in $(seq 600); do
    if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then return; fi
    if ! alive "$dir/replica-$i.pid" qiancheng; then
      say "replica $i failed to start:"
      tail -n 20 "$dir/replica-$i.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  say "replica $i did not answer on :$port within 5 minutes"
  exit 1
}

start_nginx() {
  local conf=$dir/nginx
  mkdir -p "$conf"
  if alive "$conf/nginx.pid" nginx; then
    say "nginx already running"
    return
  fi
  # The production front with this cluster's listen address and ports.
  sed -e "s/listen 80;/listen 127.0.0.1:$nginx_port;/" \
    -e "s/127.0.0.1:8081/127.0.0.1:${ports[0]}/" \
    -e "s/127.0.0.1:8082/127.0.0.1:${ports[1]}/" \
    -e "s/127.0.0.1:8083/127.0.0.1:${ports[2]}/" \
    "$root/deploy/nginx/qiancheng-cluster.conf" >"$conf/qiancheng-cluster.conf"
  cat >"$conf/nginx.conf" <<CONF
worker_processes 1;
pid $conf/nginx.pid;
error_log $conf/error.log;
events { worker_connections 1024; }
http {
    access_log $conf/access.log;
    client_body_temp_path $conf/client_body;
    proxy_temp_path $conf/proxy;
    fastcgi_temp_path $conf/fastcgi;
    uwsgi_temp_path $conf/uwsgi;
    scgi_temp_path $conf/scgi;
    include $conf/qiancheng-cluster.conf;
}
CONF
  nginx -p "$conf" -c "$conf/nginx.conf" -t -q
  nginx -p "$conf" -c "$conf/nginx.conf"
}

start() {
  bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
  [ -x "$bin" ] || { say "no qiancheng binary at $1"; exit 1; }
  bash "$root/deploy/cluster/install.sh"
  mkdir -p "$dir"
  chmod 755 "$dir"
  # One secret for every replica and the import (see api/app.h), and the
  # cluster's admin key: both made once, mode 0600.
  if [ ! -s "$dir/secret.key" ]; then
    (umask 077; head -c 32 /dev/urandom >"$dir/secret.key")
  fi
  if [ ! -s "$dir/admin-key" ]; then
    (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/admin-key")
  fi
  admin_key=$(cat "$dir/admin-key")
  start_postgres
  load_world
  today=$(sed -n 's/.*"today": *"\([0-9-]*\)".*/\1/p' "$dir/world/manifest.json" | head -1)
  # The first replica fits the embedder from the store; the others take a
  # copy, so all three rank with the same model (and only one pays the fit).
  start_replica 1 "${ports[0]}"
  wait_replica 1 "${ports[0]}"
  for i in 2 3; do
    if [ ! -f "$dir/replica-$i/models/embedder.bin" ]; then
      mkdir -p "$dir/replica-$i/models"
      cp "$dir/replica-1/models/embedder.bin" "$dir/replica-$i/models/"
    fi
    start_replica "$i" "${ports[$((i - 1))]}"
  done
  for i in 2 3; do wait_replica "$i" "${ports[$((i - 1))]}"; done
  start_nginx
  echo
  echo "  qiancheng cluster: http://127.0.0.1:$nginx_port/  (nginx over replicas on :${ports[*]}; world as of $today)"
  echo "  admin key:         $admin_key"
  echo "  store:             $store_url"
  echo "  try:               curl -H 'Authorization: Bearer $admin_key' http://127.0.0.1:$nginx_port/v1/training-projects?limit=3"
  echo "  stop:              make cluster-stop   (data stays in $dir; remove it to start afresh)"
  echo
}

stop_pidfile() {
  local pidfile=$1 pattern=$2 signal=$3
  if alive "$pidfile" "$pattern"; then
    local pid
    pid=$(cat "$pidfile")
    kill "-$signal" "$pid"
    for _ in $(seq 100); do
      [ -d "/proc/$pid" ] || break
      sleep 0.1
    done
    if [ -d "/proc/$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
    say "stopped $(basename "$pidfile" .pid) (pid $pid)"
  fi
  rm -f "$pidfile"
}

stop() {
  stop_pidfile "$dir/nginx/nginx.pid" nginx QUIT
  for i in 1 2 3; do stop_pidfile "$dir/replica-$i.pid" qiancheng TERM; done
  if [ -f "$dir/pg/data/postmaster.pid" ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null &&
      say "stopped PostgreSQL"
  fi
}

case "${1:-}" in
  start) start "${2:?usage: cluster.sh start QIANCHENG_BINARY}" ;;
  stop) stop ;;
  *)
    echo "usage: cluster.sh start QIANCHENG_BINARY | stop" >&2
    exit 2
    ;;
esac
