# shellcheck shell=bash
# The four Quarkus services, run from <module>/target/quarkus-app/quarkus-run.jar.

service_jar() { echo "$MAILOO_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

# The build's AppCDS archive of the service's classes (quarkus.package.jar.appcds.enabled): about a third off the
# start-up (docs/benchmarks.md, Start-up). Built by ./mailoo up's build; a jar packaged without it (./mailoo test)
# leaves no archive newer than the jar, and the service then starts without one.
: "${MAILOO_APPCDS:=true}"
service_cds_archive() {
  local dir; dir=$(dirname "$(service_jar "$1")")
  [[ -f "$dir/app-cds.jsa" && "$dir/app-cds.jsa" -nt "$dir/quarkus-run.jar" ]] && echo "$dir/app-cds.jsa"
  return 0
}
# prints the module and the repository's own modules it depends on (any scope, transitively), one a line: a
# dependency's <artifactId> that names a directory of the repository with a pom.xml is one of ours
service_modules() {
  local todo=("$1") seen=" " m dep
  while ((${#todo[@]})); do
    m=${todo[0]}; todo=("${todo[@]:1}")
    [[ "$seen" == *" $m "* ]] && continue
    seen+="$m "
    echo "$m"
    for dep in $(sed -n 's|.*<artifactId>\([A-Za-z0-9._-]*\)</artifactId>.*|\1|p' "$MAILOO_ROOT/$m/pom.xml"); do
      [[ "$dep" != "$m" && -f "$MAILOO_ROOT/$dep/pom.xml" ]] && todo+=("$dep")
    done
  done
}

# prints the reason when the module needs a (re)build, nothing otherwise: the jar is missing, or the root pom or a
# pom.xml or src/ file of the module or of a module it depends on (shared-contracts, service-support, test-support)
# is newer than the jar
service_build_reason() {
  local svc=$1 jar newer m paths=("$MAILOO_ROOT/pom.xml")
  jar=$(service_jar "$svc")
  [[ -d "$MAILOO_ROOT/$svc" ]] || die "module $svc/ does not exist yet"
  [[ -f "$jar" ]] || { echo "$svc: no ${jar#"$MAILOO_ROOT/"}"; return 0; }
  while read -r m; do
    paths+=("$MAILOO_ROOT/$m/pom.xml" "$MAILOO_ROOT/$m/src")
  done < <(service_modules "$svc")
  newer=$(find "${paths[@]}" -newer "$jar" -type f -print -quit 2>/dev/null || true)
  [[ -n "$newer" ]] && echo "$svc: ${newer#"$MAILOO_ROOT/"} is newer than the jar"
  return 0
}

# prints why the merged API document (api-docs, served by the gateway at /api/openapi.json) must be rebuilt: it is
# missing, or older than a service's own document or the merge's sources
api_docs_build_reason() {
  local out="$MAILOO_ROOT/api-docs/target/openapi/mailoo.json" newer
  [[ -d "$MAILOO_ROOT/api-docs" ]] || return 0
  [[ -f "$out" ]] || { echo "api-docs: no ${out#"$MAILOO_ROOT/"}"; return 0; }
  newer=$(find "$MAILOO_ROOT/api-docs/src" "$MAILOO_ROOT/api-docs/pom.xml" "$MAILOO_ROOT"/*/target/openapi/openapi.json \
    -newer "$out" -type f -print -quit 2>/dev/null || true)
  [[ -n "$newer" ]] && echo "api-docs: ${newer#"$MAILOO_ROOT/"} is newer than the merged document"
  return 0
}

build_if_needed() {
  if [[ "$MAILOO_SKIP_BUILD" == 1 ]]; then
    return 0
  fi
  local svc reason reasons=""
  for svc in "${MAILOO_SERVICES[@]}"; do
    reason=$(service_build_reason "$svc")
    [[ -n "$reason" ]] && reasons+="    $reason"$'\n'
  done
  reason=$(api_docs_build_reason)
  [[ -n "$reason" ]] && reasons+="    $reason"$'\n'
  if [[ -z "$reasons" ]]; then
    ok "service jars are up to date"
    return 0
  fi
  # api-client-tests (the generated clients of ./mailoo test) is not needed to run the stack
  log "building (./mvnw -B -q -DskipTests -pl '!api-client-tests' package, AppCDS $MAILOO_APPCDS) because:"
  printf '%s' "$reasons" >&2
  local t0; t0=$(now_ms)
  (cd "$MAILOO_ROOT" && mvn_cmd -B -q -DskipTests -pl '!api-client-tests' package -Dquarkus.package.jar.appcds.enabled="$MAILOO_APPCDS") \
    || die "build failed"
  for svc in "${MAILOO_SERVICES[@]}"; do
    [[ -f "$(service_jar "$svc")" ]] || die "build finished but $(service_jar "$svc") is missing"
  done
  ok "built in $(( ($(now_ms) - t0) / 1000 )) s"
}

service_health_up() {
  local port=$1 body code
  body=$(curl -sS -m 3 -w '\n%{http_code}' "http://127.0.0.1:$port/q/health" 2>/dev/null) || return 1
  code=${body##*$'\n'}
  [[ "$code" == 200 ]] && grep -q '"status" *: *"UP"' <<<"$body"
}

# prints UP / DOWN / - for status
service_health() {
  local port=$1 code
  code=$(curl -s -m 3 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health" 2>/dev/null || true)
  case "$code" in
    200) echo UP ;;
    503) echo DOWN ;;
    000|"") echo unreachable ;;
    *) echo "HTTP $code" ;;
  esac
}

# mail-dispatch-service holds a burst of requests (bodies included) in memory and allocates per SMTP line: a larger
# heap and the throughput collector halve its GC time under load (docs/benchmarks.md)
: "${MAILOO_DISPATCH_JAVA_OPTS:=-Xms128m -Xmx384m -XX:+UseParallelGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=96m -Xss512k -XX:TrimNativeHeapInterval=10000 -XX:+ExitOnOutOfMemoryError}"

service_java_opts() {
  if [[ "$1" == mail-dispatch-service ]]; then echo "$MAILOO_DISPATCH_JAVA_OPTS"; else echo "$MAILOO_SERVICE_JAVA_OPTS"; fi
}

start_service() {
  local svc=$1 port db logfile jar
  port=$(service_port "$svc")
  db=$(service_db "$svc")
  logfile="$MAILOO_LOG_DIR/$svc.log"
  jar=$(service_jar "$svc")
  if is_running "$svc"; then
    ok "$svc already running (pid $(component_pid "$svc"), http://127.0.0.1:$port)"
    return 0
  fi
  [[ -f "$jar" ]] || die "$jar is missing (build with ./mvnw -DskipTests package)"
  ensure_port_free "$port" "$svc"
  # the health checks, status and the gateway reach the services on 127.0.0.1, which both of these serve
  [[ "$MAILOO_SERVICE_HOST" == 127.0.0.1 || "$MAILOO_SERVICE_HOST" == 0.0.0.0 ]] \
    || die "MAILOO_SERVICE_HOST must be 127.0.0.1 (default) or 0.0.0.0, not $MAILOO_SERVICE_HOST"
  local -a envs=(
    "QUARKUS_PROFILE=${QUARKUS_PROFILE:-prod}"
    "HTTP_HOST=$MAILOO_SERVICE_HOST"
    "HTTP_PORT=$port"
    "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$MAILOO_KAFKA_PORT"
    "DB_HOST=$MAILOO_DB_HOST"
    "DB_PORT=$MAILOO_DB_PORT"
    "DB_NAME=$db"
    "DB_USERNAME=$MAILOO_DB_USERNAME"
    "DB_PASSWORD=$MAILOO_DB_PASSWORD"
    "MAIL_SMTP_ENCRYPTION_KEY=$(smtp_encryption_key)"
    "MAIL_SMTP_ALLOW_PRIVATE_HOSTS=${MAIL_SMTP_ALLOW_PRIVATE_HOSTS:-true}"
    "JWT_ISSUER=$MAILOO_JWT_ISSUER"
    "JWT_AUDIENCE=$MAILOO_JWT_AUDIENCE"
    "JWT_PUBLIC_KEY_LOCATION=$JWT_PUBLIC_KEY"
    "MALLOC_ARENA_MAX=$MAILOO_MALLOC_ARENA_MAX"
    # the server the OpenAPI documents name: this checkout's gateway
    "MAILOO_PUBLIC_BASE_URL=${MAILOO_PUBLIC_BASE_URL:-$(gateway_url)}"
  )
  # MAIL_SMTP_ENCRYPTION_PREVIOUS_KEYS, MAIL_SMTP_ALLOWED_PORTS, DISPATCH_* etc. pass through from the environment.
  if [[ "$svc" == mail-dispatch-service ]]; then
    envs+=(
      "GLOBAL_SMTP_HOST=${GLOBAL_SMTP_HOST:-127.0.0.1}"
      "GLOBAL_SMTP_PORT=${GLOBAL_SMTP_PORT:-$MAILOO_SMTP_CATCHER_PORT}"
      "GLOBAL_SMTP_SECURITY=${GLOBAL_SMTP_SECURITY:-NONE}"
      "GLOBAL_SMTP_USERNAME=${GLOBAL_SMTP_USERNAME-}"
      "GLOBAL_SMTP_PASSWORD=${GLOBAL_SMTP_PASSWORD-}"
      "GLOBAL_MAIL_FROM=${GLOBAL_MAIL_FROM:-platform@mailoo.local}"
    )
  fi
  # an AppCDS archive records the class path as the build ran it (relative), so the JVM starts in the jar's folder
  local -a cds=()
  [[ -n "$(service_cds_archive "$svc")" ]] && cds=(-XX:SharedArchiveFile=app-cds.jsa)
  # shellcheck disable=SC2086
  start_component "$svc" "$logfile" env --chdir="$(dirname "$jar")" "${envs[@]}" \
    java $(service_java_opts "$svc") "${cds[@]}" -Dmailoo.component="$svc" -jar quarkus-run.jar
  ok "$svc starting (pid $(component_pid "$svc"), log ${logfile#"$MAILOO_ROOT/"})"
}

wait_service_healthy() {
  local svc=$1 port
  port=$(service_port "$svc")
  wait_until "$svc" "$MAILOO_LOG_DIR/$svc.log" "$MAILOO_HEALTH_TIMEOUT" service_health_up "$port"
  ok "$svc is UP on http://127.0.0.1:$port"
}

start_services() {
  local svc t0
  t0=$(now_ms)
  # start all, then wait: the JVMs boot in parallel
  for svc in "${MAILOO_SERVICES[@]}"; do start_service "$svc"; done
  for svc in "${MAILOO_SERVICES[@]}"; do wait_service_healthy "$svc"; done
  ok "services healthy in $(( $(now_ms) - t0 )) ms"
}
