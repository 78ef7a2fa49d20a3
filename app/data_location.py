"""Is the live database somewhere that damages SQLite files: a network share or a synced folder?

``location_risk`` decides from facts it is given (pure, tested on Windows and POSIX paths);
``current_location_risk`` gathers those facts on this computer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath


class RiskKind(Enum):
    """Why a location is risky."""

    NETWORK = "network"
    SYNCED = "synced"


@dataclass(frozen=True)
class LocationRisk:
    """A risky data folder: what kind of place it is, and which service (for the message)."""

    kind: RiskKind
    service: str
    path: str


# Folder names that sync clients create (compared case-insensitively).
SYNCED_FOLDERS = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "box sync": "Box",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
}
ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
NETWORK_FILESYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "fuse.sshfs",
    "sshfs",
    "davfs",
    "fuse.davfs2",
    "9p",
    "afs",
    "fuse.rclone",
}


def location_risk(
    path: str,
    *,
    windows: bool,
    env: Mapping[str, str] | None = None,
    network_mounts: Collection[str] = (),
    remote_drives: Collection[str] = (),
) -> LocationRisk | None:
    """The risk of keeping the database at ``path``, or None when it is a local folder.

    ``network_mounts``: mount points of network file systems (POSIX); ``remote_drives``:
    drive letters mapped to network shares (Windows, e.g. "H:").
    """
    env = env or {}
    pure: PurePath = PureWindowsPath(path) if windows else PurePosixPath(path)
    text = str(pure)
    if windows:
        if text.upper().startswith("\\\\?\\UNC\\") or (
            text.startswith("\\\\") and not text.startswith("\\\\?\\")
        ):
            return LocationRisk(RiskKind.NETWORK, "a network share", text)
        if pure.drive and pure.drive.upper() in {d.upper().rstrip("\\") for d in remote_drives}:
            return LocationRisk(RiskKind.NETWORK, f"the network drive {pure.drive}", text)
        for variable in ONEDRIVE_VARIABLES:
            root = env.get(variable)
            if root and _is_under(pure, PureWindowsPath(root)):
                return LocationRisk(RiskKind.SYNCED, "OneDrive", text)
    else:
        if text.startswith("//") or "/gvfs/" in text + "/":
            return LocationRisk(RiskKind.NETWORK, "a network share", text)
        for mount in sorted(network_mounts, key=len, reverse=True):
            if mount not in ("/", "") and _is_under(pure, PurePosixPath(mount)):
                return LocationRisk(RiskKind.NETWORK, f"a network file system ({mount})", text)
    for part in pure.parts:
        name = part.lower().strip()
        if name in SYNCED_FOLDERS:
            return LocationRisk(RiskKind.SYNCED, SYNCED_FOLDERS[name], text)
        if name.startswith("onedrive - "):  # "OneDrive - West Midlands Police"
            return LocationRisk(RiskKind.SYNCED, "OneDrive", text)
    return None


def _is_under(path: PurePath, root: PurePath) -> bool:
    if isinstance(path, PureWindowsPath):
        path, root = PureWindowsPath(str(path).lower()), PureWindowsPath(str(root).lower())
    return path == root or root in path.parents


def current_location_risk(folder: Path) -> LocationRisk | None:
    """location_risk for a folder on this computer (reads mounts / drive types)."""
    try:
        resolved = folder.resolve()
    except OSError:
        resolved = folder.absolute()
    windows = sys.platform == "win32"
    return location_risk(
        str(resolved),
        windows=windows,
        env=os.environ,
        network_mounts=() if windows else _network_mounts(),
        remote_drives=_remote_drives(resolved) if windows else (),
    )


def _network_mounts(mounts_file: Path = Path("/proc/mounts")) -> list[str]:
    try:
        lines = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        fields = line.split()
        if len(fields) >= 3 and fields[2].lower() in NETWORK_FILESYSTEMS:
            found.append(fields[1].replace("\\040", " "))
    return found


def _remote_drives(path: Path) -> list[str]:  # pragma: no cover - Windows only
    drive = path.drive
    if not drive or not drive.endswith(":"):
        return []
    import ctypes

    drive_remote = 4  # DRIVE_REMOTE
    kind = ctypes.windll.kernel32.GetDriveTypeW(f"{drive}\\")  # type: ignore[attr-defined]
    return [drive] if kind == drive_remote else []
