"""CSV export: UTF-8 with a byte-order mark (so Excel reads accents), dates as ISO, formula-safe."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from app.exports.table import Column, ColumnType, Progress, is_formula_like


def write_csv(
    path: Path,
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    *,
    total: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Write a header line and one line per row; returns the number of rows."""
    kinds = [c.type for c in columns]
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([safe_text(c.header) for c in columns])
        for row in rows:
            writer.writerow([_cell(v, kinds[i]) for i, v in enumerate(row)])
            count += 1
            if progress and count % 5000 == 0:
                progress(count, total or count)
    if progress:
        progress(count, total or count)
    return count


def _cell(value: object, kind: ColumnType) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if kind is ColumnType.NUMBER and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return safe_text(str(value))


def safe_text(text: str) -> str:
    """Text a spreadsheet will not run as a formula: a leading = + - @ gets a quote before it."""
    return "'" + text if is_formula_like(text) else text
