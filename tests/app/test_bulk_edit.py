"""Bulk edit: each finding checked against the rules and logged on its own; failures listed."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.enums import ClosedBy, Level, Rag, Status
from app.domain.errors import InvalidValues
from app.services.bulk_edit import BulkEditService


@pytest.fixture
def bulk(ws):  # type: ignore[no-untyped-def]
    return BulkEditService(ws.findings)


def test_owner_department_rag_and_due_date_on_many_each_logged(ws, make, bulk):
    owner = make.person("Supt Kaur", "Custody")
    report = make.report()
    findings = [make.finding(report, due_immediate=True) for _ in range(3)]
    result = bulk.apply(
        [f.id for f in findings],
        {
            "owner_id": owner.id,
            "department": "Custody",
            "rag": Rag.AMBER,
            "due_on": date(2024, 6, 30),
        },
        note="Reallocated at the DCC's oversight board",
    )
    assert len(result.changed) == 3 and not result.failed and not result.unchanged
    for finding in findings:
        now = ws.findings.get(finding.id)
        assert (now.owner_id, now.department, now.rag, now.due_on, now.due_immediate) == (
            owner.id,
            "Custody",
            Rag.AMBER,
            date(2024, 6, 30),
            False,
        )
        entries = [e for e in ws.history.for_record(finding.id) if e.action == "bulk"]
        assert {e.field for e in entries} == {
            "owner_id",
            "department",
            "rag",
            "due_on",
            "due_immediate",
        }
        assert {e.note for e in entries} == {"Reallocated at the DCC's oversight board"}


def test_status_change_fails_for_the_records_the_rules_refuse_and_says_why(ws, make, bulk):
    report = make.report()
    in_review = make.finding(report, level=Level.L2, reference="Recommendation 1")
    ws.findings.change_status(in_review.id, Status.INTERNAL_REVIEW)
    l4 = make.finding(report, level=Level.L4, reference="Recommendation 2")
    ws.findings.change_status(l4.id, Status.INTERNAL_REVIEW)
    opened = make.finding(report, level=Level.L2, reference="Recommendation 3")

    result = bulk.apply(
        [in_review.id, l4.id, opened.id],
        {"status": Status.SUBMITTED},
        note="Panel agreed 14 March",
        cc_letter_ref="CC/2024/017",
        cc_letter_on=date(2024, 3, 12),
    )
    assert [after.reference for _before, after in result.changed] == [
        "Recommendation 1",
        "Recommendation 2",
    ]
    assert [(f.reference, f.reason) for f in result.failed] == [
        (
            "Recommendation 3",
            "Status: a finding that is open cannot move to submitted for closure",
        )
    ]
    assert ws.findings.get(opened.id).status is Status.OPEN
    assert ws.findings.get(in_review.id).cc_letter_ref == "CC/2024/017"
    assert result.summary == "2 changed, 1 not changed"

    closing = bulk.apply(
        [in_review.id, l4.id], {"status": Status.CLOSED}, note="Closed", closed_by=ClosedBy.FORCE
    )
    assert [f.reference for f in closing.failed] == ["Recommendation 2"]
    assert "an L4 finding can never be self-certified closed" in closing.failed[0].reason
    assert ws.findings.get(l4.id).status is Status.SUBMITTED
    assert ws.findings.get(in_review.id).status is Status.CLOSED


def test_letter_missing_for_l2_is_a_per_record_failure(ws, make, bulk):
    finding = make.finding(level=Level.L3)
    ws.findings.change_status(finding.id, Status.INTERNAL_REVIEW)
    result = bulk.apply([finding.id], {"status": Status.SUBMITTED}, note="Ready")
    assert result.failed[0].reason == (
        "CC letter reference: a Level 3 submission needs the Chief Constable's letter reference"
    )


def test_note_is_required_unchanged_and_deleted_are_reported(ws, make, bulk):
    finding = make.finding(department="Custody")
    gone = make.finding()
    ws.findings.delete(gone.id)
    with pytest.raises(InvalidValues) as missing:
        bulk.apply([finding.id], {"department": "Custody"}, note="  ")
    assert missing.value.problems == {"note": "say why these findings are changing"}
    result = bulk.apply([finding.id, gone.id], {"department": "Custody"}, note="tidy")
    assert result.unchanged == (finding.id,)
    assert [(f.reference, f.reason) for f in result.failed] == [
        (gone.reference, "it has been deleted")
    ]
    with pytest.raises(ValueError):
        bulk.apply([finding.id], {"text": "x"}, note="no")


def test_level_change_checked_per_record(ws, make, bulk):
    finding = make.finding(level=Level.L2)
    result = bulk.apply([finding.id], {"level": Level.BEFORE_LEVELS}, note="legacy")
    assert result.failed[0].reason == "Level: only a closed finding can be “closed before levels”"
    assert ws.findings.get(finding.id).level is Level.L2
