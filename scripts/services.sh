#!/usr/bin/env bash
# Start or stop the services the test suite needs, in a private run directory:
#   services.sh start RUN_DIR   writes RUN_DIR/env.sh with the variables the tests read
#   services.sh stop RUN_DIR
# PostgreSQL: a throw-away cluster owned by the `postgres` user, on a Unix socket in
# RUN_DIR and a free loopback port, trust authentication (local only).
set -euo pipefail
action="$1"; RUN_DIR="$2"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
PG_DIR="$RUN_DIR/pg"
PG_USER=postgres

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start_pg() {
  [ -n "$PG_BIN" ] || { echo "PostgreSQL server binaries not found" >&2; exit 1; }
  mkdir -p "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown "$PG_USER" "$PG_DIR"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 \
    --locale=C.UTF-8 >"$RUN_DIR/initdb.log" 2>&1 \
    || { cat "$RUN_DIR/initdb.log" >&2; exit 1; }
  local port; port="$(free_port)"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
    -o "-k $PG_DIR -p $port -c listen_addresses=127.0.0.1 -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { cat "$PG_DIR/server.log" >&2; exit 1; }
  echo "export LEDGER_TUI_TEST_PG_URL='postgresql+psycopg://postgres@127.0.0.1:$port/postgres'" \
    >>"$RUN_DIR/env.sh"
  echo "[ledger-tui] PostgreSQL test cluster on 127.0.0.1:$port" >&2
}

stop_pg() {
  [ -d "$PG_DIR/data" ] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
}

case "$action" in
  start) : >"$RUN_DIR/env.sh"; start_pg ;;
  stop) stop_pg ;;
  *) echo "usage: services.sh start|stop RUN_DIR" >&2; exit 2 ;;
esac
