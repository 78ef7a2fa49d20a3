"""Plain, immutable values the services hand out and take in. An empty ``id`` means new."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.domain.enums import (
    ClosedBy,
    Grade,
    InspectionStatus,
    InspectionType,
    Kind,
    Level,
    MonitoringStage,
    Rag,
    ReportScope,
    Status,
)

PCC_RESPONSE_DAYS = 56  # Police Act 1996 s55: the PCC publishes a response within 56 days.


@dataclass(frozen=True, slots=True)
class Person:
    """Someone who owns findings, leads inspections or writes updates."""

    name: str
    title: str = ""
    department: str = ""
    email: str = ""
    id: str = ""


@dataclass(frozen=True, slots=True)
class MonitoringPeriod:
    """A period in Scan or Engage."""

    stage: MonitoringStage
    start_on: date
    end_on: date | None = None
    note: str = ""
    id: str = ""


@dataclass(frozen=True, slots=True)
class Inspection:
    """An inspection activity."""

    type: InspectionType
    title: str
    status: InspectionStatus = InspectionStatus.PLANNED
    partners: tuple[str, ...] = ()
    fieldwork_start: date | None = None
    fieldwork_end: date | None = None
    hot_debrief_on: date | None = None
    expected_publication_on: date | None = None
    force_lead_id: str | None = None
    notes: str = ""
    id: str = ""


@dataclass(frozen=True, slots=True)
class Grading:
    """A graded judgement in a report."""

    area: str
    grade: Grade


@dataclass(frozen=True, slots=True)
class Report:
    """A publication and what it says about the force."""

    title: str
    scope: ReportScope
    published_on: date | None = None
    inspection_id: str | None = None
    summary: str = ""
    reference: str = ""
    url: str = ""
    response_published_on: date | None = None
    gradings: tuple[Grading, ...] = ()
    id: str = ""

    @property
    def pcc_response_due(self) -> date | None:
        """The date the PCC's s55 response is due (publication + 56 days)."""
        if self.published_on is None:
            return None
        return self.published_on + timedelta(days=PCC_RESPONSE_DAYS)


@dataclass(frozen=True, slots=True)
class Finding:
    """A Cause of Concern, Recommendation or Area for Improvement."""

    report_id: str
    kind: Kind
    reference: str
    text: str
    addressee: str = ""
    applies_to_force: bool = True
    not_applicable_reason: str = ""
    parent_id: str | None = None
    level: Level | None = None
    status: Status = Status.OPEN
    due_on: date | None = None
    due_immediate: bool = False
    owner_id: str | None = None
    department: str = ""
    chief_officer_lead: str = ""
    rag: Rag | None = None
    cc_letter_ref: str = ""
    cc_letter_on: date | None = None
    submitted_on: date | None = None
    closed_on: date | None = None
    closed_by: ClosedBy | None = None
    id: str = ""
    created_at: datetime | None = field(default=None, compare=False)
    updated_at: datetime | None = field(default=None, compare=False)

    def is_overdue(self, today: date) -> bool:
        """Open and past its due date."""
        return self.status.is_open and self.due_on is not None and self.due_on < today


@dataclass(frozen=True, slots=True)
class ProgressUpdate:
    """A dated progress note on a finding."""

    finding_id: str
    written_on: date
    author: str
    text: str
    id: str = ""


@dataclass(frozen=True, slots=True)
class Meeting:
    """A committee meeting; ``narrative`` holds the officer's words for its paper by section."""

    meets_on: date
    committee: str
    agenda_item: str = ""
    narrative: dict[str, str] = field(default_factory=dict, hash=False)
    previous_meeting_id: str | None = None
    id: str = ""


@dataclass(frozen=True, slots=True)
class ForceSettings:
    """Who the force is and how its paper is addressed."""

    force_name: str = "Your force"
    pcc_office: str = ""
    committee_name: str = "Joint Audit Committee"
    contact_name: str = ""
    contact_title: str = "HMICFRS Force Liaison Officer"
    process_change_date: date = date(2023, 8, 1)
    protective_marking: str = "OFFICIAL"


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    """One line of the change log, as a person reads it."""

    at: datetime
    actor: str
    entity: str
    entity_id: str
    action: str
    field: str
    old_value: object
    new_value: object
    note: str = ""
