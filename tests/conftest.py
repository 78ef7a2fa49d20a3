"""Fixtures: a migrated temporary data folder through the real Alembic path, and factories."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from app import paths
from app.clock import FixedClock
from app.domain.enums import Kind, Level, ReportScope
from app.domain.values import Finding, Person, Report
from app.workspace import Workspace


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data loaded once per test run (it takes seconds); copy it, never change it."""
    from app.demo import load_demo

    folder = tmp_path_factory.mktemp("demo") / "data"
    workspace = Workspace.open(folder, clock=FixedClock(datetime(2026, 11, 23, 10)))
    load_demo(workspace)
    workspace.close()
    return paths.database_path(folder)


@pytest.fixture
def demo_ws(tmp_path: Path, demo_database: Path, clock: FixedClock) -> Iterator[Workspace]:
    """A private copy of the demo database, with the clock on 23 November 2026."""
    from db.sqlite_tools import backup_database

    folder = tmp_path / "demo-data"
    backup_database(demo_database, paths.database_path(folder))
    clock.set_day(date(2026, 11, 23))
    workspace = Workspace.open(folder, clock=clock)
    workspace.set_actor("Test Officer")
    yield workspace
    workspace.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2024, 1, 15, 10, 0))


@pytest.fixture
def ws(tmp_path: Path, clock: FixedClock) -> Iterator[Workspace]:
    workspace = Workspace.open(tmp_path / "data", clock=clock)
    workspace.set_actor("Test Officer")
    yield workspace
    workspace.close()


class Factory:
    """Makes records with sensible defaults through the services."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._n = 0

    def person(self, name: str = "Alex Owner", department: str = "Custody") -> Person:
        return self.ws.people.create(Person(name, "Superintendent", department))

    def report(self, title: str = "A report", published_on: date = date(2023, 8, 16)) -> Report:
        return self.ws.reports.create(Report(title, ReportScope.FORCE, published_on=published_on))

    def finding(
        self,
        report: Report | None = None,
        *,
        kind: Kind = Kind.RECOMMENDATION,
        level: Level | None = Level.L2,
        **values: object,
    ) -> Finding:
        self._n += 1
        report = report or self.report()
        return self.ws.findings.create(
            Finding(
                report.id,
                kind,
                values.pop("reference", f"{kind.label} {self._n}"),  # type: ignore[arg-type]
                values.pop("text", "The force should improve things."),  # type: ignore[arg-type]
                level=level,
                **values,  # type: ignore[arg-type]
            )
        )


@pytest.fixture
def make(ws: Workspace) -> Factory:
    return Factory(ws)
