"""The paper as a print-ready A4 PDF (reportlab): embedded fonts, marking on every page,
"Page X of Y", ruled tables whose header rows repeat, metadata and bookmarks."""

from __future__ import annotations

import io
from string import ascii_lowercase
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle as RLTableStyle

from app.formatting import long_date
from app.paper.fonts import BOLD, REGULAR, register_fonts
from app.paper.model import (
    Block,
    FindingText,
    ItemList,
    Paper,
    Para,
    Run,
    Section,
    Subheading,
    Table,
)

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 25 * mm, 24 * mm, 24 * mm
TEXT_WIDTH = A4[0] - 2 * MARGIN_X
INK = colors.HexColor("#1a1a1a")
QUIET = colors.HexColor("#555555")
RULE = colors.HexColor("#444444")
HEAD_FILL = colors.HexColor("#e6e6e6")
MASTHEAD = colors.HexColor("#1f3a5f")
TOTAL_FORM = "ld-page-total"


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body",
        fontName=REGULAR,
        bulletFontName=REGULAR,  # the default bullet font is an unembedded Helvetica
        fontSize=11,
        leading=14.5,
        spaceAfter=6,
        textColor=INK,
    )

    def derive(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "note": derive("note", fontSize=9.5, leading=12, textColor=QUIET),
        "label": derive("label", fontName=BOLD, spaceAfter=3),
        "org": derive(
            "org",
            fontName=BOLD,
            fontSize=15,
            leading=18,
            textColor=MASTHEAD,
            alignment=TA_RIGHT,
            spaceAfter=18,
        ),
        "agenda": derive("agenda", fontName=BOLD, fontSize=12, alignment=TA_RIGHT, spaceAfter=16),
        "committee": derive("committee", fontName=BOLD, fontSize=13, leading=16, spaceAfter=2),
        "date": derive("date", fontName=BOLD, fontSize=12, leading=15, spaceAfter=14),
        "title": derive("title", fontName=BOLD, fontSize=18, leading=22, spaceAfter=14),
        "h1": derive(
            "h1",
            fontName=BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "h2": derive(
            "h2",
            fontName=BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=9,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h3": derive(
            "h3",
            fontName=BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "ref": derive("ref", fontName=BOLD, spaceBefore=6, spaceAfter=2),
        "item": derive("item", leftIndent=20, bulletIndent=4, spaceAfter=4),
        "cell": derive("cell", fontSize=10, leading=12.5, spaceAfter=0),
        "cell_num": derive("cell_num", fontSize=10, leading=12.5, spaceAfter=0, alignment=TA_RIGHT),
        "cell_head": derive("cell_head", fontName=BOLD, fontSize=10, leading=12.5, spaceAfter=0),
        "cell_head_num": derive(
            "cell_head_num",
            fontName=BOLD,
            fontSize=10,
            leading=12.5,
            spaceAfter=0,
            alignment=TA_RIGHT,
        ),
        "marking": derive("marking", fontName=BOLD, fontSize=10, alignment=TA_CENTER),
    }


def render_pdf(paper: Paper) -> tuple[bytes, int]:
    """The PDF bytes and its number of pages."""
    register_fonts()
    buffer = io.BytesIO()
    doc = _PaperDocument(buffer, paper)
    story = _Story(paper, _styles()).flowables()
    doc.build(story, canvasmaker=_canvas_maker(paper))
    return buffer.getvalue(), doc.page


class _Bookmark(Flowable):
    """An invisible mark: an outline entry pointing at where it lands."""

    def __init__(self, title: str, key: str, level: int) -> None:
        super().__init__()
        self.title, self.key, self.level = title, key, level
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        """Nothing to draw: the document marks the page once the flowable has landed."""


class _PaperDocument(BaseDocTemplate):
    """A4 with one frame; title, author, subject and language set for readers and search."""

    def __init__(self, buffer: io.BytesIO, paper: Paper) -> None:
        h = paper.header
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=f"{h.title} – {h.committee}, {long_date(h.meeting_date)}",
            author=paper.author,
            subject=paper.subject,
            creator="Liaison Desk",
            producer="Liaison Desk (reportlab)",
            keywords=["HMICFRS", h.committee, h.force_name],
            initialFontName=REGULAR,
            initialFontSize=11,
            displayDocTitle=1,
            lang="en-GB",
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            TEXT_WIDTH,
            A4[1] - MARGIN_TOP - MARGIN_BOTTOM,
            id="text",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate("page", frames=[frame])])

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _Bookmark):
            top = self.frame._y + 16  # a little above the heading that follows
            self.canv.bookmarkPage(flowable.key, fit="XYZ", left=0, top=top)
            self.canv.addOutlineEntry(flowable.title, flowable.key, flowable.level, closed=False)


