#!/usr/bin/env bash
# CI, after ./scripts/test: build the standalone bundle, smoke-test the FROZEN program, and
# compile the Windows installer script against the bundle (Debian's nsis), so a missing data
# file, a broken spec or an invalid installer script fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

if ! command -v makensis >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing nsis (makensis)"
    apt-get install -y -qq nsis >/dev/null || (apt-get update -qq && apt-get install -y -qq nsis >/dev/null)
  else
    echo "ci_packaging: makensis is missing: sudo apt-get install nsis" >&2
    exit 1
  fi
fi

echo "== build (packaging/build_linux.sh)"
packaging/build_linux.sh --clean
build_done=$SECONDS

echo "== smoke test of the frozen program"
.venv/bin/python packaging/smoke_test.py dist/LiaisonDesk
smoke_done=$SECONDS

echo "== installer script (makensis, against the Linux bundle)"
read -r VERSION VERSION4 < <(.venv/bin/python -c 'import sys; sys.path.insert(0, "packaging"); import layout; v = layout.project()["version"]; print(v, ".".join(map(str, layout.numeric_version(v))))')
makensis -V2 -WX -DFAST -DEXE_SUFFIX= -DVERSION="$VERSION" -DVERSION4="$VERSION4" \
  -DBUNDLE="$PWD/dist/LiaisonDesk" -DOUTFILE="$PWD/build/LiaisonDesk-$VERSION-check.exe" \
  packaging/installer.nsi
rm -f "build/LiaisonDesk-$VERSION-check.exe"
echo "installer script compiles"

installer_done=$SECONDS
if command -v wine >/dev/null && command -v wineserver >/dev/null; then
  echo "== installer under Wine: install, upgrade, downgrade refused, uninstall keeps data"
  packaging/wine_installer_test.sh dist/LiaisonDesk
else
  echo "(Wine not installed: skipping packaging/wine_installer_test.sh)"
fi

echo "packaging CI: build $((build_done - started)) s, smoke test $((smoke_done - build_done)) s, installer $((installer_done - smoke_done)) s, wine $((SECONDS - installer_done)) s"
