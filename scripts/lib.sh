# Shared helpers for scripts/run.sh and scripts/test.sh (sourced, not run).
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${LEDGER_TUI_VENV:-$ROOT/.venv}"
PY="${PYTHON:-python3}"

log() { printf '[ledger-tui] %s\n' "$*" >&2; }

apt_updated=0
ensure_debs() {
  # Install the Debian packages named (dpkg names) that are not installed yet.
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing[*]} (run as root or install them)"; return 1
  fi
  log "installing Debian packages: ${missing[*]}"
  if [ $apt_updated -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2; apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2
}

ensure_venv() {
  # $1: pip extras, e.g. "test" or "" ; reinstalls when pyproject.toml changed.
  local extras="${1:-}"
  if [ ! -x "$VENV/bin/python" ]; then
    ensure_debs python3-venv 2>/dev/null || true
    log "creating virtual environment in $VENV"
    "$PY" -m venv "$VENV"
  fi
  local stamp="$VENV/.ledger-tui-installed-${extras:-base}"
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
    log "installing ledger-tui${extras:+[$extras]} into the venv"
    "$VENV/bin/python" -m pip install -q --upgrade pip >&2
    "$VENV/bin/python" -m pip install -q -e "$ROOT${extras:+[$extras]}" >&2
    touch "$stamp"
  fi
  # The package is installed editable: its bytecode lives beside the sources. Compile it
  # here (fast when current) so that a desk started where PYTHONDONTWRITEBYTECODE is set
  # does not compile every module again at each start (0.53 -> 0.37 s to the login screen).
  "$VENV/bin/python" -m compileall -q "$ROOT/ledger_tui" >/dev/null || true
}
