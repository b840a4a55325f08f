#!/usr/bin/env bash
# Installs the Debian packages named on the command line that are not yet
# installed; does nothing (and needs no network) when all are. The one place
# the project calls apt-get: install-deps.sh, install-fuzz-deps.sh,
# cluster/install.sh and benchmarks/http/run_wrk.sh use it.
# Packages with a service (postgresql-15, nginx) are installed without
# starting it: qiancheng's tests and `make cluster` start their own servers
# on loopback, and a system one would only hold ports and memory. That is
# done with a policy-rc.d that refuses starts, removed again afterwards (left
# alone when the machine already has one).
# Usage: apt-ensure.sh WHO PACKAGE...   (WHO prefixes the progress line)
set -euo pipefail

who=$1
shift
missing=()
for p in "$@"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "$who: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
policy=/usr/sbin/policy-rc.d
added_policy=false
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
  "${sudo_cmd[@]}" chmod 755 "$policy"
  added_policy=true
fi
trap '[ "$added_policy" = true ] && "${sudo_cmd[@]}" rm -f "$policy"' EXIT
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
  --no-install-recommends "${missing[@]}"
