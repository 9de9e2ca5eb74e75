# shellcheck shell=bash
# Development keys (.mailoo/keys/) and dev JWTs.

JWT_PRIVATE_KEY="$MAILOO_KEYS_DIR/jwt-private.pem"
JWT_PUBLIC_KEY="$MAILOO_KEYS_DIR/jwt-public.pem"
SMTP_ENCRYPTION_KEY_FILE="$MAILOO_KEYS_DIR/smtp-encryption.key"

ensure_keys() {
  require_cmd openssl
  mkdir -p "$MAILOO_KEYS_DIR"
  chmod 700 "$MAILOO_KEYS_DIR"
  if [[ ! -s "$JWT_PRIVATE_KEY" || ! -s "$JWT_PUBLIC_KEY" ]]; then
    # genpkey writes the key in PKCS#8 PEM form, which SmallRye JWT reads
    (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$JWT_PRIVATE_KEY" 2>/dev/null) \
      || die "openssl could not generate the JWT key pair"
    openssl pkey -in "$JWT_PRIVATE_KEY" -pubout -out "$JWT_PUBLIC_KEY" 2>/dev/null \
      || die "openssl could not derive the JWT public key"
    ok "generated dev JWT key pair in ${MAILOO_KEYS_DIR#"$MAILOO_ROOT/"}/"
  fi
  if [[ ! -s "$SMTP_ENCRYPTION_KEY_FILE" ]]; then
    (umask 077; openssl rand -base64 32 >"$SMTP_ENCRYPTION_KEY_FILE")
    ok "generated dev SMTP encryption key ${SMTP_ENCRYPTION_KEY_FILE#"$MAILOO_ROOT/"}"
  fi
}

# The key used to seal SMTP passwords: MAIL_SMTP_ENCRYPTION_KEY if set, else the generated dev key.
smtp_encryption_key() {
  if [[ -n "${MAIL_SMTP_ENCRYPTION_KEY:-}" ]]; then
    printf '%s' "$MAIL_SMTP_ENCRYPTION_KEY"
  else
    tr -d '\n' <"$SMTP_ENCRYPTION_KEY_FILE"
  fi
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

json_str() {
  # JSON string literal of $1
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}; s=${s//$'\r'/\\r}; s=${s//$'\t'/\\t}
  printf '"%s"' "$s"
}

token_usage() {
  cat >&2 <<'EOF'
usage: ./mailoo token --sub USER_ID --email ADDRESS [--groups g1,g2] [--ttl SECONDS] [--aud AUDIENCE]
  prints an RS256 JWT signed with the dev key (.mailoo/keys/jwt-private.pem); --aud (default $MAILOO_JWT_AUDIENCE,
  none when empty) sets its aud claim, which the services require when JWT_AUDIENCE is set; e.g.
    curl -H "Authorization: Bearer $(./mailoo token --sub u1 --email u1@example.com)" http://127.0.0.1:8081/...
EOF
}

cmd_token() {
  local sub="" email="" groups="" ttl=3600 aud=${MAILOO_JWT_AUDIENCE:-}
  while (($#)); do
    case "$1" in
      --sub) sub=${2:?--sub needs a value}; shift 2 ;;
      --sub=*) sub=${1#*=}; shift ;;
      --email) email=${2:?--email needs a value}; shift 2 ;;
      --email=*) email=${1#*=}; shift ;;
      --groups) groups=${2-}; shift 2 ;;
      --groups=*) groups=${1#*=}; shift ;;
      --ttl) ttl=${2:?--ttl needs a value}; shift 2 ;;
      --ttl=*) ttl=${1#*=}; shift ;;
      --aud) aud=${2?--aud needs a value}; shift 2 ;;
      --aud=*) aud=${1#*=}; shift ;;
      -h|--help) token_usage; return 0 ;;
      *) token_usage; die "unknown argument: $1" ;;
    esac
  done
  [[ -n "$sub" && -n "$email" ]] || { token_usage; die "--sub and --email are required"; }
  [[ "$ttl" =~ ^[0-9]+$ ]] || die "--ttl must be a number of seconds"
  ensure_keys

  local iat exp g garr="" 
  iat=$(date +%s)
  exp=$((iat + ttl))
  if [[ -n "$groups" ]]; then
    local -a gs
    IFS=',' read -r -a gs <<<"$groups"
    for g in "${gs[@]}"; do
      g=${g#"${g%%[![:space:]]*}"}; g=${g%"${g##*[![:space:]]}"}
      [[ -n "$g" ]] && garr+="${garr:+,}$(json_str "$g")"
    done
  fi
  local header payload signing sig
  header='{"alg":"RS256","typ":"JWT","kid":"mailoo-dev"}'
  payload="{\"iss\":$(json_str "$MAILOO_JWT_ISSUER"),${aud:+\"aud\":$(json_str "$aud"),}\"sub\":$(json_str "$sub"),\"email\":$(json_str "$email"),\"groups\":[$garr],\"upn\":$(json_str "$email"),\"iat\":$iat,\"exp\":$exp}"
  signing="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
  sig=$(printf '%s' "$signing" | openssl dgst -sha256 -sign "$JWT_PRIVATE_KEY" -binary | b64url) \
    || die "signing the token failed"
  printf '%s.%s\n' "$signing" "$sig"
}
