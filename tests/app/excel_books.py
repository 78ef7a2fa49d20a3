"""Workbooks the import tests build: trackers in the layouts liaison offices really keep."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl


def tracker_a(path: Path) -> Path:
    """A force tracker: title row merged across, a blank row, then the header on row 3;
    the report named once and merged down; Excel dates and "31st July 2024" style text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tracker"
    ws["A1"] = "HMICFRS recommendations tracker — OFFICIAL"
    ws.merge_cells("A1:J1")
    ws.append([])
    ws.append(
        [
            "Ref",
            "Report",
            "Type",
            "HMIC Level",
            "Recommendation",
            "Lead",
            "Target Date",
            "RAG",
            "Status",
            "Update",
        ]
    )
    ws.append(
        [
            "Rec 1",
            "PEEL 2023",
            "Recommendation",
            "L2",
            "Improve custody reviews",
            "Jane Smith",
            date(2024, 7, 31),
            "Amber",
            "Ongoing",
            "Audit booked",
        ]
    )
    ws.append(
        [
            "AFI 2",
            None,
            "AFI",
            "Level 3",
            "Improve call handling",
            "Bob Jones",
            "31st July 2024",
            "G",
            "Complete",
            None,
        ]
    )
    ws.merge_cells("B4:B5")
    ws.append([])
    ws.append(
        [
            "CoC 1",
            "Vetting 2024",
            "Cause of concern",
            "4",
            "Clear the vetting backlog",
            "Jane Smith",
            "With immediate effect",
            "Red",
            "Submitted to DCC",
            None,
        ]
    )
    wb.save(path)
    return path


def tracker_b(path: Path) -> Path:
    """Another office's words: "Reference", "Area for Improvement", "Level 2", "Owner",
    "Due", ISO and dd/mm/yy dates, a formula whose value is used, status "Not started"."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Recs"
    ws.append(
        [
            "Reference",
            "Report title",
            "Finding type",
            "Monitoring level",
            "Description",
            "Owner",
            "Department",
            "Due",
            "Current status",
            "Date closed",
            "Closed by",
        ]
    )
    ws.append(
        [
            "R1",
            "Custody 2022",
            "Area for Improvement",
            "Level 2",
            "Improve handovers",
            "Ann Lee",
            "Custody",
            "2024-07-31",
            "Not started",
            None,
            None,
        ]
    )
    ws.append(
        [
            "R2",
            "Custody 2022",
            "Recommendation",
            "2",
            "Review strip searches",
            "Ann Lee",
            "Custody",
            "31/07/24",
            "Closed",
            "01/03/2024",
            "Force",
        ]
    )
    ws.append(
        [
            "R3",
            "Custody 2022",
            "Recommendation",
            "L4",
            '="Report "&"quarterly"',
            None,
            "Custody",
            None,
            "In progress",
            None,
            None,
        ]
    )
    wb.save(path)
    # Excel keeps a formula's last value next to it; openpyxl cannot, so put it in by hand.
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    # openpyxl writes an empty value as <v />, <v/> or <v></v> depending on whether lxml
    # is installed; match all three.
    sheet = sheet.replace('<c r="E4"><f>', '<c r="E4" t="str"><f>')
    sheet = re.sub(r"</f><v\s*/>|</f><v></v>", "</f><v>Report quarterly</v>", sheet, count=1)
    assert "Report quarterly" in sheet
    tmp = path.with_suffix(".tmp")
    path.rename(tmp)
    replace_part(tmp, path, "xl/worksheets/sheet1.xml", sheet.encode())
    tmp.unlink()
    return path


def csv_tracker(path: Path) -> Path:
    """A semicolon CSV saved from Excel with a BOM and Windows line ends."""
    text = (
        "Ref;Report;Recommendation;Level;Status;Due\r\n"
        "1;Crime data 2023;Record crimes within 24 hours;L3;Ongoing;31 July 2024\r\n"
        "2;Crime data 2023;Audit cancelled crimes;L3;Complete;July 2024\r\n"
    )
    path.write_bytes(text.encode("utf-8-sig"))
    return path


def replace_part(source: Path, target: Path, part: str, data: bytes) -> Path:
    """A copy of a workbook with one part's content replaced."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, data if item.filename == part else src.read(item.filename))
    return target


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "' + (f"&lol{i - 1};" if i > 1 else "&lol;") * 10 + '">'
        for i in range(1, 10)
    )
    + "]>"
)