def _canvas_maker(paper: Paper) -> type[Canvas]:
    """A canvas that draws the marking and "Page X of Y" on every page; the total is a form
    XObject filled in once the last page is known, so the text is laid out only once."""
    h = paper.header
    marking = h.protective_marking
    left = " · ".join(
        part
        for part in (
            f"Agenda Item {h.agenda_item}" if h.agenda_item else "",
            h.committee,
            long_date(h.meeting_date),
        )
        if part
    )

    class _Canvas(Canvas):
        def showPage(self) -> None:
            self._furniture()
            super().showPage()

        def _furniture(self) -> None:
            width, height = A4
            self.saveState()
            self.setFillColor(INK)
            if marking:
                self.setFont(BOLD, 10)
                self.drawCentredString(width / 2, height - 12 * mm, marking)
                self.drawCentredString(width / 2, 8 * mm, marking)
            self.setStrokeColor(colors.HexColor("#999999"))
            self.setLineWidth(0.4)
            self.line(MARGIN_X, 16.5 * mm, width - MARGIN_X, 16.5 * mm)
            self.setFont(REGULAR, 8.5)
            self.setFillColor(QUIET)
            self.drawString(MARGIN_X, 12.5 * mm, left)
            label = f"Page {self.getPageNumber()} of "
            slot = self.stringWidth("Page 999 of 999", REGULAR, 8.5)
            x = width - MARGIN_X - slot
            self.drawString(x, 12.5 * mm, label)
            self.saveState()
            self.translate(x + self.stringWidth(label, REGULAR, 8.5), 12.5 * mm)
            self.doForm(TOTAL_FORM)
            self.restoreState()
            self.restoreState()

        def save(self) -> None:
            total = self.getPageNumber() - 1
            self.beginForm(TOTAL_FORM)
            self.setFont(REGULAR, 8.5)
            self.setFillColor(QUIET)
            self.drawString(0, 0, str(total))
            self.endForm()
            super().save()

    return _Canvas


