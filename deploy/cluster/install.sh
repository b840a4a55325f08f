#!/usr/bin/env bash
# Installs what `make cluster` needs beyond deploy/install-deps.sh: Debian's
# nginx (the front over the replicas) and PostgreSQL 15 (the shared store).
# Idempotent: installs only what is missing, and nothing when all is there.
# The packaged nginx service is not started: `make cluster` runs its own
# nginx on a loopback port with a config under the cluster dir.
set -euo pipefail

packages=(nginx postgresql-15 curl)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
echo "cluster: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
# policy-rc.d refuses service starts inside the install (exit 101), so a
# package does not start a system nginx on port 80 behind our back.
policy=/usr/sbin/policy-rc.d
added_policy=false
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
  added_policy=true
fi
trap '[ "$added_policy" = true ] && "${sudo[@]}" rm -f "$policy"' EXIT
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
  --no-install-recommends "${missing[@]}" >/dev/null
