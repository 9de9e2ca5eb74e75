# shellcheck shell=bash
# ./mailoo subcommands.

usage() {
  cat <<EOF
Mailoo local runner (state in .mailoo/)

usage: ./mailoo COMMAND [ARGS]

  up                  build if needed (services with Maven, the dashboard with npm), start PostgreSQL (if local
                      and stopped), Kafka ($MAILOO_KAFKA_PORT), the SMTP catcher ($MAILOO_SMTP_CATCHER_PORT, API $MAILOO_SMTP_CATCHER_API_PORT), the four services
                      the dev OAuth2 server ($MAILOO_OAUTH_PORT) and its XOAUTH2 SMTP server ($MAILOO_OAUTH_SMTP_PORT, API
                      $MAILOO_OAUTH_SMTP_API_PORT; MAILOO_DEV_OAUTH=0: neither),
                      and the gateway (nginx, $MAILOO_GATEWAY_HOST:$MAILOO_GATEWAY_PORT, the dashboard at /); waits until
                      healthy; prints dashboard sign-in links (dev owner, operator)
  down                stop everything ./mailoo started (gateway, services, catcher, Kafka, a leftover test broker)
  status              one line per component
  logs NAME [--no-follow]
                      tail a log; NAME: integration-service market-service offer-generator-service
                      mail-dispatch-service kafka kafka-test smtp-catcher oauth-server oauth-smtp gateway gateway-access
  token --sub ID --email ADDR [--groups g1,g2] [--ttl SECONDS] [--aud AUDIENCE]
                      print a dev RS256 JWT (issuer $MAILOO_JWT_ISSUER; aud --aud or \$MAILOO_JWT_AUDIENCE)
  test [MAVEN ARGS]   start a fresh test broker ($MAILOO_TEST_KAFKA_PORT), create test databases, run ./mvnw -B verify;
                      then (without MAVEN ARGS) the API checks as with --api and the browser tests as with --ui
                      (on the running stack, or on one started and stopped for them)
  test --ui           only the dashboard's browser tests (headless Chromium against the running stack; installs
                      chromium and the npm packages when missing, starts the stack when it is not up and stops it
                      again afterwards); screenshots in dashboard/test-results/
  test --api          only the API documents' checks: Spectral (spectral:oas) on each document, then GatewayFlowIT,
                      the openapi-generator clients driving the stack through the gateway (docs/api-documents.md)
  test --no-ui [MAVEN ARGS]
                      only the Maven suite
  bench [ARGS]        run deploy/local/bench.sh (dispatch, orders); bench outbox|visibility|recovery|startup [--count N]: issue 12 figures on the running stack
  watch [--profile REF] [--status S] [--purpose P] [--from-beginning]
                      follow mailoo.mail-results.v1 live as readable lines (Ctrl-C to stop)
  smoke               end-to-end check of the running stack through the gateway (every mail checked at the catcher)
  abuse               replays the attacks of docs/security.md against the running stack and checks each fails safely
  fault db-outage [--seconds N]
                      stops the local PostgreSQL for N s (default 80) under 4 ordering clients, then checks the 503s
                      meanwhile, that every service stayed alive and that every accepted order ends SENT
  help                this text

Infra-only start (no build, no services): MAILOO_SKIP_SERVICES=1 ./mailoo up
Skip the staleness check / build:         MAILOO_SKIP_BUILD=1 ./mailoo up   (dashboard too)
Skip the dashboard build:                 MAILOO_SKIP_DASHBOARD=1 ./mailoo up
Ports and settings: see README.md (every MAILOO_* variable).
EOF
}

