#!/usr/bin/env bash
# Deployment tests (no services, no Docker, no cluster needed): the gateway's routing with the real nginx against
# stub upstreams, ./mailoo watch's formatter, the compose / k8s / observability validation, and ./mailoo up's
# staleness check and how it tracks the processes it starts.
# Installs what it needs on a fresh Debian machine: nginx-light (for nginx) and python3-yaml (for PyYAML).
# Run by .ci/run after ./mailoo test; locally: deploy/tests/run.sh
set -euo pipefail
MAILOO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export MAILOO_ROOT
# shellcheck source=/dev/null
source "$MAILOO_ROOT/deploy/local/common.sh"
# shellcheck source=/dev/null
source "$MAILOO_ROOT/deploy/local/gateway.sh"

NGINX=$(ensure_nginx)
PATH="$(dirname "$NGINX"):$PATH"
export PATH

PY=python3
if ! $PY -c 'import yaml' 2>/dev/null; then
  if /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
    PY=/usr/bin/python3
  else
    log "installing python3-yaml with apt-get"
    sudo=""; ((EUID == 0)) || sudo=sudo
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-yaml >&2 \
      || { $sudo apt-get update -q >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-yaml >&2; } \
      || die "could not install python3-yaml"
    PY=/usr/bin/python3
  fi
fi

rc=0
for t in gateway_routes_test.py watch_format_test.py deployment_test.py; do
  log "deploy/tests/$t"
  if "$PY" "$MAILOO_ROOT/deploy/tests/$t"; then ok "$t"; else warn "$t failed"; rc=1; fi
done
log "deploy/tests/process_tracking_test.sh"
if bash "$MAILOO_ROOT/deploy/tests/process_tracking_test.sh"; then ok "process_tracking_test.sh"; else warn "process_tracking_test.sh failed"; rc=1; fi
log "deploy/tests/build_staleness_test.sh"
if bash "$MAILOO_ROOT/deploy/tests/build_staleness_test.sh"; then ok "build_staleness_test.sh"; else warn "build_staleness_test.sh failed"; rc=1; fi
if ((rc == 0)); then ok "deploy tests passed"; else warn "deploy tests FAILED"; fi
exit "$rc"
