"""Snapshots for one open workspace: export; import (inspect, then replace or merge); restore."""

from __future__ import annotations

import contextlib
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.clock import utc_to_london
from app.formatting import long_date
from app.snapshots.backups import BackupService
from app.snapshots.container import ENVELOPE
from app.snapshots.describe import linked_names
from app.snapshots.errors import SnapshotError
from app.snapshots.export import ExportResult, export_snapshot
from app.snapshots.live import swap_live_database
from app.snapshots.manifest import Manifest
from app.snapshots.merge import MergeContext, MergeOutcome, apply_merge
from app.snapshots.plan import MINE, THEIRS, MergePlan, make_plan
from app.snapshots.source import OpenedSource, open_source
from db.live_file import fsync_file
from db.untrusted import Schema, connect_with_snapshot, open_untrusted, schema_of

if TYPE_CHECKING:
    from app.workspace import Workspace

Progress = Callable[[int, int], None]


def _scaled(progress: Progress | None, start: int, end: int) -> Progress:
    """Report ``done/total`` of one part as a share of 0..1000 between start and end."""

    def report(done: int, total: int) -> None:
        if progress and total > 0:
            progress(start + (end - start) * min(done, total) // total, 1000)

    return report


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did."""

    mode: str  # "replace" or "merge"
    dry_run: bool
    backup: Path | None
    merge: MergeOutcome | None = None


class SnapshotService:
    """Export, import and restore for one workspace; long steps report progress(done, total)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.backups = BackupService(ws.folder, ws.database_path, ws.ctx.clock.now)

    def export(
        self, target: Path, *, passphrase: str | None = None, progress: Progress | None = None
    ) -> ExportResult:
        """Write a snapshot of the open database to ``target``."""
        return export_snapshot(
            self.ws.database_path,
            self.ws.folder,
            target,
            created_by=self.ws.actor,
            created_at=self.ws.ctx.clock.now(),
            passphrase=passphrase,
            progress=progress,
        )

    def open(
        self, file: Path, *, passphrase: str | None = None, progress: Progress | None = None
    ) -> ImportSession:
        """Check ``file`` and work out how it differs from the local database (inspect)."""
        source = open_source(
            file,
            self.ws.folder,
            self._live_schema(),
            passphrase=passphrase,
            progress=_scaled(progress, 0, 600),
        )
        try:
            conn = connect_with_snapshot(self.ws.database_path, source.database)
            plan = make_plan(conn, _scaled(progress, 600, 1000))
        except BaseException:
            with contextlib.suppress(Exception):
                conn.close()  # type: ignore[possibly-undefined]
            source.close()
            raise
        return ImportSession(self, source, conn, plan)

    @staticmethod
    def needs_passphrase(file: Path) -> bool:
        """True for an encrypted snapshot (so a screen can ask before inspecting)."""
        try:
            with zipfile.ZipFile(file) as archive:
                return ENVELOPE in archive.namelist()
        except (OSError, zipfile.BadZipFile, ValueError):
            return False

    def restore(self, backup: Path, progress: Progress | None = None) -> ImportOutcome:
        """Put a backup in place of the live database, after backing up the current state."""
        with self.open(backup, progress=_scaled(progress, 0, 300)) as session:
            return session.replace(reason="before-restore", progress=_scaled(progress, 300, 1000))

    def _live_schema(self) -> Schema:
        with contextlib.closing(open_untrusted(self.ws.database_path)) as conn:
            return schema_of(conn)


class ImportSession:
    """An inspected snapshot, ready to replace or merge; close() removes the private copy."""

    def __init__(
        self,
        service: SnapshotService,
        source: OpenedSource,
        conn: sqlite3.Connection,
        plan: MergePlan,
    ) -> None:
        self._service = service
        self._source = source
        self._conn: sqlite3.Connection | None = conn
        self._prepared: Path | None = None
        self.plan = plan

    @property
    def manifest(self) -> Manifest:
        return self._source.manifest

    @property
    def encrypted(self) -> bool:
        return self._source.encrypted

    @property
    def upgraded_from(self) -> str | None:
        return self._source.upgraded_from

    @property
    def is_database_file(self) -> bool:
        return self._source.manifest.source == "database file"

    def linked_names(self) -> dict[object, str]:
        """Names for the ids that changed link fields point at (for showing conflicts)."""
        if self._conn is None:
            return {}
        return linked_names(self._conn, self.plan.changes)

    def integrity_known(self) -> bool:
        """True once the background integrity check has finished."""
        return self._source.integrity_known()

    def require_healthy(self) -> None:
        """Wait for the integrity check; DamagedSnapshot if it failed."""
        self._source.require_healthy()

    def replace(
        self,
        *,
        dry_run: bool = False,
        progress: Progress | None = None,
        reason: str = "before-import",
    ) -> ImportOutcome:
        """Make the snapshot the local database, after a backup of the current one."""
        if dry_run:
            self.require_healthy()
            return ImportOutcome("replace", True, None)
        outcome = self.prepare_replace(progress=progress, reason=reason)
        self.finish_replace()
        return outcome

    def prepare_replace(
        self, *, progress: Progress | None = None, reason: str = "before-import"
    ) -> ImportOutcome:
        """The slow part of replace (backup, integrity check); safe off the GUI thread."""
        self._close_connection()
        backup = self._service.backups.make(reason, _scaled(progress, 0, 950))
        # The copy goes to the disk while the integrity check still runs (waiting for the
        # disk, 0.2 s at 50,000 findings, overlaps the check's work); the swap then finds
        # nothing left to flush.
        fsync_file(self._source.database)
        self.require_healthy()
        self._prepared = backup
        if progress:
            progress(1000, 1000)
        return ImportOutcome("replace", False, backup)

    def finish_replace(self) -> None:
        """Swap the files (quick; on the thread that owns the workspace)."""
        if self._prepared is None:
            raise SnapshotError("the replacement was not prepared")
        swap_live_database(self._service.ws, self._source.database)
        self._prepared = None

    def merge(
        self,
        decisions: dict[tuple[str, str, str], str] | None = None,
        *,
        prefer: str | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> ImportOutcome:
        """Bring the snapshot's work into the local database, after a backup."""
        if self._conn is None:
            raise SnapshotError("this snapshot was already imported; open it again")
        if self.plan.identical:
            self.require_healthy()
            return ImportOutcome("merge", dry_run, None, MergeOutcome(dry_run=dry_run))
        chosen = dict(decisions or {})
        if prefer in (THEIRS, MINE):
            for conflict in self.plan.conflicts:
                chosen.setdefault(conflict.key, prefer)
        backup = None
        missing = [c for c in self.plan.conflicts if chosen.get(c.key) not in (THEIRS, MINE)]
        if not dry_run and not missing:
            backup = self._service.backups.make("before-merge", _scaled(progress, 0, 500))
        self.require_healthy()
        ws = self._service.ws
        made = utc_to_london(self.manifest.created_at).date()
        by = self.manifest.created_by or "someone"
        context = MergeContext(
            actor=ws.actor,
            now=ws.ctx.clock.now(),
            note=f"merged the snapshot made by {by} on {long_date(made)}",
        )
        outcome = apply_merge(
            self._conn,
            self.plan,
            chosen,
            context,
            dry_run=dry_run,
            progress=_scaled(progress, 500, 1000),
        )
        return ImportOutcome("merge", dry_run, backup, outcome)

    def _close_connection(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def close(self) -> None:
        """Forget the snapshot and remove its private copy."""
        self._close_connection()
        self._source.close()

    def __enter__(self) -> ImportSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
