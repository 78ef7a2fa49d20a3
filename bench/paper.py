"""The committee paper on a big database: 20 reports published since the previous meeting."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from app.clock import FixedClock
from app.domain.enums import Grade, Kind, Level, ReportScope
from app.domain.values import Finding, Grading, Meeting, Report
from app.paper import PaperService
from app.workspace import Workspace
from bench.synthetic import _text

PREVIOUS, MEETING = date(2026, 8, 20), date(2026, 11, 19)


def add_quarter(ws: Workspace, reports: int = 20, *, seed: int = 20) -> Meeting:
    """Two meetings and ``reports`` realistic reports (8–16 findings each, a third not for the
    force, some recommendations addressing a cause of concern) published between them."""
    rng = random.Random(seed)
    clock = ws.ctx.clock
    assert isinstance(clock, FixedClock), "the synthetic database runs on a fixed clock"
    today = clock.now()
    clock.set_day(PREVIOUS - timedelta(days=30))
    with ws.store.write() as session:
        for day in (PREVIOUS, MEETING):
            ws.meetings.create_in(session, Meeting(day, "Joint Audit Committee", "06"))
    for n in range(reports):
        # Recorded on the day each report is published, as an officer would.
        clock.set_day(PREVIOUS + timedelta(days=3 + n * 4))
        with ws.store.write() as session:
            report = ws.reports.create_in(
                session,
                Report(
                    f"Bench report {n + 1}: " + _text(rng, 6, 12),
                    ReportScope.NATIONAL if n % 3 else ReportScope.FORCE,
                    published_on=PREVIOUS + timedelta(days=3 + n * 4),
                    summary="\n\n".join(_text(rng, 60, 140) for _ in range(2)),
                    gradings=tuple(
                        Grading(_text(rng, 2, 5), rng.choice(list(Grade))) for _ in range(3)
                    ),
                ),
            )
            coc = ws.findings.create_in(
                session,
                Finding(
                    report.id, Kind.COC, "Cause of concern 1", _text(rng, 40, 90), level=Level.L4
                ),
            )
            for i in range(rng.randint(8, 16)):
                applies = rng.random() > 0.33
                ws.findings.create_in(
                    session,
                    Finding(
                        report.id,
                        Kind.RECOMMENDATION if i % 2 else Kind.AFI,
                        f"{'Recommendation' if i % 2 else 'Area for improvement'} {i + 1}",
                        _text(rng, 30, 160),
                        applies_to_force=applies,
                        not_applicable_reason="" if applies else "For another body",
                        parent_id=coc.id if i < 2 else None,
                        level=rng.choice([Level.L2, Level.L3, Level.L4]),
                        due_on=MEETING + timedelta(days=rng.randint(30, 400)),
                    ),
                )
    clock.set(today)
    return next(m for m in ws.meetings.list() if m.meets_on == MEETING)


def paper_measures(ws: Workspace) -> list[tuple[str, Callable[[], object], float]]:
    """(name, work, target seconds) for bench/run.py."""
    meeting = add_quarter(ws)
    papers = PaperService(ws)
    return [
        (
            "Committee paper PDF (20 reports since the last meeting)",
            lambda: papers.render(papers.build(meeting), "pdf"),
            1.0,
        ),
        ("Committee paper pre-flight", lambda: papers.preflight(meeting), 0.5),
    ]
