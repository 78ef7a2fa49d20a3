"""Services for the simpler record kinds: people, monitoring periods, inspections, meetings."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.domain.enums import InspectionStatus, InspectionType, MonitoringStage
from app.domain.errors import InvalidValues
from app.domain.values import Inspection, Meeting, MonitoringPeriod, Person
from app.services.codec import Codec
from app.services.entity import EntityService
from db.records import InspectionRecord, MeetingRecord, MonitoringPeriodRecord, PersonRecord


class PersonService(EntityService[Person]):
    """Owners, leads and authors."""

    entity = "person"
    record_type = PersonRecord
    codec = Codec(Person)

    def _validate(self, session: Session, value: Person, before: Person | None, note: str) -> None:
        if not value.name.strip():
            raise InvalidValues({"name": "enter the person's name"})

    def _order(self) -> tuple[Any, ...]:
        return (PersonRecord.name,)


class MonitoringService(EntityService[MonitoringPeriod]):
    """The force's Scan / Engage history."""

    entity = "monitoring_period"
    record_type = MonitoringPeriodRecord
    codec = Codec(MonitoringPeriod, enums={"stage": MonitoringStage})

    def _validate(
        self, session: Session, value: MonitoringPeriod, before: MonitoringPeriod | None, note: str
    ) -> None:
        if value.end_on is not None and value.end_on < value.start_on:
            raise InvalidValues({"end_on": "the period ends before it starts"})

    def _order(self) -> tuple[Any, ...]:
        return (MonitoringPeriodRecord.start_on,)

    def stage_on(self, day: Any) -> MonitoringPeriod | None:
        """The monitoring period in force on ``day``."""
        current = None
        for period in self.list():
            if period.start_on <= day and (period.end_on is None or period.end_on >= day):
                current = period
        return current


class InspectionService(EntityService[Inspection]):
    """Inspection activity."""

    entity = "inspection"
    record_type = InspectionRecord
    codec = Codec(
        Inspection,
        enums={"type": InspectionType, "status": InspectionStatus},
        lists=frozenset({"partners"}),
    )

    def _validate(
        self, session: Session, value: Inspection, before: Inspection | None, note: str
    ) -> None:
        problems = {}
        if not value.title.strip():
            problems["title"] = "give the inspection a title"
        start, end = value.fieldwork_start, value.fieldwork_end
        if start and end and end < start:
            problems["fieldwork_end"] = "fieldwork ends before it starts"
        if problems:
            raise InvalidValues(problems)

    def _order(self) -> tuple[Any, ...]:
        return (InspectionRecord.fieldwork_start, InspectionRecord.title)


class MeetingService(EntityService[Meeting]):
    """Committee meetings."""

    entity = "meeting"
    record_type = MeetingRecord
    codec = Codec(Meeting, json_fields=frozenset({"narrative"}))

    def _validate(
        self, session: Session, value: Meeting, before: Meeting | None, note: str
    ) -> None:
        if not value.committee.strip():
            raise InvalidValues({"committee": "name the committee"})

    def _order(self) -> tuple[Any, ...]:
        return (MeetingRecord.meets_on,)

    def previous(self, meeting: Meeting) -> Meeting | None:
        """The meeting this one's paper reports "since": the officer's override, else the same
        committee's meeting before it."""
        if meeting.previous_meeting_id:
            return self.get(meeting.previous_meeting_id)
        earlier = [
            m
            for m in self.list()
            if m.committee == meeting.committee and m.meets_on < meeting.meets_on
        ]
        return earlier[-1] if earlier else None
