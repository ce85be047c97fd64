#!/usr/bin/env bash
# Start or stop the services the test suite needs, in a private run directory:
#   services.sh start RUN_DIR   writes RUN_DIR/env.sh with the variables the tests read
#   services.sh stop RUN_DIR    stops exactly what `start RUN_DIR` started
# PostgreSQL: a throw-away cluster owned by the `postgres` user, on a Unix socket in
# RUN_DIR and a free loopback port, trust authentication (local only).
# CUPS: a private cupsd with its own configuration, spool and state in RUN_DIR, listening
# only on a Unix socket in RUN_DIR (so a cupsd already running on the machine is neither
# used nor disturbed), with one cups-pdf queue whose PDFs land in RUN_DIR/cups/out.
set -euo pipefail
action="$1"; RUN_DIR="$2"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
PG_DIR="$RUN_DIR/pg"
PG_USER=postgres
CUPS_DIR="$RUN_DIR/cups"
# cups-pdf reads its per-queue settings from /etc/cups/cups-pdf-QUEUE.conf (the path is
# compiled in), so the queue name is unique per run directory: parallel runs never share it.
CUPS_QUEUE="ledger-test-$(printf '%s' "$RUN_DIR" | md5sum | cut -c1-10)"
CUPS_PDF_CONF="/etc/cups/cups-pdf-$CUPS_QUEUE.conf"

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

cups_fail() {
  echo "CUPS test printer: $*" >&2
  [ -f "$CUPS_DIR/log/error_log" ] && tail -n 20 "$CUPS_DIR/log/error_log" >&2
  exit 1
}

write_cups_config() {
  mkdir -p "$CUPS_DIR"/{etc/ppd,etc/ssl,spool/tmp,cache,state,log,pdf-spool,gs-tmp,out}
  # cups-pdf may write as the submitting user or as `nobody` (anonymous jobs).
  chmod 1777 "$CUPS_DIR/out" "$CUPS_DIR/gs-tmp"
  cat >"$CUPS_DIR/etc/cupsd.conf" <<EOF
LogLevel warn
Listen $CUPS_DIR/cups.sock
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
  cat >"$CUPS_DIR/etc/cups-files.conf" <<EOF
ServerRoot $CUPS_DIR/etc
RequestRoot $CUPS_DIR/spool
TempDir $CUPS_DIR/spool/tmp
CacheDir $CUPS_DIR/cache
StateDir $CUPS_DIR/state
AccessLog $CUPS_DIR/log/access_log
ErrorLog $CUPS_DIR/log/error_log
PageLog $CUPS_DIR/log/page_log
User lp
Group lp
SystemGroup root
EOF
  cat >"$CUPS_PDF_CONF" <<EOF
# Written by ledger_tui scripts/services.sh for the test run in $RUN_DIR; removed by stop.
Out $CUPS_DIR/out
AnonDirName $CUPS_DIR/out
Spool $CUPS_DIR/pdf-spool
GSTmp $CUPS_DIR/gs-tmp
Log $CUPS_DIR/log
Label 2
EOF
  echo "$CUPS_PDF_CONF" >"$CUPS_DIR/cups-pdf-conf.path"
}

start_cups() {
  [ "$(id -u)" -eq 0 ] || cups_fail "needs root (cupsd and the cups-pdf backend run as root)"
  [ -x /usr/sbin/cupsd ] && [ -e /usr/lib/cups/backend/cups-pdf ] \
    || cups_fail "install the Debian packages cups and printer-driver-cups-pdf"
  write_cups_config
  # A supervising subshell is cupsd's parent and reaps it: PID 1 here does not reap
  # orphans, and `stop` waits for the process to be gone, not merely a zombie.
  ( /usr/sbin/cupsd -f -c "$CUPS_DIR/etc/cupsd.conf" -s "$CUPS_DIR/etc/cups-files.conf" \
      >>"$CUPS_DIR/log/cupsd.out" 2>&1 &
    echo $! >"$CUPS_DIR/cupsd.pid"
    wait $! ) </dev/null >/dev/null 2>&1 &
  export CUPS_SERVER="$CUPS_DIR/cups.sock"
  local tries=0
  until [ -S "$CUPS_SERVER" ] && lpstat -r 2>/dev/null | grep -q "is running"; do
    tries=$((tries + 1))
    [ $tries -le 200 ] || cups_fail "cupsd did not start within 10 s ($(cat "$CUPS_DIR/log/cupsd.out" 2>/dev/null))"
    sleep 0.05
  done
  lpadmin -p "$CUPS_QUEUE" -v "cups-pdf:/$CUPS_QUEUE" -E \
    -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2>"$CUPS_DIR/log/lpadmin.err" \
    || cups_fail "lpadmin failed: $(cat "$CUPS_DIR/log/lpadmin.err")"
  lpadmin -d "$CUPS_QUEUE" 2>>"$CUPS_DIR/log/lpadmin.err" || true
  {
    echo "export CUPS_SERVER='$CUPS_SERVER'"
    echo "export LEDGER_TUI_TEST_PRINTER='$CUPS_QUEUE'"
    echo "export LEDGER_TUI_TEST_PRINT_DIR='$CUPS_DIR/out'"
  } >>"$RUN_DIR/env.sh"
  echo "[ledger-tui] CUPS test printer $CUPS_QUEUE on $CUPS_SERVER" >&2
}

stop_cups() {
  [ -d "$CUPS_DIR" ] || return 0
  local pid=""
  [ -f "$CUPS_DIR/cupsd.pid" ] && pid="$(cat "$CUPS_DIR/cupsd.pid")"
  # Only the cupsd this run started: the pid must still name a cupsd using our config.
  if [ -n "$pid" ] && grep -qF "$CUPS_DIR/etc/cupsd.conf" "/proc/$pid/cmdline" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    local tries=0
    while [ -e "/proc/$pid" ] && [ $tries -lt 200 ]; do tries=$((tries + 1)); sleep 0.05; done
    [ -e "/proc/$pid" ] && kill -KILL "$pid" 2>/dev/null || true
  fi
  if [ -f "$CUPS_DIR/cups-pdf-conf.path" ]; then
    rm -f "$(cat "$CUPS_DIR/cups-pdf-conf.path")"
  fi
}

case "$action" in
  start) : >"$RUN_DIR/env.sh"; start_pg; start_cups ;;
  stop) stop_cups; stop_pg ;;
  *) echo "usage: services.sh start|stop RUN_DIR" >&2; exit 2 ;;
esac
