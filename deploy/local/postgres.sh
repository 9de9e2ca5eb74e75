# shellcheck shell=bash
# Local PostgreSQL: make sure it runs and that the service databases exist.

pg_ready() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$MAILOO_DB_HOST" -p "$MAILOO_DB_PORT" -t 2
  else
    port_open "$MAILOO_DB_PORT"
  fi
}

ensure_postgres() {
  require_cmd psql
  if pg_ready; then
    return 0
  fi
  # Only try to start a local cluster (Debian's pg_ctlcluster) when the database is on this machine.
  if [[ "$MAILOO_DB_HOST" == 127.0.0.1 || "$MAILOO_DB_HOST" == localhost ]] && command -v pg_ctlcluster >/dev/null 2>&1; then
    local ver cluster
    ver=${MAILOO_PG_VERSION:-$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)}
    cluster=${MAILOO_PG_CLUSTER:-main}
    [[ -n "$ver" ]] || die "PostgreSQL is not running on $MAILOO_DB_HOST:$MAILOO_DB_PORT and no cluster found in /etc/postgresql"
    log "starting PostgreSQL $ver/$cluster"
    pg_ctlcluster --skip-systemctl-redirect "$ver" "$cluster" start 2>&1 | sed 's/^/    /' >&2 \
      || warn "pg_ctlcluster start returned non-zero (may need root or the postgres user)"
    local i
    for i in $(seq 1 50); do
      pg_ready && { ok "PostgreSQL is up on $MAILOO_DB_HOST:$MAILOO_DB_PORT"; return 0; }
      sleep 0.2
    done
  fi
  die "PostgreSQL is not reachable on $MAILOO_DB_HOST:$MAILOO_DB_PORT (start it, or set MAILOO_DB_HOST/MAILOO_DB_PORT)"
}

psql_admin() {
  PGPASSWORD="$MAILOO_DB_PASSWORD" psql -X -q -v ON_ERROR_STOP=1 \
    -h "$MAILOO_DB_HOST" -p "$MAILOO_DB_PORT" -U "$MAILOO_DB_USERNAME" -d postgres "$@"
}

# ensure_databases DB... : creates the databases that are missing (one psql call)
ensure_databases() {
  local list="" d
  for d in "$@"; do
    [[ "$d" =~ ^[a-z0-9_]+$ ]] || die "bad database name: $d"
    list+="${list:+,}'$d'"
  done
  local created
  created=$(psql_admin -tA <<SQL
SELECT format('CREATE DATABASE %I', d) FROM unnest(ARRAY[$list]) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d)
\gexec
SELECT string_agg(d, ' ') FROM unnest(ARRAY[$list]) AS d;
SQL
  ) || die "could not create databases on $MAILOO_DB_HOST:$MAILOO_DB_PORT as $MAILOO_DB_USERNAME"
  ok "databases present: $created"
}
