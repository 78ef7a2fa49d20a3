"""A VTIMEZONE written with yearly rules (RRULE), checked against the IANA database.

icalendar's ``add_missing_timezones`` lists every transition as RDATEs; Outlook is known to
misread RDATE-only zones and shift times by an hour, so where a zone follows one yearly rule
over the years needed (Europe/London does: last Sunday of March and October) we write the
rule the way Outlook and Google write it. Anything else falls back to icalendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from app.calendar.layout import days_in_month


@dataclass(frozen=True, slots=True)
class Transition:
    """A change of UTC offset, with the local time (before the change) it happens at."""

    local_onset: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str


def transitions(tzid: str, first_year: int, last_year: int) -> list[Transition]:
    """Every offset change of ``tzid`` in the years given, found by scanning the zone."""
    zone = ZoneInfo(tzid)
    moment = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    found = []
    offset = _offset(moment, zone)
    while moment < end:
        later = moment + timedelta(hours=12)
        if _offset(later, zone) != offset:
            onset = _first_change(moment, later, zone)
            new = _offset(onset, zone)
            name = onset.astimezone(zone).tzname() or tzid
            found.append(Transition((onset + offset).replace(tzinfo=None), offset, new, name))
            offset = new
        moment = later
    return found


def rule_vtimezone(tzid: str, first: date, last: date) -> icalendar.Timezone | None:
    """The zone as yearly rules valid from ``first`` to ``last``; None when no rule fits."""
    found = transitions(tzid, first.year - 1, last.year + 1)
    zone = icalendar.Timezone()
    zone.add("tzid", tzid)
    zone.add("x-lic-location", tzid)
    if not found:
        offset = _offset(datetime(first.year, 1, 1, tzinfo=UTC), ZoneInfo(tzid))
        name = datetime(first.year, 1, 1, tzinfo=ZoneInfo(tzid)).tzname() or tzid
        zone.add_component(
            _part(icalendar.TimezoneStandard(), datetime(1970, 1, 1), offset, offset, name, None)
        )
        return zone
    for kind, part_type in (
        (True, icalendar.TimezoneDaylight),
        (False, icalendar.TimezoneStandard),
    ):
        group = [t for t in found if (t.offset_to > t.offset_from) == kind]
        rule = _yearly_rule(group)
        if rule is None:
            return None
        head = group[0]
        zone.add_component(
            _part(part_type(), head.local_onset, head.offset_from, head.offset_to, head.name, rule)
        )
    return zone


def _yearly_rule(group: list[Transition]) -> dict[str, object] | None:
    """FREQ=YEARLY;BYMONTH=m;BYDAY=nSU when every transition of the group follows it."""
    if not group:
        return None
    shapes = set()
    for t in group:
        day = t.local_onset
        last_of_month = day.day + 7 > days_in_month(day.year, day.month)
        nth = -1 if last_of_month else (day.day - 1) // 7 + 1
        weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[day.weekday()]
        shapes.add((day.month, nth, weekday, day.time(), t.offset_from, t.offset_to, t.name))
    years = [t.local_onset.year for t in group]
    if len(shapes) != 1 or years != list(range(years[0], years[0] + len(years))):
        return None
    month, nth, weekday, *_ = shapes.pop()
    return {"freq": "yearly", "bymonth": month, "byday": f"{nth}{weekday}"}


def _part(part, onset, offset_from, offset_to, name, rule):  # type: ignore[no-untyped-def]
    part.add("tzname", name)
    part.add("dtstart", onset)
    part.add("tzoffsetfrom", offset_from)
    part.add("tzoffsetto", offset_to)
    if rule:
        part.add("rrule", rule)
    return part


def _offset(moment: datetime, zone: ZoneInfo) -> timedelta:
    return moment.astimezone(zone).utcoffset() or timedelta()


def _first_change(lo: datetime, hi: datetime, zone: ZoneInfo) -> datetime:
    """The first instant (to the minute) after ``lo`` with ``hi``'s offset."""
    before = _offset(lo, zone)
    while hi - lo > timedelta(minutes=1):
        mid = lo + (hi - lo) / 2
        if _offset(mid, zone) == before:
            lo = mid
        else:
            hi = mid
    return hi.replace(second=0, microsecond=0)
