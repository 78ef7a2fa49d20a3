"""Saving checked proposals: one transaction, CoC links kept, problems named by row."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.enums import Kind
from app.paste_splitter import ProposedFinding
from app.services.paste_import import PasteImportService, ProposalProblems


def test_saves_all_and_links_recommendations_to_their_cause_of_concern(ws, make):
    report = make.report()
    proposals = [
        ProposedFinding(Kind.COC, "Cause of concern 1", "Leadership"),
        ProposedFinding(Kind.RECOMMENDATION, "Recommendation 1", "The force should…", parent=0),
        ProposedFinding(
            Kind.RECOMMENDATION,
            "Recommendation 2",
            "By 31 July 2024, the CoP should…",
            due_on=date(2024, 7, 31),
            addressee="College of Policing",
            applies_to_force=False,
            not_applicable_reason="Addressed to the College of Policing.",
        ),
    ]
    saved = PasteImportService(ws.findings).save(report.id, proposals)
    stored = ws.findings.for_report(report.id)
    assert [f.reference for f in stored] == [
        "Cause of concern 1",
        "Recommendation 1",
        "Recommendation 2",
    ]
    assert stored[1].parent_id == saved[0].id
    assert (stored[2].applies_to_force, stored[2].due_on) == (False, date(2024, 7, 31))
    assert {e.note for e in ws.history.for_record(saved[2].id)} == {"Added from pasted text"}


def test_a_bad_row_saves_nothing_and_names_the_row(ws, make):
    report = make.report()
    good = ProposedFinding(Kind.AFI, "Area for improvement 1", "The force should…")
    bad = replace(good, reference="Area for improvement 2", applies_to_force=False)
    with pytest.raises(ProposalProblems) as refused:
        PasteImportService(ws.findings).save(report.id, [good, bad, replace(good, text=" ")])
    assert refused.value.rows == {
        1: "Why it does not apply: say why the finding does not apply to the force",
        2: "Text: enter the finding's text as published",
    }
    assert ws.findings.for_report(report.id) == []
