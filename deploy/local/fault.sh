# shellcheck shell=bash
# ./mailoo fault db-outage: PostgreSQL stopped under traffic on the running stack, then started again. Checks what a
# caller gets meanwhile (503 DATABASE_UNAVAILABLE with Retry-After, never a bare 500), that the services stay alive,
# and that every order accepted before or after the outage ends SENT. Needs the smoke helpers (smoke.sh) and a local
# Debian cluster it may stop (pg_ctlcluster as root or postgres). Bounded: the outage, then at most 240 s of waiting.

_fault_order() { # integration key buyer headers-file → body, newline, HTTP status
  curl -s -m 30 -D "$4" -w '\n%{http_code}' -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
    -X POST "$SMOKE_BASE/api/v1/market/$1/orders" \
    -d "{\"buyer\":{\"email\":\"$3\",\"name\":\"Fault\"},\"items\":[{\"sku\":\"MUG\",\"quantity\":1}]}"
}

# _fault_client N INTEGRATION KEY DIR: places orders until DIR/run is gone, as a well-behaved client (it waits
# Retry-After on 429 and 503); writes every status to DIR/codes-N and every accepted order id to DIR/accepted-N
_fault_client() {
  local n=0 answer code wait
  while [[ -f "$4/run" ]]; do
    n=$((n + 1))
    answer=$(_fault_order "$2" "$3" "client$1-$n-$SMOKE_RUN@fault-$SMOKE_RUN.test" "$4/headers-$1")
    code=${answer##*$'\n'}
    echo "$code" >>"$4/codes-$1"
    case "$code" in
      201) jq -r .orderId <<<"${answer%$'\n'*}" >>"$4/accepted-$1"; sleep 0.05 ;;
      429|503) wait=$(grep -i '^retry-after:' "$4/headers-$1" | tr -dc '0-9'); sleep "${wait:-1}" ;;
      *) sleep 0.2 ;;
    esac
  done
}

# _fault_order_sent LABEL INTEGRATION KEY BUYER: places an order and waits until it reads SENT; FAULT_ORDER = its id
_fault_order_sent() {
  _expect 201 POST "/api/v1/market/$2/orders" \
    "{\"buyer\":{\"email\":\"$4\",\"name\":\"Fault\"},\"items\":[{\"sku\":\"MUG\",\"quantity\":1}]}" \
    -H "Authorization: Bearer $3"
  FAULT_ORDER=$(_j .orderId)
  _until_status "$1" .emailToCustomer.status SENT GET "/api/v1/market/$2/orders/$FAULT_ORDER" -H "Authorization: Bearer $3"
}

_fault_live() { # prints "service=code …" for /q/health/live of each service
  local svc out=""
  for svc in "${MAILOO_SERVICES[@]}"; do
    out+="$svc=$(curl -s -m 3 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(service_port "$svc")/q/health/live") "
  done
  echo "$out"
}

