# shellcheck shell=bash
# API gateway: nginx (Debian package, installed with apt-get when missing) run as a non-daemon master by ./mailoo,
# config rendered from deploy/gateway/nginx.conf.template into .mailoo/gateway/ (pid, logs, temp files there too).

: "${MAILOO_GATEWAY_PORT:=8080}"
: "${MAILOO_GATEWAY_HOST:=127.0.0.1}"
: "${MAILOO_GATEWAY_MAX_BODY:=1m}"
# public routes (/api/v1/public/): nginx limit_req per client address, burst, and the 429's Retry-After (seconds)
: "${MAILOO_GATEWAY_PUBLIC_RATE:=5r/s}"
: "${MAILOO_GATEWAY_PUBLIC_BURST:=20}"
: "${MAILOO_GATEWAY_PUBLIC_RETRY_AFTER:=1}"
# the proxy whose X-Forwarded-For is believed (locally nothing sits in front but loopback clients)
: "${MAILOO_GATEWAY_REAL_IP_FROM:=127.0.0.1}"

GATEWAY_TEMPLATE="$MAILOO_ROOT/deploy/gateway/nginx.conf.template"
GATEWAY_DIR="$MAILOO_STATE_DIR/gateway"

# prints the nginx binary, installing Debian's nginx-light when there is none
ensure_nginx() {
  local bin
  bin=$(command -v nginx 2>/dev/null || true)
  [[ -z "$bin" && -x /usr/sbin/nginx ]] && bin=/usr/sbin/nginx
  if [[ -z "$bin" ]]; then
    command -v apt-get >/dev/null 2>&1 || die "nginx is required for the gateway (install it, e.g. apt-get install nginx-light)"
    log "installing nginx-light with apt-get (once; the system nginx service is not used)"
    local sudo=""
    ((EUID == 0)) || sudo="sudo"
    # policy-rc.d 101: keep the package's init script from starting a system nginx on port 80
    local policy=/usr/sbin/policy-rc.d created_policy=0
    if ((EUID == 0)) && [[ ! -e $policy ]]; then
      printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; created_policy=1
    fi
    # nginx-light (Debian 12) or nginx (newer releases dropped nginx-light); apt-get update only when needed
    local pkg installed=0
    for pkg in nginx-light nginx; do
      if $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >&2; then installed=1; break; fi
    done
    if ((installed == 0)); then
      $sudo apt-get update -q >&2 || true
      for pkg in nginx-light nginx; do
        if $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >&2; then installed=1; break; fi
      done
    fi
    ((installed)) || { ((created_policy)) && rm -f "$policy"; die "could not install nginx (apt-get install nginx-light / nginx)"; }
    ((created_policy)) && rm -f "$policy"
    bin=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
    [[ -x "$bin" ]] || die "nginx-light installed but no nginx binary found"
  fi
  echo "$bin"
}

# render_gateway_conf OUT STATE_DIR LISTEN INTEGRATION MARKET OFFER DISPATCH [MAX_BODY] [DASHBOARD_ROOT]
render_gateway_conf() {
  local out=$1 state=$2 listen=$3 integ=$4 market=$5 offer=$6 dispatch=$7 max=${8:-$MAILOO_GATEWAY_MAX_BODY}
  local dash=${9:-${MAILOO_DASHBOARD_ROOT:-$MAILOO_ROOT/dashboard/dist}}
  mkdir -p "$state/logs" "$state/temp"
  sed -e "s#\${MAILOO_GATEWAY_STATE}#$state#g" \
      -e "s#\${MAILOO_DASHBOARD_ROOT}#$dash#g" \
      -e "s#\${MAILOO_GATEWAY_LISTEN}#$listen#g" \
      -e "s#\${MAILOO_GATEWAY_MAX_BODY}#$max#g" \
      -e "s#\${MAILOO_GATEWAY_PUBLIC_RATE}#$MAILOO_GATEWAY_PUBLIC_RATE#g" \
      -e "s#\${MAILOO_GATEWAY_PUBLIC_BURST}#$MAILOO_GATEWAY_PUBLIC_BURST#g" \
      -e "s#\${MAILOO_GATEWAY_PUBLIC_RETRY_AFTER}#$MAILOO_GATEWAY_PUBLIC_RETRY_AFTER#g" \
      -e "s#\${MAILOO_GATEWAY_REAL_IP_FROM}#$MAILOO_GATEWAY_REAL_IP_FROM#g" \
      -e "s#\${MAILOO_INTEGRATION_UPSTREAM}#$integ#g" \
      -e "s#\${MAILOO_MARKET_UPSTREAM}#$market#g" \
      -e "s#\${MAILOO_OFFER_UPSTREAM}#$offer#g" \
      -e "s#\${MAILOO_DISPATCH_UPSTREAM}#$dispatch#g" \
      "$GATEWAY_TEMPLATE" >"$out"
  # shellcheck disable=SC2016  # literal ${MAILOO_...} placeholders
  if grep -q '\${MAILOO_[A-Z_]*}' "$out"; then
    die "unrendered placeholder in $out: $(grep -o '\${MAILOO_[A-Z_]*}' "$out" | sort -u | tr '\n' ' ')"
  fi
}

