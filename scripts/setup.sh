# Sourced by scripts/run and scripts/test: make .venv and install the project into it.
# Re-installs only when pyproject.toml or the pinned versions change. Usage: . scripts/setup.sh [extras]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
EXTRAS="${1:-}"
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Liaison Desk needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))" >&2
  exit 1
fi
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
# The versions come from packaging/constraints.txt (scripts/lock_dependencies.sh): CI, every
# developer and the standalone builds install the same ones.
CONSTRAINTS="$ROOT/packaging/constraints.txt"
HASH="$(cat "$ROOT/pyproject.toml" "$CONSTRAINTS" | sha256sum | cut -c1-16)"
STAMP="$VENV/.installed-$HASH${EXTRAS:+-$EXTRAS}"
installed_already() {  # an install for this pyproject.toml with every wanted extra (or more)
  local stamp got extra
  for stamp in "$VENV"/.installed-"$HASH"*; do
    [ -f "$stamp" ] || continue
    got=",${stamp#"$VENV/.installed-$HASH"},"
    got="${got/,-/,}"
    for extra in ${EXTRAS//,/ }; do
      case "$got" in *",$extra,"*) ;; *) continue 2 ;; esac
    done
    return 0
  done
  return 1
}
if ! installed_already; then
  echo "Setting up Liaison Desk in $VENV (once)…" >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c "$CONSTRAINTS" \
    -e "$ROOT${EXTRAS:+[$EXTRAS]}" >&2
  rm -f "$VENV"/.installed-*
  touch "$STAMP"
fi
