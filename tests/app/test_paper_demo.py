"""The demo meetings' papers say exactly what the figures service says, as at each meeting."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from app.clock import end_of_day_utc
from app.domain.enums import Kind, Status
from app.formatting import long_date
from app.paper import PaperService
from app.paper.wording import with_change
from app.services.figures import SummaryRow
from tests.app.pdftext import read_pdf, table_pattern

MEETINGS = [
    date(2017, 3, 30),
    date(2020, 12, 17),
    date(2022, 12, 15),
    date(2023, 9, 28),
    date(2024, 6, 27),
    date(2026, 12, 10),
]


@pytest.mark.parametrize("day", MEETINGS, ids=str)
def test_every_figure_in_the_pdf_is_the_services_figure(demo_ws, day):
    papers = PaperService(demo_ws)
    meeting = papers.meeting_on(day)
    previous = demo_ws.meetings.previous(meeting)
    data, pages = papers.render(papers.build(meeting), "pdf")
    text = read_pdf(data)
    body = text.body
    assert text.pages == pages

    # Every page: the marking top and bottom, "Page X of Y".
    for number, furniture in enumerate(text.furniture, start=1):
        assert furniture.startswith("OFFICIAL OFFICIAL")
        assert furniture.endswith(f"Page {number} of {pages}")

    assert f"JOINT AUDIT COMMITTEE {long_date(day)} HMICFRS Update" in body

    # The open / closed / total table, row for row, with its total.
    summary = demo_ws.figures.summary_as_at(day)
    rows = [(r.label, str(r.open), str(r.closed), str(r.total)) for r in summary.rows]
    rows.append(("Total", str(summary.open), str(summary.closed), str(summary.total)))
    assert table_pattern(("Open", "Closed", "Total"), rows).search(body)
    assert all(r.open + r.closed == r.total for r in summary.rows)

    # Submissions for closure since the process change, with changes since the last meeting.
    since = demo_ws.settings.get().process_change_date
    counts = [
        c
        for c in demo_ws.figures.submissions_since(
            since, day, previous.meets_on if previous else None
        )
        if c.count or c.change
    ]
    if counts:
        sub_rows = [
            (SummaryRow(c.kind, c.level, 0, 0).label, with_change(c.count, c.change))
            for c in counts
        ]
        change = sum(c.change or 0 for c in counts) if previous else None
        sub_rows.append(("Total", with_change(sum(c.count for c in counts), change)))
        header = ("Submitted for closure (since August 2023)", "Total number submitted")
        assert table_pattern(header, sub_rows).search(body)
    else:
        assert "No findings have been submitted to HMICFRS for closure" in body

    # Reports published since the last meeting, each with its issued / apply line.
    facts = papers.facts(meeting)
    for report in facts.reports:
        assert report.title in body
        assert report.published_on > facts.period_start
        assert f"Published {long_date(report.published_on)}" in body
        applying = report.applying
        n = len(applying)
        issued = sum(report.issued.values())
        if issued:
            tail = (
                "none applies to the force"
                if n == 0
                else ("all of them apply" if n == issued > 1 else f"{n} appl")
            )
            assert tail in body or (n == issued == 1 and "it applies to the force" in body)
        for finding in applying:
            assert " ".join(finding.text.split())[:120] in body


def test_the_demo_paper_for_june_2024_matches_the_seed_shape(demo_ws):
    papers = PaperService(demo_ws)
    meeting = papers.meeting_on(date(2024, 6, 27))
    body = read_pdf(papers.render(papers.build(meeting), "pdf")[0]).body
    order = [
        "1. Purpose of Report",
        "To provide members of the Committee with oversight of HMICFRS Inspection activity",
        "2. Recommendations, Causes of Concern and Areas for Improvement",
        "Level 1 – Closed and archived by HMICFRS.",
        "Level 4 – No force self-certification.",
        "3. National and Force Published Reports",
        "4. Inspection Activity",
        "Forthcoming HMICFRS Activity & Inspections",
        "5. Action for the Committee",
        "The Committee is asked to note the contents of the report.",
        "CONTACT OFFICER",
        "Name: T/Chief Inspector Fiona Fletcher",
        "BACKGROUND DOCUMENTS",
    ]
    positions = [body.find(part) for part in order]
    assert -1 not in positions, [p for p, at in zip(order, positions, strict=True) if at < 0]
    assert positions == sorted(positions)
    assert "has been in Engage" in body
    assert re.search(r"\d+ areas? for improvement were issued; 3 apply to the force", body)


def test_a_change_after_the_meeting_does_not_change_its_paper(demo_ws, clock):
    papers = PaperService(demo_ws)
    meeting = papers.meeting_on(date(2023, 9, 28))
    before = papers.build(meeting)
    text_before = read_pdf(papers.render(before, "pdf")[0]).body

    # Today (November 2026): work on findings of a report that paper lists, and others.
    facts = papers.facts(meeting)
    listed = facts.reports[0].applying[0]
    current = demo_ws.findings.get(listed.id)
    demo_ws.findings.update(replace(current, text="Rewritten long after the meeting."))
    open_now = [
        f
        for f in demo_ws.findings.list()
        if f.status is Status.OPEN
        and f.applies_to_force
        and f.created_at < end_of_day_utc(meeting.meets_on)
    ]
    for finding in open_now[:5]:
        demo_ws.findings.change_status(finding.id, Status.IN_PROGRESS)
        demo_ws.findings.change_status(finding.id, Status.NOT_APPLICABLE, note="Out of scope")
    demo_ws.findings.delete(facts.reports[0].applying[-1].id, note="Entered twice")

    after = papers.build(meeting)
    assert after.figures == before.figures
    assert read_pdf(papers.render(after, "pdf")[0]).body == text_before
    # ...while the figures as at today did move.
    assert demo_ws.figures.summary_as_at(clock.today()) != demo_ws.figures.summary_as_at(
        date(2026, 11, 22)
    )


def test_the_first_meeting_reports_the_three_months_before_it(demo_ws):
    papers = PaperService(demo_ws)
    first = papers.meeting_on(date(2017, 3, 30))
    assert demo_ws.meetings.previous(first) is None
    body = read_pdf(papers.render(papers.build(first), "pdf")[0]).body
    assert "in the three months before this meeting" in body
    facts = papers.facts(first)
    assert all(r.published_on > date(2016, 12, 29) for r in facts.reports)
    assert any(f.kind is Kind.COC for r in facts.reports for f in r.applying)


@pytest.mark.parametrize("day", MEETINGS, ids=str)
def test_rag_as_at_agrees_with_a_replay_of_the_change_log(demo_ws, day):
    from app.paper.asat import rows_as_at
    from app.paper.facts import rag_as_at
    from db.records import FindingRecord

    moment = end_of_day_utc(day)
    with demo_ws.store.read() as session:
        fast = rag_as_at(session, day)
        rows = rows_as_at(
            session, FindingRecord, "finding", moment, ("status", "applies_to_force", "rag")
        )
    counted = [r["rag"] for r in rows if Status(r["status"]).is_open and r["applies_to_force"]]
    replayed = {k: counted.count(k) for k in ("red", "amber", "green", None)}
    assert fast is not None
    assert (fast.red, fast.amber, fast.green, fast.unrated) == (
        replayed["red"],
        replayed["amber"],
        replayed["green"],
        replayed[None],
    )