cmd_up() {
  (($# == 0)) || die "up takes no arguments"
  require_cmd java curl openssl
  ensure_state_dirs
  local t0; t0=$(now_ms)
  if [[ "$MAILOO_SKIP_SERVICES" != 1 ]]; then
    build_if_needed
  fi
  if [[ "$MAILOO_SKIP_BUILD" != 1 ]]; then
    build_dashboard_if_needed
  fi
  ensure_postgres
  local dbs=() svc
  for svc in "${MAILOO_SERVICES[@]}"; do dbs+=("$(service_db "$svc")"); done
  ensure_databases "${dbs[@]}"
  warn_if_autovacuum_off
  ensure_keys
  start_dev_kafka
  start_catcher
  start_dev_oauth
  if [[ "$MAILOO_SKIP_SERVICES" == 1 ]]; then
    warn "MAILOO_SKIP_SERVICES=1: services not started"
  else
    start_services
  fi
  start_gateway
  ok "up in $(( ($(now_ms) - t0) / 1000 )) s"
  print_endpoints
}

print_endpoints() {
  local svc
  cat <<EOF

Mailoo is running (state: ${MAILOO_STATE_DIR#"$MAILOO_ROOT/"}/, logs: ./mailoo logs NAME)
EOF
  if [[ "$MAILOO_SKIP_SERVICES" != 1 ]]; then
    for svc in "${MAILOO_SERVICES[@]}"; do
      printf '  %-26s http://127.0.0.1:%s   (health: /q/health)\n' "$svc" "$(service_port "$svc")"
    done
  fi
  cat <<EOF
  kafka                      127.0.0.1:$MAILOO_KAFKA_PORT (controller $MAILOO_KAFKA_CONTROLLER_PORT)
  postgresql                 $MAILOO_DB_HOST:$MAILOO_DB_PORT (user $MAILOO_DB_USERNAME)
  smtp catcher               smtp://127.0.0.1:$MAILOO_SMTP_CATCHER_PORT (no auth)
  smtp catcher API           http://127.0.0.1:$MAILOO_SMTP_CATCHER_API_PORT/api/user/<recipient>/messages/
EOF
  if [[ "$MAILOO_DEV_OAUTH" == 1 ]]; then
    cat <<EOF
  dev OAuth2 server          $(dev_oauth_issuer) (Connect with "Mailoo dev OAuth" or Microsoft: any user name)
  XOAUTH2 SMTP (dev)         smtp://127.0.0.1:$MAILOO_OAUTH_SMTP_PORT, mail: http://127.0.0.1:$MAILOO_OAUTH_SMTP_API_PORT/api/messages?to=<recipient>
EOF
  fi
  cat <<EOF
  gateway access log         ${MAILOO_STATE_DIR#"$MAILOO_ROOT/"}/gateway/logs/access.log (./mailoo logs gateway-access)

API base URL (the gateway, the one address clients use):
  $(gateway_url)
EOF
  if [[ -f "$MAILOO_DASHBOARD_ROOT/index.html" ]]; then
    cat <<EOF

Dashboard: $(dashboard_url)
  sign in as a dev owner (dev-owner@example.com, groups user; the token rides in the #fragment, never sent to a
  server, and the page moves it to this tab's session storage):
  $(dashboard_signin_link dev-owner dev-owner@example.com user)
  sign in as an operator (operator@example.com, groups user,operator: also the dispatch log):
  $(dashboard_signin_link dev-operator operator@example.com user,operator)
EOF
  fi
  cat <<EOF

Get a dev token:
  TOKEN=\$(./mailoo token --sub user-1 --email user-1@example.com --groups user)
  curl -H "Authorization: Bearer \$TOKEN" $(gateway_url)/api/v1/projects
Follow dispatch results: ./mailoo watch
Stop everything: ./mailoo down
EOF
}

cmd_down() {
  (($# == 0)) || die "down takes no arguments"
  ensure_state_dirs
  stop_components gateway
  stop_components "${MAILOO_SERVICES[@]}"
  stop_components smtp-catcher oauth-smtp oauth-server
  stop_components kafka kafka-test
  ok "down"
}

status_line() {
  # NAME STATE PID ENDPOINT [HEALTH]
  printf '%-24s %-8s %-8s %-30s %s\n' "$@"
}

cmd_status() {
  local svc pid port
  status_line COMPONENT STATE PID ENDPOINT HEALTH
  for svc in "${MAILOO_SERVICES[@]}"; do
    port=$(service_port "$svc")
    if pid=$(component_pid "$svc"); then
      status_line "$svc" running "$pid" "http://127.0.0.1:$port" "$(service_health "$port")"
    else
      status_line "$svc" stopped - "http://127.0.0.1:$port" -
    fi
  done
  local name ep
  for name in gateway kafka kafka-test smtp-catcher oauth-server oauth-smtp; do
    case "$name" in
      oauth-server) ep="$(dev_oauth_issuer)" ;;
      oauth-smtp) ep="127.0.0.1:$MAILOO_OAUTH_SMTP_PORT api:$MAILOO_OAUTH_SMTP_API_PORT" ;;
      gateway) ep="$(gateway_url)" ;;
      kafka) ep="127.0.0.1:$MAILOO_KAFKA_PORT" ;;
      kafka-test) ep="127.0.0.1:$MAILOO_TEST_KAFKA_PORT" ;;
      smtp-catcher) ep="127.0.0.1:$MAILOO_SMTP_CATCHER_PORT api:$MAILOO_SMTP_CATCHER_API_PORT" ;;
    esac
    if pid=$(component_pid "$name"); then
      local h=listening
      case "$name" in
        smtp-catcher) catcher_ready || h="not ready" ;;
        oauth-server) oauth_server_ready || h="not ready" ;;
        oauth-smtp) oauth_smtp_ready || h="not ready" ;;
        gateway) gateway_ready && h=UP || h="not ready" ;;
        kafka) port_open "$MAILOO_KAFKA_PORT" || h="not listening" ;;
        kafka-test) port_open "$MAILOO_TEST_KAFKA_PORT" || h="not listening" ;;
      esac
      status_line "$name" running "$pid" "$ep" "$h"
    elif [[ "$name" != kafka-test && ( "$name" != oauth-* || "$MAILOO_DEV_OAUTH" == 1 ) ]]; then
      status_line "$name" stopped - "$ep" -
    fi
  done
  if [[ -f "$MAILOO_DASHBOARD_ROOT/index.html" ]]; then
    local why; why=$(dashboard_stale_reason)
    status_line dashboard built - "$(dashboard_url)" "${why:+stale: }${why:-up to date}"
  else
    status_line dashboard "not built" - "$(dashboard_url)" "./mailoo up builds it"
  fi
  if pg_ready 2>/dev/null; then
    status_line postgresql running - "$MAILOO_DB_HOST:$MAILOO_DB_PORT" "accepting connections"
  else
    status_line postgresql stopped - "$MAILOO_DB_HOST:$MAILOO_DB_PORT" -
  fi
}

