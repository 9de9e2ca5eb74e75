# shellcheck shell=bash
# The four Quarkus services, run from <module>/target/quarkus-app/quarkus-run.jar.

service_jar() { echo "$MAILOO_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

# The JVM the services run on. A JDK 25+ has the AOT cache (JEP 483/514/515), which halves a service's start-up
# (docs/benchmarks.md, Start-up). Default: `java` on the PATH, or, when that is older than 25, the newest JDK 25+
# installed under /usr/lib/jvm (Debian's and Temurin's packages) if there is one. MAILOO_SERVICE_JAVA=/path/to/java
# chooses one.
: "${MAILOO_SERVICE_JAVA:=}"
: "${MAILOO_AOT:=true}"
: "${MAILOO_APPCDS:=true}"
java_feature_version() { # java_feature_version JAVA: 17, 21, 25, ...
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
# call it outside $(...) once (start_service, build_if_needed do) so that the choice is made once per command
resolve_service_java() {
  [[ -n "$MAILOO_SERVICE_JAVA" && -n "${MAILOO_SERVICE_JAVA_VERSION:-}" ]] && return 0
  if [[ -z "$MAILOO_SERVICE_JAVA" ]]; then
    MAILOO_SERVICE_JAVA=java
    local candidate v best=0
    v=$(java_feature_version java)
    if (( ${v:-0} < 25 )); then
      for candidate in /usr/lib/jvm/*/bin/java; do
        [[ -x "$candidate" ]] || continue
        v=$(java_feature_version "$candidate")
        if (( ${v:-0} >= 25 && ${v:-0} > best )); then best=$v; MAILOO_SERVICE_JAVA=$candidate; fi
      done
    fi
  fi
  MAILOO_SERVICE_JAVA_VERSION=$(java_feature_version "$MAILOO_SERVICE_JAVA")
}
service_java() { resolve_service_java; echo "$MAILOO_SERVICE_JAVA"; }
service_java_version() {
  [[ -n "${MAILOO_SERVICE_JAVA_VERSION:-}" ]] || MAILOO_SERVICE_JAVA_VERSION=$(java_feature_version "$(service_java)")
  echo "${MAILOO_SERVICE_JAVA_VERSION:-0}"
}
# true when the services start from an AOT cache (JDK 25+ and MAILOO_AOT=true); AppCDS (MAILOO_APPCDS) otherwise
service_uses_aot() {
  [[ "$MAILOO_AOT" == true ]] || return 1
  (( $(service_java_version) >= 25 ))
}

# An AOT cache is valid for one jar, one JVM and one set of JVM options: the stamp beside it records the last two, and
# a cache older than the jar or with another stamp is made again by a training run (train_aot_caches).
service_aot_stamp() { echo "$(service_java) $(service_java_opts "$1")"; }
service_aot_cache() {
  local dir; dir=$(dirname "$(service_jar "$1")")
  [[ -f "$dir/app.aot" && "$dir/app.aot" -nt "$dir/quarkus-run.jar" && -f "$dir/app.aot.stamp" ]] \
    && [[ "$(cat "$dir/app.aot.stamp")" == "$(service_aot_stamp "$1")" ]] && echo "$dir/app.aot"
  return 0
}
# The build's AppCDS archive of the service's classes (quarkus.package.jar.appcds.enabled) for a JVM older than 25:
# about a third off the start-up. A jar packaged without it (./mailoo test) leaves no archive newer than the jar, and
# the service then starts without one.
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
  resolve_service_java
  # the build rewrites every service's jar: a service left running would go on with a jar replaced under it, and the
  # training run skips running services, so its next start would have no AOT cache; start_services starts them again
  local -a running=()
  for svc in "${MAILOO_SERVICES[@]}"; do is_running "$svc" && running+=("$svc"); done
  if ((${#running[@]})); then
    log "stopping ${running[*]}: the build replaces their jars (they start again from the new ones)"
    stop_components "${running[@]}"
  fi
  # the build's AppCDS archive is made by the build's JVM: of no use to a JDK 25+ (which takes the AOT cache instead)
  local appcds=$MAILOO_APPCDS
  service_uses_aot && appcds=false
  # api-client-tests (the generated clients of ./mailoo test) is not needed to run the stack
  log "building (./mvnw -B -q -DskipTests -pl '!api-client-tests' package, AppCDS $appcds) because:"
  printf '%s' "$reasons" >&2
  local t0; t0=$(now_ms)
  (cd "$MAILOO_ROOT" && mvn_cmd -B -q -DskipTests -pl '!api-client-tests' package -Dquarkus.package.jar.appcds.enabled="$appcds") \
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

# mail-dispatch-service: a larger heap and the throughput collector (deploy/jvm/mail-dispatch-service.options says why)
: "${MAILOO_DISPATCH_JAVA_OPTS:=$(jvm_options_file mail-dispatch-service)}"

service_java_opts() {
  if [[ "$1" == mail-dispatch-service ]]; then echo "$MAILOO_DISPATCH_JAVA_OPTS"; else echo "$MAILOO_SERVICE_JAVA_OPTS"; fi
}

start_service() { # start_service NAME [JVM OPTIONS...]
  local svc=$1 port db logfile jar
  shift
  resolve_service_java
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
    # this checkout's gateway: the server the OpenAPI documents name, and the start of links in subscriber mail
    "PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-$(gateway_url)}"
  )
  # MAIL_SMTP_ENCRYPTION_PREVIOUS_KEYS, MAIL_SMTP_ALLOWED_PORTS, DISPATCH_* etc. pass through from the environment.
  # SUBSCRIPTION_LINK_KEY passes through if set, otherwise integration-service derives the link key from
  # MAIL_SMTP_ENCRYPTION_KEY
  # the platform's OAuth2 apps (oauth.sh: the dev OAuth2 server unless OAUTH_* are set; docs/oauth2.md)
  if [[ "$svc" != market-service ]]; then
    local line
    while IFS= read -r line; do envs+=("$line"); done < <(oauth_service_env)
  fi
  if [[ "$svc" != mail-dispatch-service ]]; then
    envs+=("QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE=$MAILOO_SERVICE_EVENT_LOOPS")
  fi
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
  # AOT cache and AppCDS archive record the class path as the build ran it (relative): the JVM starts in the jar's folder
  local -a cache=("$@")
  if ((${#cache[@]} == 0)); then
    if service_uses_aot; then
      [[ -n "$(service_aot_cache "$svc")" ]] && cache=(-XX:AOTCache=app.aot)
    elif [[ -n "$(service_cds_archive "$svc")" ]]; then
      cache=(-XX:SharedArchiveFile=app-cds.jsa)
    fi
  fi
  # shellcheck disable=SC2086
  start_component "$svc" "$logfile" env --chdir="$(dirname "$jar")" "${envs[@]}" \
    "$(service_java)" $(service_java_opts "$svc") "${cache[@]}" -Dmailoo.component="$svc" -jar quarkus-run.jar
  ok "$svc starting (pid $(component_pid "$svc"), log ${logfile#"$MAILOO_ROOT/"})"
}

wait_service_healthy() {
  local svc=$1 port
  port=$(service_port "$svc")
  wait_until "$svc" "$MAILOO_LOG_DIR/$svc.log" "$MAILOO_HEALTH_TIMEOUT" service_health_up "$port"
  ok "$svc is UP on http://127.0.0.1:$port"
}

# Training run for the AOT cache of each service that has none valid: started with -XX:AOTCacheOutput, stopped once
# healthy; the JVM writes app.aot as it exits. Only after a build or a change of JVM or options.
train_aot_caches() {
  resolve_service_java
  service_uses_aot || return 0
  local svc t0 dir
  local -a todo=()
  for svc in "${MAILOO_SERVICES[@]}"; do
    [[ -z "$(service_aot_cache "$svc")" ]] && ! is_running "$svc" && todo+=("$svc")
  done
  ((${#todo[@]})) || return 0
  t0=$(now_ms)
  log "AOT cache training run ($(service_java)): ${todo[*]}"
  for svc in "${todo[@]}"; do
    dir=$(dirname "$(service_jar "$svc")")
    rm -f "$dir/app.aot" "$dir/app.aot.stamp"
    start_service "$svc" -XX:AOTCacheOutput=app.aot
  done
  for svc in "${todo[@]}"; do wait_service_healthy "$svc"; done
  # writing the cache at exit takes seconds on a busy machine: no SIGKILL after the usual 20 s
  MAILOO_STOP_TIMEOUT=180 stop_components "${todo[@]}"
  for svc in "${todo[@]}"; do
    dir=$(dirname "$(service_jar "$svc")")
    if [[ -f "$dir/app.aot" ]]; then service_aot_stamp "$svc" >"$dir/app.aot.stamp"; else warn "$svc: no AOT cache written"; fi
  done
  ok "AOT caches written in $(( ($(now_ms) - t0) / 1000 )) s"
}

start_services() {
  local svc t0
  train_aot_caches
  t0=$(now_ms)
  # start all, then wait: the JVMs boot in parallel
  for svc in "${MAILOO_SERVICES[@]}"; do start_service "$svc"; done
  for svc in "${MAILOO_SERVICES[@]}"; do wait_service_healthy "$svc"; done
  ok "services healthy in $(( $(now_ms) - t0 )) ms"
}
