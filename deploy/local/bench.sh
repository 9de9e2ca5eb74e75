#!/usr/bin/env bash
# ./mailoo bench dispatch [--messages N] [--profiles P] [--size BYTES] [--sink-port PORT] [--timeout SECONDS] [--keep-up]
# ./mailoo bench orders   [--rate R] [--seconds S] ...   (deploy/local/bench_orders.sh; ./mailoo bench orders --help)
#
# dispatch measures, against one Postfix smtp-sink on 127.0.0.1 started for the run:
#   1. the reference   smtp-source -d -s 20 (Postfix's own load generator, 20 sessions, connection reuse)
#   2. a bare Vert.x   MailClient loop (benchmarks/dispatch-bench, P clients on their own event-loop contexts)
#   3. mail-dispatch-service end to end (Kafka request -> SMTP -> Kafka result), with P bench profiles
# and prints the three rates and the ratios dispatch/smtp-source (target >= 0.16: issue 12's floor with the whole stack
# up, above DESIGN §7's 0.12) and dispatch/bare, and the CPU each process used while dispatch was measured.
# See docs/benchmarks.md.
set -euo pipefail

: "${MAILOO_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export MAILOO_ROOT
# shellcheck source=/dev/null
source "$MAILOO_ROOT/deploy/local/common.sh"
# shellcheck source=/dev/null
source "$MAILOO_ROOT/deploy/local/postgres.sh"

: "${MAILOO_BENCH_SINK_PORT:=2526}"
# C1 only: the harness's C2 compilations cost it twice the CPU (6.5-7.3 CPU-s against 3.5 in a 50,000 burst) on the
# cores the measured stack needs, and a 20 s run never earns them back (docs/benchmarks.md)
: "${MAILOO_BENCH_JAVA_OPTS:=-Xmx1g -XX:TieredStopAtLevel=1}"
BENCH_DIR="$MAILOO_ROOT/benchmarks/dispatch-bench"
BENCH_JAR="$BENCH_DIR/target/dispatch-bench.jar"
M2_REPO="${MAILOO_M2_REPO:-$HOME/.m2/repository}"
TARGET_RATIO=0.16

bench_usage() {
  cat <<EOF
usage: ./mailoo bench dispatch [--messages N] [--profiles P] [--size BYTES] [--sink-port PORT] [--timeout SECONDS]
                               [--keep-up]

  --messages N       messages per measurement (default 50000)
  --profiles P       profiles = Vert.x clients (default 50)
  --size BYTES       body size (default 5120)
  --sink-port PORT   first port tried for smtp-sink on 127.0.0.1 (default $MAILOO_BENCH_SINK_PORT)
  --timeout SECONDS  limit of each Java measurement (default 600)
  --keep-up          leave the stack running when this script had to start it (default: ./mailoo down at the end)

Installs Postfix's smtp-sink/smtp-source (apt, postfix is not started) if missing; builds
benchmarks/dispatch-bench when needed; starts ./mailoo up when mail-dispatch-service is not healthy.
Env: MAILOO_BENCH_JAVA_OPTS (default $MAILOO_BENCH_JAVA_OPTS), MAILOO_KAFKA_PORT, MAILOO_DISPATCH_PORT.
Output is also saved in .mailoo/bench/.

./mailoo bench orders --help: the order path at a fixed rate (docs/benchmarks.md).
EOF
}

# ---- Postfix's smtp-sink / smtp-source (both benchmarks) ------------------------------------------------
SMTP_SINK=/usr/sbin/smtp-sink
SMTP_SOURCE=/usr/sbin/smtp-source
ensure_postfix_tools() {
  [[ -x "$SMTP_SINK" && -x "$SMTP_SOURCE" ]] && return 0
  echo "postfix postfix/main_mailer_type select No configuration" | apt_sudo debconf-set-selections
  apt_install postfix "smtp-sink/smtp-source; the postfix mail server itself is not configured or started"
  [[ -x "$SMTP_SINK" && -x "$SMTP_SOURCE" ]] || die "postfix installed but $SMTP_SINK / $SMTP_SOURCE are missing"
}

