#!/usr/bin/env bash
# Starts the services that the production-path tests need, on loopback, in a scratch folder:
# PostgreSQL (tracker store, tickets) and Redis (lock store), plus headless Chromium for browser tests.
# Installs them from Debian's packages when missing. Prints `export VAR=...` lines to eval.
# Usage: eval "$(scripts/services.sh start DIR)"; scripts/services.sh stop DIR
set -euo pipefail
action=${1:?start|stop}
dir=${2:?scratch folder}
PG_PORT=${PG_PORT:-55432}
REDIS_PORT=${REDIS_PORT:-56379}

apt_install() {
  # apt's lists may be missing on a fresh machine; update once, quietly.
  if [ ! -f /tmp/.apt-updated ]; then apt-get update -qq >&2 && touch /tmp/.apt-updated; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

pg_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ]; then apt_install postgresql; found=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); fi
  echo "$found"
}

start() {
  mkdir -p "$dir"
  local bin; bin=$(pg_bin)
  id postgres >/dev/null 2>&1 || useradd --system --home "$dir" postgres
  local pgdata="$dir/pgdata"
  if [ ! -d "$pgdata" ]; then
    mkdir -p "$pgdata" && chown postgres "$dir" "$pgdata"
    runuser -u postgres -- "$bin/initdb" -D "$pgdata" -A trust -U postgres >/dev/null
  fi
  runuser -u postgres -- "$bin/pg_ctl" -D "$pgdata" -l "$dir/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $dir -c max_connections=200" start >&2
  for db in bot_tests; do
    runuser -u postgres -- "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$db" 2>/dev/null || true
  done
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save "" --appendonly no \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    apt_install chromium chromium-driver
  fi
  echo "export TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$PG_PORT/bot_tests"
  echo "export TEST_POSTGRES_ADMIN_URL=postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "export TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
  echo "export TEST_REDIS_PORT=$REDIS_PORT"
  echo "export TEST_PG_PORT=$PG_PORT"
}

stop() {
  local bin; bin=$(pg_bin)
  [ -d "$dir/pgdata" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$dir/pgdata" -m fast stop >&2 || true
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
}

"$action"
