#!/usr/bin/env bash
# Creates the git-ignored inputs of this overlay's generators: a fresh MAIL_SMTP_ENCRYPTION_KEY (only if none yet -
# never regenerate it on a running system: sealed passwords would no longer open), and copies of the other
# *.env.example files to fill in. jwt-public.pem: put your identity provider's public key there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
umask 077
if [[ ! -s smtp-encryption.env ]]; then
  printf 'MAIL_SMTP_ENCRYPTION_KEY=%s\nMAIL_SMTP_ENCRYPTION_PREVIOUS_KEYS=\n' "$(openssl rand -base64 32)" >smtp-encryption.env
  echo "created smtp-encryption.env (back it up: losing it makes every stored SMTP password unreadable)"
fi
if [[ ! -s subscription-links.env ]]; then
  printf 'SUBSCRIPTION_LINK_KEY=%s\nSUBSCRIPTION_LINK_PREVIOUS_KEYS=\n' "$(openssl rand -base64 32)" >subscription-links.env
  echo "created subscription-links.env (regenerating it makes the links in mail already sent stop working)"
fi
for f in db-*.env.example global-smtp.env.example oauth-clients.env.example; do
  [[ -s ${f%.example} ]] || { cp "$f" "${f%.example}"; echo "created ${f%.example}: fill it in"; }
done
[[ -s jwt-public.pem ]] || echo "missing jwt-public.pem: put the identity provider's RS256 public key (PEM) there"
