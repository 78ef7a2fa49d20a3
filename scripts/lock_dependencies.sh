#!/usr/bin/env bash
# Re-pin every package Liaison Desk installs (with the dev and packaging extras) to what
# resolves today, in packaging/constraints.txt. scripts/setup.sh, the Linux and Windows
# builds install through it, so CI, a developer and the installer ship the same versions.
# Run after changing dependencies in pyproject.toml, then run ./scripts/test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$WORK/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$ROOT[dev,packaging]"
{
  echo "# Pinned by scripts/lock_dependencies.sh on $(date -u +%Y-%m-%d) (Python $("$PYTHON" -c 'import platform; print(platform.python_version())'), $(uname -s))."
  echo "# Every install goes through these: pip install -c packaging/constraints.txt -e .[…]"
  "$WORK/venv/bin/python" -m pip freeze --disable-pip-version-check --exclude liaison-desk | LC_ALL=C sort -f
} > "$ROOT/packaging/constraints.txt"
echo "wrote packaging/constraints.txt ($(grep -vc '^#' "$ROOT/packaging/constraints.txt") packages)"
