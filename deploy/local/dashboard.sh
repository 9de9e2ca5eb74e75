# shellcheck shell=bash
# The dashboard (dashboard/, Vite + TypeScript): built with npm into dashboard/dist when missing or older than its
# sources, served by the gateway at / (MAILOO_DASHBOARD_ROOT), and its browser tests (./mailoo test --ui).

: "${MAILOO_DASHBOARD_DIR:=$MAILOO_ROOT/dashboard}"
: "${MAILOO_DASHBOARD_ROOT:=$MAILOO_DASHBOARD_DIR/dist}"
: "${MAILOO_SKIP_DASHBOARD:=0}"
: "${MAILOO_CHROMIUM:=/usr/bin/chromium}"

# the API documents the dashboard's build copies into dist/api-docs/ (merged by the Maven module api-docs)
: "${MAILOO_API_DOCS_DIR:=$MAILOO_ROOT/api-docs/target/openapi}"

# the dashboard's sources: a change to any of them makes dist/ stale
dashboard_sources() {
  local d=$MAILOO_DASHBOARD_DIR
  find "$d/src" "$d/public" "$d/api-docs" -type f 2>/dev/null
  find "$MAILOO_API_DOCS_DIR" -name '*.json' -type f 2>/dev/null
  local f
  for f in index.html package.json package-lock.json vite.config.ts tsconfig.json; do
    [[ -f "$d/$f" ]] && echo "$d/$f"
  done
}

# prints why dist/ must be (re)built, nothing when it is up to date
dashboard_stale_reason() {
  local stamp="$MAILOO_DASHBOARD_DIR/dist/index.html"
  if [[ ! -f "$stamp" ]]; then
    echo "no dashboard/dist/index.html"
    return
  fi
  if [[ -f "$MAILOO_API_DOCS_DIR/mailoo.json" && ! -f "$MAILOO_DASHBOARD_DIR/dist/api-docs/mailoo.json" ]]; then
    echo "no API document in dashboard/dist/api-docs/"
    return
  fi
  local newer
  newer=$(dashboard_sources | while read -r f; do [[ "$f" -nt "$stamp" ]] && echo "${f#"$MAILOO_ROOT/"}"; done | head -3)
  [[ -n "$newer" ]] && echo "changed since the last build: $(echo "$newer" | tr '\n' ' ')"
  return 0
}

require_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
    || die "node (>= 20.19) and npm are needed for the dashboard (https://nodejs.org; or MAILOO_SKIP_DASHBOARD=1)"
  local v; v=$(node -p 'process.versions.node')
  local major=${v%%.*} rest=${v#*.}; local minor=${rest%%.*}
  if (( major < 20 || (major == 20 && minor < 19) )); then
    die "node $v is too old for the dashboard (Vite 7 needs >= 20.19 or >= 22.12)"
  fi
}

# npm ci when node_modules is missing or older than package-lock.json
dashboard_npm_ci() {
  require_node
  local d=$MAILOO_DASHBOARD_DIR marker="$MAILOO_DASHBOARD_DIR/node_modules/.package-lock.json"
  if [[ ! -f "$marker" || "$d/package-lock.json" -nt "$marker" ]]; then
    log "dashboard: npm ci"
    (cd "$d" && npm ci --no-audit --no-fund) >&2 || die "npm ci failed in dashboard/"
  fi
}

build_dashboard_if_needed() {
  if [[ "$MAILOO_SKIP_DASHBOARD" == 1 ]]; then
    warn "MAILOO_SKIP_DASHBOARD=1: dashboard not built"
    return 0
  fi
  [[ -f "$MAILOO_DASHBOARD_DIR/package.json" ]] || { warn "no dashboard/ in this checkout"; return 0; }
  local why; why=$(dashboard_stale_reason)
  if [[ -z "$why" ]]; then
    ok "dashboard up to date (dashboard/dist)"
    return 0
  fi
  log "building the dashboard because: $why"
  dashboard_npm_ci
  local t0; t0=$(now_ms)
  (cd "$MAILOO_DASHBOARD_DIR" && MAILOO_API_DOCS_DIR="$MAILOO_API_DOCS_DIR" npm run --silent build) >&2 || die "dashboard build failed (cd dashboard && npm run build)"
  ok "dashboard built in $(( $(now_ms) - t0 )) ms"
}

dashboard_url() { echo "$(gateway_url)/"; }

# a long-lived dev sign-in link: the token rides in the URL fragment, which the browser never sends to a server
dashboard_signin_link() {
  local sub=$1 email=$2 groups=$3
  local t; t=$(cmd_token --sub "$sub" --email "$email" --groups "$groups" --ttl "${MAILOO_DASHBOARD_TOKEN_TTL:-43200}")
  echo "$(gateway_url)/#token=$t"
}

# the browser for the UI tests: Debian's chromium (installed with apt-get when missing; no browser download)
ensure_chromium() {
  [[ -x "$MAILOO_CHROMIUM" ]] && return 0
  apt_install chromium "the UI tests' browser, once; or set MAILOO_CHROMIUM"
  [[ -x "$MAILOO_CHROMIUM" ]] || die "chromium installed but $MAILOO_CHROMIUM is missing (set MAILOO_CHROMIUM)"
}
