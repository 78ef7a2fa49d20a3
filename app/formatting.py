"""Dates and numbers the British way, independent of the process locale."""

from __future__ import annotations

from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date | None) -> str:
    """27 June 2024."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date | None) -> str:
    """27/06/2024."""
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year}"


def parse_iso_date(text: str) -> date:
    """A YYYY-MM-DD date, or ValueError with a message a person understands."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a date; write it as YYYY-MM-DD") from None
