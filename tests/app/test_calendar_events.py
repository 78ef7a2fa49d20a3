"""The calendar puts each date on the right days, and its filters narrow what it shows."""

from __future__ import annotations

from datetime import date

from app.calendar.events import CalendarFilter, EventType
from app.calendar.service import CalendarService
from app.domain.enums import InspectionStatus, InspectionType, ReportScope, Status
from app.domain.values import Inspection, Meeting, Report


def _inspection(ws, title="PEEL 2024", **values):
    values.setdefault("type", InspectionType.PEEL)
    return ws.inspections.create(Inspection(title=title, **values))


def _days(events, etype):
    return {(e.title, e.start, e.end) for e in events if e.type is etype}


def test_fieldwork_across_a_month_end_and_the_spring_clock_change(ws):
    # Clocks go forward on Sunday 31 March 2024: the range must not lose or gain a day.
    peel = _inspection(
        ws,
        fieldwork_start=date(2024, 3, 25),
        fieldwork_end=date(2024, 4, 5),
        hot_debrief_on=date(2024, 4, 12),
    )
    service = CalendarService(ws)
    march = service.events(date(2024, 3, 1), date(2024, 3, 31))
    april = service.events(date(2024, 4, 1), date(2024, 4, 30))
    (fieldwork,) = [e for e in march if e.type is EventType.FIELDWORK]
    assert (fieldwork.start, fieldwork.end, fieldwork.days) == (
        date(2024, 3, 25),
        date(2024, 4, 5),
        12,
    )
    assert fieldwork.covers(date(2024, 3, 31)) and fieldwork.covers(date(2024, 4, 1))
    assert fieldwork.entity == "inspection" and fieldwork.entity_id == peel.id
    assert fieldwork.all_day
    assert _days(april, EventType.FIELDWORK) == {("PEEL 2024", date(2024, 3, 25), date(2024, 4, 5))}
    assert _days(april, EventType.HOT_DEBRIEF) == {
        ("PEEL 2024", date(2024, 4, 12), date(2024, 4, 12))
    }
    assert not _days(march, EventType.HOT_DEBRIEF)


def test_autumn_clock_change_and_pcc_response_56_days_later(ws):
    # Clocks go back on Sunday 27 October 2024; publication + 56 days crosses it.
    ws.reports.create(Report("PEEL 2023-25", ReportScope.FORCE, published_on=date(2024, 10, 1)))
    _inspection(ws, fieldwork_start=date(2024, 10, 21), fieldwork_end=date(2024, 11, 1))
    events = CalendarService(ws).events(date(2024, 10, 1), date(2024, 11, 30))
    assert _days(events, EventType.PUBLICATION) == {
        ("PEEL 2023-25", date(2024, 10, 1), date(2024, 10, 1))
    }
    assert _days(events, EventType.PCC_RESPONSE_DUE) == {
        ("PEEL 2023-25", date(2024, 11, 26), date(2024, 11, 26))
    }
    assert _days(events, EventType.FIELDWORK) == {
        ("PEEL 2024", date(2024, 10, 21), date(2024, 11, 1))
    }
    # The PCC date shows in its own month even when the publication is outside the range.
    november = CalendarService(ws).events(date(2024, 11, 1), date(2024, 11, 30))
    assert {e.type for e in november} == {EventType.PCC_RESPONSE_DUE, EventType.FIELDWORK}


def test_every_kind_of_date_and_its_record(ws, make):
    revisit = _inspection(
        ws,
        "Custody re-visit",
        type=InspectionType.REVISIT,
        fieldwork_start=date(2024, 6, 4),
        fieldwork_end=date(2024, 6, 5),
        expected_publication_on=date(2024, 9, 1),
    )
    report = make.report("Vetting thematic", published_on=date(2024, 6, 20))
    finding = make.finding(report, reference="Recommendation 3", due_on=date(2024, 6, 28))
    jac = ws.meetings.create(Meeting(date(2024, 6, 27), "Joint Audit Committee", "06"))
    board = ws.meetings.create(Meeting(date(2024, 6, 13), "DCC Organisational Learning Board"))
    events = CalendarService(ws).events(date(2024, 6, 1), date(2024, 9, 30))
    by_type = {e.type: e for e in events}
    assert by_type[EventType.REVISIT].entity_id == revisit.id
    assert by_type[EventType.EXPECTED_PUBLICATION].start == date(2024, 9, 1)
    assert by_type[EventType.PCC_RESPONSE_DUE].start == date(2024, 8, 15)
    due = by_type[EventType.FINDING_DUE]
    assert (due.entity, due.entity_id, due.start, due.title) == (
        "finding",
        finding.id,
        date(2024, 6, 28),
        "Rec 3",
    )
    assert by_type[EventType.COMMITTEE_MEETING].entity_id == jac.id
    assert by_type[EventType.OVERSIGHT_BOARD].entity_id == board.id
    assert EventType.FIELDWORK not in by_type  # a re-visit is its own kind of date
    # Date order; ids are stable and distinct per (record, kind of date).
    assert [e.start for e in events] == sorted(e.start for e in events)
    assert len({e.id for e in events}) == len(events)
    assert CalendarService(ws).events(date(2024, 6, 1), date(2024, 9, 30)) == events