cmd_logs() {
  local name="" follow=1 lines=200
  while (($#)); do
    case "$1" in
      --no-follow) follow=0; shift ;;
      -n) lines=${2:?}; shift 2 ;;
      -*) die "unknown option: $1" ;;
      *) [[ -z "$name" ]] || die "only one log at a time"; name=$1; shift ;;
    esac
  done
  case "$name" in
    integration-service|market-service|offer-generator-service|mail-dispatch-service|kafka|kafka-test|smtp-catcher|oauth-server|oauth-smtp|kafka-tools|gateway|gateway-access) ;;
    "") die "usage: ./mailoo logs NAME [--no-follow]  (integration-service market-service offer-generator-service mail-dispatch-service kafka kafka-test smtp-catcher oauth-server oauth-smtp gateway gateway-access)" ;;
    *) die "unknown component: $name" ;;
  esac
  local f="$MAILOO_LOG_DIR/$name.log"
  [[ "$name" == gateway-access ]] && f="$GATEWAY_DIR/logs/access.log"
  [[ -f "$f" ]] || die "no log yet: ${f#"$MAILOO_ROOT/"}"
  if ((follow)); then
    exec tail -n "$lines" -F "$f"
  else
    tail -n "$lines" "$f"
  fi
}

cmd_test() {
  local mode=auto args=()
  while (($#)); do
    case "$1" in
      --ui) mode=ui; shift ;;
      --api) mode=api; shift ;;
      --no-ui) mode=maven; shift ;;
      *) args+=("$1"); shift ;;
    esac
  done
  if [[ "$mode" == ui || "$mode" == api ]]; then
    ((${#args[@]} == 0)) || die "test --$mode takes no Maven arguments"
    cmd_test_on_stack "$mode"
    return
  fi
  local rc=0
  ( cmd_test_maven "${args[@]}" ) || rc=$?
  if ((rc == 0)) && [[ "$mode" == auto ]] && ((${#args[@]} == 0)); then
    ( cmd_test_on_stack api ui ) || rc=$?
  fi
  return "$rc"
}

# is the stack of this checkout answering through the gateway, with the dashboard at / ?
stack_ready_for_ui() {
  gateway_ready || return 1
  local svc
  for svc in "${MAILOO_SERVICES[@]}"; do
    [[ "$(service_health "$(service_port "$svc")")" == UP ]] || return 1
  done
  catcher_ready || return 1
  [[ "$MAILOO_DEV_OAUTH" != 1 ]] || { oauth_server_ready && oauth_smtp_ready; }
}

gateway_serves_dashboard() {
  curl -fsS -m 3 "$(gateway_url)/" 2>/dev/null | grep -q '<main id="main"'
}

# cmd_test_on_stack api|ui...: the suites that need a running stack, in order, on the running one or on one started
# (and stopped again) for them: api = Spectral on the API documents + GatewayFlowIT (docs/api-documents.md),
# ui = the dashboard's browser tests (docs/dashboard.md). Spectral runs first: it needs no stack.
cmd_test_on_stack() {
  require_cmd curl openssl
  ensure_state_dirs
  local t0 suite rc=0 started=0
  t0=$(now_ms)
  for suite in "$@"; do
    case "$suite" in
      api) api_build_if_needed; api_lint || { warn "spectral reported errors in the API documents"; return 1; } ;;
      ui) ensure_chromium; dashboard_npm_ci ;;
    esac
  done
  if stack_ready_for_ui; then
    build_dashboard_if_needed
    if ! gateway_serves_dashboard; then
      log "the running gateway does not serve the dashboard (older config?): restarting it"
      stop_components gateway
      start_gateway
    fi
    ok "using the running stack at $(gateway_url)"
  else
    log "the stack is not (fully) up: starting it for the tests (stopped again afterwards)"
    started=1
    trap 'cmd_down' EXIT
    trap 'exit 130' INT TERM
    cmd_up >/dev/null
  fi
  for suite in "$@"; do
    case "$suite" in
      api)
        if api_flow; then ok "API flow test passed"; else rc=$?; warn "API flow test failed (exit $rc)"; fi ;;
      ui)
        ((rc == 0)) || break
        run_ui_tests || rc=$? ;;
    esac
  done
  if ((started)); then
    cmd_down
    trap - EXIT
  fi
  if ((rc == 0)); then ok "tests on the stack passed ($*; $(( ($(now_ms) - t0) / 1000 )) s)"; fi
  return "$rc"
}

# the dashboard's browser tests (dashboard/tests, node:test + playwright-core + Debian chromium) on the running stack
run_ui_tests() {
  gateway_serves_dashboard || die "the gateway at $(gateway_url) does not serve the dashboard"
  local rc=0 t0; t0=$(now_ms)
  (
    cd "$MAILOO_DASHBOARD_DIR"
    export MAILOO_ROOT MAILOO_CHROMIUM
    export MAILOO_GATEWAY_URL; MAILOO_GATEWAY_URL=$(gateway_url)
    export MAILOO_CATCHER_API="http://127.0.0.1:$MAILOO_SMTP_CATCHER_API_PORT"
    export MAILOO_CATCHER_SMTP_PORT="$MAILOO_SMTP_CATCHER_PORT"
    export MAILOO_DEV_OAUTH MAILOO_OAUTH_SMTP_PORT
    export MAILOO_OAUTH_SMTP_API="http://127.0.0.1:$MAILOO_OAUTH_SMTP_API_PORT"
    npm run --silent test:ui
  ) || rc=$?
  if ((rc == 0)); then ok "UI tests passed ($(( ($(now_ms) - t0) / 1000 )) s; screenshots in dashboard/test-results/)"
  else warn "UI tests failed (exit $rc; see dashboard/test-results/)"; fi
  return "$rc"
}

cmd_test_maven() {
  require_cmd java openssl
  ensure_state_dirs
  local t0; t0=$(now_ms)
  ensure_postgres
  # MAILOO_TEST_DB_SUFFIX lets two checkouts run their suites at once on one PostgreSQL (names stay plain identifiers)
  local sfx=${MAILOO_TEST_DB_SUFFIX:-}
  [[ "$sfx" =~ ^[a-z0-9_]*$ ]] || die "MAILOO_TEST_DB_SUFFIX must be lower-case letters, digits and _"
  ensure_databases "mailoo_integration_test$sfx" "mailoo_market_test$sfx" "mailoo_offer_test$sfx" "mailoo_dispatch_test$sfx"
  ensure_keys
  # a leftover test broker from an interrupted run: stop it, the test broker always starts fresh
  stop_components kafka-test
  trap 'stop_components kafka-test' EXIT
  trap 'exit 130' INT TERM
  start_test_kafka
  ok "test infrastructure ready in $(( $(now_ms) - t0 )) ms"
  log "./mvnw -B verify $*"
  local rc=0
  (
    cd "$MAILOO_ROOT"
    export MAILOO_TEST_KAFKA="127.0.0.1:$MAILOO_TEST_KAFKA_PORT"
    export MAILOO_TEST_DB_HOST="$MAILOO_DB_HOST" MAILOO_TEST_DB_PORT="$MAILOO_DB_PORT"
    export MAILOO_TEST_DB_USERNAME="$MAILOO_DB_USERNAME" MAILOO_TEST_DB_PASSWORD="$MAILOO_DB_PASSWORD"
    export MAILOO_JWT_PRIVATE_KEY="$JWT_PRIVATE_KEY" MAILOO_JWT_PUBLIC_KEY="$JWT_PUBLIC_KEY"
    export MAILOO_JWT_ISSUER MAILOO_TEST_DB_SUFFIX="$sfx"
    mvn_cmd -B verify "$@"
  ) || rc=$?
  if ((rc == 0)); then ok "tests passed ($(( ($(now_ms) - t0) / 1000 )) s)"; else warn "maven exited with $rc"; fi
  return "$rc"
}

cmd_bench() {
  case "${1:-}" in
    outbox|visibility|recovery|startup)
      local what=$1 count=""
      shift
      if (($#)); then
        [[ "$1" == --count && "${2:-}" =~ ^[1-9][0-9]*$ ]] || die "usage: ./mailoo bench $what [--count N]"
        count=$2
      fi
      cmd_bench_system "$what" "$count"
      return ;;
  esac
  local b="$MAILOO_ROOT/deploy/local/bench.sh"
  if [[ -f "$b" ]]; then
    # bench.sh runs as its own bash script; it may `source "$MAILOO_ROOT/deploy/local/common.sh"` for the helpers
    export MAILOO_ROOT
    exec bash "$b" "$@"
  else
    echo "bench: not implemented yet" >&2
    exit 2
  fi
}