# wrk (C, event loop): the order bench's max-rate generator, so that the generator's own CPU stays small beside
# the stack's, as pgbench's does beside PostgreSQL's (docs/benchmarks.md)
ensure_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  apt_install wrk "the order bench's max-rate load generator"
  command -v wrk >/dev/null 2>&1 || die "wrk installed but not on the PATH"
}

# ---- helpers shared by both benchmarks ------------------------------------------------------------------------
newer_than() { # newer_than FILE PATH... : true when a file under PATH... is newer than FILE
  [[ -n "$(find "${@:2}" -newer "$1" -type f -print -quit 2>/dev/null)" ]]
}

# BENCH key=value lines of a saved output
bench_value() { sed -n "s/^BENCH $2=//p" "$1" | tail -n 1; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.3f", a / b }'; }

# cpu_snapshot NAME=PID... : one line "NAME TICKS" per argument, the user + system clock ticks so far of that process
# and all its descendants (nginx's worker, PostgreSQL's backends are children of the recorded pid), then one line
# "machine TICKS" (busy ticks of all cores, /proc/stat) - all read in one pass, so every figure covers the same
# instant even on a saturated machine
cpu_snapshot() {
  { printf 'root %s\n' "$@"; awk '/^cpu / { print "machine", $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
    cat /proc/[0-9]*/stat 2>/dev/null; } | awk '
    $1 == "root" { split($2, kv, "="); root[kv[2]] = kv[1]; order[++n] = kv[2]; next }
    $1 == "machine" { machine = $2; next }
    { rest = substr($0, index($0, ") ") + 2); split(rest, f, " ")
      pid = $1 + 0; parent[pid] = f[2] + 0; ticks[pid] = f[12] + f[13] }
    END {
      for (pid in ticks) {
        p = pid + 0
        for (hops = 0; p > 1 && hops < 64; hops++) { if (p in root) { sum[p] += ticks[pid]; break } p = parent[p] }
      }
      for (i = 1; i <= n; i++) print root[order[i]], sum[order[i]] + 0
      print "machine", machine
    }'
}

# cpu_roots : NAME=PID of the stack's services, Kafka, PostgreSQL, smtp-sink and the harness (those running)
cpu_roots() {
  local name pid
  for name in "${MAILOO_SERVICES[@]}" kafka; do
    pid=$(component_pid "$name" 2>/dev/null) && echo "$name=$pid"
  done
  pid=$(pgrep -o -x postgres 2>/dev/null) && echo "postgresql=$pid"
  [[ -n "${SINK_PID:-}" ]] && echo "smtp-sink=$SINK_PID"
  pid=$(pgrep -f 'dispatch-bench.jar dispatch' 2>/dev/null | head -1) && echo "harness=$pid"
  return 0
}

# cpu_used_between BEFORE AFTER : "NAME CPU-SECONDS" for every name of two cpu_snapshot outputs
cpu_used_between() {
  local hz; hz=$(getconf CLK_TCK)
  # a process that ended in between reads 0 ticks afterwards: shown as "-"
  awk -v hz="$hz" 'NR == FNR { a[$1] = $2; next }
    { d = $2 - a[$1]; if (d < 0) print $1, "-"; else printf "%s %.1f\n", $1, d / hz }' "$1" "$2"
}

# start_smtp_sink FIRST_PORT LOG : one smtp-sink on the first free port from FIRST_PORT; sets SINK_PORT and SINK_PID
start_smtp_sink() {
  local port=$1 log=$2
  while port_open "$port"; do
    port=$((port + 1))
    ((port < $1 + 50)) || die "no free port in $1..$(($1 + 49)) for smtp-sink"
  done
  SINK_PORT=$port
  : >"$log"
  # -u: privileges to switch to (required as root); -m: simultaneous connections (default 256 is below P x 10);
  # last argument: listen backlog. The descriptor limit is raised to match -m: with the usual 1,024, the bare
  # client's 500 pooled connections plus dispatch's 500 exhausted it, and the sink stopped greeting (every later
  # send waited for its timeout, 2026-12-05)
  (ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$SMTP_SINK" -c -u "$(id -un)" -m 4096 \
    "127.0.0.1:$SINK_PORT" 1024) >>"$log" 2>&1 &
  SINK_PID=$!
  for _ in $(seq 1 50); do port_open "$SINK_PORT" && break; sleep 0.1; done
  port_open "$SINK_PORT" || { show_log_tail "$log" 20; die "smtp-sink did not start"; }
  ok "smtp-sink on 127.0.0.1:$SINK_PORT (pid $SINK_PID, log ${log#"$MAILOO_ROOT/"})"
}

# ---- arguments ---------------------------------------------------------------------------------------------
what=${1:-}
case "$what" in
  dispatch) shift ;;
  orders)
    shift
    # shellcheck source=/dev/null
    source "$MAILOO_ROOT/deploy/local/bench_orders.sh"
    bench_orders "$@"
    exit $? ;;
  help|-h|--help|"") bench_usage; [[ -n "$what" ]] && exit 0; exit 2 ;;
  *) bench_usage >&2; die "unknown benchmark: $what ('dispatch' or 'orders')" ;;
