"""finding_state rebuilt from the change log equals the table the triggers keep."""

from __future__ import annotations

import contextlib
import random
import sqlite3
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from app.domain import rules
from app.domain.enums import Kind, Level, Status
from app.domain.errors import DomainError
from app.snapshots import finding_state

LETTER = {"cc_letter_ref": "CC/1", "cc_letter_on": date(2023, 1, 1)}
COLUMNS = "finding_id, valid_from, valid_to, kind, level, status, applies_to_force, deleted"


def _table(path) -> list[tuple]:  # type: ignore[no-untyped-def]
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            f"SELECT {COLUMNS} FROM finding_state ORDER BY finding_id, seq"
        ).fetchall()


def _rebuilt(path) -> list[tuple]:  # type: ignore[no-untyped-def]
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return finding_state.rebuilt_rows(conn)


def _random_history(ws, make, clock, rng: random.Random, steps: int) -> None:  # type: ignore[no-untyped-def]
    moment = datetime(2021, 1, 1, 9)
    clock.set(moment)
    report = make.report()
    live: list[str] = []
    for _ in range(steps):
        if rng.random() < 0.7:  # else several writes at the very same moment
            moment += timedelta(hours=rng.randint(0, 200), microseconds=rng.randint(0, 999))
            clock.set(moment)
        roll = rng.random()
        if roll < 0.25 or not live:
            level = rng.choice([None, Level.L1, Level.L2, Level.L3, Level.L4])
            kind = rng.choice(list(Kind))
            live.append(make.finding(report, kind=kind, level=level).id)
            continue
        target = ws.findings.get(rng.choice(live))
        with contextlib.suppress(DomainError):
            if roll < 0.65:
                options = rules.allowed_statuses(target)
                if options:
                    ws.findings.change_status(
                        target.id,
                        rng.choice(options),
                        note="step",
                        closed_by=rules.allowed_closers(target.level)[0],
                        **LETTER,
                    )
            elif roll < 0.75:
                ws.findings.delete(target.id)
            elif roll < 0.8:
                ws.findings.restore(target.id)
            elif roll < 0.9:
                ws.findings.update(
                    replace(
                        target,
                        applies_to_force=not target.applies_to_force,
                        not_applicable_reason="Reviewed",
                    )
                )
            else:
                ws.findings.update(replace(target, text=target.text + " More.", rag=None))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_rebuild_equals_the_trigger_kept_table_on_random_histories(ws, make, clock, seed):
    _random_history(ws, make, clock, random.Random(seed), 220)
    kept = _table(ws.database_path)
    assert len(kept) > 50
    assert _rebuilt(ws.database_path) == kept


def test_rebuild_in_place_leaves_figures_unchanged(ws, make, clock):
    _random_history(ws, make, clock, random.Random(99), 120)
    probes = [date(2021, 1, 1) + timedelta(days=d) for d in range(0, 900, 45)]
    before = [ws.figures.summary_as_at(d) for d in probes]
    kept = _table(ws.database_path)
    with contextlib.closing(sqlite3.connect(ws.database_path, isolation_level=None)) as conn:
        conn.execute("BEGIN")
        conn.execute("DELETE FROM finding_state")
        conn.execute("COMMIT")
        conn.execute("BEGIN")
        finding_state.rebuild(conn)
        conn.execute("COMMIT")
    assert _table(ws.database_path) == kept
    assert [ws.figures.summary_as_at(d) for d in probes] == before


def test_same_moment_status_moves_are_separate_periods(ws, make, clock):
    finding = make.finding(level=Level.L2)
    for status in (Status.IN_PROGRESS, Status.INTERNAL_REVIEW):
        ws.findings.change_status(finding.id, status)
    ws.findings.change_status(finding.id, Status.SUBMITTED, **LETTER)
    ws.findings.change_status(finding.id, Status.IN_PROGRESS, note="Rejected")
    kept = _table(ws.database_path)
    assert [row[5] for row in kept] == [
        "open",
        "in_progress",
        "internal_review",
        "submitted",
        "in_progress",
    ]
    assert _rebuilt(ws.database_path) == kept
