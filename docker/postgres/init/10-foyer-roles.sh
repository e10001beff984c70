#!/bin/sh
# Runs once, on the first start of an empty data directory (official postgres image,
# /docker-entrypoint-initdb.d), as the bootstrap superuser. Creates what the app's
# `db:setup` creates, idempotently, so either may run first:
#   foyer_owner    LOGIN, owns the foyer database and every table, runs migrations
#   foyer_runtime  NOLOGIN group; migrations GRANT it DML on each table
#   foyer_app      LOGIN member of foyer_runtime: no superuser, no BYPASSRLS, owns nothing
# Passwords arrive as psql variables (:'var' is quoted by psql), never spliced into SQL.
set -eu
: "${POSTGRES_OWNER_PASSWORD:?POSTGRES_OWNER_PASSWORD is required}"
: "${POSTGRES_APP_PASSWORD:?POSTGRES_APP_PASSWORD is required}"
DB="${FOYER_DB_NAME:-foyer}"

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres \
  -v owner_pw="$POSTGRES_OWNER_PASSWORD" -v app_pw="$POSTGRES_APP_PASSWORD" -v db="$DB" <<'SQL'
SELECT format('CREATE ROLE foyer_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L', :'owner_pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'foyer_owner') \gexec
SELECT 'CREATE ROLE foyer_runtime NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'foyer_runtime') \gexec
SELECT format('CREATE ROLE foyer_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT PASSWORD %L', :'app_pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'foyer_app') \gexec
GRANT foyer_runtime TO foyer_app;
SELECT format('CREATE DATABASE %I OWNER foyer_owner', :'db')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO foyer_runtime', :'db') \gexec
SQL

# In the new database: only the owner may create objects; the runtime group may use the
# schema (table privileges come from migrations).
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$DB" <<'SQL'
ALTER SCHEMA public OWNER TO foyer_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO foyer_runtime;
SQL
