"""Export, then import into an empty folder: every record, update, history entry and file."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest

from app.snapshots.service import SnapshotService
from tests.app.snapshot_helpers import content, open_workspace, populate


@pytest.fixture
def source(ws, clock):
    ids = populate(ws, clock)
    return ws, ids


@pytest.mark.parametrize("passphrase", [None, "correct horse battery staple"])
def test_replace_into_an_empty_folder_gives_back_everything(source, tmp_path, clock, passphrase):
    ws, ids = source
    snap = tmp_path / "handover.ldsnap"
    result = SnapshotService(ws).export(snap, passphrase=passphrase)
    assert result.manifest.created_by == "Test Officer"
    assert result.manifest.counts["finding"] == {"rows": 4, "live": 3}
    assert zipfile.is_zipfile(snap)
    incoming = open_workspace(tmp_path / "new", clock, "Incoming Officer")
    try:
        with SnapshotService(incoming).open(snap, passphrase=passphrase) as session:
            assert session.encrypted is (passphrase is not None)
            findings = next(e for e in session.plan.entities if e.entity == "finding")
            assert (findings.in_snapshot, findings.here, findings.added_theirs) == (3, 0, 4)
            outcome = session.replace()
        assert outcome.backup is not None and outcome.backup.exists()
        assert content(incoming.database_path) == content(ws.database_path)
        # The reopened services work on the new file, history and as-at figures included.
        assert incoming.findings.get(ids["rec"]).status.value == "closed"
        assert len(incoming.history.for_record(ids["rec"])) == len(
            ws.history.for_record(ids["rec"])
        )
        assert incoming.figures.summary_as_at(date(2023, 12, 1)) == ws.figures.summary_as_at(
            date(2023, 12, 1)
        )
        assert incoming.check().healthy
    finally:
        incoming.close()
    assert not list((tmp_path / "new").glob(".import-*"))


def test_merge_into_an_empty_folder_keeps_every_record_and_history_entry(source, tmp_path, clock):
    ws, ids = source
    snap = tmp_path / "handover.ldsnap"
    SnapshotService(ws).export(snap)
    incoming = open_workspace(tmp_path / "new", clock, "Incoming Officer")
    try:
        with SnapshotService(incoming).open(snap) as session:
            assert session.plan.conflicts == []
            session.merge()
        theirs = content(ws.database_path)
        mine = content(incoming.database_path)
        for table in theirs:
            if table == "change_log":
                assert set(theirs[table]) <= set(mine[table])
                extra = set(mine[table]) - set(theirs[table])
                assert extra and all(row[5] == "merge" for row in extra)
            else:
                assert mine[table] == theirs[table], table
        assert incoming.findings.progress(ids["rec"])[0].text == "Panel reviewed the evidence."
    finally:
        incoming.close()


def test_an_old_snapshot_file_is_replaced_atomically(source, tmp_path):
    ws, _ids = source
    snap = tmp_path / "handover.ldsnap"
    snap.write_bytes(b"an older export")
    SnapshotService(ws).export(snap)
    assert zipfile.is_zipfile(snap)
    assert not list(tmp_path.glob("*.partial")) and not list(tmp_path.glob(".*.partial"))


def test_a_crashed_imports_private_copy_is_cleared_later(source, tmp_path):
    import os
    import time

    ws, _ids = source
    snap = tmp_path / "handover.ldsnap"
    SnapshotService(ws).export(snap)
    old, recent = ws.folder / ".import-crashed", ws.folder / ".import-in-use"
    for folder in (old, recent):
        folder.mkdir()
        (folder / "snapshot.sqlite3").write_bytes(b"x")
    hours_ago = time.time() - 7200
    os.utime(old, (hours_ago, hours_ago))
    with SnapshotService(ws).open(snap):
        pass
    assert not old.exists() and recent.exists()
