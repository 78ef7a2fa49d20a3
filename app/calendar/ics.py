"""iCalendar (.ics) export for Outlook: all-day items as dates, timed ones in London time."""

from __future__ import annotations

import os
import time as time_module
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import icalendar

from app import __version__
from app.calendar.events import CalendarEvent, CalendarFilter, Revision
from app.calendar.service import CalendarService
from app.calendar.vtimezone import rule_vtimezone

if TYPE_CHECKING:
    from app.workspace import Workspace

TZID = "Europe/London"
LONDON = ZoneInfo(TZID)
UID_DOMAIN = "liaison-desk"


class ExportFailed(Exception):
    """The file could not be written; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    events: int


def event_uid(event: CalendarEvent) -> str:
    """Stable across exports and installations: the record's id and the kind of date."""
    return f"{event.type.value}-{event.entity_id}@{UID_DOMAIN}"


def build_calendar(
    events: Sequence[CalendarEvent],
    revisions: dict[str, Revision],
    *,
    name: str = "Liaison Desk",
    stamp: datetime | None = None,
) -> icalendar.Calendar:
    """A VCALENDAR of ``events``; ``stamp`` (naive UTC) is used where the log holds no time."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//Liaison Desk//Liaison Desk {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    days = [e.start for e in events] + [e.end for e in events]
    first, last = (min(days), max(days)) if days else (date.today(), date.today())
    # The zone is always declared, so that every client reads the calendar as London's.
    zone = rule_vtimezone(TZID, first, last)
    if zone is not None:
        cal.add_component(zone)
    fallback = stamp or datetime.now(UTC).replace(tzinfo=None)
    for event in events:
        cal.add_component(_vevent(event, revisions.get(event.id), fallback))
    if zone is None:
        # No yearly rule fitted the range: icalendar lists London's transitions instead.
        # (Not called otherwise: it walks every property of every event to find zones.)
        cal.add_missing_timezones(first_date=first - timedelta(days=366), last_date=last)
    return cal


def _vevent(event: CalendarEvent, revision: Revision | None, fallback: datetime) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("summary", f"{event.type.label}: {event.title}")
    if event.all_day:
        vevent.add("dtstart", event.start)
        vevent.add("dtend", event.end + timedelta(days=1))  # DTEND of a date is exclusive
        vevent.add("transp", "TRANSPARENT")
    else:
        end_time = event.end_time or _plus_hour(event.start_time)
        vevent.add("dtstart", _london(event.start, event.start_time))
        vevent.add("dtend", _london(event.end, end_time))
        vevent.add("transp", "OPAQUE")
    created = (revision and revision.created) or fallback
    modified = (revision and revision.modified) or created
    vevent.add("dtstamp", _utc(modified))
    vevent.add("created", _utc(created))
    vevent.add("last-modified", _utc(modified))
    vevent.add("sequence", revision.sequence if revision else 0)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    vevent.add("categories", [event.type.label])
    lines = [event.detail] if event.detail else []
    if event.done:
        lines.append("Done.")
    if event.overdue:
        lines.append("Overdue.")
    lines.append(f"From Liaison Desk ({event.entity} record).")
    vevent.add("description", "\n".join(lines))
    return vevent


def export_ics(
    ws: Workspace,
    path: Path,
    first: date | None = None,
    last: date | None = None,
    flt: CalendarFilter | None = None,
    *,
    meeting_time: tuple[time, time] | None = None,
) -> ExportResult:
    """Write the calendar for ``first``..``last`` (and the filter) to ``path``, atomically."""
    service = CalendarService(ws)
    events = service.events(
        first, last, flt or CalendarFilter(include_cancelled=True), meeting_time=meeting_time
    )
    name = f"{ws.settings.get().force_name} — Liaison Desk"
    cal = build_calendar(events, service.revisions(events), name=name, stamp=ws.ctx.clock.now())
    write_atomically(Path(path), cal.to_ical())
    return ExportResult(Path(path), len(events))


def write_atomically(path: Path, data: bytes, *, attempts: int = 5) -> None:
    """Replace ``path`` with ``data`` all at once: a reader sees the old file or the new one."""
    folder = path.parent
    if not folder.is_dir():
        raise ExportFailed(f"the folder {folder} does not exist")
    temp = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        for attempt in range(attempts):
            try:
                os.replace(temp, path)
                return
            except PermissionError:
                # Windows: antivirus or Outlook may hold the old file for a moment.
                if attempt == attempts - 1:
                    raise
                time_module.sleep(0.2 * (attempt + 1))
    except OSError as exc:
        raise ExportFailed(f"could not write {path}: {exc.strerror or exc}") from exc
    finally:
        temp.unlink(missing_ok=True)


def _london(day: date, at: time | None) -> datetime:
    return datetime.combine(day, at or time()).replace(tzinfo=LONDON)


def _plus_hour(at: time | None) -> time:
    moment = datetime.combine(date(2000, 1, 1), at or time(10)) + timedelta(hours=1)
    return moment.time()


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)
