# shellcheck shell=bash
# ./mailoo bench orders: the integrator order path through the gateway at a fixed rate (sourced by bench.sh, which
# defines ensure_postfix_tools, start_smtp_sink, newer_than, bench_value, loadavg and ratio). docs/benchmarks.md.

ORDER_BENCH_DIR="$MAILOO_ROOT/benchmarks/order-bench"
ORDER_BENCH_JAR="$ORDER_BENCH_DIR/target/order-bench.jar"
# C1 only, as the dispatch bench's harness (bench.sh): the generator shares the cores with the stack it measures
: "${MAILOO_ORDER_BENCH_JAVA_OPTS:=-Xmx512m -XX:TieredStopAtLevel=1}"
# what the stack needs for one key at these rates: the per-key order bucket and dispatch's per-profile send limit
# (the integration's profile carries no limits of its own, so dispatch's defaults apply) far above the run's rate
ORDER_BENCH_ENV=(ORDERS_PER_KEY_PER_MINUTE=1000000 DISPATCH_DEFAULT_MESSAGES_PER_MINUTE=1000000
  DISPATCH_DEFAULT_MAX_CONNECTIONS=10)
ORDER_TARGET_P99_MS=50 ORDER_TARGET_SENT_P99_MS=1000 ORDER_TARGET_RATIO=0.25 ORDER_TARGET_RSS_MB=256 ORDER_TARGET_DISPATCH_RSS_MB=512 ORDER_TARGET_STACK_RSS_MB=2048
PGBENCH_DB=mailoo_bench_pgbench

orders_usage() {
  cat <<EOF
usage: ./mailoo bench orders [--rate R] [--seconds S] [--warmup S] [--warmup-ramp S] [--max-seconds S] [--max-warmup S] [--concurrency C]
                             [--max-generator wrk|jvm] [--smtp sink|catcher] [--sink-port PORT] [--pgbench-clients N] [--jfr] [--restart]
                             [--keep-up] [--timeout SECONDS]

  --rate R            orders per second offered, open loop (default 500)
  --seconds S         measured seconds of the fixed-rate run (default 30)
  --warmup S          seconds at the same rate before it, not counted (default 20; 180 when this bench has just
                      started or restarted the stack: mail-dispatch-service's C2 compiler works for minutes after a
                      start, and its CPU is taken from the orders)
  --warmup-ramp S     the warm-up's first S seconds rise a step a second to the rate (default 0; 60 on a stack this
                      bench has just started, when --warmup is not given: at the full rate at once, its compilers
                      left dispatch a backlog the measured seconds paid for)
  --max-seconds S     seconds of the closed-loop max-rate run (default 20; 0 skips it)
  --max-warmup S      seconds of closed loop before them, not counted (default 10: the generator is a new JVM,
                      and its own JIT compilation took a tenth of the machine in the first seconds)
  --concurrency C     workers (connections) of the max-rate run (default 64)
  --max-generator G   who places the max-rate run's orders: wrk (default; C, one thread, installed with apt-get
                      when missing) or jvm (the bench jar's Vert.x client, whose own CPU was an eighth of the
                      machine at that rate). The same orders either way: a fresh Idempotency-Key and buyer each
  --smtp sink|catcher the shop's SMTP server: a Postfix smtp-sink started for the run (default) or the catcher
  --sink-port PORT    first port tried for smtp-sink (default $MAILOO_BENCH_SINK_PORT)
  --pgbench-clients N clients of the pgbench reference (default 16 = market-service's DB_POOL_SIZE)
  --jfr               record market-service with JFR during the measured seconds and print where the CPU went
  --restart           restart a running stack that lacks the bench settings (${ORDER_BENCH_ENV[*]})
  --keep-up           leave running a stack this bench started (default: ./mailoo down at the end)
  --timeout SECONDS   limit of each Java phase (default 600)

Creates a project, a MARKET integration with SMTP settings, a product and an API key through the gateway, then:
fixed-rate run (API latency, answers by status, order -> SENT from mailoo.mail-results.v1, outbox backlog every
second), max-rate run, pgbench of one order + one outbox row per transaction on the same PostgreSQL, RSS and CPU
of each process. Output also in .mailoo/bench/orders-<time>.txt.
EOF
}

# stack_has_bench_env : the running market-service and mail-dispatch-service were started with ORDER_BENCH_ENV
stack_has_bench_env() {
  local svc pid kv
  for svc in market-service mail-dispatch-service; do
    pid=$(component_pid "$svc") || return 1
    for kv in "${ORDER_BENCH_ENV[@]}"; do
      [[ "$svc" == market-service && "$kv" == DISPATCH_* ]] && continue
      [[ "$svc" == mail-dispatch-service && "$kv" == ORDERS_* ]] && continue
      tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "$kv" || return 1
    done
  done
}

