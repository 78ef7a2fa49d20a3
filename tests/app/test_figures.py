"""Figures as at a date come from the change log: later changes never alter earlier figures."""

from __future__ import annotations

import contextlib
import random
from collections import Counter
from datetime import date, timedelta

from sqlalchemy import select

from app.clock import end_of_day_utc
from app.domain.enums import ClosedBy, Kind, Level, Status
from app.domain.errors import DomainError
from app.services.codec import decode
from app.workspace import Workspace
from db.records import ChangeRecord

LETTER = {"cc_letter_ref": "CC/1", "cc_letter_on": date(2023, 1, 1)}


def _submit(ws: Workspace, finding_id: str) -> None:
    for status in (Status.IN_PROGRESS, Status.INTERNAL_REVIEW):
        ws.findings.change_status(finding_id, status)
    ws.findings.change_status(finding_id, Status.SUBMITTED, **LETTER)


def test_a_change_today_does_not_alter_last_quarters_figures(ws, make, clock):
    clock.set_day(date(2023, 9, 1))
    report = make.report()
    findings = [make.finding(report, level=Level.L2) for _ in range(3)]
    meeting = date(2023, 9, 28)
    before = ws.figures.summary_as_at(meeting)
    assert before.row(Kind.RECOMMENDATION, Level.L2).open == 3

    clock.set_day(date(2024, 1, 10))
    _submit(ws, findings[0].id)
    ws.findings.change_status(findings[0].id, Status.CLOSED, closed_by=ClosedBy.FORCE)
    ws.findings.delete(findings[1].id)
    ws.findings.update(
        ws.findings.get(findings[2].id).__class__(
            **{**_fields(ws.findings.get(findings[2].id)), "level": Level.L3}
        )
    )
    make.finding(report, level=Level.L2)

    assert ws.figures.summary_as_at(meeting) == before
    today = ws.figures.summary_as_at(date(2024, 1, 10))
    assert today.row(Kind.RECOMMENDATION, Level.L2).open == 1
    assert today.row(Kind.RECOMMENDATION, Level.L2).closed == 1
    assert today.row(Kind.RECOMMENDATION, Level.L3).open == 1
    assert today.total == 3


def test_the_boundary_is_the_end_of_the_london_day(ws, make, clock):
    clock.set_day(date(2024, 6, 27), hour=23)  # 23:00 BST is 22:00 UTC, still 27 June
    make.finding()
    assert ws.figures.summary_as_at(date(2024, 6, 26)).total == 0
    assert ws.figures.summary_as_at(date(2024, 6, 27)).total == 1


def test_findings_not_applying_or_out_of_scope_are_not_counted(ws, make):
    report = make.report()
    make.finding(report, applies_to_force=False, not_applicable_reason="For the Home Office")
    kept = make.finding(report)
    ws.findings.change_status(kept.id, Status.NOT_APPLICABLE, note="Duplicate")
    assert ws.figures.summary_as_at(date(2024, 1, 15)).total == 0


def test_rows_follow_the_seeds_with_levels_always_shown():
    from app.services.figures import _summary_rows

    rows = list(
        _summary_rows({(Kind.COC, Level.L4): [4, 0], (Kind.AFI, Level.BEFORE_LEVELS): [0, 18]})
    )
    labels = [r.label for r in rows]
    assert labels[0] == "Cause of Concern Level 4"
    assert "Recommendation Level 1" in labels and "AFI Level 4" in labels
    assert labels[-1] == "AFI Closed before Levels"
    assert all(r.total == r.open + r.closed for r in rows)


