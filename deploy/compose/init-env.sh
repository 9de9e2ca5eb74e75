#!/usr/bin/env bash
# Creates deploy/compose/mailoo.env (one random MAIL_SMTP_ENCRYPTION_KEY shared by every service),
# subscription-links.env (integration-service's key for the links of subscriber mail) and the dev JWT
# key pair in deploy/compose/keys/ (sign tokens with keys/jwt-private.pem, e.g. MAILOO_STATE_DIR-independent:
# `openssl` + the claims described in README.md, or copy ../../.mailoo/keys/ here to reuse ./mailoo token).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [[ ! -s mailoo.env ]]; then
  umask 077
  { echo "MAIL_SMTP_ENCRYPTION_KEY=$(openssl rand -base64 32)"; echo "MAIL_SMTP_ENCRYPTION_PREVIOUS_KEYS="; } >mailoo.env
  echo "created mailoo.env"
fi
if [[ ! -s subscription-links.env ]]; then
  umask 077
  { echo "SUBSCRIPTION_LINK_KEY=$(openssl rand -base64 32)"; echo "SUBSCRIPTION_LINK_PREVIOUS_KEYS="; } >subscription-links.env
  echo "created subscription-links.env"
fi
if [[ ! -s oauth.env ]]; then
  umask 077
  cp oauth.env.example oauth.env
  echo "created oauth.env (the OAuth2 apps' client secrets: docs/oauth2.md; empty = provider not offered)"
fi
mkdir -p keys
if [[ ! -s keys/jwt-public.pem ]]; then
  if [[ -s ../../.mailoo/keys/jwt-public.pem ]]; then
    cp ../../.mailoo/keys/jwt-private.pem ../../.mailoo/keys/jwt-public.pem keys/
    echo "copied the ./mailoo dev JWT key pair into keys/ (./mailoo token works against this stack)"
  else
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out keys/jwt-private.pem 2>/dev/null
    openssl pkey -in keys/jwt-private.pem -pubout -out keys/jwt-public.pem
    echo "generated keys/jwt-private.pem and keys/jwt-public.pem"
  fi
  chmod 644 keys/jwt-public.pem
fi
