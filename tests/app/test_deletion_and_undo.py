"""Deleting is recorded and can be undone; Undo writes the old values back, logged as an undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.enums import Level, Rag, Status
from app.domain.errors import DomainError
from app.services.bulk_edit import BulkEditService
from app.services.deletion import DeletionService
from app.services.undo import CREATE, DELETE, EDIT, UndoHistory, UndoService, UndoStep


@pytest.fixture
def bin_(ws):  # type: ignore[no-untyped-def]
    return DeletionService(ws.ctx)


def test_deleted_finding_is_listed_with_who_and_restored(ws, make, bin_, clock):
    finding = make.finding(reference="Recommendation 7")
    bin_.delete("finding", finding.id, note="Entered twice")
    assert [f.id for f in ws.findings.list()] == []
    items = bin_.recently_deleted()
    assert [(i.kind_label, i.label, i.deleted_by, i.note) for i in items] == [
        ("Finding", "Recommendation 7 — A report", "Test Officer", "Entered twice")
    ]
    assert bin_.restore("finding", finding.id) == 1
    assert [f.id for f in ws.findings.list()] == [finding.id]
    assert bin_.recently_deleted() == []
    actions = [e.action for e in ws.history.for_record(finding.id)]
    assert actions[-2:] == ["delete", "restore"]


def test_report_takes_its_findings_with_it_and_brings_them_back(ws, make, bin_, clock):
    report = make.report("PEEL 2023")
    kept_apart = make.finding(report)
    bin_.delete("finding", kept_apart.id)
    clock.set_day(date(2024, 2, 1))
    findings = [make.finding(report) for _ in range(2)]
    assert bin_.delete("report", report.id) == 3
    items = bin_.recently_deleted()
    assert [(i.entity, i.findings_with_it) for i in items] == [("report", 2), ("finding", 0)]
    with pytest.raises(DomainError) as refused:
        bin_.restore("finding", findings[0].id)
    assert "restore the report first" in refused.value.message
    assert bin_.restore("report", report.id) == 3
    assert {f.id for f in ws.findings.list()} == {f.id for f in findings}


def test_undo_of_an_edit_bypasses_lifecycle_rules_but_is_logged(ws, make):
    finding = make.finding(level=Level.L2)
    before = ws.findings.get(finding.id)
    after = ws.findings.change_status(finding.id, Status.INTERNAL_REVIEW)
    undo = UndoService(ws)
    outcome = undo.undo(UndoStep("Move to internal review", "finding", EDIT, ((before, after),)))
    assert outcome.undone == 1 and outcome.skipped == ()
    assert ws.findings.get(finding.id).status is Status.OPEN
    last = ws.history.for_record(finding.id)[-1]
    assert (last.action, last.field, last.note) == (
        "undo",
        "status",
        "Undo: Move to internal review",
    )


def test_undo_leaves_a_record_changed_since_alone(ws, make):
    finding = make.finding()
    before = ws.findings.get(finding.id)
    after = ws.findings.update(replace(before, rag=Rag.RED))
    ws.findings.update(replace(after, rag=Rag.GREEN))
    outcome = UndoService(ws).undo(UndoStep("Set RAG", "finding", EDIT, ((before, after),)))
    assert outcome.undone == 0
    assert outcome.skipped == (
        f"{finding.reference} has changed again since, so it was left as it is.",
    )
    assert ws.findings.get(finding.id).rag is Rag.GREEN


def test_undo_of_a_bulk_edit_create_and_delete(ws, make):
    report = make.report()
    findings = [make.finding(report) for _ in range(3)]
    result = BulkEditService(ws.findings).apply(
        [f.id for f in findings], {"due_on": date(2024, 9, 30)}, note="new dates"
    )
    undo = UndoService(ws)
    assert undo.undo(UndoStep("Bulk edit", "finding", EDIT, result.changed)).undone == 3
    assert {ws.findings.get(f.id).due_on for f in findings} == {None}

    assert undo.undo(UndoStep("New finding", "finding", CREATE, ids=(findings[0].id,))).undone == 1
    assert findings[0].id not in {f.id for f in ws.findings.list()}
    DeletionService(ws.ctx).delete("report", report.id)
    assert undo.undo(UndoStep("Delete report", "report", DELETE, ids=(report.id,))).undone == 3


def test_history_keeps_the_last_steps():
    history = UndoHistory(limit=2)
    assert history.pop() is None
    for n in range(3):
        history.push(UndoStep(f"step {n}", "finding", CREATE, ids=(str(n),)))
    assert [s.description for s in history.steps] == ["step 1", "step 2"]
    assert history.peek().description == "step 2"  # type: ignore[union-attr]
    assert history.pop().description == "step 2"  # type: ignore[union-attr]
