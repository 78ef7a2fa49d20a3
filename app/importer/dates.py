"""Dates as trackers write them: cells, serials, "31st July 2024", "31/07/24", "Immediately"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.formatting import MONTHS

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1 January 1900 (Excel's leap-year bug included)
_SERIAL_RANGE = (18264, 73051)  # 1950-01-01 .. 2099-12-31: numbers outside are not dates

_MONTHS = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
_MONTHS.update({name[:3].lower(): i + 1 for i, name in enumerate(MONTHS)})
_MONTHS["sept"] = 9

IMMEDIATE_WORDS = frozenset(
    {"with immediate effect", "immediate", "immediately", "immediate effect", "asap", "now"}
)
NO_DATE_WORDS = frozenset(
    {"", "n/a", "na", "none", "-", "--", "tbc", "tba", "tbd", "ongoing", "not set", "unknown", "?"}
)

_ORDINAL = re.compile(r"(\d+)(st|nd|rd|th)\b", re.IGNORECASE)
_NUMERIC = re.compile(r"^(\d{1,4})[/\-.](\d{1,2})[/\-.](\d{1,4})$")
_WORDY_DMY = re.compile(r"^(\d{1,2}) ([a-z]+),? (\d{2,4})$")
_WORDY_MDY = re.compile(r"^([a-z]+) (\d{1,2}),? (\d{2,4})$")
_MONTH_YEAR = re.compile(r"^([a-z]+)[ \-/](\d{2,4})$")


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """What a cell says about a date: a day, "immediately", nothing, or a problem."""

    day: date | None = None
    immediate: bool = False
    warning: str = ""
    error: str = ""


def parse_date(value: object) -> ParsedDate:
    """Read a date cell the British way (day before month); never raises."""
    if value is None:
        return ParsedDate()
    if isinstance(value, datetime):
        return ParsedDate(value.date())
    if isinstance(value, date):
        return ParsedDate(value)
    if isinstance(value, bool):
        return ParsedDate(error=f"“{value}” is not a date")
    if isinstance(value, int | float):
        return _from_serial(float(value), str(value))
    text = " ".join(str(value).replace("\u00a0", " ").split()).strip()
    lowered = text.lower().rstrip(".")
    if lowered in NO_DATE_WORDS:
        return ParsedDate()
    if lowered in IMMEDIATE_WORDS or lowered.startswith("with immediate"):
        return ParsedDate(immediate=True)
    if re.fullmatch(r"\d+(\.\d+)?", lowered):
        return _from_serial(float(lowered), text)
    parsed = _from_text(lowered)
    if parsed is not None:
        return parsed
    return ParsedDate(error=f"“{text}” is not a date this import understands")


def _from_serial(number: float, shown: str) -> ParsedDate:
    if not _SERIAL_RANGE[0] <= number <= _SERIAL_RANGE[1]:
        return ParsedDate(error=f"“{shown}” is not a date")
    return ParsedDate(EXCEL_EPOCH + timedelta(days=int(number)))


def _from_text(text: str) -> ParsedDate | None:
    text = _ORDINAL.sub(r"\1", text).replace(",", ", ").replace("  ", " ")
    text = re.sub(r"\s*,\s*", " ", text).strip()
    # Drop a time of day ("31/07/2024 00:00:00", "2024-07-31T09:00").
    text = re.sub(r"[ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", text)
    match = _NUMERIC.match(text)
    if match:
        return _numeric(*(int(part) for part in match.groups()), text)
    match = _WORDY_DMY.match(text)
    if match and match.group(2) in _MONTHS:
        return _make(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)), text)
    match = _WORDY_MDY.match(text)
    if match and match.group(1) in _MONTHS:
        return _make(int(match.group(3)), _MONTHS[match.group(1)], int(match.group(2)), text)
    match = _MONTH_YEAR.match(text)
    if match and match.group(1) in _MONTHS:
        year, month = _year(int(match.group(2))), _MONTHS[match.group(1)]
        last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
        made = _make(year, month, last, text)
        if made.day is not None:
            return ParsedDate(made.day, warning=f"“{text}” has no day: read as the month's end")
        return made
    return None


def _numeric(a: int, b: int, c: int, text: str) -> ParsedDate:
    if a > 31:  # 2024-07-31
        return _make(a, b, c, text)
    if b > 12 and a <= 12:  # 07/31/2024: month first, as an American sheet writes it
        made = _make(_year(c), a, b, text)
        if made.day is not None:
            return ParsedDate(made.day, warning=f"“{text}” read month first")
        return made
    return _make(_year(c), b, a, text)


def _year(year: int) -> int:
    if year >= 100:
        return year
    return 2000 + year if year < 70 else 1900 + year


def _make(year: int, month: int, day: int, text: str) -> ParsedDate:
    try:
        return ParsedDate(date(_year(year), month, day))
    except ValueError:
        return ParsedDate(error=f"“{text}” is not a real date")