cmd_fault() {
  local what=${1:-} seconds=80
  (($#)) && shift
  [[ "$what" == db-outage ]] || die "usage: ./mailoo fault db-outage [--seconds N]"
  while (($#)); do
    case "$1" in
      --seconds) seconds=$2; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ "$seconds" =~ ^[0-9]+$ ]] && ((seconds >= 5 && seconds <= 600)) || die "--seconds: 5 to 600"
  [[ "$MAILOO_DB_HOST" == 127.0.0.1 || "$MAILOO_DB_HOST" == localhost ]] && command -v pg_ctlcluster >/dev/null \
    || die "db-outage stops a local Debian PostgreSQL cluster (pg_ctlcluster); the database here is $MAILOO_DB_HOST"
  _stack_run_start
  local ver cluster
  ver=${MAILOO_PG_VERSION:-$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)}
  cluster=${MAILOO_PG_CLUSTER:-main}
  local d="fault-$SMOKE_RUN.test" failures=0
  local token; token=$(cmd_token --sub "fault-owner-$SMOKE_RUN" --email "owner@$d" --groups user --ttl 1800)
  local -a auth=(-H "Authorization: Bearer $token")
  local smtp
  smtp=$(jq -nc --arg from "shop@$d" --argjson port "$MAILOO_SMTP_CATCHER_PORT" \
    '{host:"127.0.0.1", port:$port, security:"NONE", username:null, fromAddress:$from, fromName:"Fault Shop", replyTo:null}')
  _expect 201 POST /api/v1/projects "{\"name\":\"fault $SMOKE_RUN\"}" "${auth[@]}"
  local p; p=$(_j .projectUid)
  _expect 201 POST "/api/v1/projects/$p/integrations" '{"type":"MARKET","name":"fault shop"}' "${auth[@]}"
  local i; i=$(_j .id)
  _expect 200 PATCH "/api/v1/projects/$p/integrations/$i/config" "{\"outboundMail\":$smtp}" "${auth[@]}"
  _expect 201 POST "/api/v1/projects/$p/integrations/$i/market/products" \
    '{"sku":"MUG","name":"Mug","priceMinor":900,"currency":"EUR"}' "${auth[@]}"
  _expect 201 POST "/api/v1/projects/$p/integrations/$i/market/api-keys" '{"name":"fault"}' "${auth[@]}"
  local key; key=$(_j .key)
  _fault_order_sent "the first order" "$i" "$key" "first@$d"
  local first=$FAULT_ORDER

  local dir; dir=$(mktemp -d); touch "$dir/run"
  local c
  for c in 1 2 3 4; do _fault_client "$c" "$i" "$key" "$dir" & done
  sleep 5
  local t0; t0=$(date +%s)
  pg_ctlcluster --skip-systemctl-redirect "$ver" "$cluster" stop -m fast || die "could not stop PostgreSQL $ver/$cluster"
  log "PostgreSQL $ver/$cluster stopped for $seconds s, 4 clients ordering"
  local at answer code
  for at in 3 $((seconds / 2)) $((seconds - 2)); do
    while (( $(date +%s) - t0 < at )); do sleep 0.5; done
    answer=$(curl -s -m 30 -D "$dir/headers" -w '\n%{http_code}' -H "Authorization: Bearer $key" \
      "$SMOKE_BASE/api/v1/market/$i/orders/$first")
    code=${answer##*$'\n'}
    if [[ "$code" == 503 ]] && jq -e '.code == "DATABASE_UNAVAILABLE"' <<<"${answer%$'\n'*}" >/dev/null \
      && grep -qi '^retry-after:' "$dir/headers"; then
      ok "+${at} s: an order's status answers 503 DATABASE_UNAVAILABLE with Retry-After"
    else
      warn "+${at} s: expected 503 DATABASE_UNAVAILABLE with Retry-After, got $code ${answer%$'\n'*}"; failures=$((failures + 1))
    fi
    log "+${at} s liveness: $(_fault_live)"
  done
  while (( $(date +%s) - t0 < seconds )); do sleep 0.5; done
  ensure_postgres
  local t1; t1=$(date +%s)
  log "PostgreSQL back after $((t1 - t0)) s"
  sleep 5; rm -f "$dir/run"; wait
  log "answers to the 4 clients: $(cat "$dir"/codes-* | sort | uniq -c | awk '{printf "%s× %s  ", $1, $2}')"
  if grep -qv '^\(201\|429\|503\)$' "$dir"/codes-*; then
    warn "a client got another status than 201, 429 or 503"; failures=$((failures + 1))
  fi
  local ids; ids=$(cat "$dir"/accepted-* 2>/dev/null | paste -sd, -)
  local accepted; accepted=$(cat "$dir"/accepted-* 2>/dev/null | wc -l)
  local open=-1
  while (( $(date +%s) - t1 < 240 )); do
    open=$(psql_admin -d "mailoo_market$MAILOO_DB_SUFFIX" -Atc \
      "SELECT count(*) FROM market_order WHERE id = ANY('{$ids}'::uuid[]) AND mail_status <> 'SENT'")
    ((open == 0)) && break
    sleep 2
  done
  if ((open == 0)); then
    ok "all $accepted orders accepted around the outage are SENT, $(( $(date +%s) - t1 )) s after PostgreSQL came back"
  else
    warn "$open of $accepted accepted orders are not SENT 240 s after PostgreSQL came back"; failures=$((failures + 1))
  fi
  _fault_order_sent "an order placed after the outage" "$i" "$key" "after@$d"
  local live; live=$(_fault_live)
  log "liveness after: $live"
  grep -q '=[^2]' <<<"$live" && { warn "a service is not alive"; failures=$((failures + 1)); }
  rm -rf "$dir"
  ((failures == 0)) || die "db-outage: $failures check(s) failed"
  ok "db-outage passed: ${seconds} s without PostgreSQL, nothing lost, every service alive"
}
