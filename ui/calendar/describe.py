"""Events in words: for tooltips, screen readers and the agenda."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from app.calendar.events import CalendarEvent
from app.formatting import MONTHS, long_date


def _tr(text: str) -> str:
    return QCoreApplication.translate("Calendar", text)


def when(event: CalendarEvent) -> str:
    """ "12 April 2024", "25 March 2024 to 5 April 2024", or with the time of a meeting."""
    if event.multi_day:
        text = _tr("{start} to {end}").format(
            start=long_date(event.start), end=long_date(event.end)
        )
    else:
        text = long_date(event.start)
    if event.start_time is not None:
        text += f", {event.start_time:%H:%M}"
        if event.end_time is not None:
            text += f"–{event.end_time:%H:%M}"
    return text


def date_span(first: date, last: date) -> str:
    """ "1 September to 26 October 2023", or with both years when they differ."""
    if first.year != last.year:
        return _tr("{first} to {last}").format(first=long_date(first), last=long_date(last))
    return _tr("{first} to {last}").format(
        first=f"{first.day} {MONTHS[first.month - 1]}", last=long_date(last)
    )


def describe_event(event: CalendarEvent) -> str:
    """One sentence a person (or a screen reader) can take in at once."""
    parts = [f"{event.type.label}: {event.title}", when(event)]
    if event.detail:
        parts.append(event.detail)
    if event.overdue:
        parts.append(_tr("Overdue"))
    if event.done:
        parts.append(_tr("Done"))
    if event.cancelled:
        parts.append(_tr("Cancelled"))
    return ". ".join(parts) + "."
