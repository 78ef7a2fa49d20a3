"""The steps a form offers come from the rules; the lists a form chooses from are right."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.domain.enums import ClosedBy, Kind, Level, Status
from app.domain.values import Finding
from app.lifecycle import closure_rule, status_line, steps_for
from app.services.lookups import LookupService


def finding(status: Status, level: Level | None) -> Finding:
    return Finding("r", Kind.RECOMMENDATION, "Recommendation 1", "text", level=level, status=status)


def test_steps_follow_the_rules_and_say_what_they_need():
    review = steps_for(finding(Status.INTERNAL_REVIEW, Level.L2))
    assert [(s.target, s.label, s.needs_reason, s.needs_letter) for s in review] == [
        (Status.IN_PROGRESS, "Reject (back to In progress)…", True, False),
        (Status.SUBMITTED, "Submit for closure…", False, True),
        (Status.NOT_APPLICABLE, "Not applicable…", True, False),
        (Status.SUPERSEDED, "Superseded…", True, False),
    ]
    l4 = steps_for(finding(Status.INTERNAL_REVIEW, Level.L4))
    assert [s.needs_letter for s in l4 if s.target is Status.SUBMITTED] == [False]
    closing = steps_for(finding(Status.SUBMITTED, Level.L4))
    assert [(s.target, s.closers) for s in closing] == [
        (Status.IN_PROGRESS, ()),
        (Status.CLOSED, (ClosedBy.HMICFRS,)),
    ]
    assert [s.closers for s in steps_for(finding(Status.SUBMITTED, Level.L3))][1] == (
        ClosedBy.FORCE,
        ClosedBy.HMICFRS,
    )
    assert [s.label for s in steps_for(finding(Status.CLOSED, Level.L2))] == ["Reopen…"]
    assert Status.SUBMITTED not in {
        s.target for s in steps_for(finding(Status.INTERNAL_REVIEW, None))
    }


def test_status_line_and_closure_rule():
    item = replace(
        finding(Status.SUBMITTED, Level.L2),
        submitted_on=date(2024, 3, 14),
        cc_letter_ref="CC/2024/017",
        cc_letter_on=date(2024, 3, 12),
        due_on=date(2024, 1, 31),
    )
    assert status_line(item, date(2024, 4, 1)) == (
        "Submitted for closure · Level 2 · due 31 January 2024 (overdue) · submitted "
        "14 March 2024 · CC letter CC/2024/017 of 12 March 2024"
    )
    closed = replace(
        item, status=Status.CLOSED, closed_on=date(2024, 5, 1), closed_by=ClosedBy.HMICFRS
    )
    assert status_line(closed).endswith("closed 1 May 2024 by HMICFRS")
    assert (
        closure_rule(None) == "Level not set: set the HMICFRS level before submitting for closure."
    )


def test_lookups(ws, make):
    old = make.report("Old report", published_on=date(2015, 3, 17))
    new = make.report("New report", published_on=date(2023, 8, 16))
    make.finding(old, kind=Kind.COC, reference="Concern 1", department="Custody")
    make.finding(new, kind=Kind.COC, reference="Cause of concern 1", department="Force CID")
    gone = make.finding(new, kind=Kind.COC, reference="Cause of concern 2")
    ws.findings.delete(gone.id)
    make.person("Supt Kaur", "Custody")
    lookups = LookupService(ws.ctx)
    assert [o.label for o in lookups.reports()] == [
        "New report (16 August 2023)",
        "Old report (17 March 2015)",
    ]
    assert [o.label for o in lookups.causes_of_concern(old.id)] == [
        "Concern 1 — Old report",
        "Cause of concern 1 — New report",
    ]
    assert lookups.departments() == ["Custody", "Force CID"]
    assert [o.label for o in lookups.people()] == ["Supt Kaur (Custody)"]
