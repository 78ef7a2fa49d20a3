#!/bin/sh
# Add Liaison Desk to this user's application menu and open .ldsnap files with it.
# Run from the unpacked LiaisonDesk folder: ./install-desktop-entry.sh   (--remove to undo)
# Your data (~/.local/share/LiaisonDesk) is never touched.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
APPS="$DATA/applications"
ICONS="$DATA/icons/hicolor/256x256/apps"
MIME="$DATA/mime/packages"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$APPS/liaison-desk.desktop" "$ICONS/liaison-desk.png" "$MIME/liaison-desk.xml"
  echo "Removed the Liaison Desk menu entry (your data is kept)."
else
  mkdir -p "$APPS" "$ICONS" "$MIME"
  cp "$HERE/_internal/resources/icons/liaison-desk-256.png" "$ICONS/liaison-desk.png"
  cp "$HERE/liaison-desk-mime.xml" "$MIME/liaison-desk.xml"
  sed -e "s|^Exec=LiaisonDesk|Exec=\"$HERE/LiaisonDesk\"|" \
      -e "s|^TryExec=LiaisonDesk|TryExec=$HERE/LiaisonDesk|" \
      "$HERE/liaison-desk.desktop" > "$APPS/liaison-desk.desktop"
  echo "Added Liaison Desk to the application menu ($APPS/liaison-desk.desktop)."
fi
command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$APPS" || true
