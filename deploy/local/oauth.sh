# shellcheck shell=bash
# The dev stack's OAuth2 pieces (issue 14, docs/oauth2.md), so that "Connect with …" works without a Microsoft or
# Google app:
#   oauth-server  no.nav.security:mock-oauth2-server (module test-oauth-server, run from its target/lib) on
#                 127.0.0.1:MAILOO_OAUTH_PORT, issuer http://127.0.0.1:MAILOO_OAUTH_PORT/mailoo; its login page takes
#                 any user name (the account becomes that name, or the "email" of the optional claims JSON).
#                 GENERIC and MICROSOFT (URLs overridden) point at it unless OAUTH_* say otherwise (services.sh).
#   oauth-smtp    an SMTP server on 127.0.0.1:MAILOO_OAUTH_SMTP_PORT that takes AUTH XOAUTH2 / OAUTHBEARER only, with
#                 a token of that server (test-support's OAuthSmtpServer); what it accepted:
#                   curl 'http://127.0.0.1:MAILOO_OAUTH_SMTP_API_PORT/api/messages?to=<recipient>'
# MAILOO_DEV_OAUTH=0 starts neither and leaves every OAUTH_* to the environment.

: "${MAILOO_DEV_OAUTH:=1}"
: "${MAILOO_OAUTH_PORT:=3090}"
: "${MAILOO_OAUTH_SMTP_PORT:=3026}"
: "${MAILOO_OAUTH_SMTP_API_PORT:=3091}"

OAUTH_SERVER_LIB="$MAILOO_ROOT/test-oauth-server/target/lib"
OAUTH_SMTP_CLASSES="$MAILOO_ROOT/test-support/target/classes"

dev_oauth_issuer() { echo "http://127.0.0.1:$MAILOO_OAUTH_PORT/mailoo"; }

# the environment lines (NAME=value) of the OAuth2 apps for integration, offer-generator and dispatch: whatever the
# environment sets, else (MAILOO_DEV_OAUTH=1) GENERIC and MICROSOFT at the dev server; GOOGLE only from the environment
oauth_service_env() {
  local dev="" issuer
  [[ "$MAILOO_DEV_OAUTH" == 1 ]] && dev=1
  issuer=$(dev_oauth_issuer)
  echo "OAUTH_REDIRECT_URI=${OAUTH_REDIRECT_URI:-$(gateway_url)/oauth/callback}"
  echo "OAUTH_GENERIC_NAME=${OAUTH_GENERIC_NAME:-${dev:+Mailoo dev OAuth}}"
  echo "OAUTH_GENERIC_CLIENT_ID=${OAUTH_GENERIC_CLIENT_ID:-${dev:+mailoo-dev}}"
  echo "OAUTH_GENERIC_CLIENT_SECRET=${OAUTH_GENERIC_CLIENT_SECRET:-${dev:+dev-client-secret}}"
  echo "OAUTH_GENERIC_AUTHORIZATION_URL=${OAUTH_GENERIC_AUTHORIZATION_URL:-${dev:+$issuer/authorize}}"
  echo "OAUTH_GENERIC_TOKEN_URL=${OAUTH_GENERIC_TOKEN_URL:-${dev:+$issuer/token}}"
  echo "OAUTH_GENERIC_SCOPE=${OAUTH_GENERIC_SCOPE:-${dev:+openid email offline_access}}"
  echo "OAUTH_MICROSOFT_TENANT=${OAUTH_MICROSOFT_TENANT:-common}"
  echo "OAUTH_MICROSOFT_CLIENT_ID=${OAUTH_MICROSOFT_CLIENT_ID:-${dev:+mailoo-dev-microsoft}}"
  echo "OAUTH_MICROSOFT_CLIENT_SECRET=${OAUTH_MICROSOFT_CLIENT_SECRET:-${dev:+dev-client-secret}}"
  echo "OAUTH_MICROSOFT_AUTHORIZATION_URL=${OAUTH_MICROSOFT_AUTHORIZATION_URL:-${dev:+$issuer/authorize}}"
  echo "OAUTH_MICROSOFT_TOKEN_URL=${OAUTH_MICROSOFT_TOKEN_URL:-${dev:+$issuer/token}}"
  echo "OAUTH_MICROSOFT_SCOPE=${OAUTH_MICROSOFT_SCOPE-}"
  echo "OAUTH_GOOGLE_CLIENT_ID=${OAUTH_GOOGLE_CLIENT_ID-}"
  echo "OAUTH_GOOGLE_CLIENT_SECRET=${OAUTH_GOOGLE_CLIENT_SECRET-}"
  echo "OAUTH_GOOGLE_AUTHORIZATION_URL=${OAUTH_GOOGLE_AUTHORIZATION_URL-}"
  echo "OAUTH_GOOGLE_TOKEN_URL=${OAUTH_GOOGLE_TOKEN_URL-}"
  echo "OAUTH_GOOGLE_SCOPE=${OAUTH_GOOGLE_SCOPE-}"
}

