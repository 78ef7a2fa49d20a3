#!/usr/bin/env bash
# Build the standalone Linux bundle, its archive and desktop entry:
#   dist/LiaisonDesk/                               (LiaisonDesk = window, liaison-desk = CLI)
#   dist/LiaisonDesk-<version>-linux-<arch>.tar.gz
# Usage: packaging/build_linux.sh [--clean]   (then: packaging/smoke_test.py dist/LiaisonDesk)
set -euo pipefail
. "$(dirname "$0")/../scripts/setup.sh" dev,packaging
cd "$ROOT"
PY="$VENV/bin/python"
VERSION="$("$PY" -c 'import sys; sys.path.insert(0, "packaging"); import layout; print(layout.project()["version"])')"
ARCH="$(uname -m)"
BUNDLE="dist/LiaisonDesk"
ARCHIVE="dist/LiaisonDesk-$VERSION-linux-$ARCH.tar.gz"
started=$SECONDS

echo "== licences"
"$PY" scripts/make_licences.py --check \
  || echo "warning: the shipped licence list differs from the installed packages (run scripts/make_licences.py)" >&2

echo "== PyInstaller ($VERSION)"
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN ${1:+"$1"} \
  --distpath dist --workpath build/pyinstaller packaging/liaison-desk.spec

echo "== desktop entry"
cp packaging/linux/liaison-desk.desktop packaging/linux/liaison-desk-mime.xml \
   packaging/linux/install-desktop-entry.sh packaging/linux/README.txt "$BUNDLE/"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$BUNDLE/liaison-desk.desktop"
fi

echo "== archive"
rm -f "$ARCHIVE"
tar -C dist -czf "$ARCHIVE" LiaisonDesk
echo "$BUNDLE: $(du -sh "$BUNDLE" | cut -f1), $(find "$BUNDLE" -type f | wc -l) files"
echo "$ARCHIVE: $(du -h "$ARCHIVE" | cut -f1)"
echo "built in $((SECONDS - started)) s"