esac

N=50000 P=50 SIZE=5120 TIMEOUT=600 KEEP_UP=0 SINK_PORT=$MAILOO_BENCH_SINK_PORT
while (($#)); do
  case "$1" in
    --messages) N=${2:?--messages needs a value}; shift 2 ;;
    --profiles) P=${2:?--profiles needs a value}; shift 2 ;;
    --size) SIZE=${2:?--size needs a value}; shift 2 ;;
    --sink-port) SINK_PORT=${2:?--sink-port needs a value}; shift 2 ;;
    --timeout) TIMEOUT=${2:?--timeout needs a value}; shift 2 ;;
    --keep-up) KEEP_UP=1; shift ;;
    -h|--help) bench_usage; exit 0 ;;
    *) bench_usage >&2; die "unknown option: $1" ;;
  esac
done
for v in "$N" "$P" "$SIZE" "$SINK_PORT" "$TIMEOUT"; do
  [[ "$v" =~ ^[0-9]+$ ]] || die "not a number: $v"
done
((N > 0 && P > 0 && TIMEOUT > 0)) || die "--messages, --profiles and --timeout must be > 0"

require_cmd java curl
ensure_state_dirs
BENCH_OUT_DIR="$MAILOO_STATE_DIR/bench"
mkdir -p "$BENCH_OUT_DIR"
STAMP=$(date +%Y%m%d-%H%M%S)
RESULT_FILE="$BENCH_OUT_DIR/dispatch-$STAMP.txt"
SINK_LOG="$MAILOO_LOG_DIR/bench-smtp-sink.log"

