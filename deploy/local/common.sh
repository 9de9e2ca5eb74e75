# shellcheck shell=bash
# Common settings and helpers for ./mailoo (sourced; expects MAILOO_ROOT to be set).

# ---- settings (every one overridable by env) -------------------------------------------------------------
: "${MAILOO_STATE_DIR:=$MAILOO_ROOT/.mailoo}"
: "${MAILOO_KAFKA_PORT:=9092}"
: "${MAILOO_KAFKA_CONTROLLER_PORT:=9093}"
: "${MAILOO_TEST_KAFKA_PORT:=19092}"
: "${MAILOO_TEST_KAFKA_CONTROLLER_PORT:=19093}"
: "${MAILOO_KAFKA_HEAP_OPTS:=-Xms64m -Xmx256m}"
: "${MAILOO_SMTP_CATCHER_PORT:=3025}"
: "${MAILOO_SMTP_CATCHER_API_PORT:=3080}"
: "${MAILOO_INTEGRATION_PORT:=8081}"
: "${MAILOO_MARKET_PORT:=8082}"
: "${MAILOO_OFFER_PORT:=8083}"
: "${MAILOO_DISPATCH_PORT:=8084}"
# interface the four services bind under ./mailoo up: loopback, so only the gateway faces clients (0.0.0.0 exposes
# them on every interface, e.g. to reach them from another machine while debugging)
: "${MAILOO_SERVICE_HOST:=127.0.0.1}"
: "${MAILOO_DB_HOST:=127.0.0.1}"
: "${MAILOO_DB_PORT:=5432}"
: "${MAILOO_DB_USERNAME:=postgres}"
: "${MAILOO_DB_PASSWORD:=postgres}"
# appended to the four database names of ./mailoo up, so a second checkout can run its own stack on one PostgreSQL
: "${MAILOO_DB_SUFFIX:=}"
[[ "$MAILOO_DB_SUFFIX" =~ ^[a-z0-9_]*$ ]] || { echo "MAILOO_DB_SUFFIX must be lower-case letters, digits and _" >&2; exit 1; }
: "${MAILOO_JWT_ISSUER:=https://mailoo.local/dev}"
# aud of dev tokens and the services' JWT_AUDIENCE under ./mailoo up (empty: tokens carry none, services check none)
: "${MAILOO_JWT_AUDIENCE:=}"
# JVM options of a file in deploy/jvm/ (comments dropped): the tests that start the packaged services read the same files
jvm_options_file() {
  sed -e 's/#.*//' "$MAILOO_ROOT/deploy/jvm/$1.options" | tr -s ' \n' ' ' | sed -e 's/^ //' -e 's/ $//'
}
# Small, bounded JVMs (issue 12: a domain service <= 256 MB RSS under 500 orders/s; deploy/jvm/domain-service.options
# says why each option; docs/benchmarks.md, Footprint)
: "${MAILOO_SERVICE_JAVA_OPTS:=$(jvm_options_file domain-service)}"
# Vert.x event loops of each domain service (Quarkus' default is two per core): the local stack runs ten processes on
# a laptop's cores, and with one loop a request, its database connection and its reply stay on one thread instead of
# waking another loop for every query (docs/benchmarks.md)
: "${MAILOO_SERVICE_EVENT_LOOPS:=1}"
# glibc gives every thread that allocates its own 64 MB malloc arena by default; two are plenty for a JVM here
: "${MAILOO_MALLOC_ARENA_MAX:=2}"
: "${MAILOO_HEALTH_TIMEOUT:=90}"
: "${MAILOO_SKIP_SERVICES:=0}"
: "${MAILOO_SKIP_BUILD:=0}"

MAILOO_KAFKA_VERSION=4.1.2
MAILOO_GREENMAIL_VERSION=2.1.13

MAILOO_PID_DIR="$MAILOO_STATE_DIR/pids"
MAILOO_LOG_DIR="$MAILOO_STATE_DIR/logs"
MAILOO_KEYS_DIR="$MAILOO_STATE_DIR/keys"

# module -> port / database
MAILOO_SERVICES=(integration-service market-service offer-generator-service mail-dispatch-service)

