"""Automatic backups of the live database: before every import, merge, restore and upgrade,
and once a day while the app is used; the last N are kept."""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app import paths
from app.clock import utc_to_london
from app.snapshots.errors import NotEnoughSpace
from app.snapshots.source import disk_full
from db.sqlite_tools import backup_database
from db.untrusted import open_untrusted

KEEP_DEFAULT = 10
POLICY_FILE = "backup-policy.json"
_NAME = re.compile(r"^(\d{8}-\d{6})-([a-z-]+?)(?:-\d+)?\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S"
REASONS = {
    "daily": "Daily backup",
    "manual": "Backed up by hand",
    "before-import": "Before replacing with a snapshot",
    "before-merge": "Before merging a snapshot",
    "before-restore": "Before restoring a backup",
    "before-upgrade": "Before a database upgrade",
}


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, as the Restore dialog lists it."""

    path: Path
    made_at: datetime  # naive UTC
    reason: str
    size: int
    findings: int | None
    reports: int | None

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason.replace("-", " ").capitalize())


class BackupService:
    """Makes, lists and prunes the backups of one data folder."""

    def __init__(self, folder: Path, database: Path, now: Callable[[], datetime]) -> None:
        self.folder = paths.backups_dir(folder)
        self.database = database
        self.now = now

    # --- policy ----------------------------------------------------------------------
    def keep(self) -> int:
        """How many backups are kept (a setting of this computer, not of the data)."""
        try:
            value = json.loads((self.folder / POLICY_FILE).read_text())["keep"]
            return max(1, int(value))
        except (OSError, ValueError, KeyError, TypeError):
            return KEEP_DEFAULT

    def set_keep(self, count: int) -> None:
        """Keep the last ``count`` backups (at least one); prunes at once."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / POLICY_FILE).write_text(json.dumps({"keep": max(1, int(count))}))
        self.prune()

    # --- making ----------------------------------------------------------------------
    def make(self, reason: str, progress: Callable[[int, int], None] | None = None) -> Path:
        """A consistent copy of the live database now (backup API); prunes old ones."""
        stamp = self.now().strftime(_STAMP)
        target = self.folder / f"{stamp}-{reason}.sqlite3"
        n = 2
        while target.exists():
            target = self.folder / f"{stamp}-{reason}-{n}.sqlite3"
            n += 1
        try:
            backup_database(self.database, target, progress)
        except (OSError, sqlite3.OperationalError) as exc:
            target.with_name(target.name + ".partial").unlink(missing_ok=True)
            if disk_full(exc):
                raise NotEnoughSpace(
                    "the disk is too full to make a backup first; nothing was changed"
                ) from exc
            raise
        self.prune(protect=target)
        return target

    def ensure_daily(self) -> Path | None:
        """Make today's backup unless one was made today (London day)."""
        today = utc_to_london(self.now()).date()
        if any(utc_to_london(b.made_at).date() == today for b in self.list(counts=False)):
            return None
        return self.make("daily")

    # --- listing and pruning ---------------------------------------------------------
    def list(self, *, counts: bool = True) -> list[BackupInfo]:
        """Every backup, newest first."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.glob("*.sqlite3"):
            match = _NAME.match(path.name)
            if match:
                made = datetime.strptime(match.group(1), _STAMP)
                reason = match.group(2)
            else:  # e.g. before-upgrade-0001_initial-20240101-120000.sqlite3 (local time)
                made = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None)
                reason = "before-upgrade" if path.name.startswith("before-upgrade") else "other"
            findings = reports = None
            if counts:
                findings, reports = _counts(path)
            found.append(BackupInfo(path, made, reason, path.stat().st_size, findings, reports))
        return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)

    def prune(self, protect: Path | None = None) -> list[Path]:
        """Delete all but the newest ``keep()`` backups; returns what was deleted."""
        removed = []
        for info in self.list(counts=False)[self.keep() :]:
            if info.path != protect:
                info.path.unlink(missing_ok=True)
                removed.append(info.path)
        return removed


def _counts(path: Path) -> tuple[int | None, int | None]:
    try:
        with contextlib.closing(open_untrusted(path)) as conn:
            return tuple(  # type: ignore[return-value]
                conn.execute(f"SELECT count(*) FROM {t} WHERE deleted_at IS NULL").fetchone()[0]
                for t in ("finding", "report")
            )
    except sqlite3.DatabaseError:
        return None, None
