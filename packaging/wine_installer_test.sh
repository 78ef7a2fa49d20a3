#!/usr/bin/env bash
# Run the Windows installer under Wine against the built bundle: install, upgrade in place,
# refuse a silent downgrade, uninstall keeping the user's data. Not part of CI (Wine is a
# large install); run it after changing installer.nsi:
#   apt-get install wine64   (Debian)     packaging/wine_installer_test.sh [dist/LiaisonDesk]
set -euo pipefail
cd "$(dirname "$0")/.."
BUNDLE="$(cd "${1:-dist/LiaisonDesk}" && pwd)"
WORK="$(mktemp -d /tmp/ld-wine-XXXXXX)"
export WINEPREFIX="$WORK/prefix" WINEDEBUG=-all
EXE_SUFFIX=""
[ -e "$BUNDLE/LiaisonDesk.exe" ] && EXE_SUFFIX=".exe"
fail() { echo "FAILED: $*" >&2; exit 1; }
ok() { echo "  ok: $*"; }
reg_value() { wine reg query "$1" /v "$2" 2>/dev/null | awk -v k="$2" '$1 == k {print $3}' | tr -d '\r'; }
reg_default() { wine reg query "$1" /ve 2>/dev/null | awk '$1 == "(Default)" {print $3}' | tr -d '\r'; }
reg_exists() { wine reg query "$1" >/dev/null 2>&1; }

build() {  # version -> installer path
  makensis -V1 -WX -DFAST -DEXE_SUFFIX="$EXE_SUFFIX" -DVERSION="$1" -DVERSION4="$1.0" \
    -DBUNDLE="$BUNDLE" -DOUTFILE="$WORK/LiaisonDesk-$1.exe" packaging/installer.nsi
  echo "$WORK/LiaisonDesk-$1.exe"
}
install() { wine "$1" /S || true; wineserver -w; }

echo "== installers"
OLD="$(build 0.1.0)"
NEW="$(build 0.2.0)"
wine wineboot -i >/dev/null 2>&1
wineserver -w
USER_DIR="$(find "$WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -1)"
LOCAL="$USER_DIR/AppData/Local"
PROGRAM="$LOCAL/Programs/LiaisonDesk"
DATA="$LOCAL/LiaisonDesk"
SHORTCUT="$USER_DIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Liaison Desk.lnk"
UNINSTALL='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\LiaisonDesk'

echo "== install 0.1.0 (per user, silent)"
install "$OLD"
[ -x "$PROGRAM/LiaisonDesk$EXE_SUFFIX" ] || [ -f "$PROGRAM/LiaisonDesk$EXE_SUFFIX" ] || fail "no program in $PROGRAM"
[ -f "$PROGRAM/liaison-desk$EXE_SUFFIX" ] && [ -d "$PROGRAM/_internal/resources" ] || fail "bundle incomplete"
[ -f "$PROGRAM/uninstall.exe" ] || fail "no uninstaller"
ok "program installed in %LOCALAPPDATA%\\Programs\\LiaisonDesk"
[ -f "$SHORTCUT" ] || fail "no Start-menu shortcut"
ok "Start-menu shortcut"
[ "$(reg_value "$UNINSTALL" DisplayVersion)" = "0.1.0" ] || fail "Apps entry missing"
ok "Settings > Apps entry, version 0.1.0"
[ "$(reg_default 'HKCU\Software\Classes\.ldsnap')" = "LiaisonDesk.Snapshot" ] \
  || fail ".ldsnap not associated"
wine reg query 'HKCU\Software\Classes\LiaisonDesk.Snapshot\shell\open\command' | grep -q '"%1"' \
  || fail "no open command for .ldsnap"
ok ".ldsnap opens with LiaisonDesk (HKCU)"

echo "== the officer works; then upgrade to 0.2.0 over it"
mkdir -p "$DATA/logs" "$DATA/backups"
echo "database" > "$DATA/liaison-desk.sqlite3"
echo "log" > "$DATA/logs/liaison-desk.log"
echo "stale" > "$PROGRAM/_internal/left-over-from-0.1.0.txt"
echo "mine" > "$PROGRAM/my-notes.txt"
install "$NEW"
[ "$(reg_value "$UNINSTALL" DisplayVersion)" = "0.2.0" ] || fail "upgrade did not register 0.2.0"
[ ! -e "$PROGRAM/_internal/left-over-from-0.1.0.txt" ] || fail "files of 0.1.0 left in _internal"
[ -f "$PROGRAM/LiaisonDesk$EXE_SUFFIX" ] || fail "program missing after upgrade"
[ "$(cat "$DATA/liaison-desk.sqlite3")" = "database" ] || fail "upgrade touched the data"
ok "upgraded in place: same folder, old files gone, data untouched"

echo "== a silent downgrade to 0.1.0 is refused"
install "$OLD"
[ "$(reg_value "$UNINSTALL" DisplayVersion)" = "0.2.0" ] || fail "0.1.0 was installed over 0.2.0"
ok "0.2.0 still installed"

echo "== uninstall (silent)"
wine "$PROGRAM/uninstall.exe" /S || true
wineserver -w
sleep 2
wineserver -w
[ ! -e "$PROGRAM/LiaisonDesk$EXE_SUFFIX" ] && [ ! -e "$PROGRAM/_internal" ] || fail "program left behind"
[ ! -e "$PROGRAM/uninstall.exe" ] || fail "uninstaller left behind"
[ -f "$PROGRAM/my-notes.txt" ] || fail "the uninstaller deleted a file it did not install"
[ ! -f "$SHORTCUT" ] || fail "shortcut left behind"
reg_exists "$UNINSTALL" && fail "Apps entry left behind"
reg_exists 'HKCU\Software\Classes\LiaisonDesk.Snapshot' && fail "file type left behind"
[ -z "$(reg_default 'HKCU\Software\Classes\.ldsnap')" ] || fail ".ldsnap still associated"
ok "program, shortcut, Apps entry and association removed"
[ "$(cat "$DATA/liaison-desk.sqlite3")" = "database" ] && [ -f "$DATA/logs/liaison-desk.log" ] \
  || fail "the user's data was removed"
ok "data folder %LOCALAPPDATA%\\LiaisonDesk kept"
rm -rf "$WORK"
echo "Installer test passed."
