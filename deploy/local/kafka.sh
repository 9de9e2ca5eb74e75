# shellcheck shell=bash
# Single-node KRaft Kafka from Apache Kafka's jars on Maven Central (no Docker).
#   dev broker : component "kafka",      ports MAILOO_KAFKA_PORT/MAILOO_KAFKA_CONTROLLER_PORT, data .mailoo/kafka/data
#   test broker: component "kafka-test", ports MAILOO_TEST_KAFKA_PORT/..., data .mailoo/kafka-test/data (wiped each run)

KAFKA_LIBS_DIR="$MAILOO_STATE_DIR/kafka/libs"
KAFKA_DEPLOY_DIR="$MAILOO_ROOT/deploy/kafka"
KAFKA_TOOL_OPTS=(-Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

# Fetch the broker's jars once (re-fetched when deploy/kafka/pom.xml changes).
ensure_kafka_libs() {
  require_cmd java
  local stamp sum
  sum=$(cksum <"$KAFKA_DEPLOY_DIR/pom.xml" | cut -d' ' -f1)
  stamp="$KAFKA_LIBS_DIR/.mailoo-fetched-$sum"
  [[ -f "$stamp" ]] && return 0
  log "fetching Apache Kafka $MAILOO_KAFKA_VERSION jars from Maven Central into ${KAFKA_LIBS_DIR#"$MAILOO_ROOT/"} (once)"
  rm -rf "$KAFKA_LIBS_DIR"
  mkdir -p "$KAFKA_LIBS_DIR"
  mvn_cmd -B -q -f "$KAFKA_DEPLOY_DIR/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_LIBS_DIR" -DincludeScope=runtime >&2 \
    || die "could not fetch the Kafka jars (mvn dependency:copy-dependencies on deploy/kafka/pom.xml)"
  touch "$stamp"
}

kafka_java() {
  # kafka_java LOGFILE MAINCLASS ARGS... (tools: short-lived, small JVM)
  local logfile=$1
  shift
  java "${KAFKA_TOOL_OPTS[@]}" \
    -Dlog4j2.configurationFile="$KAFKA_DEPLOY_DIR/log4j2.xml" -Dmailoo.kafka.log="$logfile" \
    -cp "$KAFKA_LIBS_DIR/*" "$@"
}

random_cluster_id() {
  local id
  while true; do
    id=$(openssl rand 16 | openssl base64 -A | tr '+/' '-_' | tr -d '=')
    [[ "$id" != -* ]] && { echo "$id"; return 0; }
  done
}

# kafka_start NAME PORT CONTROLLER_PORT BASE_DIR FRESH(0|1)
kafka_start() {
  local name=$1 port=$2 cport=$3 base=$4 fresh=$5
  local logfile="$MAILOO_LOG_DIR/$name.log" props="$base/server.properties" data="$base/data"
  ensure_state_dirs
  if is_running "$name"; then
    ok "$name already running (pid $(component_pid "$name"), 127.0.0.1:$port)"
    return 0
  fi
  require_cmd openssl
  ensure_kafka_libs
  ensure_port_free "$port" "$name"
  ensure_port_free "$cport" "$name controller"
  local t0; t0=$(now_ms)
  if [[ "$fresh" == 1 ]]; then
    rm -rf "$data"
    : >"$logfile"
  fi
  mkdir -p "$base" "$data"
  sed -e "s/@NODE_ID@/1/g" -e "s/@PORT@/$port/g" -e "s/@CONTROLLER_PORT@/$cport/g" -e "s#@DATA_DIR@#$data#g" \
    "$KAFKA_DEPLOY_DIR/server.properties.template" >"$props"
  if [[ ! -f "$data/meta.properties" ]]; then
    local cid; cid=$(random_cluster_id)
    kafka_java "$MAILOO_LOG_DIR/kafka-tools.log" kafka.tools.StorageTool format \
      -t "$cid" -c "$props" --ignore-formatted >>"$logfile" 2>&1 \
      || { show_log_tail "$logfile" 20; die "formatting the $name storage failed"; }
  fi
  # shellcheck disable=SC2086
  start_component "$name" "$logfile" java $MAILOO_KAFKA_HEAP_OPTS -Dmailoo.component="$name" \
    -Dlog4j2.configurationFile="$KAFKA_DEPLOY_DIR/log4j2.xml" -Dmailoo.kafka.log="$logfile" \
    -Dkafka.logs.dir="$MAILOO_LOG_DIR" \
    -cp "$KAFKA_LIBS_DIR/*" kafka.Kafka "$props"
  wait_until "$name" "$logfile" 60 port_open "$port"
  ok "$name started on 127.0.0.1:$port (controller $cport, pid $(component_pid "$name")) in $(( $(now_ms) - t0 )) ms"
}

# kafka_create_topics BOOTSTRAP [fresh] : creates the topics of deploy/kafka/topics.conf that are missing
# ("fresh": the broker was just formatted, skip listing the existing topics)
kafka_create_topics() {
  local bootstrap=$1 fresh=${2:-} tlog="$MAILOO_LOG_DIR/kafka-tools.log" t0 existing=""
  t0=$(now_ms)
  if [[ "$fresh" != fresh ]]; then
    existing=$(kafka_java "$tlog" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --list 2>>"$tlog") \
      || die "could not list topics on $bootstrap (see $tlog)"
  fi
  local -a pids=() names=()
  local name parts cfgs tmp
  tmp=$(mktemp -d)
  while read -r name parts cfgs _; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    if grep -qxF -- "$name" <<<"$existing"; then
      continue
    fi
    local -a args=(--bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" --partitions "$parts"
                   --replication-factor 1)
    if [[ -n "$cfgs" && "$cfgs" != - ]]; then
      local c
      IFS=',' read -r -a _cfg <<<"$cfgs"
      for c in "${_cfg[@]}"; do args+=(--config "$c"); done
    fi
    # one small JVM per missing topic, run concurrently
    kafka_java "$tlog" org.apache.kafka.tools.TopicCommand "${args[@]}" >"$tmp/$name.out" 2>&1 &
    pids+=($!); names+=("$name")
  done <"$KAFKA_DEPLOY_DIR/topics.conf"
  local i failed=0
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      failed=1
      warn "creating topic ${names[$i]} failed:"; cat "$tmp/${names[$i]}.out" >&2
    fi
  done
  rm -rf "$tmp"
  ((failed == 0)) || die "topic creation failed on $bootstrap"
  if ((${#names[@]})); then
    ok "created topics on $bootstrap: ${names[*]} ($(( $(now_ms) - t0 )) ms)"
  else
    ok "topics present on $bootstrap ($(( $(now_ms) - t0 )) ms)"
  fi
}

# kafka_topics_on_disk DATA_DIR : true when every topic of deploy/kafka/topics.conf has its partition 0 folder there
# (the local broker is the only one and hosts every partition)
kafka_topics_on_disk() {
  local data=$1 name _rest
  [[ -d "$data" ]] || return 1
  while read -r name _rest; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    [[ -d "$data/$name-0" ]] || return 1
  done <"$KAFKA_DEPLOY_DIR/topics.conf"
}

kafka_list_topics() {
  kafka_java "$MAILOO_LOG_DIR/kafka-tools.log" org.apache.kafka.tools.TopicCommand --bootstrap-server "$1" --describe \
    --exclude-internal 2>/dev/null | grep -E '^Topic:' || true
}

start_dev_kafka() {
  kafka_start kafka "$MAILOO_KAFKA_PORT" "$MAILOO_KAFKA_CONTROLLER_PORT" "$MAILOO_STATE_DIR/kafka" 0
  # the partition folders answer without TopicCommand's JVM, which took 14 s of a loaded 2-core machine on every
  # ./mailoo up, e.g. the restart of one killed service (bench recovery, 2026-12-06)
  if kafka_topics_on_disk "$MAILOO_STATE_DIR/kafka/data"; then
    ok "topics present on 127.0.0.1:$MAILOO_KAFKA_PORT (partition folders in ${MAILOO_STATE_DIR#"$MAILOO_ROOT/"}/kafka/data)"
  else
    kafka_create_topics "127.0.0.1:$MAILOO_KAFKA_PORT"
  fi
}

start_test_kafka() {
  kafka_start kafka-test "$MAILOO_TEST_KAFKA_PORT" "$MAILOO_TEST_KAFKA_CONTROLLER_PORT" "$MAILOO_STATE_DIR/kafka-test" 1
  kafka_create_topics "127.0.0.1:$MAILOO_TEST_KAFKA_PORT" fresh
}
