# shellcheck shell=bash
# ./mailoo test --api: the API documents' checks after the Maven suite (docs/api-documents.md):
#   1. Spectral (spectral:oas, api-docs/spectral/) on each service's document, the merged one and its integrator part;
#   2. GatewayFlowIT (api-client-tests): the clients openapi-generator made from those documents drive the running
#      stack through the gateway (JUnit's console launcher with the classpath the Maven build wrote).

: "${MAILOO_API_FLOW_TIMEOUT:=600}"
API_LINT_DIR="$MAILOO_ROOT/api-docs/spectral"
API_CLIENT_DIR="$MAILOO_ROOT/api-client-tests"

# the documents: the three services' (written when they are packaged) and the two api-docs merges
api_documents() {
  local svc
  for svc in integration-service market-service offer-generator-service; do
    echo "$MAILOO_ROOT/$svc/target/openapi/openapi.json"
  done
  echo "$MAILOO_ROOT/api-docs/target/openapi/mailoo.json"
  echo "$MAILOO_ROOT/api-docs/target/openapi/integrator.json"
}

# prints why api-client-tests must be built (documents, generated clients, the flow test's classpath), or nothing
api_build_reason() {
  local f cp="$API_CLIENT_DIR/target/flow-test.classpath"
  while read -r f; do [[ -f "$f" ]] || { echo "no ${f#"$MAILOO_ROOT/"}"; return; }; done < <(api_documents)
  [[ -f "$cp" && -f "$API_CLIENT_DIR/target/test-classes/io/mailoo/apiclient/GatewayFlowIT.class" ]] \
    || { echo "api-client-tests is not built"; return; }
  f=$(find "$API_CLIENT_DIR/src" "$API_CLIENT_DIR/pom.xml" $(api_documents) -newer "$cp" -print -quit 2>/dev/null)
  [[ -n "$f" ]] && echo "${f#"$MAILOO_ROOT/"} changed since api-client-tests was built"
  return 0
}

api_build_if_needed() {
  local why; why=$(api_build_reason)
  [[ -z "$why" ]] && return 0
  log "building api-client-tests and what it needs (./mvnw -B -q -DskipTests -pl api-client-tests -am package) because: $why"
  (cd "$MAILOO_ROOT" && mvn_cmd -B -q -DskipTests -pl api-client-tests -am package) || die "build failed"
}

# Spectral on every document; any error (operation-success-response and operation-operationId are errors here) fails
api_lint() {
  require_node
  local marker="$API_LINT_DIR/node_modules/.package-lock.json"
  if [[ ! -f "$marker" || "$API_LINT_DIR/package-lock.json" -nt "$marker" ]]; then
    log "api-docs/spectral: npm ci"
    (cd "$API_LINT_DIR" && npm ci --no-audit --no-fund) >&2 || die "npm ci failed in api-docs/spectral/"
  fi
  local -a docs; mapfile -t docs < <(api_documents)
  log "spectral lint (spectral:oas) on ${#docs[@]} documents"
  (cd "$API_LINT_DIR" && npm run --silent lint -- "${docs[@]}")
}

# GatewayFlowIT against the stack at $(gateway_url), with two dev users' tokens (owner, stranger)
api_flow() {
  require_cmd java
  local cp run; run=$(openssl rand -hex 4)
  cp="$API_CLIENT_DIR/target/test-classes:$API_CLIENT_DIR/target/classes:$(<"$API_CLIENT_DIR/target/flow-test.classpath")"
  log "GatewayFlowIT (run $run) through $(gateway_url)"
  (
    export MAILOO_GATEWAY_URL; MAILOO_GATEWAY_URL=$(gateway_url)
    export MAILOO_CATCHER_API="http://127.0.0.1:$MAILOO_SMTP_CATCHER_API_PORT"
    export MAILOO_CATCHER_SMTP_PORT="$MAILOO_SMTP_CATCHER_PORT" MAILOO_API_RUN="$run"
    export MAILOO_API_OWNER_EMAIL="owner-$run@api-$run.test"
    MAILOO_API_OWNER_TOKEN=$(cmd_token --sub "api-owner-$run" --email "$MAILOO_API_OWNER_EMAIL" --groups user --ttl 1800)
    MAILOO_API_STRANGER_TOKEN=$(cmd_token --sub "api-stranger-$run" --email "stranger-$run@api-$run.test" --groups user --ttl 1800)
    export MAILOO_API_OWNER_TOKEN MAILOO_API_STRANGER_TOKEN
    timeout --kill-after=10 "$MAILOO_API_FLOW_TIMEOUT" java -cp "$cp" org.junit.platform.console.ConsoleLauncher \
      execute --disable-banner --disable-ansi-colors --details=tree --select-class io.mailoo.apiclient.GatewayFlowIT --fail-if-no-tests
  )
}
