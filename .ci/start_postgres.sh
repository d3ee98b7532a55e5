#!/usr/bin/env bash
# Start a throwaway PostgreSQL on 127.0.0.1 for the tests; prints the URL (export it as PLURAL_TEST_PG_URL).
set -euo pipefail
PORT="${PG_PORT:-54329}"
DIR="${PG_DIR:-/tmp/plural-ci-pg}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
fi
BIN="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  as_pg "$BIN/initdb -D $DIR -U postgres -A trust >/dev/null"
fi
if ! as_pg "$BIN/pg_ctl -D $DIR status" >/dev/null 2>&1; then
  as_pg "$BIN/pg_ctl -D $DIR -l $DIR/log -w -o '-h 127.0.0.1 -p $PORT -k /tmp' start" >&2
fi
psql_() { as_pg "$BIN/psql -h 127.0.0.1 -p $PORT -U postgres -tAc \"$1\""; }
[ "$(psql_ "SELECT 1 FROM pg_roles WHERE rolname='plural'")" = 1 ] || psql_ "CREATE USER plural PASSWORD 'plural'" >&2
[ "$(psql_ "SELECT 1 FROM pg_database WHERE datname='plural_test'")" = 1 ] || psql_ "CREATE DATABASE plural_test OWNER plural" >&2
echo "postgresql://plural:plural@127.0.0.1:$PORT/plural_test"