stack_healthy() {
  local svc
  is_running gateway && port_open "${MAILOO_GATEWAY_PORT:-8080}" || return 1
  for svc in "${MAILOO_SERVICES[@]}"; do
    curl -fsS -m 5 "http://127.0.0.1:$(service_port "$svc")/q/health" 2>/dev/null | grep -q '"status" *: *"UP"' \
      || return 1
  done
}

build_order_bench() {
  if [[ ! -f "$ORDER_BENCH_JAR" ]] || newer_than "$ORDER_BENCH_JAR" "$ORDER_BENCH_DIR/src" "$ORDER_BENCH_DIR/pom.xml"; then
    log "building benchmarks/order-bench (./mvnw -B -q -f benchmarks/order-bench/pom.xml package)"
    (cd "$MAILOO_ROOT" && mvn_cmd -B -q -f benchmarks/order-bench/pom.xml package) \
      || die "could not build benchmarks/order-bench"
    touch "$ORDER_BENCH_JAR"
  fi
}

order_bench_java() { # order_bench_java MODE ARGS... : the bench jar with a hard limit
  # shellcheck disable=SC2086 # MAILOO_ORDER_BENCH_JAVA_OPTS is a list of options
  timeout --kill-after=10 $((O_TIMEOUT + 120)) \
    java $MAILOO_ORDER_BENCH_JAVA_OPTS -Dmailoo.component=order-bench -jar "$ORDER_BENCH_JAR" "$@" \
    --timeout "$O_TIMEOUT"
}

psql_db() { # psql_db DB ARGS...
  local db=$1; shift
  PGPASSWORD="$MAILOO_DB_PASSWORD" psql -X -q -v ON_ERROR_STOP=1 -h "$MAILOO_DB_HOST" -p "$MAILOO_DB_PORT" \
    -U "$MAILOO_DB_USERNAME" -d "$db" "$@"
}

# outbox_sampler FILE : every second, the unpublished rows of market-service's outbox (until killed). One psql
# session answers every sample: a psql started per second (and the backend PostgreSQL forks for it) cost about 60 ms
# of CPU each on a 2-core machine, taken from the stack being measured (perf, 2026-12-06)
outbox_sampler() {
  local t=0 n
  trap '' PIPE # a session that died is started again below, not the end of the sampler
  while :; do
    if [[ -z "${BACKLOG_PSQL_PID:-}" ]] || ! kill -0 "$BACKLOG_PSQL_PID" 2>/dev/null; then
      coproc BACKLOG_PSQL { psql_db mailoo_market -tA 2>/dev/null; }
    fi
    n="?"
    if echo "SELECT count(*) FROM outbox_event WHERE published_at IS NULL;" >&"${BACKLOG_PSQL[1]}" 2>/dev/null; then
      # an answer later than 5 s would be read as the next second's: that session is dropped instead
      read -r -t 5 n <&"${BACKLOG_PSQL[0]}" || { n="?"; kill "$BACKLOG_PSQL_PID" 2>/dev/null || true; }
    fi
    echo "$t $n" >>"$1"
    sleep 1
    t=$((t + 1))
  done
}

