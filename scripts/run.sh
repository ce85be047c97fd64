#!/usr/bin/env bash
# Set up (venv, package, ledger schema) and start the ledger_tui terminal application.
#   ./scripts/run.sh            the embedded SQLite ledger in the user data folder
#   ./scripts/run.sh --demo     a separate demo ledger with sample data (login demo / demo-demo-demo)
#   ./scripts/run.sh --db URL   another ledger, e.g. postgresql://user@host/ledger
# Any other arguments go to `ledger-tui` (e.g. --lang en).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

extras=""
for arg in "$@"; do
  case "$arg" in postgresql*|postgres:*) extras="postgres" ;; esac
done
[ -n "${LEDGER_TUI_DB:-}" ] && case "$LEDGER_TUI_DB" in postgres*) extras="postgres" ;; esac

# Printed forms embed IPAexGothic (DejaVu Sans Mono for passwords); printing goes through lp.
# Sticks are written without mounting through mtools.
ensure_debs fonts-ipaexfont-gothic fonts-dejavu-core cups-client mtools dosfstools \
  exfatprogs \
  || log "some Debian packages could not be installed (printing, stick writing need them)"
ensure_venv "$extras"
if [ "${1:-}" = "--demo" ]; then
  shift
  exec "$VENV/bin/ledger-tui" --demo "$@"
fi
exec "$VENV/bin/ledger-tui" "$@"
