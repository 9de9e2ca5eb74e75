# shellcheck shell=bash
# ./mailoo smoke: end-to-end check of a running stack, THROUGH THE GATEWAY ONLY (plus the SMTP catcher's API to read
# the caught mail). Creates a project and FORM, CONTACT_FORM and MARKET integrations, saves SMTP settings pointing at
# the dev catcher, sends a test email, submits a contact form and replies, subscribes with a welcome campaign, creates
# an order by API key, submits an offer (customer + internal notification) - and checks every mail and every status.
# Every address carries a random run id, so runs never see each other's mail. Follow it live with ./mailoo watch.

SMOKE_TIMEOUT=${MAILOO_SMOKE_TIMEOUT:-60}

_smoke_fail() { warn "smoke FAILED: $*"; exit 1; }

# _http METHOD PATH [BODY] [extra curl args...] -> sets HTTP_STATUS and HTTP_BODY
_http() {
  local method=$1 path=$2 body=${3:-} out
  shift; shift; (($#)) && shift
  local -a args=(-sS -m 40 -X "$method" -w '\n%{http_code}' -H 'Content-Type: application/json' -H "X-Request-Id: smoke-$SMOKE_RUN")
  [[ -n "$body" ]] && args+=(--data-binary "$body")
  out=$(curl "${args[@]}" "$@" "$SMOKE_BASE$path") || _smoke_fail "$method $path: curl failed"
  HTTP_STATUS=${out##*$'\n'}
  HTTP_BODY=${out%$'\n'*}
}

# _expect STATUS METHOD PATH [BODY] [curl args]  (retries while the answer is 404/409, or 503 *_NOT_YET_VISIBLE — a
# just-created project or integration not projected yet, docs/service-conventions.md —, for projections to catch up)
_expect() {
  local want=$1 deadline=$(( $(date +%s) + 20 ))
  shift
  while true; do
    _http "$@"
    [[ "$HTTP_STATUS" == "$want" ]] && return 0
    if { [[ "$HTTP_STATUS" =~ ^(404|409)$ ]] || [[ "$HTTP_STATUS" == 503 && "$HTTP_BODY" == *_NOT_YET_VISIBLE\"* ]]; } \
      && (( $(date +%s) < deadline )); then sleep 0.5; continue; fi
    _smoke_fail "$1 $2: expected HTTP $want, got $HTTP_STATUS: ${HTTP_BODY:0:400}"
  done
}

# _j JQ_EXPR: the value (false and 0 included) or a failure when it is missing/null; call as x=$(_j ...) (errexit)
_j() {
  jq -er "($1) as \$v | if \$v == null then empty else \$v | tostring end" <<<"$HTTP_BODY" 2>/dev/null \
    || _smoke_fail "no $1 in: ${HTTP_BODY:0:300}"
}

# _until_status DESCRIPTION JQ_EXPR WANT METHOD PATH [curl args]: polls a GET until JQ_EXPR yields WANT
_until_status() {
  local what=$1 expr=$2 want=$3 method=$4 path=$5 got="" deadline=$(( $(date +%s) + SMOKE_TIMEOUT ))
  shift 5
  while (( $(date +%s) < deadline )); do
    _http "$method" "$path" "" "$@"
    if [[ "$HTTP_STATUS" == 200 ]]; then
      got=$(jq -r "$expr" <<<"$HTTP_BODY" 2>/dev/null || true)
      [[ "$got" == "$want" ]] && { ok "$what: $want"; return 0; }
      [[ "$got" =~ ^(FAILED|NOT_CONFIGURED)$ ]] && break
    fi
    sleep 0.5
  done
  _smoke_fail "$what: expected $want, last status '${got:-HTTP $HTTP_STATUS}' (${HTTP_BODY:0:300})"
}

# _caught ADDRESS SUBJECT_PART: waits until the catcher holds a mail for ADDRESS whose subject contains SUBJECT_PART
_caught() {
  local addr=$1 part=$2 deadline=$(( $(date +%s) + SMOKE_TIMEOUT )) subjects=""
  while (( $(date +%s) < deadline )); do
    subjects=$(curl -fsS -m 5 "http://127.0.0.1:$MAILOO_SMTP_CATCHER_API_PORT/api/user/$addr/messages/" 2>/dev/null \
      | jq -r '.[].subject' 2>/dev/null || true)
    if grep -qF -- "$part" <<<"$subjects"; then ok "mail for $addr caught: \"$(grep -F -- "$part" <<<"$subjects" | head -1)\""; return 0; fi
    sleep 0.5
  done
  _smoke_fail "no mail for $addr with a subject containing \"$part\" at the catcher (subjects: ${subjects:-none})"
}

# _stack_run_start: what a run against the stack needs (jq, keys, a reachable gateway and catcher); sets SMOKE_BASE
# and a fresh SMOKE_RUN id. Shared by ./mailoo smoke and ./mailoo abuse.
_stack_run_start() {
  command -v jq >/dev/null 2>&1 || {
    log "installing jq with apt-get"; local sudo=""; ((EUID == 0)) || sudo=sudo
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q jq >&2 || die "jq is required (apt-get install jq)"; }
  ensure_keys
  SMOKE_BASE=$(gateway_url)
  SMOKE_RUN=$(openssl rand -hex 4)
  gateway_ready || die "the gateway does not answer at $SMOKE_BASE/healthz (./mailoo up)"
  catcher_ready || die "the SMTP catcher does not answer on $MAILOO_SMTP_CATCHER_API_PORT (./mailoo up)"
}

cmd_smoke() {
  (($# == 0)) || die "smoke takes no arguments"
  require_cmd curl openssl
  _stack_run_start
  local t0; t0=$(now_ms)
  local d="smoke-$SMOKE_RUN.test" owner="owner-$SMOKE_RUN@smoke-$SMOKE_RUN.test"
  log "smoke run $SMOKE_RUN through $SMOKE_BASE (mail to *@$d; ./mailoo watch --profile 'integration:*' shows it live)"
  local token; token=$(cmd_token --sub "smoke-owner-$SMOKE_RUN" --email "$owner" --groups user --ttl 900)
  local -a auth=(-H "Authorization: Bearer $token")
  local smtp
  smtp=$(jq -nc --arg from "shop@$d" --argjson port "$MAILOO_SMTP_CATCHER_PORT" \
    '{host:"127.0.0.1", port:$port, security:"NONE", username:null, fromAddress:$from, fromName:"Smoke Shop", replyTo:null}')

  # --- project and integrations
  _expect 201 POST /api/v1/projects "{\"name\":\"smoke $SMOKE_RUN\"}" "${auth[@]}"
  local p; p=$(_j .projectUid)
  ok "project $p"
  local -A integ=()
  local type
  for type in CONTACT_FORM FORM MARKET; do
    _expect 201 POST "/api/v1/projects/$p/integrations" "{\"type\":\"$type\",\"name\":\"smoke $type\"}" "${auth[@]}"
    integ[$type]=$(_j .id)
    integ[$type.key]=$(_j .publicKey)
    _expect 200 PATCH "/api/v1/projects/$p/integrations/${integ[$type]}/config" "{\"outboundMail\":$smtp}" "${auth[@]}"
    local has; has=$(_j .config.outboundMail.hasSmtpPassword)
    [[ "$has" == false ]] || _smoke_fail "$type: hasSmtpPassword should be false, is $has"
    grep -q '"password"' <<<"$HTTP_BODY" && _smoke_fail "$type: the response carries a password field"
    ok "$type integration ${integ[$type]} with SMTP settings -> catcher"
  done

  # --- 1. send test email (to the caller's own address)
  _expect 200 POST "/api/v1/projects/$p/integrations/${integ[CONTACT_FORM]}/outbound-mail/test" "{\"outboundMail\":$smtp}" "${auth[@]}"
  local st rcpt; st=$(_j .status); rcpt=$(_j .recipient)
  [[ "$st" == SENT && "$rcpt" == "$owner" ]] || _smoke_fail "test email: $HTTP_BODY"
  ok "test email SENT to $rcpt"
  _caught "$owner" ""

  # --- 2. contact form + reply
  local visitor="visitor-$SMOKE_RUN@$d"
  _expect 201 POST "/api/v1/public/forms/${integ[CONTACT_FORM.key]}/submissions" \
    "{\"email\":\"$visitor\",\"name\":\"Visitor\",\"message\":\"Hello from smoke $SMOKE_RUN\",\"fields\":{}}"
  _expect 200 GET "/api/v1/projects/$p/integrations/${integ[CONTACT_FORM]}/messages" "" "${auth[@]}"
  local msg; msg=$(_j '.[0].id')
  _expect 202 POST "/api/v1/projects/$p/integrations/${integ[CONTACT_FORM]}/messages/$msg/replies" \
    "{\"subject\":\"Re: smoke $SMOKE_RUN\",\"text\":\"Thanks for your message.\"}" "${auth[@]}"
  _until_status "reply to the contact form" '.[0].status' SENT GET \
    "/api/v1/projects/$p/integrations/${integ[CONTACT_FORM]}/messages/$msg/replies" "${auth[@]}"
  _caught "$visitor" "Re: smoke $SMOKE_RUN"

  # --- 3. welcome campaign + subscription
  _expect 201 POST "/api/v1/projects/$p/integrations/${integ[FORM]}/campaigns" \
    "{\"name\":\"welcome\",\"trigger\":\"ON_EVENT\",\"event\":\"SUBSCRIBER_CREATED\",\"subject\":\"Welcome {name} ($SMOKE_RUN)\",\"bodyTemplate\":\"<p>Hi {name}</p>\",\"active\":true}" "${auth[@]}"
  local sub="subscriber-$SMOKE_RUN@$d"
  _expect 201 POST "/api/v1/public/forms/${integ[FORM.key]}/subscriptions" "{\"email\":\"$sub\",\"name\":\"Sam\",\"fields\":{}}"
  _until_status "welcome mail" "[.[] | select(.email == \"$sub\")][0].welcomeStatus" SENT GET \
    "/api/v1/projects/$p/integrations/${integ[FORM]}/subscribers" "${auth[@]}"
  _caught "$sub" "Welcome Sam ($SMOKE_RUN)"

  # --- 4. market order by API key
  _expect 201 POST "/api/v1/projects/$p/integrations/${integ[MARKET]}/market/products" \
    '{"sku":"SMOKE-1","name":"Smoke mug","priceMinor":1250,"currency":"EUR"}' "${auth[@]}"
  _expect 201 POST "/api/v1/projects/$p/integrations/${integ[MARKET]}/market/api-keys" '{"name":"smoke"}' "${auth[@]}"
  local key; key=$(_j .key)
  local buyer="buyer-$SMOKE_RUN@$d"
  _expect 201 POST "/api/v1/market/${integ[MARKET]}/orders" \
    "{\"buyer\":{\"email\":\"$buyer\",\"name\":\"Bea\"},\"items\":[{\"sku\":\"SMOKE-1\",\"quantity\":2}],\"note\":\"smoke\"}" \
    -H "Authorization: Bearer $key" -H "Idempotency-Key: smoke-$SMOKE_RUN"
  local order amount; order=$(_j .orderId); amount=$(_j .total.amountMinor)
  [[ "$amount" == 2500 ]] || _smoke_fail "order total: expected 2500, got $amount"
  [[ "$(_j .emailToCustomer.status)" == QUEUED ]] || _smoke_fail "order: emailToCustomer should be QUEUED: $HTTP_BODY"
  _until_status "order confirmation" .emailToCustomer.status SENT GET "/api/v1/market/${integ[MARKET]}/orders/$order" \
    -H "Authorization: Bearer $key"
  _caught "$buyer" ""

  # --- 5. offer generator
  local wizard='{"steps":[{"id":"size","title":"Size","fields":[{"id":"size","label":"Size","type":"CHOICE","options":[{"id":"s","label":"Small","priceMinor":0},{"id":"l","label":"Large","priceMinor":5000}]}]}]}'
  _expect 201 POST "/api/v1/projects/$p/offer-generators" \
    "{\"name\":\"smoke offers\",\"currency\":\"EUR\",\"basePriceMinor\":10000,\"wizard\":$wizard}" "${auth[@]}"
  local gen; gen=$(_j .id)
  local team="team-$SMOKE_RUN@$d" customer="customer-$SMOKE_RUN@$d"
  _expect 200 PUT "/api/v1/projects/$p/offer-generators/$gen/mail-settings" \
    "$(jq -nc --argjson s "$smtp" --arg team "$team" '{smtp:$s, internalNotificationAddress:$team, branding:{companyName:"Smoke Co", footerText:"smoke"}}')" "${auth[@]}"
  _expect 201 POST "/api/v1/public/offer-generators/$gen/submissions" \
    "{\"answers\":{\"size\":\"l\"},\"customer\":{\"email\":\"$customer\",\"name\":\"Cleo\"}}"
  local total; total=$(_j '.offer.total | if type == "object" then .amountMinor else . end')
  [[ "$total" == 15000 ]] || _smoke_fail "offer total: expected 15000, got $total"
  _until_status "offer to the customer" '.[0].customerDelivery.status' SENT GET \
    "/api/v1/projects/$p/offer-generators/$gen/submissions" "${auth[@]}"
  _until_status "offer internal notification" '.[0].internalNotification.status' SENT GET \
    "/api/v1/projects/$p/offer-generators/$gen/submissions" "${auth[@]}"
  _caught "$customer" ""
  _caught "$team" ""

  # --- 6. gateway limits
  local big; big=$(head -c 1100000 /dev/zero | tr '\0' a | curl -sS -m 20 -o /dev/null -w '%{http_code}' \
    -H 'Content-Type: application/json' "${auth[@]}" --data-binary @- "$SMOKE_BASE/api/v1/projects" || true)
  [[ "$big" == 413 ]] || _smoke_fail "a 1.1 MB body: expected 413, got $big"
  ok "gateway: 1.1 MB body -> 413"

  ok "smoke passed in $(( ($(now_ms) - t0) / 1000 )) s (run $SMOKE_RUN)"
}
