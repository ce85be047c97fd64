#!/usr/bin/env bash
# Set up everything the tests need and run the whole suite against SQLite and PostgreSQL.
# Installs missing Debian packages, creates the venv, starts a private PostgreSQL cluster
# (and later other services), runs pytest, and stops what it started.
# Arguments go to pytest (e.g. ./scripts/test.sh -k audit -x).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# Each capability lists the Debian packages its tests need in scripts/debs/*.txt.
mapfile -t DEBS < <(cat "$ROOT"/scripts/debs/*.txt | sed 's/#.*//' | tr -s ' \t' '\n' | sed '/^$/d' | sort -u)
ensure_debs "${DEBS[@]}"
ensure_venv "test"

RUN_DIR="$(mktemp -d /tmp/ledger-tui-test.XXXXXX)"
chmod 755 "$RUN_DIR"
cleanup() {
  local status=$?
  "$ROOT/scripts/services.sh" stop "$RUN_DIR" || true
  rm -rf "$RUN_DIR"
  exit $status
}
trap cleanup EXIT INT TERM

"$ROOT/scripts/services.sh" start "$RUN_DIR"
# shellcheck disable=SC1091
source "$RUN_DIR/env.sh"

cd "$ROOT"
set +e
"$VENV/bin/python" -m pytest "$@"
status=$?
set -e
exit $status
