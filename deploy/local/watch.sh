# shellcheck shell=bash
# ./mailoo watch: follows mailoo.mail-results.v1 live (Kafka's own console consumer from .mailoo/kafka/libs,
# formatted by deploy/local/watch_format.py). Reads from the latest offset unless --from-beginning.

cmd_watch() {
  local -a fmt_args=()
  local from_beginning=0 topic=mailoo.mail-results.v1 bootstrap="127.0.0.1:$MAILOO_KAFKA_PORT"
  while (($#)); do
    case "$1" in
      --profile|--status|--purpose) [[ $# -ge 2 ]] || die "$1 needs a value"; fmt_args+=("$1" "$2"); shift 2 ;;
      --profile=*|--status=*|--purpose=*) fmt_args+=("$1"); shift ;;
      --from-beginning) from_beginning=1; shift ;;
      --bootstrap-server) bootstrap=${2:?}; shift 2 ;;
      -h|--help)
        echo "usage: ./mailoo watch [--profile REF|GLOB] [--status S[,S]] [--purpose P[,P]] [--from-beginning] [--bootstrap-server HOST:PORT]"
        return 0 ;;
      *) die "watch: unknown option $1 (see ./mailoo watch --help)" ;;
    esac
  done
  require_cmd java python3
  ensure_state_dirs
  if [[ "$bootstrap" == "127.0.0.1:$MAILOO_KAFKA_PORT" ]] && ! port_open "$MAILOO_KAFKA_PORT"; then
    die "Kafka is not running on $bootstrap (./mailoo up)"
  fi
  ensure_kafka_libs
  local -a cc_args=(--bootstrap-server "$bootstrap" --topic "$topic"
                    --consumer-property "client.id=mailoo-watch-$$"
                    --property print.value=true)
  ((from_beginning)) && cc_args+=(--from-beginning)
  log "following $topic on $bootstrap$( ((from_beginning)) && echo ' from the beginning' || echo ' from now on') (Ctrl-C to stop)"
  kafka_java "$MAILOO_LOG_DIR/kafka-tools.log" org.apache.kafka.tools.consumer.ConsoleConsumer "${cc_args[@]}" \
      2>>"$MAILOO_LOG_DIR/kafka-tools.log" \
    | python3 -u "$MAILOO_ROOT/deploy/local/watch_format.py" "${fmt_args[@]}"
}
