"""Excel import and export at scale: a synthetic tracker of N rows, in and out."""

from __future__ import annotations

import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from app.exports.table import Column, ColumnType, write_table
from app.workspace import Workspace

HEADERS = (
    ("Ref", ColumnType.TEXT),
    ("Report", ColumnType.TEXT),
    ("Type", ColumnType.TEXT),
    ("HMIC Level", ColumnType.TEXT),
    ("Recommendation", ColumnType.LONG_TEXT),
    ("Lead", ColumnType.TEXT),
    ("Department", ColumnType.TEXT),
    ("Target Date", ColumnType.DATE),
    ("RAG", ColumnType.TEXT),
    ("Status", ColumnType.TEXT),
    ("Update", ColumnType.LONG_TEXT),
)
STATUSES = ["Open", "Ongoing", "Ongoing", "Submitted to DCC", "Complete", "Complete"]
KINDS = ["Recommendation", "AFI", "AFI", "Cause of concern"]
_PHRASE = (
    "the force should improve its approach to safeguarding vulnerable people and make sure "
    "that supervisors review risk assessments custody officers victims are kept informed"
)
WORDS = tuple(_PHRASE.split(" "))


def make_tracker(path: Path, rows: int, *, seed: int = 8) -> Path:
    """A tracker workbook in the shape liaison offices keep (Excel dates, their own words)."""
    rng = random.Random(seed)

    def text(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."

    def row(n: int) -> list[object]:
        return [
            f"Recommendation {n % 200 + 1}",
            f"Report {n // 200}",
            rng.choice(KINDS),
            rng.choice(["L1", "L2", "Level 3", "4", "L2"]),
            text(rng.randint(20, 60)),
            f"Officer {rng.randint(1, 300)}",
            f"Department {rng.randint(1, 25)}",
            date(2022, 1, 1) + timedelta(days=rng.randint(0, 1200)),
            rng.choice(["Red", "Amber", "Green", ""]),
            rng.choice(STATUSES),
            text(rng.randint(10, 30)) if rng.random() < 0.5 else "",
        ]

    columns = [Column(h.lower(), h, t) for h, t in HEADERS]
    write_table(path, columns, (row(n) for n in range(rows)), title="Tracker")
    return path


def time_import(path: Path) -> tuple[float, int]:
    """Seconds to read, preview and write the tracker into an empty database; rows added."""
    from app.importer.mapping import ImportMapping
    from app.importer.service import ImportService

    ws = Workspace.open(Path(tempfile.mkdtemp()) / "data")
    try:
        started = time.perf_counter()
        service = ImportService(ws)
        preview = service.preview(path, ImportMapping())
        result = service.write(preview)
        return time.perf_counter() - started, result.added
    finally:
        ws.close()


def time_export(ws: Workspace, path: Path) -> tuple[float, int]:
    """Seconds to export every finding to .xlsx; rows written."""
    from app.exports.views import export_findings

    started = time.perf_counter()
    count = export_findings(ws, path)
    return time.perf_counter() - started, count
