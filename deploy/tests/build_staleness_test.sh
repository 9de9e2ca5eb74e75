#!/usr/bin/env bash
# ./mailoo up's staleness check (deploy/local/services.sh service_build_reason) on a throwaway copy of the module
# layout: a service jar is stale when its own sources change and when those of a repository module it depends on
# change (shared-contracts, service-support, test-support), and not for a module it does not depend on.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MAILOO_ROOT=$(mktemp -d)
trap 'rm -rf "$MAILOO_ROOT"' EXIT
export MAILOO_ROOT
mkdir -p "$MAILOO_ROOT/deploy" && cp -r "$REPO/deploy/jvm" "$MAILOO_ROOT/deploy/jvm"
# shellcheck source=/dev/null
source "$REPO/deploy/local/common.sh"
# shellcheck source=/dev/null
source "$REPO/deploy/local/services.sh"

failures=0
check() { # check NAME EXPECTED(stale|fresh) SERVICE
  local reason; reason=$(service_build_reason "$3")
  local got=fresh; [[ -n "$reason" ]] && got=stale
  if [[ "$got" == "$2" ]]; then echo "ok   $1: $got ${reason:+($reason)}"; else echo "FAIL $1: expected $2, got $got ${reason:+($reason)}"; failures=$((failures + 1)); fi
}

# the modules and their dependencies as in the repository's poms (only <artifactId> lines matter)
for m in shared-contracts service-support test-support mail-dispatch-service integration-service; do
  mkdir -p "$MAILOO_ROOT/$m/src/main/java"
  touch "$MAILOO_ROOT/$m/src/main/java/Some.java"
  cp "$REPO/$m/pom.xml" "$MAILOO_ROOT/$m/pom.xml"
done
cp "$REPO/pom.xml" "$MAILOO_ROOT/pom.xml"
# everything older than the jars
find "$MAILOO_ROOT" -type f -exec touch -d '2 hours ago' {} +
for svc in mail-dispatch-service integration-service; do
  mkdir -p "$(dirname "$(service_jar "$svc")")"
  touch -d '1 hour ago' "$(service_jar "$svc")"
done

check "built, nothing changed" fresh integration-service
touch "$MAILOO_ROOT/service-support/src/main/java/Some.java"
check "service-support source changed" stale integration-service
check "service-support source changed (dispatch: its projection of projects)" stale mail-dispatch-service
touch -d '2 hours ago' "$MAILOO_ROOT/service-support/src/main/java/Some.java"
touch "$MAILOO_ROOT/test-support/pom.xml"
check "test-support pom changed" stale integration-service
check "test-support pom changed (dispatch)" stale mail-dispatch-service
touch -d '2 hours ago' "$MAILOO_ROOT/test-support/pom.xml"
touch "$MAILOO_ROOT/shared-contracts/src/main/java/Some.java"
check "shared-contracts source changed" stale mail-dispatch-service
touch -d '2 hours ago' "$MAILOO_ROOT/shared-contracts/src/main/java/Some.java"
touch "$MAILOO_ROOT/integration-service/src/main/java/Some.java"
check "own source changed" stale integration-service
check "another service's source changed" fresh mail-dispatch-service
rm "$(service_jar mail-dispatch-service)"
check "no jar" stale mail-dispatch-service

# the merged API document (api-docs): rebuilt when missing or older than a service's document or its own sources
check_docs() { # check_docs NAME EXPECTED(stale|fresh)
  local reason; reason=$(api_docs_build_reason)
  local got=fresh; [[ -n "$reason" ]] && got=stale
  if [[ "$got" == "$2" ]]; then echo "ok   $1: $got ${reason:+($reason)}"; else echo "FAIL $1: expected $2, got $got ${reason:+($reason)}"; failures=$((failures + 1)); fi
}
mkdir -p "$MAILOO_ROOT/api-docs/src/main/java" "$MAILOO_ROOT/integration-service/target/openapi"
cp "$REPO/api-docs/pom.xml" "$MAILOO_ROOT/api-docs/pom.xml"
touch -d '2 hours ago' "$MAILOO_ROOT/api-docs/pom.xml" "$MAILOO_ROOT/integration-service/target/openapi/openapi.json"
check_docs "no merged document" stale
mkdir -p "$MAILOO_ROOT/api-docs/target/openapi"
touch -d '1 hour ago' "$MAILOO_ROOT/api-docs/target/openapi/mailoo.json"
check_docs "merged document newer than its inputs" fresh
touch "$MAILOO_ROOT/integration-service/target/openapi/openapi.json"
check_docs "a service's document changed" stale
touch -d '2 hours ago' "$MAILOO_ROOT/integration-service/target/openapi/openapi.json"
touch "$MAILOO_ROOT/api-docs/src/main/java/Some.java"
check_docs "the merge's source changed" stale

((failures == 0)) || { echo "$failures staleness case(s) failed"; exit 1; }
echo "staleness check: all cases passed"