gateway_url() { echo "http://$MAILOO_GATEWAY_HOST:$MAILOO_GATEWAY_PORT"; }

gateway_ready() {
  curl -fsS -m 2 -o /dev/null "$(gateway_url)/healthz" 2>/dev/null
}

start_gateway() {
  local name=gateway logfile="$MAILOO_LOG_DIR/gateway.log" bin conf="$GATEWAY_DIR/nginx.conf"
  if is_running "$name"; then
    ok "$name already running (pid $(component_pid "$name"), $(gateway_url))"
    return 0
  fi
  bin=$(ensure_nginx)
  ensure_port_free "$MAILOO_GATEWAY_PORT" "$name"
  local t0; t0=$(now_ms)
  mkdir -p "$GATEWAY_DIR"
  render_gateway_conf "$conf" "$GATEWAY_DIR" "$MAILOO_GATEWAY_HOST:$MAILOO_GATEWAY_PORT" \
    "127.0.0.1:$MAILOO_INTEGRATION_PORT" "127.0.0.1:$MAILOO_MARKET_PORT" \
    "127.0.0.1:$MAILOO_OFFER_PORT" "127.0.0.1:$MAILOO_DISPATCH_PORT"
  "$bin" -t -q -p "$GATEWAY_DIR" -c "$conf" -e "$GATEWAY_DIR/logs/error.log" >>"$logfile" 2>&1 \
    || { show_log_tail "$logfile" 20; die "nginx rejected ${conf#"$MAILOO_ROOT/"}"; }
  # nginx's workers run as nobody under a root master: they must be able to read the dashboard's files (a checkout
  # under a private home directory is not); then, for this local run only, the workers keep the master's user
  local user_directive=""
  if ((EUID == 0)) && [[ -f "$MAILOO_DASHBOARD_ROOT/index.html" ]] && command -v runuser >/dev/null 2>&1 \
     && ! runuser -u nobody -- test -r "$MAILOO_DASHBOARD_ROOT/index.html" 2>/dev/null; then
    warn "nobody cannot read ${MAILOO_DASHBOARD_ROOT}; the local gateway's workers run as root"
    user_directive="user root;"
  fi
  [[ -f "$MAILOO_DASHBOARD_ROOT/index.html" ]] \
    || warn "no dashboard build at ${MAILOO_DASHBOARD_ROOT#"$MAILOO_ROOT/"} (the API works; / answers 404)"
  # "daemon off": the master stays in the foreground under ./mailoo's pid file; the env directive only carries the
  # -Dmailoo.component marker into the command line, which is how ./mailoo recognises its own processes.
  start_component "$name" "$logfile" "$bin" -p "$GATEWAY_DIR" -c "$conf" -e "$GATEWAY_DIR/logs/error.log" \
    -g "daemon off; master_process on; $user_directive env MAILOO_COMPONENT=-Dmailoo.component=$name ;"
  wait_until "$name" "$logfile" 15 gateway_ready
  ok "$name started on $(gateway_url) (pid $(component_pid "$name")) in $(( $(now_ms) - t0 )) ms"
}
