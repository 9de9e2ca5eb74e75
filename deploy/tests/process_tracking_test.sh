#!/usr/bin/env bash
# How ./mailoo tracks the processes it starts (deploy/local/common.sh component_pid, start_component): a component
# stays known while its command line reads without the marker for an instant, as it does during each exec of
# setsid → nohup → env → java; a live process that never carries the marker, and a dead one, are forgotten.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MAILOO_ROOT=$(mktemp -d)
export MAILOO_ROOT
mkdir -p "$MAILOO_ROOT/deploy" && cp -r "$REPO/deploy/jvm" "$MAILOO_ROOT/deploy/jvm"
# shellcheck source=/dev/null
source "$REPO/deploy/local/common.sh"
ensure_state_dirs

pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$MAILOO_ROOT"
}
trap cleanup EXIT

failures=0
check() { # check NAME COMMAND... : COMMAND must succeed
  local name=$1
  shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; failures=$((failures + 1)); fi
}

# A process whose command line gains the marker only after 0.15 s, by an exec (the marker is assembled at run time,
# so the first command line does not hold it): as a JVM's does while setsid, nohup and env exec in turn.
# (the loop keeps bash from exec'ing sleep, which would drop the marker again)
# shellcheck disable=SC2016
bash -c 'sleep 0.15; exec -a late-jvm bash -c "while sleep 1; do :; done" x "-Dmailoo.component=$0 " -jar' late &
pids+=($!)
disown
echo "$!" >"$(pid_file late)"
check "the record stays while the marker is missing for a moment" test "$(component_pid late)" = "${pids[0]}"
check "the pid file is still there" test -f "$(pid_file late)"
check "the marker arrived with the exec" carries_marker "${pids[0]}" late

# nginx (the gateway) rewrites its command line into one title that carries the marker after an '=':
# "nginx: master process ... env MAILOO_COMPONENT=-Dmailoo.component=gateway ;"
exec -a "nginx: master process /usr/sbin/nginx -g daemon off; env MAILOO_COMPONENT=-Dmailoo.component=titled ;" \
  sleep 30 &
pids+=($!)
disown
echo "$!" >"$(pid_file titled)"
check "a component whose title holds the marker after '=' is found" test "$(component_pid titled)" = "${pids[-1]}"
check "a name that only starts the marker's name does not match" test -z "$(carries_marker "${pids[-1]}" title && echo y)"

# A live process that is someone else's (a pid reused after a reboot): never carries the marker
sleep 30 &
pids+=($!)
disown
echo "$!" >"$(pid_file foreign)"
check "another program's pid is not taken for the component" test -z "$(component_pid foreign || true)"
check "and its stale record is removed" test ! -e "$(pid_file foreign)"

# A dead process: forgotten at once
bash -c 'exit 0' &
dead=$!
wait "$dead"
echo "$dead" >"$(pid_file gone)"
t0=$(now_ms)
check "a dead pid is not running" test -z "$(component_pid gone || true)"
check "and is forgotten without the half-second wait" test $(($(now_ms) - t0)) -lt 400

# start_component through the real setsid/nohup/env chain: asked repeatedly right after the start (when the
# exec chain is still going on), the component is known every time
logfile="$MAILOO_LOG_DIR/chain.log"
misses=0
for round in 1 2 3 4 5 6 7 8 9 10; do
  start_component chain "$logfile" env bash -c 'while sleep 1; do :; done' x "-Dmailoo.component=chain " -jar
  disown
  pid=$(<"$(pid_file chain)")
  pids+=("$pid")
  for i in 1 2 3 4 5; do
    [[ "$(component_pid chain || true)" == "$pid" ]] || misses=$((misses + 1))
  done
  kill -KILL "$pid" 2>/dev/null || true
done
check "a just-started component is found on each of 50 asks ($misses misses)" test "$misses" -eq 0

if ((failures)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "process tracking: all checks passed"
