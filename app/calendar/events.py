"""Calendar events as plain values: what happens, on which days, from which record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum


class EventType(StrEnum):
    """The kinds of date the calendar shows, in legend order."""

    FIELDWORK = "fieldwork"
    REVISIT = "revisit"
    HOT_DEBRIEF = "hot_debrief"
    EXPECTED_PUBLICATION = "expected_publication"
    PUBLICATION = "publication"
    PCC_RESPONSE_DUE = "pcc_response_due"
    FINDING_DUE = "finding_due"
    COMMITTEE_MEETING = "committee_meeting"
    OVERSIGHT_BOARD = "oversight_board"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def order(self) -> int:
        """Position in the legend; also breaks ties between events of one day."""
        return list(EventType).index(self)


_LABELS = {
    EventType.FIELDWORK: "Inspection fieldwork",
    EventType.REVISIT: "Re-visit",
    EventType.HOT_DEBRIEF: "Hot debrief",
    EventType.EXPECTED_PUBLICATION: "Expected publication",
    EventType.PUBLICATION: "Report published",
    EventType.PCC_RESPONSE_DUE: "PCC s55 response due",
    EventType.FINDING_DUE: "Finding due",
    EventType.COMMITTEE_MEETING: "Committee meeting",
    EventType.OVERSIGHT_BOARD: "Oversight board",
}


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One dated item; ``end`` is inclusive, so a one-day item has ``start == end``."""

    id: str
    type: EventType
    title: str
    start: date
    end: date
    entity: str
    entity_id: str
    detail: str = ""
    start_time: time | None = None
    end_time: time | None = None
    cancelled: bool = False
    done: bool = False
    overdue: bool = False

    @property
    def all_day(self) -> bool:
        """True for date-only items (everything but a timed meeting)."""
        return self.start_time is None

    @property
    def colour_key(self) -> str:
        """The key the views use to pick the type's colour and glyph."""
        return self.type.value

    @property
    def days(self) -> int:
        """How many days the item covers."""
        return (self.end - self.start).days + 1

    @property
    def multi_day(self) -> bool:
        return self.end > self.start

    def covers(self, day: date) -> bool:
        """True when the item falls on ``day``."""
        return self.start <= day <= self.end

    def overlaps(self, first: date, last: date) -> bool:
        """True when the item touches the days ``first`` to ``last`` (inclusive)."""
        return self.start <= last and self.end >= first


def event_id(event_type: EventType, entity_id: str) -> str:
    """The stable id of the event of ``event_type`` drawn from one record."""
    return f"{event_type.value}:{entity_id}"


@dataclass(frozen=True, slots=True)
class CalendarFilter:
    """Which events to show. An empty ``types`` means every type."""

    types: frozenset[EventType] = frozenset()
    overdue_findings_only: bool = False
    finding_owner_id: str | None = None
    include_cancelled: bool = False

    def shows(self, event_type: EventType) -> bool:
        """True when events of ``event_type`` pass the type filter."""
        return not self.types or event_type in self.types


@dataclass(frozen=True, slots=True)
class Revision:
    """How often, and when last, the record behind an event changed (for iCalendar)."""

    sequence: int
    created: datetime | None  # naive UTC; None when the change log holds nothing
    modified: datetime | None