class _Story:
    """Turns the paper model into flowables."""

    def __init__(self, paper: Paper, styles: dict[str, ParagraphStyle]) -> None:
        self.paper = paper
        self.s = styles
        self._keys = 0

    def flowables(self) -> list[Flowable]:
        out: list[Flowable] = self._masthead()
        for section in self.paper.sections:
            out += self._section(section)
        out += self._contact()
        return out

    def _key(self) -> str:
        self._keys += 1
        return f"b{self._keys}"

    def _masthead(self) -> list[Flowable]:
        h, s = self.paper.header, self.s
        out: list[Flowable] = [Paragraph(_esc(h.organisation), s["org"])]
        if h.agenda_item:
            out.append(Paragraph(_esc(f"Agenda Item {h.agenda_item}"), s["agenda"]))
        out += [
            Paragraph(_esc(h.committee.upper()), s["committee"]),
            Paragraph(_esc(long_date(h.meeting_date)), s["date"]),
            Paragraph(_esc(h.title), s["title"]),
        ]
        return out

    def _section(self, section: Section) -> list[Flowable]:
        title = f"{section.number}. {section.title}"
        out: list[Flowable] = [
            CondPageBreak(40 * mm),
            _Bookmark(title, self._key(), 0),
            Paragraph(_esc(title), self.s["h1"]),
        ]
        for block in section.blocks:
            out += self._block(block)
        return out

    def _block(self, block: Block) -> list[Flowable]:
        s = self.s
        if isinstance(block, Para):
            return [Paragraph(_runs(block.runs), s[block.style])]
        if isinstance(block, Subheading):
            style = s["h2"] if block.level <= 2 else s["h3"]
            out: list[Flowable] = []
            if block.level <= 2:
                out += [CondPageBreak(30 * mm), _Bookmark(block.text, self._key(), 1)]
            return [*out, Paragraph(_esc(block.text), style)]
        if isinstance(block, ItemList):
            return self._list(block)
        if isinstance(block, Table):
            return [self._table(block), Spacer(1, 8)]
        if isinstance(block, FindingText):
            return self._finding(block)
        raise TypeError(f"no PDF drawing for {type(block).__name__}")

    def _list(self, block: ItemList, indent: float = 0) -> list[Flowable]:
        style = ParagraphStyle(
            "li", parent=self.s["item"], leftIndent=20 + indent, bulletIndent=4 + indent
        )
        out: list[Flowable] = []
        for i, item in enumerate(block.items):
            bullet = f"{_letter(i)})" if block.style == "letter" else "•"
            out.append(Paragraph(_runs(item.runs), style, bulletText=bullet))
        return out

    def _finding(self, block: FindingText) -> list[Flowable]:
        indent = 16 if block.child else 0
        ref = ParagraphStyle("ref_i", parent=self.s["ref"], leftIndent=indent)
        body = ParagraphStyle("body_i", parent=self.s["body"], leftIndent=indent)
        head = f"{_esc(block.reference)}"
        if block.detail:
            head += (
                f'  <font name="{REGULAR}" size="9.5" color="#555555">{_esc(block.detail)}</font>'
            )
        # A reference keeps a few lines of its text below it, without holding a long text
        # back to the next page as keepWithNext would.
        out: list[Flowable] = [CondPageBreak(22 * mm), Paragraph(head, ref)]
        for part in block.body:
            if isinstance(part, ItemList):
                out += self._list(part, indent)
            else:
                out.append(Paragraph(_runs(part.runs), body))
        return out

    def _table(self, block: Table) -> RLTable:
        s = self.s
        widths = [TEXT_WIDTH * f for f in block.widths]

        def cell(text: str, col: int, head: bool, total: bool) -> Paragraph:
            numeric = col in block.numeric
            if head:
                return Paragraph(_esc(text), s["cell_head_num" if numeric else "cell_head"])
            markup = f"<b>{_esc(text)}</b>" if total else _esc(text)
            return Paragraph(markup, s["cell_num" if numeric else "cell"])

        data = [[cell(t, c, True, False) for c, t in enumerate(block.header)]]
        last = len(block.rows) - 1
        for r, row in enumerate(block.rows):
            total = block.total_row and r == last
            data.append([cell(t, c, False, total) for c, t in enumerate(row)])
        style = [
            # Cells are paragraphs, but the table still selects its cell font (Helvetica by
            # default) on the page: name ours so nothing unembedded is referenced.
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ]
        if block.total_row and block.rows:
            style.append(("LINEABOVE", (0, -1), (-1, -1), 1.2, RULE))
        return RLTable(
            data,
            colWidths=widths,
            repeatRows=1,
            splitByRow=1,
            splitInRow=1,
            hAlign="LEFT",
            style=RLTableStyle(style),
        )

    def _contact(self) -> list[Flowable]:
        c, s = self.paper.contact, self.s
        left = [
            Paragraph("CONTACT OFFICER", s["cell_head"]),
            Spacer(1, 4),
            Paragraph(f"<b>Name:</b> {_esc(c.name or 'To be confirmed')}", s["cell"]),
            Paragraph(f"<b>Title:</b> {_esc(c.title)}", s["cell"]),
        ]
        right: list[Flowable] = [Paragraph("BACKGROUND DOCUMENTS", s["cell_head"]), Spacer(1, 4)]
        listed = ParagraphStyle("listed", parent=s["cell"], spaceAfter=4)
        right += [Paragraph(_esc(line), listed) for line in c.background]
        table = RLTable(
            [[left, right]],
            colWidths=[TEXT_WIDTH * 0.45, TEXT_WIDTH * 0.55],
            splitInRow=1,
            hAlign="LEFT",
            style=RLTableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ]
            ),
        )
        return [
            Spacer(1, 14),
            CondPageBreak(35 * mm),
            _Bookmark("Contact officer and background documents", self._key(), 0),
            table,
        ]


def _esc(text: str) -> str:
    return escape(text)


def _runs(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        text = _esc(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


def _letter(i: int) -> str:
    return ascii_lowercase[i % 26] * (i // 26 + 1)