# ---- cleanup -----------------------------------------------------------------------------------------------
SINK_PID=""
STARTED_STACK=0
cleanup() {
  local rc=$?
  if [[ -n "$SINK_PID" ]] && kill -0 "$SINK_PID" 2>/dev/null; then
    kill -TERM "$SINK_PID" 2>/dev/null || true
    wait "$SINK_PID" 2>/dev/null || true
  fi
  if ((STARTED_STACK)) && ((KEEP_UP == 0)); then
    log "stopping the stack this benchmark started (./mailoo down; keep it with --keep-up)"
    "$MAILOO_ROOT/mailoo" down || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the bench jar -----------------------------------------------------------------------------------------
build_bench() {
  local contracts_jar="$M2_REPO/io/mailoo/shared-contracts/1.0.0-SNAPSHOT/shared-contracts-1.0.0-SNAPSHOT.jar"
  local parent_pom="$M2_REPO/io/mailoo/mailoo-parent/1.0.0-SNAPSHOT/mailoo-parent-1.0.0-SNAPSHOT.pom"
  # a stamp of our own: Maven's install keeps the jar's mtime (truncated to ms), so the ~/.m2 copy can look older
  local stamp="$BENCH_DIR/target/.shared-contracts-installed"
  if [[ ! -f "$contracts_jar" || ! -f "$parent_pom" || ! -f "$stamp" ]] \
     || newer_than "$stamp" "$MAILOO_ROOT/shared-contracts/src" "$MAILOO_ROOT/shared-contracts/pom.xml" \
          "$MAILOO_ROOT/pom.xml"; then
    log "installing shared-contracts into ${M2_REPO/#"$HOME"/\~} (./mvnw -B -q install -pl shared-contracts -am -DskipTests)"
    mkdir -p "$BENCH_DIR/target"
    : >"$stamp.new"
    (cd "$MAILOO_ROOT" && mvn_cmd -B -q install -pl shared-contracts -am -DskipTests) \
      || die "could not install shared-contracts"
    mv -f "$stamp.new" "$stamp"
  fi
  if [[ ! -f "$BENCH_JAR" ]] || newer_than "$BENCH_JAR" "$BENCH_DIR/src" "$BENCH_DIR/pom.xml" "$stamp"; then
    log "building benchmarks/dispatch-bench (./mvnw -B -q -f benchmarks/dispatch-bench/pom.xml package)"
    (cd "$MAILOO_ROOT" && mvn_cmd -B -q -f benchmarks/dispatch-bench/pom.xml package) \
      || die "could not build benchmarks/dispatch-bench"
    touch "$BENCH_JAR" # the jar plugin leaves an unchanged jar as it was
  fi
}

bench_java() { # bench_java MODE ARGS... : runs the bench jar with a hard limit
  # shellcheck disable=SC2086 # MAILOO_BENCH_JAVA_OPTS is a list of options
  timeout --kill-after=10 $((TIMEOUT + 120)) \
    java $MAILOO_BENCH_JAVA_OPTS -Dmailoo.component=dispatch-bench -jar "$BENCH_JAR" "$@"
}

sink_messages() { # messages smtp-sink has received so far (its -c counters)
  tr '\r' '\n' <"$SINK_LOG" 2>/dev/null | sed -n 's/.*mesg=\([0-9]*\).*/\1/p' | tail -n 1 | grep . || echo 0
}

# ---- run ---------------------------------------------------------------------------------------------------
# everything below is also saved in .mailoo/bench/
exec > >(tee "$RESULT_FILE") 2>&1
{
  ensure_postfix_tools
  build_bench

  # 2. smtp-sink on a free port
  start_smtp_sink "$SINK_PORT" "$SINK_LOG"

  echo
  echo "== dispatch benchmark $(date -Iseconds): $N messages x $SIZE bytes, $P profiles, $(nproc) cores, smtp-sink 127.0.0.1:$SINK_PORT"
  vacuum_for_bench

  # 3. reference: smtp-source
  echo
  echo "-- 1/3 smtp-source -d -s 20 -l $SIZE -m $N (20 sessions, connections reused; load average $(loadavg))"
  before=$(sink_messages)
  t0=$(now_ms)
  timeout --kill-after=10 "$TIMEOUT" "$SMTP_SOURCE" -d -s 20 -l "$SIZE" -m "$N" \
    -f bench@mailoo.local -t sink@bench.local "127.0.0.1:$SINK_PORT" || die "smtp-source failed"
  t1=$(now_ms)
  sleep 0.3
  SOURCE_RATE=$(awk -v n="$N" -v ms=$((t1 - t0)) 'BEGIN { printf "%.1f", n * 1000 / (ms > 0 ? ms : 1) }')
  echo "  $N messages in $((t1 - t0)) ms -> $SOURCE_RATE msg/s (smtp-sink counted $(( $(sink_messages) - before )))"
  echo "BENCH source.rate=$SOURCE_RATE"

  # 4. bare Vert.x client loop
  echo
  echo "-- 2/3 bare Vert.x MailClient loop ($P clients, maxPoolSize 10; load average $(loadavg))"
  before=$(sink_messages)
  bare_out="$BENCH_OUT_DIR/.bare-$STAMP.out"
  bench_java bare --sink-port "$SINK_PORT" --messages "$N" --profiles "$P" --size "$SIZE" --timeout "$TIMEOUT" \
    | tee "$bare_out" || warn "the bare client run failed"
  BARE_RATE=$(bench_value "$bare_out" bare.rate)
  echo "  (smtp-sink counted $(( $(sink_messages) - before )) including the warm-up)"

  # 5. mail-dispatch-service end to end
  echo
  echo "-- 3/3 mail-dispatch-service end to end ($P profiles, Kafka 127.0.0.1:$MAILOO_KAFKA_PORT; load average $(loadavg))"
  DISPATCH_OK=0
  dispatch_out="$BENCH_OUT_DIR/.dispatch-$STAMP.out"
  : >"$dispatch_out"
  if ! curl -fsS -m 5 "http://127.0.0.1:$MAILOO_DISPATCH_PORT/q/health" 2>/dev/null | grep -q '"status" *: *"UP"'; then
    if ! is_running kafka && ! is_running mail-dispatch-service; then STARTED_STACK=1; fi
    log "mail-dispatch-service is not healthy on 127.0.0.1:$MAILOO_DISPATCH_PORT: running ./mailoo up"
    "$MAILOO_ROOT/mailoo" up >&2 || warn "./mailoo up failed"
  fi
  if curl -fsS -m 5 "http://127.0.0.1:$MAILOO_DISPATCH_PORT/q/health" 2>/dev/null | grep -q '"status" *: *"UP"'; then
    before=$(sink_messages)
    # CPU of each process from the end of the warm-up to the last result (the harness's encoding of the requests
    # included): where the two cores went while dispatch was measured
    cpu_before="$BENCH_OUT_DIR/.cpu-before-$STAMP" cpu_after="$BENCH_OUT_DIR/.cpu-after-$STAMP"
    rm -f "$cpu_before" "$cpu_before.roots" "$cpu_after"
    (
      await_line() { for _ in $(seq 1 $((TIMEOUT * 10))); do grep -Eq "$1" "$dispatch_out" 2>/dev/null && return 0; sleep 0.1; done; return 1; }
      await_line '^  warm-up:' || exit 0
      cpu_roots >"$cpu_before.roots"
      # shellcheck disable=SC2046 # one NAME=PID per word
      cpu_snapshot $(cat "$cpu_before.roots") >"$cpu_before"
      await_line '^  (done|TIMEOUT):' || exit 0
      # shellcheck disable=SC2046
      cpu_snapshot $(cat "$cpu_before.roots") >"$cpu_after.tmp" && mv "$cpu_after.tmp" "$cpu_after"
    ) &
    cpu_watch=$!
    if bench_java dispatch --sink-port "$SINK_PORT" --messages "$N" --profiles "$P" --size "$SIZE" \
         --timeout "$TIMEOUT" --kafka "127.0.0.1:$MAILOO_KAFKA_PORT" | tee "$dispatch_out"; then
      DISPATCH_OK=1
    else
      warn "the dispatch run did not complete (see ./mailoo logs mail-dispatch-service --no-follow -n 200)"
    fi
    for _ in $(seq 1 50); do kill -0 "$cpu_watch" 2>/dev/null || break; sleep 0.1; done
    kill "$cpu_watch" 2>/dev/null || true
    wait "$cpu_watch" 2>/dev/null || true
    # the watcher missed the last line (a loaded machine): the snapshot is taken now, without the harness, which has ended
    if [[ -s "$cpu_before" && ! -s "$cpu_after" ]]; then
      # shellcheck disable=SC2046
      cpu_snapshot $(cat "$cpu_before.roots") >"$cpu_after"
    fi
    if [[ -s "$cpu_before" && -s "$cpu_after" ]]; then
      echo "  CPU seconds from the end of the warm-up to the last result ($(nproc) cores):"
      cpu_used_between "$cpu_before" "$cpu_after" | while read -r name used; do
        printf '    %-28s %6s s\n' "$name" "$used"
        echo "BENCH dispatch.cpu.$name=$used"
      done
    fi
    rm -f "$cpu_before" "$cpu_before.roots" "$cpu_after"
    echo "  (smtp-sink counted $(( $(sink_messages) - before )) including the warm-up messages)"
  else
    warn "mail-dispatch-service is still not healthy: end-to-end measurement skipped"
  fi
  DISPATCH_RATE=$(bench_value "$dispatch_out" dispatch.rate)
  # memory through the burst: the process's resident high-water mark (VmHWM) and what it holds now (issue 12: <= 512 MB)
  dpid="" hwm="" rss_now=""
  if dpid=$(component_pid mail-dispatch-service 2>/dev/null); then
    hwm=$(awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$dpid/status" 2>/dev/null || true)
    rss_now=$(awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$dpid/status" 2>/dev/null || true)
    echo "  mail-dispatch-service memory: peak RSS (VmHWM) ${hwm:-?} MB, now ${rss_now:-?} MB"
    echo "BENCH dispatch.rss_peak_mb=${hwm:-}"
  fi

  # 6. summary
  r_source=$(ratio "$DISPATCH_RATE" "$SOURCE_RATE")
  r_bare=$(ratio "$DISPATCH_RATE" "$BARE_RATE")
  fmt_rate() { [[ -n "$1" ]] && awk -v r="$1" 'BEGIN { printf "%.0f msg/s", r }' || echo "-"; }
  echo
  echo "== summary ($N x $SIZE bytes, $P profiles, $(nproc) cores; load average now $(loadavg))"
  echo "   (all three share this machine's cores with the running stack: other CPU load lowers every figure)"
  printf '  %-34s %s\n' "smtp-source -d -s 20" "$(fmt_rate "$SOURCE_RATE")"
  printf '  %-34s %s\n' "bare Vert.x MailClient ($P clients)" "$(fmt_rate "$BARE_RATE")"
  printf '  %-34s %s\n' "mail-dispatch-service end to end" "$(fmt_rate "$DISPATCH_RATE")"
  if [[ -s "$dispatch_out" ]]; then
    printf '  %-34s p50 %s ms, p99 %s ms (request published -> result received)\n' "  latency" \
      "$(bench_value "$dispatch_out" dispatch.p50_ms)" "$(bench_value "$dispatch_out" dispatch.p99_ms)"
    printf '  %-34s %s\n' "  final statuses" "$(bench_value "$dispatch_out" dispatch.statuses)"
  fi
  printf '  %-34s %s MB   (target <= 512 MB)\n' "  dispatch peak RSS" "${hwm:--}"
  printf '  %-34s %s   (target >= %s)\n' "dispatch / smtp-source" "$r_source" "$TARGET_RATIO"
  printf '  %-34s %s\n' "dispatch / bare client" "$r_bare"
  verdict="NOT MEASURED"
  if ((DISPATCH_OK)) && [[ "$r_source" != "-" ]]; then
    if awk -v r="$r_source" -v t="$TARGET_RATIO" 'BEGIN { exit !(r >= t) }'; then verdict="target met"; else verdict="BELOW TARGET"; fi
  fi
  echo "  verdict: $verdict"
  echo "BENCH verdict=$verdict"
  rm -f "$bare_out" "$dispatch_out"
  echo "saved: ${RESULT_FILE#"$MAILOO_ROOT/"}"
  ((DISPATCH_OK)) || exit 1
}
