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

# The stack's four databases (the services' defaults; MAILOO_DB_SUFFIX applies).
stack_databases() {
  local s
  for s in "${MAILOO_SERVICES[@]}"; do service_db "$s"; done
}

# autovacuum_setting: on, off, or unknown when the server cannot be asked.
autovacuum_setting() {
  psql_admin -tAc "SHOW autovacuum" 2>/dev/null || echo unknown
}

# warn_if_autovacuum_off: the services expect PostgreSQL's default autovacuum (docs/service-conventions.md); without it
# every updated or deleted row stays as a dead tuple, and dispatch_message grew to 778 MB in one morning of benchmarks.
warn_if_autovacuum_off() {
  [[ "$(autovacuum_setting)" == off ]] && warn "autovacuum is off on $MAILOO_DB_HOST:$MAILOO_DB_PORT: dead rows of the outbox and of" \
    "dispatch_message are never reclaimed (ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf();)"
  return 0
}

# analyze_for_bench: refreshes the planner's statistics of every stack database, as autovacuum's ANALYZE would have
# while the tables grew, when autovacuum is off (else nothing). Without it the services' prepared statements keep the
# generic plans made on the tables' first rows, and PostgreSQL then read the outbox and dispatch_message by sequential
# scans: 25 instead of 13 CPU-s in the measured 30 s on a fresh database (fourteenth session, docs/benchmarks.md).
# An ANALYZE invalidates those plans; the next executions plan again on the current sizes.
analyze_for_bench() {
  [[ "$(autovacuum_setting)" == off ]] || return 0
  local db
  for db in $(stack_databases); do
    psql_admin -d "$db" -c "ANALYZE" >/dev/null 2>&1 || warn "could not analyze $db"
  done
  echo "  statistics refreshed during the warm-up (ANALYZE of every stack database: autovacuum is off)"
}

# vacuum_for_bench: a benchmark starts from reclaimed tables whatever ran before it. On a server whose autovacuum is
# off the tables otherwise keep every dead row of earlier runs and each run is measured on a bigger table than the
# last. Prints the setting and the dead rows found. The vacuum dirties many pages that the kernel would write out about
# 30 s later (vm.dirty_expire_centisecs) in one burst, during the measured seconds, where it stalled PostgreSQL's WAL
# fsyncs and put 200-300 ms into the API's p99 (twelfth session, docs/benchmarks.md); a CHECKPOINT and a sync write
# them out now, before the run starts.
vacuum_for_bench() {
  local db dead av
  av=$(autovacuum_setting)
  for db in $(stack_databases); do
    dead=$(psql_admin -d "$db" -tAc "SELECT coalesce(sum(n_dead_tup), 0) FROM pg_stat_user_tables" 2>/dev/null) \
      || continue
    psql_admin -d "$db" -c "VACUUM (ANALYZE)" >/dev/null 2>&1 || warn "could not vacuum $db"
    echo "   database $db: $dead dead rows vacuumed (autovacuum $av)"
  done
  local t0=$SECONDS
  psql_admin -c "CHECKPOINT" >/dev/null 2>&1 || warn "could not run CHECKPOINT"
  sync
  echo "   written to disk before the run: CHECKPOINT and sync in $((SECONDS - t0)) s"
}
