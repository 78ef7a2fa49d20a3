"""The paper as a Word document (python-docx): real heading styles, so secretariats can merge it
and screen readers can navigate it; marking and "Page X of Y" in the header and footer."""

from __future__ import annotations

import io
from string import ascii_lowercase
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from app.formatting import long_date
from app.paper.model import (
    Block,
    FindingText,
    ItemList,
    Paper,
    Para,
    Subheading,
    Table,
)

FONT = "Arial"  # Liberation Sans is its metric twin; Word users have Arial.
HEADER_FILL = "E6E6E6"  # the PDF's table heading grey
CHILD_INDENT = Mm(6)  # a recommendation under its cause of concern, as in the PDF


def render_docx(paper: Paper) -> bytes:
    """The .docx bytes."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(25))
    section.top_margin = section.bottom_margin = Mm(24)
    _style_fonts(doc)
    _furniture(doc, paper)

    h = paper.header
    org = doc.add_paragraph()
    org.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _add_run(org, h.organisation, bold=True).font.size = Pt(15)
    if h.agenda_item:
        agenda = doc.add_paragraph()
        agenda.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _add_run(agenda, f"Agenda Item {h.agenda_item}", bold=True).font.size = Pt(12)
    committee = doc.add_paragraph()
    _add_run(committee, h.committee.upper(), bold=True).font.size = Pt(13)
    _add_run(doc.add_paragraph(), long_date(h.meeting_date), bold=True).font.size = Pt(12)
    doc.add_paragraph(h.title, style="Title")

    for part in paper.sections:
        doc.add_heading(f"{part.number}. {part.title}", level=1)
        for block in part.blocks:
            _block(doc, block)
    _contact(doc, paper)

    props = doc.core_properties
    props.title = f"{h.title} – {h.committee}, {long_date(h.meeting_date)}"
    props.author = paper.author
    props.subject = paper.subject
    props.keywords = f"HMICFRS; {h.committee}; {h.force_name}"
    props.language = "en-GB"
    props.comments = "Produced by Liaison Desk"
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _style_fonts(doc: Any) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 18), ("Heading 1", 13), ("Heading 2", 11.5), ("Heading 3", 11)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
        # Theme fonts would override the name in East Asian / complex scripts; pin them.
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(_qn("w:rFonts"))
        if fonts is not None:
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(_qn(attr), None)
            fonts.set(_qn("w:ascii"), FONT)
            fonts.set(_qn("w:hAnsi"), FONT)


def _furniture(doc: Any, paper: Paper) -> None:
    section = doc.sections[0]
    marking = paper.header.protective_marking
    top = section.header.paragraphs[0]
    top.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if marking:
        _add_run(top, marking, bold=True).font.size = Pt(10)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if marking:
        _add_run(foot, marking, bold=True).font.size = Pt(10)
    numbers = section.footer.add_paragraph()
    numbers.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for piece in ("Page ", "PAGE", " of ", "NUMPAGES"):
        if piece.isupper():
            _field(numbers, piece)
        else:
            numbers.add_run(piece).font.size = Pt(8.5)


def _block(doc: Any, block: Block) -> None:
    if isinstance(block, Para):
        p = doc.add_paragraph()
        for run in block.runs:
            r = _add_run(p, run.text, bold=run.bold or block.style == "label", italic=run.italic)
            if block.style == "note":
                r.font.size = Pt(9.5)
    elif isinstance(block, Subheading):
        doc.add_heading(block.text, level=2 if block.level <= 2 else 3)
    elif isinstance(block, ItemList):
        _list(doc, block)
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, FindingText):
        first = len(doc.paragraphs)
        doc.add_heading(block.reference, level=3)
        if block.detail:
            detail = doc.add_paragraph()
            _add_run(detail, block.detail, italic=True).font.size = Pt(9.5)
        for part in block.body:
            if isinstance(part, ItemList):
                _list(doc, part)
            else:
                _block(doc, part)
        if block.child:  # a recommendation under its cause of concern, indented as in the PDF
            for paragraph in doc.paragraphs[first:]:
                indent = paragraph.paragraph_format.left_indent or 0
                paragraph.paragraph_format.left_indent = indent + CHILD_INDENT
    else:
        raise TypeError(f"no Word drawing for {type(block).__name__}")


def _list(doc: Any, block: ItemList) -> None:
    for i, item in enumerate(block.items):
        if block.style == "letter":
            p = doc.add_paragraph(style="List Paragraph")
            p.add_run(f"{ascii_lowercase[i % 26]}) ")
        else:
            p = doc.add_paragraph(style="List Bullet")
        for run in item.runs:
            _add_run(p, run.text, bold=run.bold, italic=run.italic)


def _table(doc: Any, block: Table) -> None:
    table = doc.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    table.autofit = False
    width = Mm(160)
    # Word reads each cell's width, LibreOffice the table grid: set both.
    for column, share in zip(table.columns, block.widths, strict=True):
        column.width = int(width * share)
    head = table.rows[0]
    # Repeat the header row on every page the table crosses.
    trpr = head._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(_qn("w:val"), "true")
    trpr.append(marker)
    last = len(block.rows) - 1
    rows = [(block.header, True)] + [
        (row, block.total_row and i == last) for i, row in enumerate(block.rows)
    ]
    for r, (values, bold) in enumerate(rows):
        cells = head.cells if r == 0 else table.add_row().cells
        for c, text in enumerate(values):
            cell = cells[c]
            cell.width = int(width * block.widths[c])
            p = cell.paragraphs[0]
            if r == 0:
                cell._tc.get_or_add_tcPr().append(_shading(HEADER_FILL))
            if c in block.numeric:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _add_run(p, text, bold=bold)
    if block.caption:
        table._tbl.tblPr.append(_caption(block.caption))
    doc.add_paragraph()


def _contact(doc: Any, paper: Paper) -> None:
    c = paper.contact
    doc.add_heading("Contact officer", level=2)
    p = doc.add_paragraph()
    p.paragraph_format.keep_with_next = True  # name and title on one page
    _add_run(p, "Name: ", bold=True)
    _add_run(p, c.name or "To be confirmed")
    p = doc.add_paragraph()
    _add_run(p, "Title: ", bold=True)
    _add_run(p, c.title)
    doc.add_heading("Background documents", level=2)
    for line in c.background:
        doc.add_paragraph(line)


def _add_run(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False) -> Any:
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    return run


def _field(paragraph: Any, code: str) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(8.5)
    begin = OxmlElement("w:fldChar")
    begin.set(_qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(_qn("xml:space"), "preserve")
    instr.text = f" {code} "
    separate = OxmlElement("w:fldChar")
    separate.set(_qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(_qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, shown, end):
        run._r.append(element)


def _shading(fill: str) -> Any:
    element = OxmlElement("w:shd")
    element.set(_qn("w:val"), "clear")
    element.set(_qn("w:color"), "auto")
    element.set(_qn("w:fill"), fill)
    return element


def _caption(text: str) -> Any:
    element = OxmlElement("w:tblCaption")
    element.set(_qn("w:val"), text[:250])
    return element


def _qn(name: str) -> str:
    return str(qn(name))
