"""Month-grid arithmetic and lane placement for a month view, free of any drawing code."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.calendar.events import CalendarEvent
from app.calendar.service import sort_key

WEEKS_SHOWN = 6
DAYS_PER_WEEK = 7


def month_grid(year: int, month: int) -> list[date]:
    """The 42 days a month view shows: six Monday-first weeks starting on or before the 1st."""
    first = date(year, month, 1)
    start = first - timedelta(days=first.weekday())
    return [start + timedelta(days=i) for i in range(WEEKS_SHOWN * DAYS_PER_WEEK)]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def days_in_month(year: int, month: int) -> int:
    """28 to 31."""
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an event sits in one week row: a lane and the columns (0 = Monday) it spans."""

    event: CalendarEvent
    lane: int
    first_col: int
    last_col: int
    continues_before: bool
    continues_after: bool

    def covers(self, col: int) -> bool:
        return self.first_col <= col <= self.last_col


def place_week(events: Iterable[CalendarEvent], week_start: date) -> list[Placement]:
    """Give every event touching the week the lowest lane free on all the days it covers.

    Multi-day items go first so that a bar keeps one lane across the week.
    """
    week_end = week_start + timedelta(days=DAYS_PER_WEEK - 1)
    touching = [e for e in events if e.overlaps(week_start, week_end)]
    touching.sort(key=lambda e: (not e.multi_day, *sort_key(e)))
    taken: list[set[int]] = [set() for _ in range(DAYS_PER_WEEK)]
    placed = []
    for event in touching:
        first = max((event.start - week_start).days, 0)
        last = min((event.end - week_start).days, DAYS_PER_WEEK - 1)
        lane = 0
        while any(lane in taken[c] for c in range(first, last + 1)):
            lane += 1
        for c in range(first, last + 1):
            taken[c].add(lane)
        placed.append(
            Placement(event, lane, first, last, event.start < week_start, event.end > week_end)
        )
    return placed


@dataclass(frozen=True, slots=True)
class DayOverflow:
    """What one day cell can show: lanes below ``visible_lanes``, and how many are hidden."""

    visible_lanes: int
    hidden: tuple[CalendarEvent, ...]


def day_overflow(placements: Sequence[Placement], col: int, capacity: int) -> DayOverflow:
    """Lanes a day shows when it has room for ``capacity`` lines; the last line becomes
    "+N more" when the day needs more than that."""
    here = [p for p in placements if p.covers(col)]
    needed = max((p.lane + 1 for p in here), default=0)
    if needed <= capacity:
        return DayOverflow(capacity, ())
    visible = max(capacity - 1, 0)
    hidden = tuple(p.event for p in sorted(here, key=lambda p: p.lane) if p.lane >= visible)
    return DayOverflow(visible, hidden)
