"""Exports: a styled, safe workbook; formula-proof text; filtered views; a faithful round trip."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app import cli
from app.domain.enums import ClosedBy, Kind, Level, Rag, Status
from app.domain.filters import FindingFilter
from app.domain.values import Person
from app.exports.table import Column, ColumnType, ExportError, write_table
from app.exports.views import export_findings, export_inspections, export_reports
from app.importer.mapping import ImportMapping
from app.importer.service import ImportService
from app.workspace import Workspace

NASTY = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2", "@SUM(A1)", "=1+2"]


def test_workbook_has_styled_header_frozen_panes_filter_dates_and_widths(tmp_path):
    columns = [
        Column("ref", "Reference"),
        Column("due", "Due", ColumnType.DATE),
        Column("text", "Finding text", ColumnType.LONG_TEXT),
    ]
    rows = [["Rec 1", date(2024, 7, 31), "Improve"], ["Rec 2", "With immediate effect", "Act"]]
    path = tmp_path / "out.xlsx"
    assert write_table(path, columns, rows, title="Findings") == 2
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "Findings"
    assert [c.value for c in sheet[1]] == ["Reference", "Due", "Finding text"]
    assert sheet["A1"].font.b and sheet["A1"].fill.fgColor.rgb.endswith("D9E1F2")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C3"
    assert sheet["B2"].is_date and sheet["B2"].value.date() == date(2024, 7, 31)
    assert sheet["B3"].value == "With immediate effect"
    assert sheet.column_dimensions["C"].width >= 60 and sheet["C2"].alignment.wrap_text
    assert 8 <= sheet.column_dimensions["A"].width <= 50


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    columns = [Column("text", "Finding text", ColumnType.LONG_TEXT), Column("ref", "Reference")]
    rows = [[text, text] for text in NASTY]
    write_table(tmp_path / "x.xlsx", columns, rows)
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx").active
    for row, text in zip(sheet.iter_rows(min_row=2), NASTY, strict=True):
        for cell in row:
            assert cell.value == text and cell.data_type == "s" and cell.quotePrefix
    write_table(tmp_path / "x.csv", columns, rows)
    lines = list(csv.reader(io.StringIO((tmp_path / "x.csv").read_text("utf-8-sig"))))
    assert [line[0] for line in lines[1:]] == ["'" + text for text in NASTY]


def test_a_bad_target_is_refused_and_nothing_is_left_behind(tmp_path):
    with pytest.raises(ExportError, match=r"\.xlsx or \.csv"):
        write_table(tmp_path / "x.pdf", [Column("a", "A")], [])
    with pytest.raises(ExportError, match="does not exist"):
        write_table(tmp_path / "nowhere" / "x.xlsx", [Column("a", "A")], [])
    assert list(tmp_path.iterdir()) == []


def _sample(ws, make, clock):  # type: ignore[no-untyped-def]
    clock.set_day(date(2024, 1, 10))
    owner = ws.people.create(Person("Jane Smith"))
    peel = make.report("PEEL 2023", published_on=date(2023, 8, 16))
    custody = make.report("Custody 2022", published_on=date(2022, 3, 1))
    a = make.finding(
        peel,
        reference="Rec 1",
        level=Level.L2,
        owner_id=owner.id,
        rag=Rag.AMBER,
        due_on=date(2023, 12, 31),
        department="Custody",
        text=NASTY[0],
    )
    ws.findings.change_status(a.id, Status.IN_PROGRESS)
    ws.findings.add_progress(a.id, "Audit booked")
    b = make.finding(peel, kind=Kind.AFI, reference="AFI 1", level=Level.L3, due_immediate=True)
    for status in (Status.IN_PROGRESS, Status.INTERNAL_REVIEW):
        ws.findings.change_status(b.id, status)
    ws.findings.change_status(
        b.id, Status.SUBMITTED, cc_letter_ref="CC/24/1", cc_letter_on=date(2024, 1, 5)
    )
    c = make.finding(custody, kind=Kind.COC, reference="CoC 1", level=Level.L4)
    for status in (Status.IN_PROGRESS, Status.INTERNAL_REVIEW, Status.SUBMITTED):
        ws.findings.change_status(c.id, status)
    ws.findings.change_status(c.id, Status.CLOSED, closed_by=ClosedBy.HMICFRS)
    make.finding(
        custody,
        reference="Rec 9",
        level=Level.L1,
        applies_to_force=False,
        not_applicable_reason="Addressed to the College of Policing",
    )
    make.finding(custody, reference="Rec 10", level=None)


def _shape(ws: Workspace) -> set[tuple[object, ...]]:
    reports = {r.id: r.title for r in ws.reports.list()}
    people = {p.id: p.name for p in ws.people.list()}
    return {
        (
            reports[f.report_id],
            f.reference,
            f.kind,
            f.text,
            f.level,
            f.status,
            f.rag,
            people.get(f.owner_id or ""),
            f.department,
            f.due_on,
            f.due_immediate,
            f.applies_to_force,
            f.not_applicable_reason,
            f.cc_letter_ref,
            f.cc_letter_on,
            f.submitted_on,
            f.closed_by,
        )
        for f in ws.findings.list()
    }


def test_round_trip_of_a_filtered_view(ws, make, clock, tmp_path):
    _sample(ws, make, clock)
    view = FindingFilter(levels=frozenset({Level.L2, Level.L3, Level.L4, Level.L1}))
    path = tmp_path / "view.xlsx"
    assert export_findings(ws, path, view) == 4
    fresh = Workspace.open(tmp_path / "fresh", clock=clock)
    try:
        service = ImportService(fresh)
        preview = service.preview(path, ImportMapping())
        assert [r.action.value for r in preview.rows] == ["add"] * 4, preview.summary_lines()
        service.write(preview)
        expected = {row for row in _shape(ws) if row[1] != "Rec 10"}
        assert _shape(fresh) == expected
        (jane,) = fresh.people.list()
        rec1 = next(f for f in fresh.findings.list() if f.reference == "Rec 1")
        assert rec1.owner_id == jane.id
        assert [p.text for p in fresh.findings.progress(rec1.id)] == ["Audit booked"]
        assert {r.published_on for r in fresh.reports.list()} == {
            date(2023, 8, 16),
            date(2022, 3, 1),
        }
    finally:
        fresh.close()


def test_export_follows_the_filter_and_sort(ws, make, clock, tmp_path):
    _sample(ws, make, clock)
    path = tmp_path / "overdue.csv"
    export_findings(ws, path, FindingFilter(overdue=True))
    lines = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert [line[2] for line in lines[1:]] == ["Rec 1"]
    export_findings(
        ws, path, FindingFilter(statuses=frozenset({Status.OPEN})), columns=("reference", "status")
    )
    lines = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert lines == [["Reference", "Status"], ["Rec 10", "Open"], ["Rec 9", "Open"]]


def test_reports_and_inspections_export(ws, make, clock, tmp_path):
    _sample(ws, make, clock)
    assert export_reports(ws, tmp_path / "r.xlsx") == 2
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    assert sheet["A2"].value == "PEEL 2023" and sheet["D2"].is_date
    assert export_inspections(ws, tmp_path / "i.csv") == 0


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        code = cli.main(list(argv), out=out)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue()


def test_command_line_import_dry_run_then_import_then_export(ws, tmp_path):
    from tests.app.excel_books import tracker_a

    book = tracker_a(tmp_path / "a.xlsx")
    code, text = run("--data-dir", str(ws.folder), "import", str(book), "--dry-run")
    assert code == 0 and "3 to add" in text and "Dry run" in text
    assert ws.live_count("findings") == 0
    code, text = run("--data-dir", str(ws.folder), "import", str(book))
    assert code == 0 and "3 added" in text
    assert ws.live_count("findings") == 3
    out = tmp_path / "l4.csv"
    code, text = run(
        "--data-dir",
        str(ws.folder),
        "export",
        str(out),
        "--level",
        "4",
        "--kind",
        "coc",
        "--status",
        "internal_review",
    )
    assert code == 0 and "Exported 1 findings" in text
    assert "Clear the vetting backlog" in out.read_text("utf-8-sig")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", "missing.xlsx"], "does not exist"),
        (["export", "out.pdf"], "must end .xlsx or .csv"),
        (["export", "out.csv", "--status", "sleeping"], "is not a status"),
        (["export", "out.csv", "--what", "reports", "--overdue"], "findings only"),
    ],
)
def test_command_line_bad_input_is_one_line(ws, tmp_path, capsys, argv, message):
    argv = [a if not a.endswith((".xlsx", ".csv", ".pdf")) else str(tmp_path / a) for a in argv]
    code, _ = run("--data-dir", str(ws.folder), *argv)
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.count("\n") == 1


def test_command_line_import_of_a_file_with_only_errors_fails(ws, tmp_path):
    path = Path(tmp_path / "bad.csv")
    path.write_text("Ref,Report,Recommendation,Status\n1,R,Text,Sleeping\n")
    code, text = run("--data-dir", str(ws.folder), "import", str(path))
    assert code == 1 and "row 2:" in text and "Nothing to import" in text
