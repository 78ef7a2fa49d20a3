"""Excel import and export at scale: a synthetic tracker of N rows, in and out.

bench/run.py calls these with the rest. On their own (faster, repeated, medians):

    python bench/excel.py [--rows 50000] [--repeat 3] [--data DIR]

``--data`` exports the findings of a data folder built earlier (bench/run.py's); it is opened
as the app opens it (an older schema is upgraded), so point it at a copy of anything precious.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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

    folder = Path(tempfile.mkdtemp())
    ws = Workspace.open(folder / "data")
    try:
        started = time.perf_counter()
        service = ImportService(ws)
        preview = service.preview(path, ImportMapping())
        result = service.write(preview)
        return time.perf_counter() - started, result.added
    finally:
        ws.close()
        shutil.rmtree(folder, ignore_errors=True)  # ~370 MB at 50,000 rows


def time_export(ws: Workspace, path: Path) -> tuple[float, int]:
    """Seconds to export every finding to .xlsx; rows written."""
    from app.exports.views import export_findings

    started = time.perf_counter()
    count = export_findings(ws, path)
    return time.perf_counter() - started, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000, help="tracker rows to import")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, help="export the findings of this data folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())  # the tracker and the exported file
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    tracker = make_tracker(folder / "tracker.xlsx", args.rows)
    runs = []
    for _ in range(args.repeat):
        seconds, added = time_import(tracker)
        assert added == args.rows, added
        runs.append(seconds)
    print(f"import {args.rows:,} rows: median {statistics.median(runs):.2f} s {_runs(runs)}")
    if args.data:
        ws = Workspace.open(args.data, create=False)
        try:
            timed = [time_export(ws, folder / "export.xlsx") for _ in range(args.repeat)]
        finally:
            ws.close()
        runs = [seconds for seconds, _count in timed]
        print(
            f"export {timed[0][1]:,} findings: median {statistics.median(runs):.2f} s {_runs(runs)}"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


def _runs(runs: list[float]) -> str:
    return "(" + ", ".join(f"{r:.2f}" for r in runs) + ")"


if __name__ == "__main__":
    sys.exit(main())
