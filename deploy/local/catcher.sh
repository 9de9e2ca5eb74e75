# shellcheck shell=bash
# Dev SMTP catcher: GreenMail standalone (SMTP on 127.0.0.1:MAILOO_SMTP_CATCHER_PORT, HTTP API on
# 127.0.0.1:MAILOO_SMTP_CATCHER_API_PORT, any login accepted). Read mail with
#   curl http://127.0.0.1:3080/api/user/<recipient>/messages/
# (other endpoints: GET /api/user, POST /api/mail/purge, GET /api/service/readiness, OpenAPI UI at /).

GREENMAIL_JAR="$MAILOO_STATE_DIR/greenmail/greenmail-standalone-$MAILOO_GREENMAIL_VERSION.jar"

ensure_greenmail_jar() {
  [[ -s "$GREENMAIL_JAR" ]] && return 0
  log "fetching GreenMail standalone $MAILOO_GREENMAIL_VERSION from Maven Central (once)"
  mkdir -p "$(dirname "$GREENMAIL_JAR")"
  mvn_cmd -B -q -N -f "$MAILOO_ROOT/deploy/kafka/pom.xml" dependency:copy \
    -Dartifact="com.icegreen:greenmail-standalone:$MAILOO_GREENMAIL_VERSION" \
    -DoutputDirectory="$(dirname "$GREENMAIL_JAR")" >&2 \
    || die "could not fetch com.icegreen:greenmail-standalone:$MAILOO_GREENMAIL_VERSION"
}

catcher_ready() {
  curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$MAILOO_SMTP_CATCHER_API_PORT/api/service/readiness" 2>/dev/null \
    && port_open "$MAILOO_SMTP_CATCHER_PORT"
}

start_catcher() {
  local name=smtp-catcher logfile="$MAILOO_LOG_DIR/smtp-catcher.log"
  if is_running "$name"; then
    ok "$name already running (pid $(component_pid "$name"), smtp 127.0.0.1:$MAILOO_SMTP_CATCHER_PORT)"
    return 0
  fi
  require_cmd java curl
  ensure_greenmail_jar
  ensure_port_free "$MAILOO_SMTP_CATCHER_PORT" "$name (SMTP)"
  ensure_port_free "$MAILOO_SMTP_CATCHER_API_PORT" "$name (HTTP API)"
  local t0; t0=$(now_ms)
  start_component "$name" "$logfile" java -Xmx128m -XX:+UseSerialGC -Dmailoo.component="$name" \
    -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$MAILOO_SMTP_CATCHER_PORT" \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$MAILOO_SMTP_CATCHER_API_PORT" \
    -Dgreenmail.auth.disabled \
    -jar "$GREENMAIL_JAR"
  wait_until "$name" "$logfile" 30 catcher_ready
  ok "$name started: smtp 127.0.0.1:$MAILOO_SMTP_CATCHER_PORT, api http://127.0.0.1:$MAILOO_SMTP_CATCHER_API_PORT (pid $(component_pid "$name")) in $(( $(now_ms) - t0 )) ms"
}
