#!/usr/bin/env bash
# Read throughput through nginx over 1, 2 and 3 replicas (issue 11).
# Needs the cluster of `make cluster` running (deploy/cluster/: PostgreSQL, three
# `qiancheng serve` replicas on QC_CLUSTER_PORTS, the small world loaded).
# For N = 1, 2, 3 it starts a private nginx on 127.0.0.1:$((QC_BENCH_NGINX_PORT))
# whose upstream holds the first N replicas, runs run_wrk.sh through it, stops
# that nginx, and also runs wrk straight at replica 1 (no nginx) as the
# baseline. Prints the wrk output and, last, one JSON line per run:
#   {"target": "nginx-1"|"nginx-2"|"nginx-3"|"direct-1", ...run_wrk's JSON}
#
# The nginx config is deploy/nginx/qiancheng-cluster.conf with the upstream
# cut to N servers and its per-client-IP limits (limit_req 50 r/s, limit_conn
# 50) removed: they protect the service from one abusive client, and wrk is
# exactly one client; everything else (keepalive, buffering, timeouts) is the
# production front.
#
# Usage: cluster_reads.sh [--duration 30s] [--connections 8] [--threads 2]
#                         [--path TEMPLATE]
# Environment: QC_CLUSTER_DIR (default .cluster in the repository),
# QC_CLUSTER_PORTS ("8081 8082 8083"), QC_BENCH_NGINX_PORT (8095).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/benchmarks/http
dir=${QC_CLUSTER_DIR:-$root/.cluster}
read -r -a ports <<<"${QC_CLUSTER_PORTS:-8081 8082 8083}"
nginx_port=${QC_BENCH_NGINX_PORT:-8095}
duration=30s connections=8 threads=2
path_template="/v1/workers/{id}/recommendations/trainings?k=10"
while [ $# -gt 0 ]; do
  case $1 in
    --duration) duration=$2 ;;
    --connections) connections=$2 ;;
    --threads) threads=$2 ;;
    --path) path_template=$2 ;;
    *) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift 2
done
[ -s "$dir/admin-key" ] && [ -s "$dir/world/workers.ndjson" ] ||
  { echo "cluster_reads: no cluster in $dir (run make cluster)" >&2; exit 2; }
for port in "${ports[@]}"; do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null ||
    { echo "cluster_reads: replica :$port is not ready" >&2; exit 2; }
done

work=$(mktemp -d /tmp/qc-cluster-reads-XXXXXX)
nginx_pid=""
cleanup() {
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

python3 "$here/write_ids.py" "$dir/world/workers.ndjson" "$work/ids.txt"
export QC_API_KEY
QC_API_KEY=$(cat "$dir/admin-key")
summaries=()

run() {  # run TARGET URL
  local out=$work/$1.out
  bash "$here/run_wrk.sh" --url "$2" --ids "$work/ids.txt" \
    --duration "$duration" --connections "$connections" --threads "$threads" \
    --path "$path_template" | tee "$out"
  local json
  json=$(grep '^{' "$out" | tail -n 1)
  summaries+=("{\"target\": \"$1\", ${json#\{}")
}

start_nginx() {  # start_nginx N
  local n=$1 conf=$work/nginx-$1
  mkdir -p "$conf"
  awk -v n="$n" -v port="$nginx_port" '
    /limit_req|limit_conn/ { next }
    /^[[:space:]]*server 127\.0\.0\.1:808[0-9]/ {
      if (++servers > n) next
    }
    { sub(/listen 80;/, "listen 127.0.0.1:" port ";"); print }
  ' "$root/deploy/nginx/qiancheng-cluster.conf" |
    sed -e "s/127.0.0.1:8081/127.0.0.1:${ports[0]}/" \
      -e "s/127.0.0.1:8082/127.0.0.1:${ports[1]}/" \
      -e "s/127.0.0.1:8083/127.0.0.1:${ports[2]}/" >"$conf/front.conf"
  cat >"$conf/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $conf/nginx.pid;
error_log $conf/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $conf/client_body;
    proxy_temp_path $conf/proxy;
    fastcgi_temp_path $conf/fastcgi;
    uwsgi_temp_path $conf/uwsgi;
    scgi_temp_path $conf/scgi;
    include $conf/front.conf;
}
CONF
  nginx -p "$conf" -c "$conf/nginx.conf" -t -q
  nginx -p "$conf" -c "$conf/nginx.conf" &
  nginx_pid=$!
  for _ in $(seq 50); do
    curl -fs "http://127.0.0.1:$nginx_port/healthz" >/dev/null 2>&1 && return
    sleep 0.1
  done
  echo "cluster_reads: nginx did not start (see $conf/error.log)" >&2
  exit 1
}

stop_nginx() {
  kill "$nginx_pid"
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=""
}

run direct-1 "http://127.0.0.1:${ports[0]}"
for n in 1 2 3; do
  start_nginx "$n"
  run "nginx-$n" "http://127.0.0.1:$nginx_port"
  stop_nginx
done
printf '%s\n' "${summaries[@]}"
