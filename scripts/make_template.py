"""Write resources/templates/liaison-desk-import-template.xlsx: python scripts/make_template.py

The template's columns are the import's fields (app/importer/fields.py), with dropdowns for
the words the import knows, two example rows and an Instructions sheet. Re-run it when the
fields change; a test checks the committed file still maps every column.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Font, PatternFill  # noqa: E402
from openpyxl.worksheet.datavalidation import DataValidation  # noqa: E402

from app.domain.enums import ClosedBy, Kind, Level, Rag, Status  # noqa: E402
from app.importer.fields import BY_KEY  # noqa: E402
from app.importer.template import TEMPLATE  # noqa: E402

# (field key, header, width, example 1, example 2)
COLUMNS = (
    ("report", "Report", 36, "PEEL 2023–25: an inspection of the force", "Vetting 2024"),
    ("report_published", "Report published", 16, date(2024, 4, 12), date(2024, 11, 2)),
    ("reference", "Reference", 16, "AFI 3", "Recommendation 2"),
    ("kind", "Kind", 22, Kind.AFI.label, Kind.RECOMMENDATION.label),
    (
        "text",
        "Finding text",
        60,
        "The force should improve how it supervises investigations.",
        "By 31 July 2025, chief constables should review their vetting backlog.",
    ),
    ("level", "Level", 10, Level.L2.label, Level.L3.label),
    ("status", "Status", 20, Status.IN_PROGRESS.label, Status.OPEN.label),
    ("rag", "RAG", 8, Rag.AMBER.label, ""),
    ("owner", "Owner", 22, "Supt Jane Smith", "DCI Sam Patel"),
    ("department", "Department", 20, "Public Protection", "Professional Standards"),
    ("chief_officer_lead", "Chief officer lead", 20, "ACC Crime", "DCC"),
    ("due", "Due", 18, date(2025, 3, 31), "With immediate effect"),
    ("update", "Latest update", 50, "Supervision audit booked for March.", ""),
    ("update_on", "Update date", 14, date(2025, 1, 20), ""),
    ("applies", "Applies to force", 12, "Yes", "Yes"),
    ("not_applicable_reason", "Reason not applicable", 24, "", ""),
    ("addressee", "Addressee", 20, "", "Chief constables"),
    ("cc_letter_ref", "CC letter reference", 18, "", ""),
    ("cc_letter_on", "CC letter date", 14, "", ""),
    ("submitted_on", "Submitted on", 14, "", ""),
    ("closed_on", "Closed on", 14, "", ""),
    ("closed_by", "Closed by", 12, "", ""),
)
CHOICES = {
    "kind": [k.label for k in Kind],
    "level": [lv.label for lv in Level],
    "status": [s.label for s in Status],
    "rag": [r.label for r in Rag],
    "applies": ["Yes", "No"],
    "closed_by": [c.label for c in ClosedBy],
}


def build(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Findings"
    header_font = Font(bold=True)
    fill = PatternFill("solid", fgColor="D9E1F2")
    for col, (_key, header, width, *_examples) in enumerate(COLUMNS, 1):
        cell = sheet.cell(1, col, header)
        cell.font, cell.fill = header_font, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[cell.column_letter].width = width
    for row in (2, 3):
        for col, column in enumerate(COLUMNS, 1):
            value = column[row + 1]
            cell = sheet.cell(row, col, value if value != "" else None)
            if isinstance(value, date):
                cell.number_format = "d mmmm yyyy"
            cell.alignment = Alignment(vertical="top", wrap_text=column[2] >= 36)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{sheet.cell(1, len(COLUMNS)).column_letter}3"
    for col, (key, *_rest) in enumerate(COLUMNS, 1):
        if key in CHOICES:
            letter = sheet.cell(1, col).column_letter
            rule = DataValidation(
                type="list", formula1='"' + ",".join(CHOICES[key]) + '"', allow_blank=True
            )
            rule.errorStyle = "warning"
            rule.add(f"{letter}2:{letter}5000")
            sheet.add_data_validation(rule)
    notes = book.create_sheet("Instructions")
    notes.column_dimensions["A"].width = 24
    notes.column_dimensions["B"].width = 90
    notes["A1"] = "Liaison Desk import template"
    notes["A1"].font = Font(bold=True, size=14)
    notes["A2"] = (
        "One finding per row on the Findings sheet; delete the two examples. Only “Finding "
        "text” is required. Import it with File → Import from Excel… (or `liaison-desk import "
        "FILE`): you will see every row as it will be imported before anything is written."
    )
    notes["A2"].alignment = Alignment(wrap_text=True)
    notes.merge_cells("A2:B2")
    notes.row_dimensions[2].height = 48
    notes["A4"], notes["B4"] = "Column", "What it takes"
    notes["A4"].font = notes["B4"].font = header_font
    for row, (key, header, *_rest) in enumerate(COLUMNS, 5):
        field = BY_KEY[key]
        notes.cell(row, 1, header).alignment = Alignment(vertical="top")
        words = f" Words: {', '.join(CHOICES[key])}." if key in CHOICES else ""
        other = ", ".join(f"“{a}”" for a in field.aliases[:6] if a != header.lower())
        text = (field.help or field.label) + words
        if other:
            text += f" Also recognised as: {other}."
        notes.cell(row, 2, text).alignment = Alignment(wrap_text=True, vertical="top")
    end = len(COLUMNS) + 6
    notes.cell(end, 1, "Dates").font = header_font
    notes.cell(
        end,
        2,
        "Any common form: a date cell, 31/07/2024, 31/07/24, 31st July 2024, "
        "2024-07-31; for Due also “With immediate effect”.",
    ).alignment = Alignment(wrap_text=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def main() -> int:
    target = ROOT / "resources" / Path(*TEMPLATE)
    build(target)
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
