"""Dates as people type and publish them: "27/06/2024", "27 June 2024", "31 July 2024"."""

from __future__ import annotations

import calendar
import re
from datetime import date

from app.formatting import MONTHS

_MONTH_NUMBERS = {name.lower(): n for n, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBERS.update({name[:3].lower(): n for n, name in enumerate(MONTHS, start=1)})
_MONTH_NUMBERS["sept"] = 9

MONTH_PATTERN = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(
    rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_PATTERN})\s*,?\s*(\d{{4}})$", re.IGNORECASE
)

EXAMPLE = "27/06/2024 or 27 June 2024"


def month_number(word: str) -> int | None:
    """1-12 for a month name or its abbreviation ("Sept", "July"), else None."""
    word = word.lower().rstrip(".")
    if word in _MONTH_NUMBERS:
        return _MONTH_NUMBERS[word]
    matches = [n for n, name in enumerate(MONTHS, start=1) if name.lower().startswith(word)]
    return matches[0] if len(word) >= 3 and len(matches) == 1 else None


def parse_typed_date(text: str) -> date | None:
    """The date a person typed (day first, as in Britain); None for an empty field.

    Raises ValueError with a message that says how to write the date.
    """
    cleaned = " ".join(text.strip().split())
    if not cleaned:
        return None
    try:
        if match := _NUMERIC.match(cleaned):
            day, month, year = (int(part) for part in match.groups())
            if year < 100:
                year += 2000
            return date(year, month, day)
        if match := _ISO.match(cleaned):
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)
        if match := _WORDS.match(cleaned):
            month = month_number(match.group(2))
            if month is not None:
                return date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        raise ValueError(f"“{cleaned}” is not a real date") from None
    raise ValueError(f"“{cleaned}” is not a date; write it like {EXAMPLE}")


def end_of_month(year: int, month: int) -> date:
    """The last day of a month: what "by March 2015" means."""
    return date(year, month, calendar.monthrange(year, month)[1])
