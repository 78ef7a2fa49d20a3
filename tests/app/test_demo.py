"""The demo data: replayed through the services, consistent, and only into an empty database."""

from __future__ import annotations

import io
from datetime import date

import pytest

from app import cli
from app.demo import DemoRefused, load_demo
from app.domain.enums import Kind, Level, Status


def test_the_demo_holds_a_realistic_history(demo_ws):
    counts = demo_ws.counts()
    assert counts["reports"] >= 50 and counts["findings"] >= 400
    assert counts["meetings"] >= 30 and counts["inspections"] >= 30
    assert counts["progress updates"] >= 500
    assert {m.meets_on for m in demo_ws.meetings.list()} >= {
        date(2017, 3, 30),
        date(2022, 12, 15),
        date(2023, 9, 28),
        date(2024, 6, 27),
    }
    assert demo_ws.settings.get().force_name == "West Midlands Police"
    assert demo_ws.check().healthy


def test_figures_at_the_seed_meetings_are_consistent_and_follow_history(demo_ws):
    sept_2023 = demo_ws.figures.summary_as_at(date(2023, 9, 28))
    june_2024 = demo_ws.figures.summary_as_at(date(2024, 6, 27))
    for summary in (sept_2023, june_2024):
        assert summary.total == summary.open + summary.closed == sum(r.total for r in summary.rows)
    # PEEL 2023/25 brought L4 recommendations in between; none existed at the 2023 meeting.
    assert sept_2023.row(Kind.RECOMMENDATION, Level.L4).total == 0
    assert june_2024.row(Kind.RECOMMENDATION, Level.L4).total > 0
    submitted = demo_ws.figures.submissions_since(
        date(2023, 8, 1), date(2024, 6, 27), date(2024, 3, 21)
    )
    assert sum(c.count for c in submitted) > 50
    assert any(c.change and c.change > 0 for c in submitted)


def test_the_demo_has_work_for_today(demo_ws):
    today = date(2026, 11, 23)
    findings = demo_ws.findings.list()
    assert any(f.is_overdue(today) for f in findings)
    assert any(f.status.is_open and f.owner_id is None for f in findings if f.applies_to_force)
    assert any(f.status is Status.SUBMITTED for f in findings)


def test_the_demo_loads_only_into_an_empty_database(ws, make):
    make.finding()
    with pytest.raises(DemoRefused):
        load_demo(ws)


def test_a_failed_demo_load_leaves_nothing_behind(ws):
    broken = {
        "settings": {"force_name": "X"},
        "people": [],
        "reports": [
            {
                "key": "r",
                "title": "R",
                "published_on": "2020-01-01",
                "scope": "force",
                "findings": [
                    {
                        "key": "f",
                        "kind": "recommendation",
                        "reference": "R1",
                        "text": "T",
                        "level": 2,
                        "history": [{"on": "2020-02-01", "status": "closed"}],
                    }
                ],
            }
        ],
    }
    with pytest.raises(Exception, match="cannot move"):
        load_demo(ws, document=broken)
    assert ws.is_empty()


def test_summary_command_on_the_demo_as_at_the_september_2023_meeting(demo_ws):
    out = io.StringIO()
    code = cli.main(
        ["--data-dir", str(demo_ws.folder), "summary", "--as-at", "2023-09-28"], out=out
    )
    lines = out.getvalue().splitlines()
    assert code == 0 and "as at 28 September 2023" in lines[0]
    table = [line.split() for line in lines[3:]]
    opened = sum(int(row[-3]) for row in table[:-1])
    closed = sum(int(row[-2]) for row in table[:-1])
    assert table[-1][-3:] == [str(opened), str(closed), str(opened + closed)]
    assert all(int(r[-3]) + int(r[-2]) == int(r[-1]) for r in table)
