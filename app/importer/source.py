"""Reading a tracker file (.xlsx, .xlsm, .xls, .ods or .csv) into plain rows, refusing unsafe files.

Workbooks are read by calamine (a Rust reader): values, never formulas; dates as dates; it
never expands XML entity declarations. Before it runs, a zip container is checked for
oversized or over-compressed parts and any XML part with a DTD is refused outright, so an
"XML bomb" is turned away with a clear message instead of being parsed.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

Progress = Callable[[int, int], None]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv", ".txt")
MAX_UNPACKED = 1 << 30  # 1 GiB of XML is far beyond any real tracker
MAX_RATIO = 150  # deflated XML is usually 5–25 times smaller; bombs are thousands
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE container: encrypted OOXML, or old .xls
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)


class ImportFileError(Exception):
    """The file cannot be read; the message says why, for a person."""


@dataclass(frozen=True)
class SheetData:
    """The cells of one sheet: ``rows[i]`` is spreadsheet row i + 1, every row the same width."""

    name: str
    rows: list[list[object]]
    merged_filled: int = 0  # cells given the value of the merged range they sit in

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


def sheet_names(path: Path) -> list[str]:
    """The visible sheets of a workbook (one pseudo-sheet for a CSV file)."""
    suffix = _suffix(path)
    if suffix not in WORKBOOK_SUFFIXES:
        return [path.stem]
    return _visible(_open_workbook(path, suffix))


def _visible(book) -> list[str]:  # type: ignore[no-untyped-def]
    names = [
        meta.name
        for meta in book.sheets_metadata
        if "Visible" in str(meta.visible) and "WorkSheet" in str(meta.typ)
    ]
    return names or list(book.sheet_names)


def read_sheet(path: Path, sheet: str | None = None) -> SheetData:
    """Every cell of one sheet (the first visible one when ``sheet`` is None)."""
    suffix = _suffix(path)
    if suffix not in WORKBOOK_SUFFIXES:
        return _read_csv(path)
    book = _open_workbook(path, suffix)
    names = _visible(book)
    name = sheet or (names[0] if names else None)
    if name is None or name not in book.sheet_names:
        raise ImportFileError(f"the workbook has no sheet called “{sheet}”")
    try:
        data = book.get_sheet_by_name(name)
        # Absolute positions from A1, so row numbers in messages are the sheet's own.
        raw_rows = data.to_python(skip_empty_area=False)
        width = max((len(r) for r in raw_rows), default=0)
        rows: list[list[object]] = [
            [
                # _cell(v), without a call for the cells that are most of a sheet
                (v.strip() or None) if type(v) is str else v if v is None else _cell(v)
                for v in raw
            ]
            + [None] * (width - len(raw))
            for raw in raw_rows
        ]
        merged = list(data.merged_cell_ranges or [])
    except Exception as exc:  # calamine raises its own types for damaged parts
        raise ImportFileError(f"the sheet “{name}” could not be read ({_reason(exc)})") from exc
    return SheetData(name, rows, _fill_merged_down(rows, merged))


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportFileError(
            f"{path.name} is not a spreadsheet this import reads (.xlsx, .xls, .ods or .csv)"
        )
    if not path.is_file():
        raise ImportFileError(f"{path} does not exist")
    return suffix


def _open_workbook(path: Path, suffix: str):  # type: ignore[no-untyped-def]
    from python_calamine import CalamineWorkbook, PasswordError

    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _CFB and suffix != ".xls":
        raise ImportFileError(
            f"{path.name} is password-protected (encrypted). Open it in Excel, remove the "
            "password (File → Info → Protect Workbook), save, and import it again."
        )
    if suffix in (".xlsx", ".xlsm", ".ods"):
        check_container(path)
    try:
        return CalamineWorkbook.from_path(str(path))
    except PasswordError as exc:
        raise ImportFileError(
            f"{path.name} is password-protected. Remove the password in Excel and try again."
        ) from exc
    except Exception as exc:
        raise ImportFileError(
            f"{path.name} is damaged or not really a {suffix} workbook ({_reason(exc)})"
        ) from exc


def check_container(path: Path) -> None:
    """Refuse a zip-based workbook that is not a zip, unpacks too large, or declares a DTD."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError(
            f"{path.name} is damaged or not really a workbook (it is not a valid zip package)"
        ) from exc
    with archive:
        members = archive.infolist()
        total = sum(m.file_size for m in members)
        if total > MAX_UNPACKED:
            raise ImportFileError(f"{path.name} unpacks to more than 1 GB; it was not read")
        for member in members:
            packed = max(member.compress_size, 1)
            if member.file_size > (1 << 20) and member.file_size / packed > MAX_RATIO:
                raise ImportFileError(
                    f"{path.name} holds a part compressed {member.file_size // packed}:1 "
                    "(a “zip bomb” pattern); it was not read"
                )
            if member.filename.endswith((".xml", ".rels")):
                _refuse_dtd(archive, member, path.name)


def _refuse_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> None:
    tail = b""
    try:
        with archive.open(member) as part:
            while chunk := part.read(1 << 20):
                window = tail + chunk
                if any(marker in window for marker in _DTD_MARKERS):
                    raise ImportFileError(
                        f"{name} contains XML entity declarations (an “XML bomb” pattern) in "
                        f"{member.filename}; it was not read"
                    )
                tail = window[-32:]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        if isinstance(exc, ImportFileError):
            raise
        raise ImportFileError(f"{name} is damaged ({member.filename}: {_reason(exc)})") from exc


def _cell(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, datetime) and value.time() == time():
        return value.date()
    if isinstance(value, timedelta | time):
        return str(value)
    return value


def _fill_merged_down(rows: list[list[object]], ranges: list) -> int:  # type: ignore[type-arg]
    """Give the cells below a vertically merged cell its value (a report named once for many
    rows); horizontal merges (titles, section headings) are left as they are."""
    filled = 0
    for (top, left), (bottom, _right) in ranges:
        if bottom <= top or top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top + 1, min(bottom, len(rows) - 1) + 1):
            if rows[r][left] is None:
                rows[r][left] = value
                filled += 1
    return filled


def _read_csv(path: Path) -> SheetData:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text[:4096]:
        raise ImportFileError(f"{path.name} is not a text (CSV) file")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:65536], delimiters=",;\t|"
        )
    except csv.Error:
        dialect = csv.excel
    try:
        rows: list[list[object]] = [
            [(cell.strip() or None) for cell in row]
            for row in csv.reader(io.StringIO(text), dialect)
        ]
    except csv.Error as exc:
        raise ImportFileError(f"{path.name} is not a readable CSV file ({exc})") from exc
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        row.extend([None] * (width - len(row)))
    return SheetData(path.stem, rows)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
