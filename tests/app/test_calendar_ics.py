"""The .ics file: parsed back with icalendar, it has the right entries, days, UIDs and SEQUENCE."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from app.calendar.events import CalendarFilter, EventType
from app.calendar.ics import ExportFailed, export_ics, write_atomically
from app.calendar.service import CalendarService
from app.calendar.vtimezone import rule_vtimezone
from app.domain.enums import InspectionType
from app.domain.values import Inspection, Meeting

LONDON = ZoneInfo("Europe/London")


def _parse(path):
    return icalendar.Calendar.from_ical(path.read_bytes())


def _by_uid(cal):
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def diary(ws, make, clock):
    clock.set_day(date(2024, 1, 10))
    peel = ws.inspections.create(
        Inspection(
            InspectionType.PEEL,
            "PEEL 2024",
            fieldwork_start=date(2024, 3, 25),
            fieldwork_end=date(2024, 4, 5),
            hot_debrief_on=date(2024, 4, 12),
        )
    )
    report = make.report("Vetting thematic", published_on=date(2024, 2, 15))
    make.finding(report, reference="Recommendation 1", due_on=date(2024, 10, 31))
    ws.meetings.create(Meeting(date(2024, 3, 28), "Joint Audit Committee"))  # GMT
    ws.meetings.create(Meeting(date(2024, 6, 27), "Joint Audit Committee"))  # BST
    return {"peel": peel}


def test_export_parses_back_with_the_right_count_days_and_all_day_values(ws, diary, tmp_path):
    path = tmp_path / "diary.ics"
    result = export_ics(ws, path)
    cal = _parse(path)
    events = cal.walk("VEVENT")
    assert result.events == len(events) == len(CalendarService(ws).events()) == 7
    uids = _by_uid(cal)
    fieldwork = uids[f"fieldwork-{diary['peel'].id}@liaison-desk"]
    # All-day: DATE values, DTEND the day after the last day (exclusive), across the clock change.
    assert fieldwork.decoded("DTSTART") == date(2024, 3, 25)
    assert fieldwork.decoded("DTEND") == date(2024, 4, 6)
    assert not isinstance(fieldwork.decoded("DTSTART"), datetime)
    assert str(fieldwork["SUMMARY"]) == "Inspection fieldwork: PEEL 2024"
    pcc = next(e for e in events if str(e["UID"]).startswith("pcc_response_due-"))
    assert pcc.decoded("DTSTART") == date(2024, 4, 11)  # 15 Feb + 56 days, over the change
    # Zone-aware: the calendar declares London with its VTIMEZONE.
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/London"
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_uids_are_equal_across_exports_and_sequence_rises_after_an_edit(ws, diary, clock, tmp_path):
    first, second, third = (tmp_path / f"{n}.ics" for n in ("a", "b", "c"))
    export_ics(ws, first)
    export_ics(ws, second)
    assert first.read_bytes() == second.read_bytes()  # nothing changed: the same file
    before = _by_uid(_parse(first))
    assert all(int(e["SEQUENCE"]) == 0 for e in before.values())

    clock.set_day(date(2024, 2, 1))
    peel = diary["peel"]
    ws.inspections.update(replace(peel, hot_debrief_on=date(2024, 4, 15)))
    clock.set_day(date(2024, 2, 2))
    ws.inspections.update(replace(ws.inspections.get(peel.id), notes="Room 4 booked"))
    export_ics(ws, third)
    after = _by_uid(_parse(third))
    assert set(after) == set(before)  # re-import updates, never duplicates
    debrief = after[f"hot_debrief-{peel.id}@liaison-desk"]
    assert int(debrief["SEQUENCE"]) == 1
    assert debrief.decoded("DTSTART") == date(2024, 4, 15)
    assert debrief.decoded("LAST-MODIFIED") > before[str(debrief["UID"])].decoded("LAST-MODIFIED")
    # The notes are on no calendar entry; the fieldwork dates did not change.
    assert int(after[f"fieldwork-{peel.id}@liaison-desk"]["SEQUENCE"]) == 0


def test_timed_meetings_are_in_london_time_either_side_of_the_clock_change(ws, diary, tmp_path):
    path = tmp_path / "meetings.ics"
    flt = CalendarFilter(types=frozenset({EventType.COMMITTEE_MEETING}))
    export_ics(ws, path, flt=flt, meeting_time=(time(10), time(12, 30)))
    cal = _parse(path)
    starts = sorted(e.decoded("DTSTART") for e in cal.walk("VEVENT"))
    assert [s.astimezone(UTC).time() for s in starts] == [time(10), time(9)]  # GMT, then BST
    assert b"DTSTART;TZID=Europe/London:20240627T100000" in path.read_bytes()
    assert b"DTEND;TZID=Europe/London:20240627T123000" in path.read_bytes()


def test_the_written_vtimezone_matches_the_iana_database():
    zone = rule_vtimezone("Europe/London", date(2014, 1, 1), date(2030, 12, 31))
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in zone.to_ical()
    tz = zone.to_tz(lookup_tzid=False)
    moment = datetime(2014, 1, 1, 0, 30, tzinfo=UTC)
    while moment.year <= 2030:
        local = moment.astimezone(LONDON).replace(tzinfo=None)
        assert tz.utcoffset(local) == moment.astimezone(LONDON).utcoffset(), local
        moment += timedelta(hours=23)


def test_export_by_range_and_type(ws, diary, tmp_path):
    path = tmp_path / "spring.ics"
    result = export_ics(ws, path, date(2024, 4, 1), date(2024, 4, 30))
    kinds = sorted(str(e["UID"]).split("-")[0] for e in _parse(path).walk("VEVENT"))
    assert kinds == ["fieldwork", "hot_debrief", "pcc_response_due"] and result.events == 3


def test_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "out.ics"
    path.write_bytes(b"old")
    write_atomically(path, b"new")
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ics"]
    with pytest.raises(ExportFailed, match="does not exist"):
        write_atomically(tmp_path / "missing" / "out.ics", b"x")


def test_revisions_agree_whether_looked_up_by_id_or_by_whole_kind(ws, diary, clock, monkeypatch):
    from app.calendar import service as service_module

    clock.set_day(date(2024, 2, 1))
    peel = diary["peel"]
    ws.inspections.update(replace(peel, fieldwork_end=date(2024, 4, 4)))
    calendar = CalendarService(ws)
    events = calendar.events()
    by_id = calendar.revisions(events)
    monkeypatch.setattr(service_module, "_SCAN_WHOLE_KIND", 0)  # the path used past 2,000 ids
    assert calendar.revisions(events) == by_id
    assert by_id[f"fieldwork:{peel.id}"].sequence == 1
    assert by_id[f"hot_debrief:{peel.id}"].sequence == 0
    assert by_id[f"fieldwork:{peel.id}"].modified > by_id[f"fieldwork:{peel.id}"].created


def test_without_a_yearly_rule_icalendar_supplies_the_zone(ws, diary, tmp_path, monkeypatch):
    from app.calendar import ics

    monkeypatch.setattr(ics, "rule_vtimezone", lambda *args: None)  # a zone with no rule
    path = tmp_path / "fallback.ics"
    export_ics(ws, path, meeting_time=(time(10), time(12)))
    cal = _parse(path)
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    june = next(e for e in cal.walk("VEVENT") if e.decoded("DTSTART").month == 6)
    assert june.decoded("DTSTART").astimezone(UTC).time() == time(9)
