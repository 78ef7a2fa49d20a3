"""Automatic backups: before imports, once a day, the last N kept, restore after a backup."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from app.snapshots.service import SnapshotService
from tests.app.snapshot_helpers import content, populate


def test_one_daily_backup_per_day_of_use(ws, clock):
    service = SnapshotService(ws)
    clock.set(datetime(2024, 3, 1, 8))
    assert service.backups.ensure_daily() is not None
    clock.set(datetime(2024, 3, 1, 17))
    assert service.backups.ensure_daily() is None
    clock.set(datetime(2024, 3, 2, 8))
    assert service.backups.ensure_daily() is not None
    assert [b.reason for b in service.backups.list()] == ["daily", "daily"]


def test_only_the_last_n_backups_are_kept(ws, clock):
    service = SnapshotService(ws)
    service.backups.set_keep(3)
    made = []
    for day in range(1, 6):
        clock.set(datetime(2024, 3, day, 9))
        made.append(service.backups.make("manual"))
    kept = service.backups.list()
    assert [b.path for b in kept] == list(reversed(made[-3:]))
    assert service.backups.keep() == 3
    service.backups.set_keep(1)
    assert [b.path for b in service.backups.list()] == [made[-1]]


def test_backups_list_their_date_reason_and_counts(ws, clock):
    populate(ws, clock)
    service = SnapshotService(ws)
    clock.set(datetime(2024, 6, 27, 13, 5))
    service.backups.make("before-merge")
    (info,) = service.backups.list()
    assert info.made_at == datetime(2024, 6, 27, 13, 5)
    assert info.reason_label == "Before merging a snapshot"
    assert (info.findings, info.reports) == (3, 1)


def test_restore_puts_a_backup_back_after_backing_up_the_current_state(ws, clock):
    ids = populate(ws, clock)
    service = SnapshotService(ws)
    clock.set(datetime(2024, 3, 1, 9))
    backup = service.backups.make("manual")
    before = content(ws.database_path)
    clock.set(datetime(2024, 3, 2, 9))
    ws.findings.update(replace(ws.findings.get(ids["afi"]), department="Changed since"))
    changed = content(ws.database_path)
    outcome = service.restore(backup)
    assert content(ws.database_path) == before
    assert ws.findings.get(ids["afi"]).department != "Changed since"
    assert outcome.backup is not None and "before-restore" in outcome.backup.name
    # The state just before the restore is itself in a backup, and can be restored.
    service.restore(outcome.backup)
    assert content(ws.database_path) == changed
