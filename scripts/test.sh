#!/usr/bin/env bash
# Set up everything the tests need, run the static checks and the whole suite against
# SQLite and PostgreSQL. Installs missing Debian packages, creates the venv, runs
# `ruff check`, `ruff format --check`, `mypy --strict ledger_tui` and `lint-imports`,
# starts a private PostgreSQL cluster and CUPS server, runs pytest, and stops what it
# started. Every check and pytest run even when one before failed, so that one run shows
# everything; the exit status is non-zero if any of them failed.
# Arguments go to pytest (e.g. ./scripts/test.sh -k audit -x).
# LEDGER_TUI_STATIC=0 skips the static checks (for a quick targeted pytest run).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# Each capability lists the Debian packages its tests need in scripts/debs/*.txt.
mapfile -t DEBS < <(cat "$ROOT"/scripts/debs/*.txt | sed 's/#.*//' | tr -s ' \t' '\n' | sed '/^$/d' | sort -u)
ensure_debs "${DEBS[@]}"
ensure_venv "test"

cd "$ROOT"
failed=()
check() {
  # check NAME COMMAND...: run one static check, remember it if it fails.
  local name="$1"
  shift
  log "check: $name"
  if ! "$@"; then
    log "FAILED: $name"
    failed+=("$name")
  fi
}
if [ "${LEDGER_TUI_STATIC:-1}" != "0" ]; then
  check "ruff check" "$VENV/bin/ruff" check --quiet .
  check "ruff format --check" "$VENV/bin/ruff" format --check --quiet .
  check "mypy --strict ledger_tui" "$VENV/bin/mypy" --strict ledger_tui
  check "lint-imports" "$VENV/bin/lint-imports" --no-cache
fi

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

set +e
"$VENV/bin/python" -m pytest "$@"
status=$?
set -e
[ $status -eq 0 ] || failed+=("pytest")
if [ ${#failed[@]} -gt 0 ]; then
  log "failed: $(IFS=,; echo "${failed[*]}" | sed 's/,/, /g')"
  [ $status -ne 0 ] || status=1
fi
exit $status
