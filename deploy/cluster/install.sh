#!/usr/bin/env bash
# Installs what `make cluster` needs beyond deploy/install-deps.sh: Debian's
# nginx (the front over the replicas) and PostgreSQL 15 (the shared store).
# Idempotent: installs only what is missing, and nothing when all is there.
# The packaged nginx service is not started: `make cluster` runs its own
# nginx on a loopback port with a config under the cluster dir.
set -euo pipefail

packages=(nginx postgresql-15 curl)
bash "$(dirname "$0")/../apt-ensure.sh" cluster "${packages[@]}"
