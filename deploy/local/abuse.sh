# shellcheck shell=bash
# ./mailoo abuse: replays the attacks of issue 11's table against a running stack, THROUGH THE GATEWAY (plus the
# catcher's API to read mail and, for the replayed profile event, Kafka's own console tools), and checks that each
# one now fails safely. Needs the smoke helpers (deploy/local/smoke.sh). Addresses carry a random run id.

# _kafka_tool CLASS ARGS...: Kafka's console tools against the dev broker
_kafka_tool() {
  kafka_java "$MAILOO_LOG_DIR/kafka-tools.log" "$@" --bootstrap-server "127.0.0.1:$MAILOO_KAFKA_PORT" \
    2>>"$MAILOO_LOG_DIR/kafka-tools.log"
}

# _mail_count ADDRESS: how many mails the catcher holds for ADDRESS
_mail_count() {
  curl -fsS -m 5 "http://127.0.0.1:$MAILOO_SMTP_CATCHER_API_PORT/api/user/$1/messages/" 2>/dev/null | jq 'length' 2>/dev/null || echo 0
}

cmd_abuse() {
  (($# == 0)) || die "abuse takes no arguments"
  require_cmd curl openssl python3
  _stack_run_start
  ensure_kafka_libs
  local t0; t0=$(now_ms)
  local d="abuse-$SMOKE_RUN.test" owner="owner-$SMOKE_RUN@abuse-$SMOKE_RUN.test"
  log "abuse run $SMOKE_RUN through $SMOKE_BASE"
  local token; token=$(cmd_token --sub "abuse-owner-$SMOKE_RUN" --email "$owner" --groups user --ttl 900)
  local -a auth=(-H "Authorization: Bearer $token")
  local smtp
  smtp=$(jq -nc --arg from "shop@$d" --argjson port "$MAILOO_SMTP_CATCHER_PORT" \
    '{host:"127.0.0.1", port:$port, security:"NONE", username:"shop", password:"first-secret", fromAddress:$from, fromName:"Abuse Shop", replyTo:null}')
  _expect 201 POST /api/v1/projects "{\"name\":\"abuse $SMOKE_RUN\"}" "${auth[@]}"
  local p; p=$(_j .projectUid)
  _expect 201 POST "/api/v1/projects/$p/integrations" '{"type":"FORM","name":"abuse form"}' "${auth[@]}"
  local form key; form=$(_j .id); key=$(_j .publicKey)
  _expect 200 PATCH "/api/v1/projects/$p/integrations/$form/config" "{\"outboundMail\":$smtp}" "${auth[@]}"

  # --- row 1: a campaign that reads server configuration -> 422 TEMPLATE_INVALID, nothing saved, no such mail
  local body
  body=$(jq -nc '{name:"steal", trigger:"ON_EVENT", event:"SUBSCRIBER_CREATED", subject:"k={config:['"'"'mailoo.crypto.key'"'"']}",
                  bodyTemplate:"{config:MAIL_SMTP_ENCRYPTION_KEY} {config:['"'"'quarkus.datasource.password'"'"']}", active:true}')
  local c0; c0=$(now_ms)
  _http POST "/api/v1/projects/$p/integrations/$form/campaigns" "$body" "${auth[@]}"
  [[ "$HTTP_STATUS" == 422 && "$(jq -r .code <<<"$HTTP_BODY")" =~ TEMPLATE_INVALID|VALIDATION_FAILED ]] \
    || _smoke_fail "config campaign: expected 422 TEMPLATE_INVALID, got $HTTP_STATUS ${HTTP_BODY:0:300}"
  jq -e '[.errors[]?.code] | index("TEMPLATE_INVALID")' <<<"$HTTP_BODY" >/dev/null || _smoke_fail "no TEMPLATE_INVALID in $HTTP_BODY"
  ok "row 1: campaign reading {config:…} -> 422 TEMPLATE_INVALID in $(( $(now_ms) - c0 )) ms"
  _expect 200 GET "/api/v1/projects/$p/integrations/$form/campaigns" "" "${auth[@]}"
  [[ "$(jq length <<<"$HTTP_BODY")" == 0 ]] || _smoke_fail "the refused campaign was saved: $HTTP_BODY"
  local loop='{#for a in fields}{#for b in fields}{a}{b}{/for}{/for}'
  _http POST "/api/v1/projects/$p/integrations/$form/campaigns" \
    "$(jq -nc --arg b "$loop" '{name:"loop", trigger:"ON_EVENT", event:"SUBSCRIBER_CREATED", subject:"Hi", bodyTemplate:$b, active:true}')" "${auth[@]}"
  [[ "$HTTP_STATUS" == 422 ]] || _smoke_fail "nested loop campaign: expected 422, got $HTTP_STATUS"
  ok "row 1: nested {#for} loop -> 422"

  # --- row 2: the same address subscribed 8 times with chosen names -> one subscriber, one welcome
  _expect 201 POST "/api/v1/projects/$p/integrations/$form/campaigns" \
    "{\"name\":\"welcome\",\"trigger\":\"ON_EVENT\",\"event\":\"SUBSCRIBER_CREATED\",\"subject\":\"Welcome {name}\",\"bodyTemplate\":\"<p>Hi {name}</p>\",\"active\":true}" "${auth[@]}"
  local victim="victim-$SMOKE_RUN@$d" ids="" i
  for i in 1 2 3 4 5 6 7 8; do
    _http POST "/api/v1/public/forms/$key/subscriptions" "{\"email\":\"$victim\",\"name\":\"Buy pills $i at spam.example\",\"fields\":{}}"
    [[ "$HTTP_STATUS" =~ ^20[01]$ ]] || _smoke_fail "subscription $i: HTTP $HTTP_STATUS ${HTTP_BODY:0:200}"
    ids+="$(_j .id)"$'\n'
  done
  [[ "$(sort -u <<<"$ids" | grep -c .)" == 1 ]] || _smoke_fail "8 subscriptions gave several subscribers: $ids"
  _until_status "welcome mail" "[.[] | select(.email == \"$victim\")][0].welcomeStatus" SENT GET \
    "/api/v1/projects/$p/integrations/$form/subscribers" "${auth[@]}"
  _caught "$victim" "Welcome"
  # the 7 repeats would have queued their welcomes with the first: watch the mailbox for 3 s more
  local n until=$(( $(now_ms) + 3000 ))
  while (( $(now_ms) < until )); do n=$(_mail_count "$victim"); [[ "$n" == 1 ]] || break; sleep 0.3; done
  [[ "$n" == 1 ]] || _smoke_fail "row 2: $n welcome mails for $victim, expected 1"
  ok "row 2: 8 subscriptions of one address -> one subscriber, $n welcome mail"

  # --- row 3: 15 SMTP tests with different passwords -> limited (429 with Retry-After)
  _expect 201 POST "/api/v1/projects/$p/offer-generators" \
    '{"name":"abuse offers","currency":"EUR","basePriceMinor":100,"wizard":{"steps":[{"id":"s","title":"Size","fields":[{"id":"size","label":"Size","type":"CHOICE","options":[{"id":"s","label":"Small","priceMinor":0}]}]}]}}' "${auth[@]}"
  local gen; gen=$(_j .id)
  local limited=0 first429="" retry=""
  for i in $(seq 1 15); do
    local s; s=$(jq -c --arg pw "guess-$i" '.password = $pw' <<<"$smtp")
    local hdrs; hdrs=$(mktemp)
    HTTP_STATUS=$(curl -sS -m 40 -o /dev/null -D "$hdrs" -w '%{http_code}' -X POST -H 'Content-Type: application/json' "${auth[@]}" \
      --data-binary "{\"mailSettings\":{\"smtp\":$s}}" "$SMOKE_BASE/api/v1/projects/$p/offer-generators/$gen/mail-settings/test")
    if [[ "$HTTP_STATUS" == 429 ]]; then
      limited=$((limited + 1)); [[ -n "$first429" ]] || first429=$i
      retry=$(tr -d '\r' <"$hdrs" | sed -n 's/^[Rr]etry-[Aa]fter: *//p')
    fi
    rm -f "$hdrs"
  done
  ((limited > 0)) && [[ -n "$retry" ]] || _smoke_fail "row 3: 15 offer SMTP tests, none limited"
  ok "row 3: 15 offer SMTP tests -> 429 from test $first429 on ($limited limited, Retry-After $retry s)"

  # --- row 4: the stored profile event replayed with another server -> the password does not open there
  local ref="integration:$form" rec
  rec=$(_kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --topic mailoo.mail-profiles.v1 --from-beginning \
        --timeout-ms 8000 --property print.key=true --property key.separator=$'\t' | awk -F'\t' -v k="$ref" '$1 == k' | tail -1 | cut -f2-)
  [[ -n "$rec" ]] || _smoke_fail "row 4: no profile record for $ref on the topic"
  jq -e '.smtp.password.ciphertext' <<<"$rec" >/dev/null || _smoke_fail "row 4: the profile has no sealed password: $rec"
  # an "attacker's" server: a listener that counts connections
  local trap_port trap_log; trap_log=$(mktemp)
  trap_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  python3 - "$trap_port" "$trap_log" <<'PY' &
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(5); s.settimeout(1.0)
end = time.time() + 60
while time.time() < end:
    try:
        c, _ = s.accept()
    except socket.timeout:
        continue
    open(sys.argv[2], "a").write("connection\n")
    c.sendall(b"220 trap ESMTP\r\n"); c.close()
PY
  local trap_pid=$!
  local forged; forged=$(jq -c --argjson port "$trap_port" '.version += 1 | .smtp.port = $port' <<<"$rec")
  printf '%s\t%s\n' "$ref" "$forged" | _kafka_tool org.apache.kafka.tools.ConsoleProducer --topic mailoo.mail-profiles.v1 \
    --property parse.key=true --property key.separator=$'\t' >/dev/null
  ok "row 4: replayed $ref at version $(jq .version <<<"$forged") with port $trap_port and the same sealed password"
  # a mail through that profile: a public submission and an owner's reply
  local asker="asker-$SMOKE_RUN@$d"
  _expect 201 POST "/api/v1/public/forms/$key/submissions" "{\"email\":\"$asker\",\"name\":\"A\",\"message\":\"hi\",\"fields\":{}}"
  _expect 200 GET "/api/v1/projects/$p/integrations/$form/messages" "" "${auth[@]}"
  local msg; msg=$(jq -r --arg e "$asker" '[.[] | select(.email == $e)][0].id' <<<"$HTTP_BODY")
  _expect 202 POST "/api/v1/projects/$p/integrations/$form/messages/$msg/replies" '{"subject":"Re: hi","text":"x"}' "${auth[@]}"
  local deadline=$(( $(date +%s) + SMOKE_TIMEOUT )) st="" code=""
  while (( $(date +%s) < deadline )); do
    _http GET "/api/v1/projects/$p/integrations/$form/messages/$msg/replies" "" "${auth[@]}"
    st=$(jq -r '.[0].status' <<<"$HTTP_BODY" 2>/dev/null); code=$(jq -r '.[0].errorCode // ""' <<<"$HTTP_BODY" 2>/dev/null)
    [[ "$st" == SENT || "$st" == FAILED ]] && break
    sleep 0.5
  done
  kill "$trap_pid" 2>/dev/null || true
  local conns; conns=$(grep -c connection "$trap_log" 2>/dev/null || true); rm -f "$trap_log"
  [[ "$st" == FAILED && "$code" == SMTP_PASSWORD_UNREADABLE ]] || _smoke_fail "row 4: reply $st $code (expected FAILED SMTP_PASSWORD_UNREADABLE)"
  [[ "${conns:-0}" == 0 ]] || _smoke_fail "row 4: dispatch connected $conns time(s) to the replayed server"
  ok "row 4: reply through the replayed profile -> FAILED SMTP_PASSWORD_UNREADABLE, 0 connections to the other server"

  ok "abuse replay passed in $(( ($(now_ms) - t0) / 1000 )) s (run $SMOKE_RUN)"
}