service_port() {
  case "$1" in
    integration-service) echo "$MAILOO_INTEGRATION_PORT" ;;
    market-service) echo "$MAILOO_MARKET_PORT" ;;
    offer-generator-service) echo "$MAILOO_OFFER_PORT" ;;
    mail-dispatch-service) echo "$MAILOO_DISPATCH_PORT" ;;
    *) die "unknown service: $1" ;;
  esac
}

service_db() {
  case "$1" in
    integration-service) echo "mailoo_integration$MAILOO_DB_SUFFIX" ;;
    market-service) echo "mailoo_market$MAILOO_DB_SUFFIX" ;;
    offer-generator-service) echo "mailoo_offer$MAILOO_DB_SUFFIX" ;;
    mail-dispatch-service) echo "mailoo_dispatch$MAILOO_DB_SUFFIX" ;;
    *) die "unknown service: $1" ;;
  esac
}

# ---- output ------------------------------------------------------------------------------------------------
if [[ -t 1 ]]; then
  _c_bold=$'\e[1m'; _c_red=$'\e[31m'; _c_green=$'\e[32m'; _c_yellow=$'\e[33m'; _c_off=$'\e[0m'
else
  _c_bold=; _c_red=; _c_green=; _c_yellow=; _c_off=
fi

log()  { printf '%s==>%s %s\n' "$_c_bold" "$_c_off" "$*" >&2; }
ok()   { printf '%s ok%s %s\n' "$_c_green" "$_c_off" "$*" >&2; }
warn() { printf '%swarn%s %s\n' "$_c_yellow" "$_c_off" "$*" >&2; }
die()  { printf '%serror%s %s\n' "$_c_red" "$_c_off" "$*" >&2; exit 1; }

now_ms() { date +%s%3N; }

ensure_state_dirs() {
  mkdir -p "$MAILOO_STATE_DIR" "$MAILOO_PID_DIR" "$MAILOO_LOG_DIR"
}

require_cmd() {
  local c
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 || die "'$c' is required but not installed"
  done
}

# Maven: the wrapper when present, else a system mvn.
mvn_cmd() {
  if [[ -x "$MAILOO_ROOT/mvnw" ]]; then
    "$MAILOO_ROOT/mvnw" "$@"
  else
    require_cmd mvn
    mvn "$@"
  fi
}

# ---- processes ---------------------------------------------------------------------------------------------
# Every JVM started by ./mailoo carries -Dmailoo.component=<name>; a pid only counts as ours when its command
# line still carries that marker (protects against pid reuse after a reboot or a crash).

pid_file() { echo "$MAILOO_PID_DIR/$1.pid"; }

# carries_marker PID NAME : the process's command line holds -Dmailoo.component=NAME (a read error counts as no)
# (read with mapfile, a builtin: component_pid runs often, and a process per look cost ./mailoo's starts ~10 ms each)
carries_marker() {
  local -a args
  { mapfile -d '' args <"/proc/$1/cmdline"; } 2>/dev/null || return 1
  [[ "${args[*]} " == *"-Dmailoo.component=$2 "* ]]
}

# component_pid NAME : prints the recorded pid if that process is alive and is NAME's (the marker guards against a
# pid reused after a reboot), returns 1 otherwise; forgets the record only when the process is gone or is surely
# another one
component_pid() {
  local name=$1 f pid i
  f=$(pid_file "$name")
  [[ -f "$f" ]] || return 1
  pid=$(<"$f")
  if [[ "$pid" =~ ^[0-9]+$ ]]; then
    # while setsid, nohup and env each exec the next program, the command line reads empty for an instant: one
    # miss is not proof of another process, so look again for up to half a second
    for i in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 "$pid" 2>/dev/null || break
      if carries_marker "$pid" "$name"; then
        echo "$pid"
        return 0
      fi
      sleep 0.05
    done
  fi
  rm -f "$f"
  return 1
}

is_running() { component_pid "$1" >/dev/null; }

