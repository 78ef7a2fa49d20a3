"""The live database on a network share or in a synced folder is recognised; local is not."""

from __future__ import annotations

import pytest

from app.data_location import RiskKind, _network_mounts, location_risk

WINDOWS_ENV = {
    "OneDrive": r"C:\Users\a.officer\OneDrive - West Midlands Police",
    "OneDriveCommercial": r"C:\Users\a.officer\OneDrive - West Midlands Police",
    "LOCALAPPDATA": r"C:\Users\a.officer\AppData\Local",
}


@pytest.mark.parametrize(
    ("path", "kind", "service"),
    [
        (r"\\fileserver\liaison\LiaisonDesk", RiskKind.NETWORK, "a network share"),
        (r"\\?\UNC\fileserver\liaison\LiaisonDesk", RiskKind.NETWORK, "a network share"),
        (r"H:\LiaisonDesk", RiskKind.NETWORK, "the network drive H:"),
        (
            r"C:\Users\a.officer\OneDrive - West Midlands Police\Documents\LD",
            RiskKind.SYNCED,
            "OneDrive",
        ),
        (r"c:\users\A.OFFICER\onedrive - west midlands police\LD", RiskKind.SYNCED, "OneDrive"),
        (r"D:\Sync\OneDrive\LiaisonDesk", RiskKind.SYNCED, "OneDrive"),
        (r"C:\Users\a.officer\Dropbox\LiaisonDesk", RiskKind.SYNCED, "Dropbox"),
        (r"G:\My Drive\LiaisonDesk", RiskKind.SYNCED, "Google Drive"),
        (r"C:\Users\a.officer\iCloudDrive\LiaisonDesk", RiskKind.SYNCED, "iCloud Drive"),
    ],
)
def test_risky_windows_locations(path, kind, service):
    risk = location_risk(path, windows=True, env=WINDOWS_ENV, remote_drives=["H:"])
    assert risk is not None
    assert (risk.kind, risk.service) == (kind, service)
    assert risk.path == path


@pytest.mark.parametrize(
    "path",
    [
        r"C:\Users\a.officer\AppData\Local\LiaisonDesk",
        r"\\?\C:\Users\a.officer\AppData\Local\LiaisonDesk",  # long-path prefix: still local
        r"D:\Data\LiaisonDesk",
        r"C:\Users\a.officer\Documents\Dropboxes of evidence",  # a word, not the folder
    ],
)
def test_local_windows_locations_are_fine(path):
    assert location_risk(path, windows=True, env=WINDOWS_ENV, remote_drives=["H:"]) is None


@pytest.mark.parametrize(
    ("path", "kind", "service"),
    [
        ("/mnt/share/LiaisonDesk", RiskKind.NETWORK, "a network file system (/mnt/share)"),
        ("/run/user/1000/gvfs/smb-share:server=fs,share=x/LD", RiskKind.NETWORK, "a network share"),
        ("/home/a/Dropbox/LiaisonDesk", RiskKind.SYNCED, "Dropbox"),
        (
            "/Users/a/Library/Mobile Documents/com~apple~CloudDocs/LD",
            RiskKind.SYNCED,
            "iCloud Drive",
        ),
        ("/home/a/Nextcloud/LD", RiskKind.SYNCED, "Nextcloud"),
    ],
)
def test_risky_posix_locations(path, kind, service):
    risk = location_risk(path, windows=False, network_mounts=["/mnt/share", "/"])
    assert risk is not None
    assert (risk.kind, risk.service) == (kind, service)


def test_local_posix_locations_are_fine():
    mounts = ["/mnt/share"]
    assert location_risk("/home/a/.local/share/LiaisonDesk", windows=False) is None
    assert location_risk("/mnt/shared-local/LD", windows=False, network_mounts=mounts) is None


def test_network_mounts_are_read_from_the_mount_table(tmp_path):
    table = tmp_path / "mounts"
    table.write_text(
        "/dev/vda / ext4 rw 0 0\n"
        "fs:/export /mnt/team\\040share nfs4 rw 0 0\n"
        "//fs/liaison /mnt/liaison cifs rw 0 0\n"
        "tmpfs /tmp tmpfs rw 0 0\n"
    )
    assert _network_mounts(table) == ["/mnt/team share", "/mnt/liaison"]
    assert _network_mounts(tmp_path / "missing") == []
