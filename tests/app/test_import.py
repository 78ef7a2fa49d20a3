"""Importing trackers: realistic layouts, the preview, one transaction, and bad input refused."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.domain.enums import ClosedBy, Kind, Level, Rag, Status
from app.domain.values import Person
from app.importer.dates import parse_date
from app.importer.mapping import ImportMapping
from app.importer.preview import Action, PreviewError
from app.importer.service import ImportService
from app.importer.source import ImportFileError
from app.importer.writer import ImportStale
from tests.app.excel_books import (
    BILLION_LAUGHS,
    csv_tracker,
    replace_part,
    tracker_a,
    tracker_b,
)


def by_ref(ws):  # type: ignore[no-untyped-def]
    return {f.reference: f for f in ws.findings.list()}


def test_tracker_with_title_merged_cells_and_blank_rows(ws, tmp_path):
    service = ImportService(ws)
    preview = service.preview(tracker_a(tmp_path / "a.xlsx"), ImportMapping())
    assert preview.header_row == 3
    assert preview.blank_rows == 1
    assert [r.action for r in preview.rows] == [Action.ADD] * 3
    assert ws.live_count("findings") == 0, "the preview writes nothing"
    afi = next(r for r in preview.rows if r.finding and r.finding.reference == "AFI 2")
    assert afi.report_title == "PEEL 2023", "a report merged down names every row it spans"

    result = service.write(preview)
    assert (result.added, result.reports_created, result.people_created) == (3, 2, 2)
    found = by_ref(ws)
    rec, afi2, coc = found["Rec 1"], found["AFI 2"], found["CoC 1"]
    assert (rec.kind, rec.level, rec.status, rec.rag) == (
        Kind.RECOMMENDATION,
        Level.L2,
        Status.IN_PROGRESS,
        Rag.AMBER,
    )
    assert rec.due_on == date(2024, 7, 31) and afi2.due_on == date(2024, 7, 31)
    assert (afi2.kind, afi2.status, afi2.closed_by) == (Kind.AFI, Status.CLOSED, ClosedBy.FORCE)
    assert (coc.kind, coc.level, coc.status) == (Kind.COC, Level.L4, Status.INTERNAL_REVIEW)
    assert coc.due_immediate and coc.due_on is None
    assert [p.text for p in ws.findings.progress(rec.id)] == ["Audit booked"]
    people = {p.name for p in ws.people.list()}
    assert people == {"Jane Smith", "Bob Jones"}
    history = ws.history.for_record(coc.id)
    assert {e.action for e in history} == {"import"}
    assert [e.new_value for e in history if e.field == "status"] == ["open", "internal_review"]
    assert all("a.xlsx, row 7" in e.note for e in history)


def test_other_words_iso_and_short_dates_and_formula_values(ws, tmp_path):
    service = ImportService(ws)
    preview = service.preview(tracker_b(tmp_path / "b.xlsx"), ImportMapping())
    assert preview.header_row == 1
    service.write(preview)
    found = by_ref(ws)
    assert (found["R1"].kind, found["R1"].level, found["R1"].status) == (
        Kind.AFI,
        Level.L2,
        Status.OPEN,
    )
    assert found["R1"].department == "Custody"
    r2 = found["R2"]
    assert (r2.status, r2.closed_by, r2.closed_on, r2.due_on) == (
        Status.CLOSED,
        ClosedBy.FORCE,
        date(2024, 3, 1),
        date(2024, 7, 31),
    )
    assert found["R3"].text == "Report quarterly", "a formula's value is used, not its text"
    assert (found["R3"].level, found["R3"].status) == (Level.L4, Status.IN_PROGRESS)


def test_csv_with_semicolons_and_month_only_dates(ws, tmp_path):
    service = ImportService(ws)
    preview = service.preview(csv_tracker(tmp_path / "t.csv"), ImportMapping())
    second = preview.rows[1]
    assert second.finding.due_on == date(2024, 7, 31)
    assert any("no day" in w for w in second.warnings)
    service.write(preview)
    assert {f.status for f in ws.findings.list()} == {Status.IN_PROGRESS, Status.CLOSED}


def test_unknown_words_are_errors_until_the_officer_says_what_they_mean(ws, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Ref,Report,Recommendation,Status,RAG\n1,R,Do it,Parked,Purple\n")
    mapping = ImportMapping()
    service = ImportService(ws)
    preview = service.preview(path, mapping)
    assert preview.rows[0].action is Action.ERROR
    assert "“Parked” is not a status" in preview.rows[0].errors[0]
    assert any("Purple" in w for w in preview.rows[0].warnings), "an odd RAG only warns"
    assert preview.unknown_words == {"status": {"Parked"}, "rag": {"Purple"}}
    mapping.vocabulary.set("status", "Parked", "in_progress")
    preview = service.preview(path, mapping)
    assert preview.rows[0].action is Action.ADD
    assert preview.rows[0].finding.status is Status.IN_PROGRESS


def test_unknown_owner_left_unassigned_when_people_are_not_created(ws, tmp_path):
    ws.people.create(Person("Known Person"))
    path = tmp_path / "o.csv"
    path.write_text("Ref,Report,Recommendation,Owner\n1,R,A,Known person\n2,R,B,Stranger\n")
    mapping = ImportMapping(create_people=False)
    service = ImportService(ws)
    preview = service.preview(path, mapping)
    assert "left unassigned" in preview.rows[1].warnings[0]
    service.write(preview)
    found = by_ref(ws)
    assert found["1"].owner_id == ws.people.list()[0].id and found["2"].owner_id is None
    assert [p.name for p in ws.people.list()] == ["Known Person"]


def test_duplicates_by_report_and_reference_update_or_skip(ws, tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("Ref,Report,Recommendation,Status,Level\n1,R,Text,Open,2\n2,R,Other,Open,2\n")
    service = ImportService(ws)
    service.write(service.preview(path, ImportMapping()))
    again = service.preview(path, ImportMapping())
    assert [r.reason for r in again.rows] == ["no change", "no change"]
    path.write_text(
        "Ref,Report,Recommendation,Status,Level,CC letter,CC letter date\n"
        "1,r,Text,Complete,2,CC/1,1 May 2024\n2,R,New,Open,2,,\n"
    )
    skipping = service.preview(path, ImportMapping(update_duplicates=False))
    assert [r.action for r in skipping.rows] == [Action.SKIP, Action.SKIP]
    updating = service.preview(path, ImportMapping())
    assert [r.action for r in updating.rows] == [Action.UPDATE, Action.UPDATE]
    service.write(updating)
    found = by_ref(ws)
    assert found["1"].status is Status.CLOSED and found["1"].closed_by is ClosedBy.FORCE
    assert found["2"].text == "New"
    assert ws.live_count("findings") == 2
    moves = [e.new_value for e in ws.history.for_record(found["1"].id) if e.field == "status"]
    assert moves == ["open", "internal_review", "submitted", "closed"]


def test_closing_a_recorded_l2_finding_needs_its_letter(ws, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("Ref,Report,Recommendation,Status,Level\n1,R,Text,Open,2\n")
    service = ImportService(ws)
    service.write(service.preview(path, ImportMapping()))
    path.write_text("Ref,Report,Recommendation,Status,Level\n1,R,Text,Complete,2\n")
    row = service.preview(path, ImportMapping()).rows[0]
    assert row.action is Action.ERROR
    assert "letter reference" in row.errors[0]


def test_a_row_repeating_report_and_reference_is_an_error(ws, tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("Ref,Report,Recommendation\n1,R,A\n1,R,B\n")
    preview = ImportService(ws).preview(path, ImportMapping())
    assert preview.rows[1].errors == ("same report and reference as row 2",)


def test_a_submission_the_rules_refuse_stops_at_internal_review(ws, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(
        "Ref,Report,Recommendation,Level,Status,CC letter ref,CC letter date\n"
        "1,R,A,L2,Submitted to HMICFRS,,\n"
        "2,R,B,L2,Submitted to HMICFRS,CC/24/7,02/05/2024\n"
        "3,R,C,,Submitted,,\n"
    )
    service = ImportService(ws)
    preview = service.preview(path, ImportMapping())
    assert "needs the CC letter" in preview.rows[0].warnings[-1]
    assert "no level" in preview.rows[2].warnings[-1]
    service.write(preview)
    found = by_ref(ws)
    assert found["1"].status is Status.INTERNAL_REVIEW
    assert found["2"].status is Status.SUBMITTED and found["2"].cc_letter_on == date(2024, 5, 2)
    assert found["3"].status is Status.INTERNAL_REVIEW


def test_a_stale_preview_writes_nothing_at_all(ws, tmp_path, make):
    report = make.report("R")
    existing = make.finding(report, reference="1", text="Old", level=Level.L2)
    path = tmp_path / "stale.csv"
    path.write_text(
        "Ref,Report,Recommendation,Status,Owner\n9,R,New one,Open,New Person\n1,R,Old,Ongoing,\n"
    )
    service = ImportService(ws)
    preview = service.preview(path, ImportMapping())
    # Someone marks the finding not applicable before the officer confirms.
    ws.findings.change_status(existing.id, Status.NOT_APPLICABLE, note="not ours")
    before = ws.history.count()
    with pytest.raises(ImportStale, match="changed since the preview"):
        service.write(preview)
    assert ws.history.count() == before
    assert ws.live_count("findings") == 1 and ws.live_count("people") == 0


def test_a_mapping_is_saved_and_reused(ws, tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("Item,Source,Wording,Position\nA,R,Text,Parked\n")
    mapping = ImportMapping(default_kind=Kind.AFI)
    mapping.columns = {
        "item": "reference",
        "source": "report",
        "wording": "text",
        "position": "status",
    }
    mapping.vocabulary.set("status", "Parked", "in_progress")
    mapping.save(tmp_path / "mapping.json")
    loaded = ImportMapping.load(tmp_path / "mapping.json")
    preview = ImportService(ws).preview(path, loaded)
    row = preview.rows[0]
    assert row.action is Action.ADD
    assert (row.finding.reference, row.finding.kind, row.finding.status) == (
        "A",
        Kind.AFI,
        Status.IN_PROGRESS,
    )


def test_a_sheet_with_no_recognisable_columns_is_refused(ws, tmp_path):
    path = tmp_path / "shopping.csv"
    path.write_text("Item,Price\nMilk,1.20\n")
    with pytest.raises(PreviewError, match=r"no row .* looks like a header"):
        ImportService(ws).preview(path, ImportMapping())


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("31st July 2024", date(2024, 7, 31)),
        ("31/07/24", date(2024, 7, 31)),
        ("31/07/2024", date(2024, 7, 31)),
        ("2024-07-31", date(2024, 7, 31)),
        ("31 Jul 2024", date(2024, 7, 31)),
        ("July 31, 2024", date(2024, 7, 31)),
        (45504, date(2024, 7, 31)),
        ("45504", date(2024, 7, 31)),
        ("1.9.2023", date(2023, 9, 1)),
    ],
)
def test_dates_in_any_common_form(cell, expected):
    assert parse_date(cell).day == expected


def test_immediate_and_nonsense_dates():
    assert parse_date("With immediate effect").immediate
    assert parse_date("TBC").day is None and not parse_date("TBC").error
    assert parse_date("31/02/2024").error and parse_date("soon").error
    assert parse_date(7).error, "a small number is not a date"


# --- bad files: a clear message, nothing written ---------------------------------------------
def _refused(ws, path: Path, message: str) -> None:  # type: ignore[no-untyped-def]
    before = ws.history.count()
    with pytest.raises(ImportFileError, match=message):
        ImportService(ws).preview(path, ImportMapping())
    assert ws.history.count() == before


def test_password_protected_workbook(ws, tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = tracker_a(tmp_path / "plain.xlsx")
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as src, locked.open("wb") as out:
        OOXMLFile(src).encrypt("secret", out)
    _refused(ws, locked, "password-protected")


def test_corrupt_and_fake_workbooks(ws, tmp_path):
    good = tracker_a(tmp_path / "good.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(good[: len(good) // 2])
    _refused(ws, tmp_path / "cut.xlsx", "damaged or not really a workbook")
    (tmp_path / "fake.xlsx").write_text("Ref,Report\n1,R\n")
    _refused(ws, tmp_path / "fake.xlsx", "damaged or not really a workbook")
    _refused(ws, tmp_path / "missing.xlsx", "does not exist")
    (tmp_path / "paper.pdf").write_bytes(b"%PDF")
    _refused(ws, tmp_path / "paper.pdf", "not a spreadsheet")


def test_xml_bomb_is_refused_before_it_is_parsed(ws, tmp_path):
    source = tracker_a(tmp_path / "a.xlsx")
    with zipfile.ZipFile(source) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    body = sheet.split("?>", 1)[-1].replace("PEEL 2023", "&lol9;")
    bomb = replace_part(
        source, tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", (BILLION_LAUGHS + body).encode()
    )
    _refused(ws, bomb, "XML bomb")


def test_zip_bomb_is_refused(ws, tmp_path):
    source = tracker_a(tmp_path / "a.xlsx")
    bomb = replace_part(source, tmp_path / "zip.xlsx", "docProps/app.xml", b" " * (4 << 20))
    _refused(ws, bomb, "zip bomb")


def test_a_named_sheet_that_is_missing(ws, tmp_path):
    path = tracker_a(tmp_path / "a.xlsx")
    with pytest.raises(ImportFileError, match="no sheet called “Nope”"):
        ImportService(ws).preview(path, ImportMapping(sheet="Nope"))


def test_second_sheet_and_header_lower_down(ws, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active["A1"] = "Read me"
    data = wb.create_sheet("2024")
    for _ in range(5):
        data.append([])
    data.append([None, "Recommendation number", "Report", "Recommendation text"])
    data.append([None, 3, "Stop and search 2024", "Publish data"])
    wb.save(tmp_path / "two.xlsx")
    service = ImportService(ws)
    assert service.sheets(tmp_path / "two.xlsx") == ["Notes", "2024"]
    preview = service.preview(tmp_path / "two.xlsx", ImportMapping(sheet="2024"))
    assert preview.header_row == 6
    assert preview.rows[0].finding.reference == "3"


def test_a_two_row_header_merged_down_and_section_headings(ws, tmp_path):
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["Ref", "Recommendation", "Status", "Target date"])
    sheet.append([None, None, None, "(agreed)"])
    for column in "ABC":
        sheet.merge_cells(f"{column}1:{column}2")
    sheet.append(["PEEL 2023"])
    sheet.merge_cells("A3:D3")
    sheet.append(["1", "Improve supervision", "Ongoing", "31/07/2024"])
    sheet.append(["Vetting 2024"])
    sheet.append(["1", "Clear the backlog", "Open", None])
    wb.save(tmp_path / "sections.xlsx")
    service = ImportService(ws)
    preview = service.preview(tmp_path / "sections.xlsx", ImportMapping())
    assert [(r.number, r.action, r.reason) for r in preview.rows] == [
        (2, Action.SKIP, "header repeated"),
        (3, Action.SKIP, "section heading"),
        (4, Action.ADD, ""),
        (5, Action.SKIP, "section heading"),
        (6, Action.ADD, ""),
    ]
    service.write(preview)
    reports = {r.id: r.title for r in ws.reports.list()}
    assert sorted((reports[f.report_id], f.text) for f in ws.findings.list()) == [
        ("PEEL 2023", "Improve supervision"),
        ("Vetting 2024", "Clear the backlog"),
    ]


def test_a_row_with_only_its_text_is_a_finding_not_a_heading(ws, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Ref,Report,Recommendation\n,,Improve supervision\n")
    row = ImportService(ws).preview(path, ImportMapping(default_report="PEEL")).rows[0]
    assert row.action is Action.ADD and row.finding.reference == "Row 2"