# start_component NAME LOGFILE CMD... : starts CMD detached (own session, survives the shell), records its pid
start_component() {
  local name=$1 logfile=$2
  shift 2
  ensure_state_dirs
  {
    printf '\n===== %s starting %s =====\n' "$(date -Iseconds)" "$name"
  } >>"$logfile"
  setsid nohup "$@" >>"$logfile" 2>&1 </dev/null &
  local pid=$! i
  echo "$pid" >"$(pid_file "$name")"
  # until the forked shell has exec'd setsid, the command line does not carry the marker yet
  for i in $(seq 1 100); do
    carries_marker "$pid" "$name" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if ! kill -0 "$pid" 2>/dev/null; then
    show_log_tail "$logfile" 40
    rm -f "$(pid_file "$name")"
    die "$name exited immediately (log: $logfile)"
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ensure_port_free() {
  local port=$1 what=$2
  if port_open "$port"; then
    die "port $port (needed by $what) is already in use by another process; stop it or override the port (see ./mailoo help)"
  fi
}

show_log_tail() {
  local logfile=$1 n=${2:-60}
  if [[ -f "$logfile" ]]; then
    printf -- '----- last %s lines of %s -----\n' "$n" "$logfile" >&2
    tail -n "$n" "$logfile" >&2
    printf -- '-----\n' >&2
  fi
}

apt_sudo() { if ((EUID == 0)); then "$@"; else sudo "$@"; fi; }

# apt_install PACKAGE WHY : installs one Debian package (apt-get update first only when the install fails); the
# benchmarks' tools and the UI tests' browser
apt_install() {
  local pkg=$1 why=$2 logfile="$MAILOO_LOG_DIR/apt-$1.log"
  command -v apt-get >/dev/null 2>&1 || die "$pkg is missing and there is no apt-get: install it ($why)"
  ((EUID == 0)) || command -v sudo >/dev/null 2>&1 || die "$pkg is missing: run as root or install it ($why)"
  log "installing $pkg with apt-get ($why; output in ${logfile#"$MAILOO_ROOT/"})"
  mkdir -p "$MAILOO_LOG_DIR"
  local -a install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Use-Pty=0 "$pkg")
  if ! apt_sudo "${install[@]}" >"$logfile" 2>&1; then
    log "apt-get install failed, running apt-get update first"
    apt_sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$logfile" 2>&1 || true
    apt_sudo "${install[@]}" >>"$logfile" 2>&1 \
      || { show_log_tail "$logfile" 30; die "could not install $pkg"; }
  fi
  ok "$pkg installed"
}

# wait_until NAME LOGFILE TIMEOUT_S CHECK_CMD... : polls CHECK_CMD until it succeeds; fails fast if the process dies
wait_until() {
  local name=$1 logfile=$2 timeout=$3
  shift 3
  local deadline=$(( $(date +%s) + timeout ))
  while true; do
    if ! is_running "$name"; then
      show_log_tail "$logfile"
      die "$name exited during startup (log: $logfile)"
    fi
    if "$@"; then
      return 0
    fi
    if (( $(date +%s) >= deadline )); then
      show_log_tail "$logfile"
      die "$name did not become ready within ${timeout}s (log: $logfile)"
    fi
    sleep 0.3
  done
}

# stop_components NAME... : SIGTERM all, wait up to MAILOO_STOP_TIMEOUT (20 s), then SIGKILL the rest
stop_components() {
  local name pid timeout=${MAILOO_STOP_TIMEOUT:-20}
  local -a names=() pids=()
  for name in "$@"; do
    if pid=$(component_pid "$name"); then
      kill -TERM "$pid" 2>/dev/null || true
      names+=("$name"); pids+=("$pid")
    fi
  done
  ((${#pids[@]})) || return 0
  local deadline=$(( $(date +%s) + timeout )) i alive
  while true; do
    alive=0
    for i in "${!pids[@]}"; do
      if kill -0 "${pids[$i]}" 2>/dev/null; then alive=1; fi
    done
    ((alive)) || break
    if (( $(date +%s) >= deadline )); then
      for i in "${!pids[@]}"; do
        if kill -0 "${pids[$i]}" 2>/dev/null; then
          warn "${names[$i]} (pid ${pids[$i]}) did not stop within ${timeout}s, sending SIGKILL"
          kill -KILL "${pids[$i]}" 2>/dev/null || true
        fi
      done
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  for i in "${!names[@]}"; do
    rm -f "$(pid_file "${names[$i]}")"
    ok "stopped ${names[$i]} (pid ${pids[$i]})"
  done
}
