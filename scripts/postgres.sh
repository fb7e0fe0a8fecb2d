#!/usr/bin/env bash
# Provides a clean PostgreSQL database for NovaCron's persistence tests, on a Debian 12 machine, as root.
#
#   eval "$(scripts/postgres.sh)"      # then: mvn -pl ejb-core -am test
#
# Idempotent: installs PostgreSQL if missing, starts the cluster, (re)creates role novacron_test with
# a new random password and an EMPTY database novacron_test owned by it (dropped and recreated on
# every run), and prints the NOVACRON_TEST_PG_* variables the tests read as `export` lines on stdout.
# Everything else goes to stderr, so stdout is safe to eval.
#
# Environment (optional): NOVACRON_TEST_PG_PORT (default: the cluster's port), PG_READY_TIMEOUT_S (30).
set -euo pipefail

readonly ROLE=novacron_test
readonly DATABASE=novacron_test
readonly READY_TIMEOUT_S="${PG_READY_TIMEOUT_S:-30}"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $(id -u) -eq 0 ]] || die "run as root (it installs packages and switches to the postgres user)"

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "PostgreSQL not installed; installing it (apt-get)"
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
fi

# The newest installed cluster (Debian 12 ships 15); "pg_lsclusters -h" prints: version name port status ...
read -r PG_VERSION PG_CLUSTER PG_PORT _ < <(pg_lsclusters -h | sort -k1,1n | tail -n 1) \
  || die "no PostgreSQL cluster found (pg_lsclusters is empty); create one with: pg_createcluster --start 15 main"
PG_PORT="${NOVACRON_TEST_PG_PORT:-$PG_PORT}"
log "using cluster $PG_VERSION/$PG_CLUSTER on port $PG_PORT"

if pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c && $4=="online" {found=1} END {exit !found}'; then
  log "cluster already running"
else
  log "starting cluster"
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start >&2
fi

deadline=$((SECONDS + READY_TIMEOUT_S))
until pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; do
  (( SECONDS < deadline )) || die "PostgreSQL not accepting connections on 127.0.0.1:$PG_PORT after ${READY_TIMEOUT_S}s"
  sleep 0.2
done
log "accepting connections on 127.0.0.1:$PG_PORT"

# 32 hex characters: nothing in it needs quoting in SQL or in the shell.
PASSWORD="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
[[ ${#PASSWORD} -eq 32 ]] || die "could not generate a password"

psql_admin() {
  # Run from / so psql does not complain that it cannot read root's working directory.
  (cd / && runuser -u postgres -- psql -X -q -o /dev/null -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@") >&2
}

# The password travels on stdin, never on a command line where ps could show it.
psql_admin -d postgres <<SQL
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$DATABASE' AND pid <> pg_backend_pid();
DROP DATABASE IF EXISTS $DATABASE;
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN;
  END IF;
END
\$\$;
ALTER ROLE $ROLE WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$PASSWORD';
-- UTF8 whatever the cluster's default; C collation sorts the same on every machine.
CREATE DATABASE $DATABASE OWNER $ROLE ENCODING 'UTF8' LOCALE 'C' TEMPLATE template0;
SQL
# PostgreSQL 15 no longer lets every role create in schema public; the owner of the database gets it.
psql_admin -d "$DATABASE" -c "ALTER SCHEMA public OWNER TO $ROLE"
log "database $DATABASE (owner $ROLE) recreated empty"

printf 'export NOVACRON_TEST_PG_URL=%s NOVACRON_TEST_PG_USER=%s NOVACRON_TEST_PG_PASSWORD=%s\n' \
  "jdbc:postgresql://127.0.0.1:$PG_PORT/$DATABASE" "$ROLE" "$PASSWORD"
