"""A table to export: typed columns and plain rows, written as .xlsx or .csv by file extension."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

Progress = Callable[[int, int], None]


class ColumnType(StrEnum):
    """How a column's cells are written."""

    TEXT = "text"  # always a text cell, never a formula
    DATE = "date"  # a real date cell; a str in such a column is written as text
    NUMBER = "number"
    LONG_TEXT = "long_text"  # wrapped, wide


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its key, the header a person reads, and its type."""

    key: str
    header: str
    type: ColumnType = ColumnType.TEXT
    width: float | None = None  # characters; None: from the content


class ExportError(Exception):
    """The file could not be written; the message says why."""


EXPORT_SUFFIXES = (".xlsx", ".csv")


def write_table(
    path: Path,
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    *,
    title: str = "Export",
    total: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Write ``rows`` under ``columns`` to ``path`` (.xlsx or .csv); returns the rows written.

    The file is written next to its final name and moved into place only when complete."""
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise ExportError(f"choose a file ending .xlsx or .csv (not “{path.suffix or path.name}”)")
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist")
    partial = path.with_name(f".{path.name}.partial")
    try:
        if suffix == ".xlsx":
            from app.exports.xlsx import write_xlsx

            count = write_xlsx(partial, columns, rows, title=title, total=total, progress=progress)
        else:
            from app.exports.csv_file import write_csv

            count = write_csv(partial, columns, rows, total=total, progress=progress)
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"{path.name} could not be written: {exc.strerror or exc}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_formula_like(text: str) -> bool:
    """True for text a spreadsheet would read as a formula if typed in (CSV, an edited cell)."""
    return text.startswith(FORMULA_STARTS)
