"""The import's batch writer stores and logs a new finding exactly as the FindingService would.

The writer sends prepared rows straight to SQLite for speed; this compares, field by field,
what it leaves in the database (the finding, its change-log rows, the register and state rows
the triggers derive) with what the service's own create and status moves leave.
"""

from __future__ import annotations

import csv
import sqlite3
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from app import paths
from app.domain.values import Person, Report
from app.importer import writer
from app.importer.mapping import ImportMapping
from app.importer.preview import Action
from app.importer.service import ImportService
from app.importer.writer import ImportWriter
from app.workspace import Workspace
from db.triggers import TRIGGERS

HEADER = [
    "Ref",
    "Report",
    "Report date",
    "Type",
    "Level",
    "Status",
    "RAG",
    "Target date",
    "Lead",
    "Department",
    "Recommendation",
    "Update",
    "Update date",
    "CC letter ref",
    "CC letter date",
    "Closed by",
    "Applies to force",
    "Reason not applicable",
    "Submitted on",
    "Closed on",
    "Chief officer lead",
    "Addressee",
]
ROWS = [
    # A plain open recommendation: owner, department, date, no RAG.
    ["Rec 1", "PEEL 2023", "16/08/2023", "Recommendation", "L2", "Open", "", "31/07/2024",
     "Jane Smith", "Custody", 'Quotes " and \\ back\\slash, “curly”, ünïcödé', "", "", "", "",
     "", "", "", "", "", "ACC Ops", "Chief Constable"],
    # Walked from open to in progress, with a note and its date.
    ["Rec 2", "PEEL 2023", "", "Rec", "Level 3", "Ongoing", "Amber", "With immediate effect",
     "Bob Jones", "", "Text\twith a tab and a\nline break", "Audit booked", "01/12/2023", "",
     "", "", "", "", "", "", "", ""],
    # Walked to a submission the rules allow (L2 with its letter).
    ["Rec 3", "PEEL 2023", "", "AFI", "L2", "Submitted", "G", "", "Jane Smith", "Crime",
     "Submitted with a letter", "", "", "CC/24/1", "05/01/2024", "", "", "", "10/01/2024", "",
     "", ""],
    # Recorded closed as it is, closer given; an L4 walked to internal review.
    ["CoC 1", "Custody 2022", "01/03/2022", "Cause of concern", "L4", "Submitted to DCC",
     "Red", "", "", "", "Clear the backlog", "", "", "", "", "", "", "", "", "", "", ""],
    ["AFI 4", "Custody 2022", "", "AFI", "L3", "Complete", "", "", "", "", "Closed one", "",
     "", "", "", "Force", "", "", "", "02/01/2024", "", ""],
    # Does not apply: the reason as given, and one filled in by the import.
    ["Rec 9", "Custody 2022", "", "", "L1", "Not applicable", "", "", "", "", "Not ours",
     "", "", "", "", "", "No", "College of Policing", "", "", "", ""],
    ["Rec 10", "Custody 2022", "", "", "", "Open", "", "", "", "", "No reason given", "", "",
     "", "", "", "No", "", "", "", "", ""],
    # Superseded, walked from open; =formula-looking text stays text.
    ["Rec 11", "Custody 2022", "", "", "L3", "Superseded", "", "", "Bob Jones", "",
     "+1 looks like a formula", "-minus", "", "", "", "", "", "", "", "", "", ""],
]  # fmt: skip


