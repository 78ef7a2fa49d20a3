"""A finding's history reads like a person wrote it: labels, names, British dates, old → new."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from app.domain.enums import Level, Status
from app.services.record_history import RecordHistory


def test_history_of_a_finding_with_names_labels_and_dates(ws, make, clock):
    owner = make.person("Ch Supt Armstrong", "Custody")
    finding = make.finding(level=Level.L2, reference="Recommendation 4")
    clock.set(datetime(2024, 6, 27, 13, 5))  # 14:05 in London (BST)
    ws.set_actor("Insp Jones-Burns")
    ws.findings.update(replace(finding, owner_id=owner.id, due_on=date(2024, 7, 31)))
    ws.findings.change_status(finding.id, Status.INTERNAL_REVIEW)
    ws.findings.change_status(finding.id, Status.IN_PROGRESS, note="Panel wants the audit first")
    ws.findings.add_progress(finding.id, "Audit booked for July.")

    events = RecordHistory(ws.ctx).for_finding(finding.id)
    newest = events[0]
    assert (newest.what, newest.who, newest.when) == (
        "Progress update added",
        "Insp Jones-Burns",
        "27 June 2024, 14:05",
    )
    assert [(c.field, c.new) for c in newest.changes] == [("Text", "Audit booked for July.")]
    rejected = events[1]
    assert rejected.what == "Status changed"
    assert rejected.note == "Panel wants the audit first"
    assert [(c.field, c.old, c.new) for c in rejected.changes] == [
        ("Status", "Internal review", "In progress")
    ]
    edit = events[3]
    assert edit.what == "Changed"
    assert {(c.field, c.old, c.new) for c in edit.changes} == {
        ("Owner", "—", "Ch Supt Armstrong"),
        ("Due", "—", "31 July 2024"),
    }
    created = events[-1]
    assert created.what == "Created" and created.who == "Test Officer"
    assert ("Level", "—", "Level 2") in [(c.field, c.old, c.new) for c in created.changes]
    assert ("Report", "—", "A report") in [(c.field, c.old, c.new) for c in created.changes]
    assert ("Applies to the force", "—", "Yes") in [
        (c.field, c.old, c.new) for c in created.changes
    ]