# pgbench_reference CLIENTS SECONDS : prints pgbench's tps for one market_order row + one outbox_event row per
# transaction (the tables and indexes of market-service's schema; no NOTIFY trigger since market's V8) in a scratch
# database
pgbench_reference() {
  local clients=$1 seconds=$2 dir="$MAILOO_STATE_DIR/bench/pgbench" out
  mkdir -p "$dir"
  psql_db postgres -c "DROP DATABASE IF EXISTS $PGBENCH_DB" -c "CREATE DATABASE $PGBENCH_DB" >/dev/null
  psql_db "$PGBENCH_DB" >/dev/null <<'SQL'
CREATE TABLE market_order (
    id uuid PRIMARY KEY, integration_id text NOT NULL, project_uid text NOT NULL, api_key_id uuid NOT NULL,
    idempotency_key text, request_hash text NOT NULL, buyer_email text NOT NULL, buyer_name text, note text,
    currency char(3) NOT NULL, total_minor bigint NOT NULL, lines text NOT NULL, mail_message_id uuid UNIQUE,
    mail_status text NOT NULL, mail_error_code text, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
    CONSTRAINT market_order_idempotency UNIQUE (integration_id, idempotency_key));
CREATE INDEX market_order_newest ON market_order (integration_id, created_at DESC, id DESC);
CREATE TABLE outbox_event (id uuid PRIMARY KEY, topic text NOT NULL, message_key text NOT NULL, ce_type text,
    payload bytea, created_at timestamptz NOT NULL, published_at timestamptz);
CREATE INDEX outbox_event_unpublished ON outbox_event (created_at) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;
SQL
  # payload: about the size of a real confirmation request (text + HTML body, ~2.5 KB of JSON)
  cat >"$dir/order.sql" <<'SQL'
BEGIN;
INSERT INTO market_order (id, integration_id, project_uid, api_key_id, idempotency_key, request_hash, buyer_email,
    buyer_name, note, currency, total_minor, lines, mail_message_id, mail_status, created_at, updated_at)
VALUES (gen_random_uuid(), 'bench-integration', 'bench-project', '00000000-0000-0000-0000-000000000001',
    gen_random_uuid()::text, md5(random()::text) || md5(random()::text), 'buyer@bench.test', 'Bench Buyer', 'order',
    'EUR', 2500, '[{"sku":"BENCH-1","name":"Bench mug","quantity":2,"unitPriceMinor":1250,"lineTotalMinor":2500}]',
    gen_random_uuid(), 'QUEUED', now(), now());
INSERT INTO outbox_event (id, topic, message_key, ce_type, payload, created_at)
VALUES (gen_random_uuid(), 'mailoo.mail-requests.v1', 'integration:bench', 'io.mailoo.mail.send-requested.v1',
    convert_to(repeat('{"text":"Your order ABCDEF12 at Bench shop"}', 60), 'UTF8'), now());
END;
SQL
  out=$(PGPASSWORD="$MAILOO_DB_PASSWORD" pgbench -n -h "$MAILOO_DB_HOST" -p "$MAILOO_DB_PORT" -U "$MAILOO_DB_USERNAME" \
    -c "$clients" -j 2 -T "$seconds" -f "$dir/order.sql" "$PGBENCH_DB" 2>&1) || { echo "$out" >&2; return 1; }
  echo "$out" | sed 's/^/    /' >&2
  psql_db postgres -c "DROP DATABASE IF EXISTS $PGBENCH_DB" >/dev/null || true
  echo "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | tail -n 1
}

# insert_rows_metric: market-service's insert statements so far and the orders they stored ("count sum", from the
# mailoo.market.order.insert.rows summary of /q/metrics; "0 0" when it cannot be read)
insert_rows_metric() {
  curl -s --max-time 5 "http://127.0.0.1:$MAILOO_MARKET_PORT/q/metrics" 2>/dev/null | awk '
    /^mailoo_market_order_insert_rows_count[ {]/ { c = $NF } /^mailoo_market_order_insert_rows_sum[ {]/ { s = $NF }
    END { printf "%d %d\n", c, s }'
}

# wrk_max_rate INTEGRATION KEY CONNECTIONS SECONDS WARMUP NAME=PID... : the closed-loop max-rate run with wrk
# (benchmarks/order-bench/wrk-orders.lua: the same orders as the JVM client's), its warm-up uncounted; prints the
# BENCH lines of the JVM generator's run, the CPU wrk itself used and that of each NAME=PID during the measured seconds
wrk_max_rate() {
  local integration=$1 key=$2 connections=$3 seconds=$4 warmup=$5
  shift 5
  local url="http://127.0.0.1:${MAILOO_GATEWAY_PORT:-8080}/api/v1/market/$integration/orders"
  local script="$ORDER_BENCH_DIR/wrk-orders.lua" run="bench-$(date +%s)-$RANDOM" out before after
  if ((warmup > 0)); then
    echo "  warm-up: $connections connections for $warmup s (not counted)"
    wrk -t1 -c"$connections" -d"${warmup}s" --timeout 30s -s "$script" "$url" -- "$run-w" "$key" >/dev/null \
      || warn "the wrk warm-up failed"
  fi
  echo "  measuring: $connections connections, closed loop, for $seconds s (wrk, one thread)"
  before=$(cpu_snapshot "$@")
  # `times` in the subshell: the CPU its one child, wrk, used (user and system, as "0m1.230s 0m0.410s")
  out=$( (wrk -t1 -c"$connections" -d"${seconds}s" --timeout 30s --latency -s "$script" "$url" -- "$run" "$key"; times) \
    2>&1) || { echo "$out"; return 1; }
  after=$(cpu_snapshot "$@")
  local rate p50 p99 requests errors detail gen_cpu
  rate=$(sed -n 's/^BENCH max.rate=//p' <<<"$out")
  p50=$(sed -n 's/^BENCH max.p50_ms=//p' <<<"$out")
  p99=$(sed -n 's/^BENCH max.p99_ms=//p' <<<"$out")
  requests=$(sed -n 's/^BENCH max.requests=//p' <<<"$out")
  errors=$(sed -n 's/^BENCH max.errors=//p' <<<"$out")
  detail=$(sed -n 's/^BENCH max.errors_detail=//p' <<<"$out")
  gen_cpu=$(tail -n 1 <<<"$out" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] }
    printf "%.1f", s }')
  [[ -n "$rate" ]] || { echo "$out"; return 1; }
  echo "  max rate $rate orders/s ($requests answers, $errors not 201: $detail); latency p50 $p50 ms, p99 $p99 ms"
  echo "  CPU seconds during the $seconds measured seconds ($(nproc) cores = $((seconds * $(nproc))) CPU-s):"
  printf '    %-30s %6s s\n' "load-generator (wrk)" "$gen_cpu"
  cpu_used_between <(echo "$before") <(echo "$after") | while read -r name used; do
    printf '    %-30s %6s s%s\n' "$name" "$used" "$([[ "$name" == machine ]] && echo " of $((seconds * $(nproc)))")"
  done
  grep '^BENCH ' <<<"$out"
  echo "BENCH max.generator_cpu_s=$gen_cpu"
}

