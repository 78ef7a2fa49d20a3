"""The committee paper from hand-made data: deltas, the previous meeting, narrative, layout."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from app.domain.enums import Kind, Level, Status
from app.domain.values import ForceSettings, Meeting
from app.paper import PaperService
from app.paper.narrative import STANDARD_PURPOSE
from tests.app.pdftext import fonts_of, read_pdf, table_pattern

LETTER = {"cc_letter_ref": "CC/1", "cc_letter_on": date(2023, 1, 1)}
HEADER = ("Submitted for closure (since August 2023)", "Total number submitted")


def submit(ws, finding_id: str) -> None:
    for status in (Status.IN_PROGRESS, Status.INTERNAL_REVIEW):
        ws.findings.change_status(finding_id, status)
    ws.findings.change_status(finding_id, Status.SUBMITTED, **LETTER)


def meeting(ws, day: date, **values: object) -> Meeting:
    return ws.meetings.create(Meeting(day, "Joint Audit Committee", "06", **values))  # type: ignore[arg-type]


@pytest.fixture
def force(ws):
    ws.settings.save(
        ForceSettings(
            force_name="Testshire Police",
            pcc_office="Testshire Police and Crime Commissioner",
            contact_name="Inspector Sam Liaison",
            contact_title="HMICFRS Force Liaison Officer",
        )
    )
    return ws


def test_submissions_show_the_change_since_the_previous_meeting(force, make, clock):
    ws = force
    clock.set_day(date(2023, 9, 1))
    report = make.report(published_on=date(2023, 9, 1))
    l2 = [make.finding(report, level=Level.L2) for _ in range(4)]
    l3 = make.finding(report, kind=Kind.AFI, level=Level.L3)
    december = meeting(ws, date(2023, 12, 14))
    march = meeting(ws, date(2024, 3, 21))
    clock.set_day(date(2023, 10, 2))
    submit(ws, l2[0].id)
    submit(ws, l2[1].id)
    clock.set_day(date(2024, 2, 1))
    submit(ws, l2[2].id)
    submit(ws, l3.id)

    papers = PaperService(ws)
    body = read_pdf(papers.render(papers.build(march), "pdf")[0]).body
    rows = [("Recommendation Level 2", "3 (+1)"), ("AFI Level 3", "1 (+1)"), ("Total", "4 (+2)")]
    assert table_pattern(HEADER, rows).search(body)
    assert "the change since the last meeting on 14 December 2023 is shown in brackets" in body

    # December's own paper compares with nothing earlier: no brackets at all.
    body = read_pdf(papers.render(papers.build(december), "pdf")[0]).body
    assert table_pattern(HEADER, [("Recommendation Level 2", "2"), ("Total", "2")]).search(body)


def test_the_previous_meeting_can_be_overridden(force, make, clock):
    ws = force
    clock.set_day(date(2023, 9, 1))
    report = make.report(published_on=date(2023, 9, 1))
    items = [make.finding(report, level=Level.L2) for _ in range(3)]
    september = meeting(ws, date(2023, 9, 28))
    meeting(ws, date(2023, 12, 14))
    clock.set_day(date(2023, 11, 1))
    submit(ws, items[0].id)
    clock.set_day(date(2024, 1, 10))
    submit(ws, items[1].id)
    march = meeting(ws, date(2024, 3, 21))
    papers = PaperService(ws)
    assert papers.build(march).figures["submissions_total"] == {"count": 2, "change": 1}

    march = ws.meetings.update(replace(march, previous_meeting_id=september.id))
    paper = papers.build(march)
    assert paper.figures["previous_meeting"] == "2023-09-28"
    assert paper.figures["submissions_total"] == {"count": 2, "change": 2}
    # Reports are "since" the chosen meeting too: September's report is before it.
    assert paper.figures["reports"] == []


def test_reports_since_the_last_meeting_with_findings_that_apply_in_full(force, make, clock):
    ws = force
    meeting(ws, date(2024, 3, 21))
    june = meeting(ws, date(2024, 6, 27))
    clock.set_day(date(2024, 5, 14))
    report = make.report("A regional inspection of serious and organised crime", date(2024, 5, 14))
    make.report("Published before the last meeting", date(2024, 3, 1))
    make.report("Published after this meeting", date(2024, 7, 1))
    for n in range(1, 11):
        make.finding(
            report,
            kind=Kind.AFI,
            reference=f"Area for Improvement {n}",
            text=f"The force should improve area number {n} of its work.",
            applies_to_force=n <= 3,
            not_applicable_reason="" if n <= 3 else "For another force",
        )
    make.finding(
        report,
        kind=Kind.COC,
        reference="Cause of concern 1",
        applies_to_force=False,
        not_applicable_reason="For the regional unit",
    )
    papers = PaperService(ws)
    body = read_pdf(papers.render(papers.build(june), "pdf")[0]).body
    assert "I. A regional inspection of serious and organised crime – Published 14 May 2024" in body
    assert "Published before the last meeting" not in body
    assert "Published after this meeting" not in body
    assert (
        "1 cause of concern and 10 areas for improvement were issued; 3 apply to the force." in body
    )
    for n in (1, 2, 3):
        assert f"Area for Improvement {n} Level 2 The force should improve area number {n}" in body
    assert "area number 4 " not in body


def test_a_finding_long_enough_to_cross_a_page_is_printed_whole(force, make, clock):
    ws = force
    clock.set_day(date(2024, 5, 1))
    june = meeting(ws, date(2024, 6, 27))
    report = make.report("A long report", date(2024, 5, 1))
    words = " ".join(f"word{n}" for n in range(1800))
    make.finding(report, reference="Recommendation 1", text=f"Start of the text. {words} End.")
    papers = PaperService(ws)
    data, pages = papers.render(papers.build(june), "pdf")
    reader = PdfReader(io.BytesIO(data))
    on = [i for i, page in enumerate(reader.pages) if "word" in page.extract_text()]
    assert len(on) >= 2 and on == list(range(on[0], on[-1] + 1))
    assert f"Start of the text. {words} End." in read_pdf(data).body
    assert pages == len(reader.pages)


def test_fonts_are_embedded_and_never_helvetica(force, make):
    ws = force
    june = meeting(ws, date(2024, 6, 27))
    papers = PaperService(ws)
    data, _ = papers.render(papers.build(june), "pdf")
    fonts = fonts_of(data)
    assert len(fonts) >= 2  # regular and bold at least, plus the page total's form
    for font in fonts:
        assert "LiberationSans" in str(font["/BaseFont"]), font["/BaseFont"]
        descendants = font.get("/DescendantFonts")
        descriptor = (
            descendants[0].get_object()["/FontDescriptor"]
            if descendants
            else font["/FontDescriptor"]
        ).get_object()
        assert "/FontFile2" in descriptor  # the TrueType program is in the file
    assert b"Helvetica" not in data


def test_metadata_and_bookmarks(force):
    ws = force
    june = meeting(ws, date(2024, 6, 27))
    papers = PaperService(ws)
    reader = PdfReader(io.BytesIO(papers.render(papers.build(june), "pdf")[0]))
    meta = reader.metadata
    assert meta.title == "HMICFRS Update – Joint Audit Committee, 27 June 2024"
    assert meta.author == "Inspector Sam Liaison"
    assert "Testshire Police" in meta.subject
    top = [o.title for o in reader.outline if not isinstance(o, list)]
    assert top[:5] == [
        "1. Purpose of Report",
        "2. Recommendations, Causes of Concern and Areas for Improvement",
        "3. National and Force Published Reports",
        "4. Inspection Activity",
        "5. Action for the Committee",
    ]


def test_the_marking_is_configurable(force):
    ws = force
    ws.settings.save(replace(ws.settings.get(), protective_marking="OFFICIAL-SENSITIVE"))
    june = meeting(ws, date(2024, 6, 27))
    papers = PaperService(ws)
    text = read_pdf(papers.render(papers.build(june), "pdf")[0], "OFFICIAL-SENSITIVE")
    assert all(f.startswith("OFFICIAL-SENSITIVE OFFICIAL-SENSITIVE") for f in text.furniture)


def test_word_has_real_headings_tables_and_metadata(force, make, clock):
    ws = force
    clock.set_day(date(2024, 5, 1))
    june = meeting(ws, date(2024, 6, 27))
    report = make.report("A force report", date(2024, 5, 1))
    coc = make.finding(report, kind=Kind.COC, level=Level.L3, reference="Cause of concern 1")
    make.finding(report, reference="Recommendation 7", parent_id=coc.id, text="Act now.")
    papers = PaperService(ws)
    doc = Document(io.BytesIO(papers.render(papers.build(june), "docx")[0]))
    indents = {p.text: p.paragraph_format.left_indent or 0 for p in doc.paragraphs}
    assert indents["Cause of concern 1"] == 0  # its recommendation sits under it, indented
    assert indents["Recommendation 7"] > 0 and indents["Act now."] > 0
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Head")]
    assert [t for s, t in headings if s == "Heading 1"] == [
        "1. Purpose of Report",
        "2. Recommendations, Causes of Concern and Areas for Improvement",
        "3. National and Force Published Reports",
        "4. Inspection Activity",
        "5. Action for the Committee",
    ]
    assert ("Heading 2", "I. A force report – Published 1 May 2024") in headings
    assert ("Heading 3", "Recommendation 7") in headings
    summary = doc.tables[0]
    assert [c.text for c in summary.rows[0].cells] == ["", "Open", "Closed", "Total"]
    assert summary.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # header repeats across pages
    assert [c.text for c in summary.rows[-1].cells] == ["Total", "2", "0", "2"]
    # The label column is wide and the numbers narrow in the grid LibreOffice reads too.
    grid = [int(w) for w in summary._tbl.xpath("./w:tblGrid/w:gridCol/@w:w")]
    assert len(grid) == 4 and grid[0] > 2 * grid[1] and grid[1] == grid[2] == grid[3]
    assert summary.rows[0].cells[1]._tc.xpath("./w:tcPr/w:shd/@w:fill") == ["E6E6E6"]
    assert doc.core_properties.title == "HMICFRS Update – Joint Audit Committee, 27 June 2024"
    assert doc.core_properties.author == "Inspector Sam Liaison"
    footer = doc.sections[0].footer._element.xml
    assert "NUMPAGES" in footer and "OFFICIAL" in footer


def test_narrative_is_kept_with_the_meeting_logged_and_printed(force):
    ws = force
    june = meeting(ws, date(2024, 6, 27))
    papers = PaperService(ws)
    body = read_pdf(papers.render(papers.build(june), "pdf")[0]).body
    assert STANDARD_PURPOSE in body

    saved = papers.save_narrative(
        june.id,
        {
            "purpose": "To update the Committee on HMICFRS activity.",
            "position": (
                "The force remains in Engage.\n- PEEL 2025 is planned.\n- Oversight is monthly."
            ),
            "asks": "",
        },
    )
    assert saved.narrative["purpose"] == "To update the Committee on HMICFRS activity."
    assert "asks" not in saved.narrative
    assert any(e.field == "narrative" for e in ws.history.for_record(june.id))
    body = read_pdf(papers.render(papers.build(saved), "pdf")[0]).body
    assert "To update the Committee on HMICFRS activity." in body
    assert STANDARD_PURPOSE not in body
    assert "The force remains in Engage. • PEEL 2025 is planned. • Oversight is monthly." in body
    assert "The Committee is asked to note the contents of the report." in body


def test_preflight_lists_what_to_fix_first(force, make, clock):
    ws = force
    clock.set_day(date(2024, 1, 10))
    june = meeting(ws, date(2024, 6, 27))
    report = make.report("Report", date(2024, 5, 1))
    owner = make.person()
    unowned = make.finding(report, reference="Rec unowned", owner_id=None)
    overdue = make.finding(
        report, reference="Rec overdue", owner_id=owner.id, due_on=date(2024, 3, 1)
    )
    unlevelled = make.finding(report, reference="Rec unlevelled", owner_id=owner.id, level=None)
    clock.set_day(date(2024, 6, 1))
    papers = PaperService(ws)
    problems = {p.key: p for p in papers.preflight(june)}
    assert [i.record_id for i in problems["no_owner"].items] == [unowned.id]
    assert [i.record_id for i in problems["overdue_no_update"].items] == [overdue.id]
    assert [i.record_id for i in problems["no_level"].items] == [unlevelled.id]
    assert problems["no_summary"].items[0].record_id == report.id

    ws.findings.add_progress(overdue.id, "Draft policy with the DCC.")
    ws.findings.update(replace(ws.findings.get(unowned.id), owner_id=owner.id))
    problems = {p.key for p in papers.preflight(june)}
    assert "overdue_no_update" not in problems and "no_owner" not in problems


def test_status_as_at_keeps_findings_ruled_out_later(force, make, clock):
    ws = force
    clock.set_day(date(2024, 5, 1))
    june = meeting(ws, date(2024, 6, 27))
    report = make.report("Report", date(2024, 5, 1))
    kept = make.finding(report, reference="Recommendation 1")
    papers = PaperService(ws)
    before = papers.build(june).figures
    clock.set_day(date(2024, 8, 1))
    ws.findings.change_status(kept.id, Status.NOT_APPLICABLE, note="Duplicate")
    assert papers.build(june).figures == before
    assert before["reports"][0]["findings"] == ["Recommendation 1"]


def test_rag_ratings_are_as_at_the_meeting(force, make, clock):
    from app.domain.enums import Rag

    ws = force
    clock.set_day(date(2024, 5, 1))
    june = meeting(ws, date(2024, 6, 27))
    report = make.report("Report", date(2024, 5, 1))
    amber = make.finding(report, rag=Rag.AMBER)
    make.finding(report, rag=Rag.RED)
    make.finding(report)
    papers = PaperService(ws)
    assert papers.build(june).figures["rag"] == {"red": 1, "amber": 1, "green": 0, "unrated": 1}
    body = read_pdf(papers.render(papers.build(june), "pdf")[0]).body
    assert "2 carry a RAG rating from internal review: 1 red, 1 amber and 0 green. 1 is not" in body

    clock.set_day(date(2024, 7, 1))
    ws.findings.update(replace(ws.findings.get(amber.id), rag=Rag.GREEN))
    make.finding(report, rag=Rag.RED)
    assert papers.build(june).figures["rag"] == {"red": 1, "amber": 1, "green": 0, "unrated": 1}


def test_no_rag_section_when_the_force_does_not_rate(force, make, clock):
    ws = force
    clock.set_day(date(2024, 5, 1))
    june = meeting(ws, date(2024, 6, 27))
    make.finding(make.report("Report", date(2024, 5, 1)))
    papers = PaperService(ws)
    assert "rag" not in papers.build(june).figures
    assert "RAG" not in read_pdf(papers.render(papers.build(june), "pdf")[0]).body


def test_a_table_row_taller_than_a_page_splits_and_text_is_not_markup(force, make, clock):
    from app.domain.enums import Grade, ReportScope
    from app.domain.values import Grading, Report

    ws = force
    clock.set_day(date(2024, 5, 1))
    june = meeting(ws, date(2024, 6, 27))
    area = " ".join(f"area{n}" for n in range(1500))
    ws.reports.create(
        Report(
            "R&D <b>not bold</b> & more",
            ReportScope.FORCE,
            published_on=date(2024, 5, 2),
            summary="Costs < £5 & > £1.",
            gradings=(Grading(area, Grade.GOOD),),
        )
    )
    papers = PaperService(ws)
    data, pages = papers.render(papers.build(june), "pdf")
    body = read_pdf(data).body
    assert pages >= 3
    assert "R&D <b>not bold</b> & more – Published 2 May 2024" in body
    assert "Costs < £5 & > £1." in body
    assert "area0 area1" in body and "area1499" in body