# test-oauth-server/target/lib and test-support's classes: the reactor build makes both; built here when missing
ensure_dev_oauth_built() {
  [[ -d "$OAUTH_SERVER_LIB" && -f "$OAUTH_SMTP_CLASSES/io/mailoo/testsupport/oauth/OAuthSmtpServerMain.class" ]] \
    && return 0
  log "building the dev OAuth2 server's class path (./mvnw -q -pl test-oauth-server,test-support -am package)"
  (cd "$MAILOO_ROOT" && mvn_cmd -B -q -DskipTests -pl test-oauth-server,test-support -am package) \
    || die "could not build test-oauth-server / test-support"
}

oauth_server_ready() {
  curl -fsS -m 2 -o /dev/null "$(dev_oauth_issuer)/.well-known/openid-configuration" 2>/dev/null
}

oauth_smtp_ready() {
  curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$MAILOO_OAUTH_SMTP_API_PORT/api/ready" 2>/dev/null \
    && port_open "$MAILOO_OAUTH_SMTP_PORT"
}

start_dev_oauth() {
  [[ "$MAILOO_DEV_OAUTH" == 1 ]] || return 0
  require_cmd java curl
  ensure_dev_oauth_built
  local t0; t0=$(now_ms)
  if is_running oauth-server; then
    ok "oauth-server already running (pid $(component_pid oauth-server), $(dev_oauth_issuer))"
  else
    ensure_port_free "$MAILOO_OAUTH_PORT" oauth-server
    # interactive login (a form), rotated refresh tokens; access tokens live an hour
    start_component oauth-server "$MAILOO_LOG_DIR/oauth-server.log" env SERVER_HOSTNAME=127.0.0.1 \
      SERVER_PORT="$MAILOO_OAUTH_PORT" LOG_LEVEL=INFO \
      JSON_CONFIG='{"interactiveLogin":true,"rotateRefreshToken":true,"httpServer":"NettyWrapper","tokenCallbacks":[{"issuerId":"mailoo","tokenExpiry":3600,"requestMappings":[]}]}' \
      java -Xmx128m -XX:+UseSerialGC -Dmailoo.component=oauth-server -cp "$OAUTH_SERVER_LIB/*" \
      no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt
    wait_until oauth-server "$MAILOO_LOG_DIR/oauth-server.log" 60 oauth_server_ready
  fi
  if is_running oauth-smtp; then
    ok "oauth-smtp already running (pid $(component_pid oauth-smtp), smtp 127.0.0.1:$MAILOO_OAUTH_SMTP_PORT)"
  else
    ensure_port_free "$MAILOO_OAUTH_SMTP_PORT" "oauth-smtp (SMTP)"
    ensure_port_free "$MAILOO_OAUTH_SMTP_API_PORT" "oauth-smtp (HTTP API)"
    start_component oauth-smtp "$MAILOO_LOG_DIR/oauth-smtp.log" java -Xmx64m -XX:+UseSerialGC \
      -Dmailoo.component=oauth-smtp -cp "$OAUTH_SMTP_CLASSES:$OAUTH_SERVER_LIB/*" \
      io.mailoo.testsupport.oauth.OAuthSmtpServerMain "$(dev_oauth_issuer)" "$(dev_oauth_issuer)/jwks" \
      "$MAILOO_OAUTH_SMTP_PORT" "$MAILOO_OAUTH_SMTP_API_PORT"
    wait_until oauth-smtp "$MAILOO_LOG_DIR/oauth-smtp.log" 30 oauth_smtp_ready
  fi
  ok "dev OAuth2 server $(dev_oauth_issuer), XOAUTH2 SMTP 127.0.0.1:$MAILOO_OAUTH_SMTP_PORT in $(( $(now_ms) - t0 )) ms"
}