bench_orders() {
  local rate=500 seconds=30 warmup="" warmup_ramp="" max_seconds=20 max_warmup=10 concurrency=64 smtp=sink sink_first=$MAILOO_BENCH_SINK_PORT
  local pg_clients=16 jfr=0 restart=0 keep_up=0 max_generator=wrk
  O_TIMEOUT=600
  while (($#)); do
    case "$1" in
      --rate) rate=${2:?--rate needs a value}; shift 2 ;;
      --seconds) seconds=${2:?--seconds needs a value}; shift 2 ;;
      --warmup) warmup=${2:?--warmup needs a value}; shift 2 ;;
      --warmup-ramp) warmup_ramp=${2:?--warmup-ramp needs a value}; shift 2 ;;
      --max-seconds) max_seconds=${2:?--max-seconds needs a value}; shift 2 ;;
      --max-warmup) max_warmup=${2:?--max-warmup needs a value}; shift 2 ;;
      --concurrency) concurrency=${2:?--concurrency needs a value}; shift 2 ;;
      --max-generator) max_generator=${2:?--max-generator needs wrk or jvm}; shift 2 ;;
      --smtp) smtp=${2:?--smtp needs sink or catcher}; shift 2 ;;
      --sink-port) sink_first=${2:?--sink-port needs a value}; shift 2 ;;
      --pgbench-clients) pg_clients=${2:?--pgbench-clients needs a value}; shift 2 ;;
      --jfr) jfr=1; shift ;;
      --restart) restart=1; shift ;;
      --keep-up) keep_up=1; shift ;;
      --timeout) O_TIMEOUT=${2:?--timeout needs a value}; shift 2 ;;
      -h|--help) orders_usage; return 0 ;;
      *) orders_usage >&2; die "unknown option: $1" ;;
    esac
  done
  local v
  for v in "$rate" "$seconds" "${warmup:-0}" "${warmup_ramp:-0}" "$max_seconds" "$max_warmup" "$concurrency" "$sink_first" "$pg_clients" "$O_TIMEOUT"; do
    [[ "$v" =~ ^[0-9]+$ ]] || die "not a number: $v"
  done
  ((rate > 0 && seconds > 0 && concurrency > 0)) || die "--rate, --seconds and --concurrency must be > 0"
  [[ "$smtp" == sink || "$smtp" == catcher ]] || die "--smtp: sink or catcher, not $smtp"
  [[ "$max_generator" == wrk || "$max_generator" == jvm ]] || die "--max-generator: wrk or jvm, not $max_generator"
  require_cmd java curl psql pgbench

  ensure_state_dirs
  local out_dir="$MAILOO_STATE_DIR/bench" stamp
  mkdir -p "$out_dir"
  stamp=$(date +%Y%m%d-%H%M%S)
  # globals, not locals: the EXIT trap runs after this function has returned
  O_SHOP="$out_dir/.orders-shop-$stamp" O_BACKLOG="$out_dir/.orders-backlog-$stamp"
  O_FIXED_OUT="$out_dir/.orders-fixed-$stamp" O_MAX_OUT="$out_dir/.orders-max-$stamp" O_KEEP_UP=$keep_up
  local result="$out_dir/orders-$stamp.txt" shop=$O_SHOP backlog=$O_BACKLOG fixed_out=$O_FIXED_OUT max_out=$O_MAX_OUT
  local jfr_file="$out_dir/orders-$stamp-market.jfr"
  SINK_PID="" STARTED_STACK=0 SAMPLER_PID=""
  # shellcheck disable=SC2317 # called by the trap
  orders_cleanup() {
    local rc=$?
    [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null
    if [[ -n "$SINK_PID" ]] && kill -0 "$SINK_PID" 2>/dev/null; then
      kill -TERM "$SINK_PID" 2>/dev/null || true
      wait "$SINK_PID" 2>/dev/null || true
    fi
    rm -f "$O_SHOP" "$O_BACKLOG" "$O_FIXED_OUT" "$O_FIXED_OUT.go" "$O_MAX_OUT"
    if ((STARTED_STACK)) && ((O_KEEP_UP == 0)); then
      log "stopping the stack this benchmark started (./mailoo down; keep it with --keep-up)"
      "$MAILOO_ROOT/mailoo" down || true
    fi
    exit "$rc"
  }
  trap orders_cleanup EXIT
  trap 'exit 130' INT TERM

  exec > >(tee "$result") 2>&1
  build_order_bench
  ((max_seconds == 0)) || [[ "$max_generator" != wrk ]] || ensure_wrk

  # the shop's SMTP server
  local smtp_port=$MAILOO_SMTP_CATCHER_PORT
  if [[ "$smtp" == sink ]]; then
    ensure_postfix_tools
    start_smtp_sink "$sink_first" "$MAILOO_LOG_DIR/bench-orders-smtp-sink.log"
    smtp_port=$SINK_PORT
  fi

  # the stack, with the bench's limits
  if stack_healthy && ! stack_has_bench_env; then
    ((restart)) || die "the running stack was not started with ${ORDER_BENCH_ENV[*]}: the key's order bucket (or
      dispatch's per-profile limit) would answer 429 / defer. Stop it (./mailoo down) or pass --restart."
    log "restarting the stack with ${ORDER_BENCH_ENV[*]}"
    "$MAILOO_ROOT/mailoo" down
  fi
  local fresh_stack=0
  if ! stack_healthy; then
    is_running market-service || STARTED_STACK=1
    log "starting the stack: ${ORDER_BENCH_ENV[*]} MAILOO_SKIP_DASHBOARD=1 ./mailoo up"
    env "${ORDER_BENCH_ENV[@]}" MAILOO_SKIP_DASHBOARD=1 "$MAILOO_ROOT/mailoo" up >&2 || die "./mailoo up failed"
    fresh_stack=1
  fi
  stack_has_bench_env || die "market-service / mail-dispatch-service run without ${ORDER_BENCH_ENV[*]}"
  # The first run on a stack that just started measured its JIT: API p99 175-474 ms against 27-45 ms in the runs
  # after it (docs/benchmarks.md, tenth session), and 500/s at once from its first second left dispatch a backlog
  # that it was still working off in the measured seconds (fourteenth and fifteenth sessions); and dispatch's C2
  # compiler was still busy minutes after its start (72 s of compilation in its first 9 minutes; dispatch used 7-11
  # CPU-s of a run within 4 minutes of its start, 4.6-5.3 after). Unless --warmup says otherwise, such a stack rises
  # to the rate in a minute and runs at it two minutes more before it is measured.
  if [[ -z "$warmup" ]]; then
    warmup=20
    if ((fresh_stack)); then
      warmup=180
      : "${warmup_ramp:=60}"
      log "the stack has just started: $warmup s of warm-up, rising to the measured rate in the first $warmup_ramp s" \
        "(--warmup and --warmup-ramp set them)"
    fi
  fi
  warmup_ramp=${warmup_ramp:-0}

  echo
  echo "== order benchmark $(date -Iseconds): $rate orders/s for $seconds s (+$warmup s warm-up) through" \
    "http://127.0.0.1:${MAILOO_GATEWAY_PORT:-8080}, SMTP $smtp 127.0.0.1:$smtp_port"
  echo "   machine: $(nproc) cores, load average $(loadavg), memory: $(free -m | awk '/^Mem:/ { printf "%d MB total, %d MB available", $2, $7 }')"
  vacuum_for_bench

  # 1. the shop
  echo
  echo "-- 1/4 shop (project, MARKET integration, SMTP settings, product, API key; one order SENT)"
  local token
  token=$("$MAILOO_ROOT/mailoo" token --sub "order-bench-$stamp" --email "bench-$stamp@bench-owner.test" \
    --groups user --ttl 3600)
  (umask 077 && : >"$shop")
  order_bench_java setup --token "$token" --smtp-port "$smtp_port" --out "$shop" || die "shop setup failed"
  local integration key
  integration=$(sed -n 's/^integration=//p' "$shop")
  key=$(sed -n 's/^key=//p' "$shop")

  # 2. fixed rate
  echo
  echo "-- 2/4 fixed rate: $rate orders/s, open loop, $seconds s (load average $(loadavg))"
  local -A pids=() cpu_start=() cpu_used=()
  local f name pid hz
  hz=$(getconf CLK_TCK)
  for f in "$MAILOO_PID_DIR"/*.pid; do
    name=$(basename "$f" .pid)
    pid=$(cat "$f" 2>/dev/null) || continue
    kill -0 "$pid" 2>/dev/null || continue
    pids[$name]=$pid
  done
  : >"$backlog"
  : >"$fixed_out"
  local start_file="$fixed_out.go"
  rm -f "$start_file"
  order_bench_java fixed --integration "$integration" --key "$key" --rate "$rate" --seconds "$seconds" \
    --warmup "$warmup" --warmup-ramp "$warmup_ramp" --kafka "127.0.0.1:$MAILOO_KAFKA_PORT" --start-file "$start_file" > >(tee "$fixed_out") &
  local bench_pid=$!
  # After its warm-up the generator waits for $start_file: what the harness does before the measured seconds (process
  # lookups, a psql, the metrics scrape of market-service, the sampler's session) is done by then, so none of it lands
  # in the first measured second; CPU, backlog and JFR cover exactly the measured seconds.
  # the statistics are refreshed 10 s before the warm-up ends (or half-way through a shorter one), on tables the size
  # of a running shop's, so that the measured seconds do not run on plans made for empty tables
  local analyze_at=$((warmup > 20 ? warmup - 10 : warmup / 2)) analyzed=0 started=$SECONDS
  for _ in $(seq 1 $((warmup * 10 + 600))); do
    grep -q '^  warm-up done' "$fixed_out" && break
    kill -0 "$bench_pid" 2>/dev/null || break
    if ((!analyzed && warmup > 0 && SECONDS - started >= analyze_at)) && grep -q '^  warm-up:' "$fixed_out"; then
      analyze_for_bench
      analyzed=1
    fi
    sleep 0.1
  done
  # Autovacuum would have reclaimed the warm-up's dead rows (a published outbox row, each dispatch_message update)
  # while it ran; on a server where it is off they stay, and a stack's first run measured PostgreSQL on them: 15.3
  # CPU-s in the measured 30 s after 180 s of warm-up against 8.6 after 20 s (eighteenth session, docs/benchmarks.md).
  # So they are reclaimed here, in the generator's pause, with the CHECKPOINT and sync that keep the vacuum's writes
  # out of the measured seconds.
  if ((warmup > 0)) && [[ "$(autovacuum_setting)" == off ]] && grep -q '^  warm-up done' "$fixed_out"; then
    echo "  the warm-up's dead rows reclaimed, as autovacuum would have (autovacuum is off):"
    local vacuum_started=$SECONDS
    vacuum_for_bench
    echo "   in $((SECONDS - vacuum_started)) s"
  fi
  # PostgreSQL (its postmaster and backends) and the load generator share the machine too: counted beside the stack
  local pg_pid
  pg_pid=$(pgrep -o -x postgres 2>/dev/null || true)
  [[ -n "$pg_pid" ]] && pids[postgresql]=$pg_pid
  local gen_pid
  gen_pid=$(pgrep -f 'order-bench.jar fixed' | head -1 || true)
  [[ -n "$gen_pid" ]] && pids[load-generator]=$gen_pid
  local -a roots=()
  for name in "${!pids[@]}"; do roots+=("$name=${pids[$name]}"); done
  local window_start
  window_start=$(psql_db mailoo_market -tA -c "SELECT now()")
  local -a rows_start
  read -r -a rows_start < <(insert_rows_metric)
  if ((jfr)); then
    jcmd "${pids[market-service]}" JFR.start name=order-bench duration="${seconds}s" settings=profile \
      filename="$jfr_file" >/dev/null || warn "could not start JFR on market-service"
  fi
  outbox_sampler "$backlog" &
  SAMPLER_PID=$!
  while read -r name ticks; do cpu_start[$name]=$ticks; done < <(cpu_snapshot "${roots[@]}")
  # the wall clock of the first measured second, to line the p99 of each second up with the services' logs
  echo "  measured seconds start at $(date -u +%T.%3N) UTC"
  : >"$start_file"
  sleep "$seconds"
  local machine_used listed_used used
  while read -r name ticks; do
    # a process that ended at the close of the window (the generator, when its last second ends first) has no ticks
    # left to read: "-", not a negative figure
    used=$(awk -v a="${cpu_start[$name]:-0}" -v b="$ticks" -v hz="$hz" \
      'BEGIN { if (b < a) print "-"; else printf "%.1f", (b - a) / hz }')
    if [[ "$name" == machine ]]; then machine_used=$used; else cpu_used[$name]=$used; fi
  done < <(cpu_snapshot "${roots[@]}")
  listed_used=$(printf '%s\n' "${cpu_used[@]}" | awk '{ s += $1 } END { printf "%.1f", s }')
  # orders market-service stored during those seconds (an overloaded run answers many of them only later)
  local stored_in_window
  stored_in_window=$(psql_db mailoo_market -tA -c "SELECT count(*) FROM market_order WHERE integration_id = '$integration'
    AND created_at >= '$window_start' AND created_at < now()")
  local -a rows_end
  read -r -a rows_end < <(insert_rows_metric)
  kill "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=""
  wait "$bench_pid" || warn "the fixed-rate run failed"
  echo "  outbox backlog (unpublished rows of market-service's outbox_event, every second from the first measured one):"
  awk '{ printf "%s%s", (NR > 1 ? " " : "    "), $2 } END { print "" }' "$backlog"
  local backlog_max
  backlog_max=$(awk 'BEGIN { m = 0 } $2 ~ /^[0-9]+$/ && $2 > m { m = $2 } END { print m }' "$backlog")
  echo "  outbox backlog max: $backlog_max"
  echo "BENCH fixed.outbox_backlog_max=$backlog_max"
  echo "  CPU seconds used during the $seconds measured seconds ($(nproc) cores = $((seconds * $(nproc))) CPU-s):"
  while IFS= read -r name; do
    printf '    %-30s %6s s\n' "$name" "${cpu_used[$name]}"
    echo "BENCH cpu.${name}=${cpu_used[$name]}"
  done < <(printf '%s\n' "${!cpu_used[@]}" | sort)
  printf '    %-30s %6s s\n' "everything else on the machine" \
    "$(awk -v m="$machine_used" -v l="$listed_used" 'BEGIN { d = m - l; printf "%.1f", (d < 0 ? 0 : d) }')"
  printf '    %-30s %6s s of %s\n' "machine busy in all" "$machine_used" "$((seconds * $(nproc)))"
  echo "BENCH cpu.machine=$machine_used"
  echo "  orders stored by market-service during the measured seconds: $stored_in_window" \
    "($(awk -v n="$stored_in_window" -v s="$seconds" 'BEGIN { printf "%.1f", n / s }') per second)"
  echo "BENCH fixed.stored_in_window=$stored_in_window"
  # group commit (OrderInsertQueue): market's own count of insert statements and of the orders they carried
  local statements_in_window rows_in_window
  statements_in_window=$(awk -v a="${rows_start[0]:-0}" -v b="${rows_end[0]:-0}" 'BEGIN { printf "%d", b - a }')
  rows_in_window=$(awk -v a="${rows_start[1]:-0}" -v b="${rows_end[1]:-0}" 'BEGIN { printf "%d", b - a }')
  echo "  insert statements during the measured seconds: $statements_in_window for $rows_in_window orders" \
    "($(awk -v n="$rows_in_window" -v s="$statements_in_window" 'BEGIN { printf "%.2f", (s > 0 ? n / s : 0) }') orders each)"
  echo "BENCH fixed.insert_statements=$statements_in_window"
  echo "BENCH fixed.insert_rows=$rows_in_window"
  if [[ -n "${cpu_used[market-service]:-}" && "$stored_in_window" -gt 0 ]]; then
    local per_order
    per_order=$(awk -v c="${cpu_used[market-service]}" -v n="$stored_in_window" 'BEGIN { printf "%.2f", c * 1000 / n }')
    echo "    market-service: $per_order ms of CPU per order stored"
    echo "BENCH fixed.market_cpu_ms_per_order=$per_order"
  fi

  if ((jfr)); then
    for _ in $(seq 1 30); do [[ -s "$jfr_file" ]] && break; sleep 1; done
    if [[ -s "$jfr_file" ]]; then
      echo
      echo "  JFR of market-service during the measured seconds (${jfr_file#"$MAILOO_ROOT/"}):"
      order_bench_java jfr-top --file "$jfr_file" || warn "could not read $jfr_file"
    else
      warn "no JFR recording in $jfr_file"
    fi
  fi

  # 3. max rate
  local max_rate=""
  if ((max_seconds > 0)); then
    echo
    echo "-- 3/4 max rate: closed loop, $concurrency workers ($max_generator), $max_seconds s after $max_warmup s" \
      "not counted (load average $(loadavg))"
    local -a max_roots=()
    for name in "${!pids[@]}"; do [[ "$name" == load-generator ]] || max_roots+=("$name=${pids[$name]}"); done
    if [[ "$max_generator" == wrk ]]; then
      wrk_max_rate "$integration" "$key" "$concurrency" "$max_seconds" "$max_warmup" "${max_roots[@]}" \
        | tee "$max_out" || warn "the max-rate run failed"
    else
      order_bench_java max --integration "$integration" --key "$key" --concurrency "$concurrency" \
        --seconds "$max_seconds" --warmup "$max_warmup" | tee "$max_out" || warn "the max-rate run failed"
    fi
    max_rate=$(bench_value "$max_out" max.rate)
  fi

  # 4. pgbench
  echo
  echo "-- 4/4 pgbench: one market_order + one outbox_event row per transaction, $pg_clients clients, 20 s," \
    "scratch database $PGBENCH_DB (load average $(loadavg))"
  local tps
  tps=$(pgbench_reference "$pg_clients" 20) || warn "pgbench failed"
  echo "  pgbench: ${tps:-?} tps"
  echo "BENCH pgbench.tps=${tps:-}"

  # RSS after the run
  echo
  echo "-- memory after the run (ps -o rss of .mailoo/pids/*)"
  local rss_fail=0 stack_mb=0
  for name in $(printf '%s\n' "${!pids[@]}" | sort); do
    local rss
    rss=$( (ps -o rss= -p "${pids[$name]}" 2>/dev/null || true) | tr -d ' ')
    [[ -n "$rss" ]] || continue
    local mb=$((rss / 1024)) note=""
    case "$name" in
      integration-service|market-service|offer-generator-service)
        if ((mb > ORDER_TARGET_RSS_MB)); then note="  (above $ORDER_TARGET_RSS_MB MB)"; rss_fail=1; fi ;;
      mail-dispatch-service)
        if ((mb > ORDER_TARGET_DISPATCH_RSS_MB)); then note="  (above $ORDER_TARGET_DISPATCH_RSS_MB MB)"; rss_fail=1; fi ;;
    esac
    [[ "$name" == load-generator || "$name" == postgresql ]] || stack_mb=$((stack_mb + mb))
    printf '    %-26s %5d MB%s\n' "$name" "$mb" "$note"
    echo "BENCH rss.$name=$mb"
  done

  # summary
  local p99 sent_p99 r
  p99=$(bench_value "$fixed_out" fixed.p99_ms)
  sent_p99=$(bench_value "$fixed_out" sent.p99_ms)
  r=$(ratio "$max_rate" "$tps")
  meets() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { if (v == "" || v == "-") exit 2; if (op == "le") exit !(v + 0 <= t); exit !(v + 0 >= t) }'; }
  verdict() { if meets "$@"; then echo "met"; else echo "NOT MET"; fi; }
  echo
  echo "== summary ($rate orders/s offered for $seconds s; $(nproc) cores; load average now $(loadavg))"
  printf '  %-30s %s orders/s (offered %s)\n' "served" "$(bench_value "$fixed_out" fixed.served_rate)" \
    "$(bench_value "$fixed_out" fixed.offered_rate)"
  printf '  %-30s p50 %s ms, p99 %s ms, max %s ms   (target p99 <= %s ms: %s)\n' "API latency" \
    "$(bench_value "$fixed_out" fixed.p50_ms)" "$p99" "$(bench_value "$fixed_out" fixed.max_ms)" \
    "$ORDER_TARGET_P99_MS" "$(verdict "$p99" "$ORDER_TARGET_P99_MS" le)"
  printf '  %-30s %s\n' "answers" "$(bench_value "$fixed_out" fixed.statuses)"
  printf '  %-30s p50 %s ms, p99 %s ms, max %s ms   (target p99 <= %s ms: %s)\n' "order -> SENT" \
    "$(bench_value "$fixed_out" sent.p50_ms)" "$sent_p99" "$(bench_value "$fixed_out" sent.max_ms)" \
    "$ORDER_TARGET_SENT_P99_MS" "$(verdict "$sent_p99" "$ORDER_TARGET_SENT_P99_MS" le)"
  printf '  %-30s %s (without a result: %s)\n' "confirmations" "$(bench_value "$fixed_out" sent.statuses)" \
    "$(bench_value "$fixed_out" sent.missing)"
  printf '  %-30s %s\n' "outbox backlog max" "$backlog_max"
  printf '  %-30s %s orders/s (closed loop, %s workers, %s)\n' "max rate" "${max_rate:--}" "$concurrency" \
    "$max_generator"
  printf '  %-30s %s tps\n' "pgbench order + outbox" "${tps:--}"
  printf '  %-30s %s   (target >= %s: %s)\n' "max rate / pgbench" "$r" "$ORDER_TARGET_RATIO" \
    "$(verdict "$r" "$ORDER_TARGET_RATIO" ge)"
  printf '  %-30s %s\n' "RSS per service" "$( ((rss_fail)) && echo "NOT MET" || echo "met") (domain services <= \
$ORDER_TARGET_RSS_MB MB, dispatch <= $ORDER_TARGET_DISPATCH_RSS_MB MB)"
  printf '  %-30s %s MB   (target <= %s MB: %s)\n' "RSS of the whole stack" "$stack_mb" "$ORDER_TARGET_STACK_RSS_MB" \
    "$( ((stack_mb <= ORDER_TARGET_STACK_RSS_MB)) && echo met || echo "NOT MET")"
  echo "BENCH ratio.max_over_pgbench=$r"
  echo "saved: ${result#"$MAILOO_ROOT/"}"
}
