"""An open data folder: the database brought up to date, and the services over it."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app import paths
from app.clock import Clock
from app.services.context import ServiceContext
from app.services.figures import FiguresService
from app.services.findings import FindingService
from app.services.history import HistoryService
from app.services.records import (
    InspectionService,
    MeetingService,
    MonitoringService,
    PersonService,
)
from app.services.reports import ReportService
from app.services.settings import SettingsService
from db import records
from db.migrate import MigrationFailed, MigrationOutcome, NewerSchema, upgrade_to_head
from db.sqlite_tools import NotOurDatabase, integrity_problems
from db.store import Store


class WorkspaceError(Exception):
    """The data folder cannot be opened; the message says why in one line."""


@dataclass(frozen=True)
class Health:
    """What `check` reports."""

    revision: str
    problems: tuple[str, ...]
    counts: dict[str, int]

    @property
    def healthy(self) -> bool:
        return not self.problems


COUNTED = {
    "people": records.PersonRecord,
    "inspections": records.InspectionRecord,
    "reports": records.ReportRecord,
    "findings": records.FindingRecord,
    "progress updates": records.ProgressUpdateRecord,
    "meetings": records.MeetingRecord,
    "change log entries": records.ChangeRecord,
}


class Workspace:
    """The services of one data folder."""

    def __init__(self, folder: Path, store: Store, migration: MigrationOutcome, clock: Clock):
        self.folder = folder
        self.store = store
        self.migration = migration
        self.ctx = ServiceContext(store, clock, _default_actor())
        self.settings = SettingsService(self.ctx)
        self.people = PersonService(self.ctx)
        self.monitoring = MonitoringService(self.ctx)
        self.inspections = InspectionService(self.ctx)
        self.reports = ReportService(self.ctx)
        self.findings = FindingService(self.ctx)
        self.meetings = MeetingService(self.ctx)
        self.figures = FiguresService(self.ctx)
        self.history = HistoryService(self.ctx)

    @classmethod
    def open(cls, folder: Path, *, clock: Clock | None = None, create: bool = True) -> Workspace:
        """Open (creating if allowed) the data folder, upgrading its database if needed."""
        if not folder.exists():
            if not create:
                raise WorkspaceError(f"the data folder {folder} does not exist")
            folder.mkdir(parents=True)
        elif not folder.is_dir():
            raise WorkspaceError(f"{folder} is not a folder")
        db_path = paths.database_path(folder)
        try:
            outcome = upgrade_to_head(db_path, paths.backups_dir(folder))
        except (NotOurDatabase, NewerSchema, MigrationFailed) as exc:
            raise WorkspaceError(str(exc)) from exc
        return cls(folder, Store(db_path), outcome, clock or Clock())

    @property
    def database_path(self) -> Path:
        return self.store.path

    @property
    def actor(self) -> str:
        return self.ctx.actor

    def set_actor(self, name: str) -> None:
        """Who is making the changes from now on."""
        self.ctx.actor = name.strip() or _default_actor()

    def counts(self) -> dict[str, int]:
        """Live (not deleted) records of each kind, and the size of the change log."""
        return {label: self.live_count(label) for label in COUNTED}

    def live_count(self, label: str) -> int:
        """Live records of one kind in COUNTED (e.g. "findings")."""
        record = COUNTED[label]
        with self.store.read() as session:
            query = select(func.count()).select_from(record)
            if hasattr(record, "deleted_at"):
                query = query.where(record.deleted_at.is_(None))
            return session.scalar(query) or 0

    def is_empty(self) -> bool:
        """True when nothing has been recorded yet (the moment to offer the demo)."""
        with self.store.read() as session:
            return session.scalar(select(records.ChangeRecord.seq).limit(1)) is None

    def check(self) -> Health:
        """Schema revision, full integrity check and counts."""
        problems = integrity_problems(self.database_path)
        return Health(self.migration.after, tuple(problems), self.counts())

    def close(self) -> None:
        self.store.close()


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some locked-down machines
        return "Liaison officer"