def test_finding_titles_are_short_enough_for_a_chip(ws, make):
    from app.domain.enums import Kind

    report = make.report("PEEL", published_on=date(2024, 1, 10))
    make.finding(report, kind=Kind.AFI, reference="Area for improvement 2", due_on=date(2024, 6, 1))
    make.finding(report, kind=Kind.COC, reference="Cause of concern 1", due_on=date(2024, 6, 1))
    make.finding(report, reference="R7 (custody)", due_on=date(2024, 6, 1))
    titles = sorted(e.title for e in CalendarService(ws).events())
    assert "AFI 2" in titles and "CoC 1" in titles and "R7 (custody)" in titles


def test_expected_publication_gives_way_to_the_published_report(ws):
    insp = _inspection(ws, expected_publication_on=date(2024, 9, 1))
    service = CalendarService(ws)
    assert [e.type for e in service.events()] == [EventType.EXPECTED_PUBLICATION]
    ws.reports.create(
        Report("PEEL", ReportScope.FORCE, published_on=date(2024, 9, 12), inspection_id=insp.id)
    )
    assert EventType.EXPECTED_PUBLICATION not in {e.type for e in service.events()}


def test_cancelled_inspections_are_hidden_unless_asked_for(ws):
    _inspection(ws, status=InspectionStatus.CANCELLED, fieldwork_start=date(2024, 5, 1))
    service = CalendarService(ws)
    assert service.events() == []
    (event,) = service.events(flt=CalendarFilter(include_cancelled=True))
    assert event.cancelled and event.start == event.end == date(2024, 5, 1)


def test_filters_by_type_overdue_and_owner(ws, make, clock):
    clock.set_day(date(2024, 6, 15))
    alex, sam = make.person("Alex Owner"), make.person("Sam Other")
    report = make.report(published_on=date(2024, 1, 10))
    late = make.finding(report, reference="Rec 1", due_on=date(2024, 6, 1), owner_id=alex.id)
    make.finding(report, reference="Rec 2", due_on=date(2024, 6, 30), owner_id=alex.id)
    make.finding(report, reference="Rec 3", due_on=date(2024, 6, 2), owner_id=sam.id)
    closed = make.finding(report, reference="Rec 4", due_on=date(2024, 6, 3))
    ws.findings.change_status(closed.id, Status.NOT_APPLICABLE, note="Not for us")
    ws.meetings.create(Meeting(date(2024, 6, 27), "Joint Audit Committee"))
    service = CalendarService(ws)
    june = (date(2024, 6, 1), date(2024, 6, 30))

    def titles(flt):
        return sorted(e.title for e in service.events(*june, flt))

    dues = CalendarFilter(types=frozenset({EventType.FINDING_DUE}))
    assert titles(dues) == ["Rec 1", "Rec 2", "Rec 3"]  # closed items have no deadline left
    assert titles(CalendarFilter(types=frozenset({EventType.COMMITTEE_MEETING}))) == [
        "Joint Audit Committee"
    ]
    overdue = CalendarFilter(overdue_findings_only=True)
    assert titles(overdue) == ["Joint Audit Committee", "Rec 1", "Rec 3"]
    assert all(e.overdue for e in service.events(*june, dues) if e.title in {"Rec 1", "Rec 3"})
    mine = CalendarFilter(types=dues.types, finding_owner_id=alex.id, overdue_findings_only=True)
    assert [e.entity_id for e in service.events(*june, mine)] == [late.id]
    assert "Owner: Alex Owner" in service.events(*june, mine)[0].detail


def test_committee_name_from_settings_decides_committee_or_board(ws):
    from dataclasses import replace

    ws.settings.save(replace(ws.settings.get(), committee_name="Audit and Assurance Committee"))
    ws.meetings.create(Meeting(date(2024, 6, 27), "Audit and Assurance Committee"))
    ws.meetings.create(Meeting(date(2024, 6, 28), "Joint Audit Committee"))
    ws.meetings.create(Meeting(date(2024, 6, 29), "Force Executive Board"))
    kinds = [e.type for e in CalendarService(ws).events()]
    assert kinds == [
        EventType.COMMITTEE_MEETING,
        EventType.COMMITTEE_MEETING,
        EventType.OVERSIGHT_BOARD,
    ]


def test_deleted_records_leave_the_calendar(ws, make):
    report = make.report(published_on=date(2024, 6, 20))
    service = CalendarService(ws)
    assert len(service.events()) == 2  # publication and PCC response due
    ws.reports.delete(report.id)
    assert service.events() == []