def test_submissions_since_the_process_change_with_deltas(ws, make, clock):
    clock.set_day(date(2023, 7, 1))
    report = make.report()
    early = make.finding(report, level=Level.L2)
    _submit(ws, early.id)  # before the process change: not counted
    late = [make.finding(report, level=Level.L3) for _ in range(3)]
    clock.set_day(date(2023, 9, 1))
    _submit(ws, late[0].id)
    clock.set_day(date(2023, 11, 1))
    _submit(ws, late[1].id)
    _submit(ws, late[2].id)
    # Rejected and resubmitted: still one finding submitted.
    ws.findings.change_status(late[2].id, Status.IN_PROGRESS, note="More evidence needed")
    ws.findings.change_status(late[2].id, Status.INTERNAL_REVIEW)
    ws.findings.change_status(late[2].id, Status.SUBMITTED, **LETTER)

    counts = ws.figures.submissions_since(date(2023, 8, 1), date(2023, 12, 7), date(2023, 9, 28))
    assert [(c.kind, c.level, c.count, c.change) for c in counts] == [
        (Kind.RECOMMENDATION, Level.L3, 3, 2)
    ]


def test_as_at_matches_a_full_replay_of_the_change_log(ws, make, clock):
    """Random histories: the fast method equals replaying every log entry up to the date."""
    rng = random.Random(20240627)
    report = make.report()
    day = date(2022, 1, 1)
    live = []
    for _ in range(160):
        day += timedelta(days=rng.randint(0, 6))
        clock.set_day(day, hour=rng.randint(0, 23))
        roll = rng.random()
        if roll < 0.3 or not live:
            kind = rng.choice(list(Kind))
            live.append(
                make.finding(
                    report,
                    kind=kind,
                    level=rng.choice([None, Level.L1, Level.L2, Level.L3, Level.L4]),
                ).id
            )
        elif roll < 0.8:
            _random_step(ws, rng.choice(live), rng)
        elif roll < 0.9:
            ws.findings.delete(rng.choice(live))
        else:
            target = ws.findings.get(rng.choice(live))
            ws.findings.update(
                target.__class__(
                    **{
                        **_fields(target),
                        "applies_to_force": not target.applies_to_force,
                        "not_applicable_reason": "Reviewed",
                    }
                )
            )
    for probe in [date(2022, 1, 1) + timedelta(days=d) for d in range(0, 1300, 37)]:
        assert _counts(ws.figures.summary_as_at(probe)) == _replayed(ws, probe), probe


def _random_step(ws: Workspace, finding_id: str, rng: random.Random) -> None:
    from app.domain import rules

    finding = ws.findings.get(finding_id)
    options = rules.allowed_statuses(finding)
    if not options:
        return
    target = rng.choice(options)
    closer = rules.allowed_closers(finding.level)[0]
    # A rule may refuse the step: the log is then unchanged, which is what we replay.
    with contextlib.suppress(DomainError):
        ws.findings.change_status(finding_id, target, note="step", closed_by=closer, **LETTER)


def _counts(summary) -> Counter:  # type: ignore[no-untyped-def]
    return Counter(
        {
            (r.kind.value, None if r.level is None else int(r.level), "open"): r.open
            for r in summary.rows
        }
        | {
            (r.kind.value, None if r.level is None else int(r.level), "closed"): r.closed
            for r in summary.rows
        }
    )


def _replayed(ws: Workspace, day: date) -> Counter:
    state: dict[str, dict] = {}
    with ws.store.read() as session:
        rows = session.scalars(
            select(ChangeRecord)
            .where(ChangeRecord.entity == "finding", ChangeRecord.at < end_of_day_utc(day))
            .order_by(ChangeRecord.at, ChangeRecord.seq)
        )
        for row in rows:
            state.setdefault(
                row.entity_id, {"deleted_at": None, "applies_to_force": True, "level": None}
            )[row.field] = decode(row.new_value)
    out: Counter = Counter()
    for s in state.values():
        status = Status(s["status"])
        if s["deleted_at"] or not s["applies_to_force"]:
            continue
        if status.is_open or status is Status.CLOSED:
            out[(s["kind"], s["level"], "open" if status.is_open else "closed")] += 1
    # Rows the summary always shows with zero:
    for kind in ("recommendation", "afi"):
        for level in (1, 2, 3, 4):
            for col in ("open", "closed"):
                out.setdefault((kind, level, col), 0)
    return out


def _fields(value) -> dict:  # type: ignore[no-untyped-def]
    from dataclasses import fields

    return {f.name: getattr(value, f.name) for f in fields(value)}