def _tracker(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [HEADER, *ROWS]:
        sheet.append([cell or None for cell in row])
    book.save(path)
    return path


def _replay_through_services(ws: Workspace, preview) -> None:  # type: ignore[no-untyped-def]
    """What the import would write if every new finding went through the FindingService."""
    note = f"Imported from {preview.source_name}"
    with ws.store.write() as session:
        for person_id, name in preview.new_people:
            ws.people.create_in(session, Person(name, id=person_id), note=note, action="import")
        for new in preview.new_reports:
            report = Report(
                new.title, preview.new_report_scope, published_on=new.published_on, id=new.id
            )
            ws.reports.create_in(session, report, note=note, action="import")
        for row in preview.rows:
            if row.action is not Action.ADD:
                continue
            created = ws.findings.create_in(session, row.plan.start, note=row.note, action="import")
            for step in row.plan.steps:
                ws.findings.update_in(
                    session, replace(step, id=created.id), note=row.note, action="import"
                )
            if row.update:
                ws.findings.add_progress_in(session, created.id, row.update, on=row.update_on)


def _contents(ws: Workspace) -> dict[str, object]:
    """Everything about the findings, keyed by reference instead of by (random) id."""
    conn = sqlite3.connect(paths.database_path(ws.folder))
    try:
        ref = dict(conn.execute("SELECT id, reference FROM finding"))

        def rows(sql: str) -> list[tuple[object, ...]]:
            return sorted(((ref[r[0]], *r[1:]) for r in conn.execute(sql)), key=repr)

        def columns(table: str, leave: tuple[str, ...]) -> str:
            names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            return ", ".join(n for n in names if n not in leave)

        return {
            "findings": rows(
                f"SELECT id, {columns('finding', ('id', 'created_at', 'updated_at'))} FROM finding"
            ),
            "log": rows(
                "SELECT entity_id, field, old_value, new_value, action, note, actor, at "
                "FROM change_log WHERE entity = 'finding'"
            ),
            "register": rows(
                f"SELECT finding_id, {columns('finding_register', ('doc', 'finding_id'))} "
                "FROM finding_register"
            ),
            "state": rows(
                "SELECT finding_id, valid_from, kind, level, status, applies_to_force, deleted "
                "FROM finding_state WHERE valid_to IS NULL"
            ),
            "queued": rows("SELECT finding_id FROM search_queue"),
            "notes": rows("SELECT finding_id, written_on, author, text FROM progress_update"),
        }
    finally:
        conn.close()


@pytest.mark.parametrize("set_based", [False, True], ids=["register by trigger", "set-based"])
def test_new_findings_are_written_as_the_finding_service_writes_them(
    tmp_path, clock, monkeypatch, set_based
):
    # A large import fills the register copy in one pass at the end instead of by trigger:
    # both must leave what the service leaves.
    monkeypatch.setattr(writer, "SET_BASED_FROM", 1 if set_based else 10**9)
    path = _tracker(tmp_path / "tracker.xlsx")
    batch = Workspace.open(tmp_path / "batch", clock=clock)
    service = Workspace.open(tmp_path / "service", clock=clock)
    try:
        for ws in (batch, service):
            ws.set_actor("Test Officer")
        preview = ImportService(batch).preview(path, ImportMapping())
        assert [r.action for r in preview.rows] == [Action.ADD] * len(ROWS), [
            (r.number, r.errors) for r in preview.rows
        ]
        assert {len(r.plan.steps) for r in preview.rows} >= {0, 1, 2}, "walks of every length"
        ImportWriter(batch).write(preview)
        _replay_through_services(service, preview)
        got, expected = _contents(batch), _contents(service)
        for part in expected:
            assert got[part] == expected[part], part
        assert len(got["log"]) > 8 * len(ROWS) and len(got["notes"]) == 2
        conn = sqlite3.connect(paths.database_path(batch.folder))
        try:  # the trigger dropped for the set-based pass is back, exactly as it was
            names = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
            }
            assert names == set(TRIGGERS)
        finally:
            conn.close()
    finally:
        batch.close()
        service.close()


@pytest.mark.parametrize("rows", [1, 2001, 4500])
def test_every_batch_is_written_and_ids_are_unique(tmp_path, clock, rows):
    lines = [["Ref", "Report", "Recommendation", "Status", "Update"]]
    lines += [[f"Rec {n}", "PEEL", f"Text {n}", "Ongoing", f"Note {n}"] for n in range(rows)]
    path = tmp_path / "many.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(lines)
    ws = Workspace.open(tmp_path / "data", clock=clock)
    try:
        service = ImportService(ws)
        result = service.write(service.preview(path, ImportMapping()))
        assert (result.added, result.notes_added) == (rows, rows)
        conn = sqlite3.connect(paths.database_path(ws.folder))
        try:
            (findings, states, registered, notes) = conn.execute(
                "SELECT (SELECT count(*) FROM finding), (SELECT count(*) FROM finding_state), "
                "(SELECT count(*) FROM finding_register), (SELECT count(*) FROM progress_update)"
            ).fetchone()
            assert findings == states == registered == notes == rows
            ids, distinct = conn.execute(
                "SELECT count(*), count(DISTINCT id) FROM change_log"
            ).fetchone()
            assert ids == distinct
            per_finding = conn.execute(
                "SELECT count(*) FROM change_log WHERE entity = 'finding' AND field = 'status'"
            ).fetchone()[0]
            assert per_finding == 2 * rows  # created open, then walked to in progress
        finally:
            conn.close()
    finally:
        ws.close()
