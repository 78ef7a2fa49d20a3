"""What each stored field is called on screen, and how its value reads (history, messages)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

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
from app.domain.errors import DomainError, InvalidValues
from app.formatting import long_date

FIELD_LABELS: dict[str, str] = {
    # findings
    "report_id": "Report",
    "kind": "Kind",
    "reference": "Reference",
    "text": "Text",
    "addressee": "Addressed to",
    "applies_to_force": "Applies to the force",
    "not_applicable_reason": "Why it does not apply",
    "parent_id": "Addresses cause of concern",
    "level": "Level",
    "status": "Status",
    "due_on": "Due",
    "due_immediate": "Due immediately",
    "owner_id": "Owner",
    "department": "Department",
    "chief_officer_lead": "Chief officer lead",
    "rag": "RAG",
    "cc_letter_ref": "CC letter reference",
    "cc_letter_on": "CC letter date",
    "submitted_on": "Submitted for closure on",
    "closed_on": "Closed on",
    "closed_by": "Closed by",
    "deleted_at": "Deleted",
    "note": "Note",
    # reports
    "title": "Title",
    "scope": "Scope",
    "published_on": "Published",
    "inspection_id": "Inspection",
    "summary": "Committee summary",
    "url": "Web address",
    "response_published_on": "PCC response published",
    "gradings": "Gradings",
    # inspections
    "type": "Type",
    "partners": "Partner inspectorates",
    "fieldwork_start": "Fieldwork starts",
    "fieldwork_end": "Fieldwork ends",
    "hot_debrief_on": "Hot debrief",
    "expected_publication_on": "Expected publication",
    "force_lead_id": "Force lead",
    "notes": "Notes",
    # meetings
    "meets_on": "Meeting date",
    "committee": "Committee",
    "agenda_item": "Agenda item",
    "narrative": "Paper narrative",
    "previous_meeting_id": "Previous meeting",
    # evidence and progress
    "finding_id": "Finding",
    "filename": "File",
    "size": "Size",
    "sha256": "Content fingerprint",
    "media_type": "File type",
    "description": "Description",
    "written_on": "Written on",
    "author": "Author",
}

_ENUMS: dict[str, Callable[[Any], Any]] = {
    "kind": Kind,
    "level": Level,
    "status": Status,
    "rag": Rag,
    "closed_by": ClosedBy,
    "scope": ReportScope,
    "type": InspectionType,
    "grade": Grade,
    "stage": MonitoringStage,
}


def field_label(name: str) -> str:
    """The label a person reads for a stored field name."""
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def readable_value(name: str, value: object, *, entity: str = "") -> str:
    """A stored (change-log) value as text: labels for enums, British dates, Yes/No."""
    if value is None or value == "" or value == []:
        return "—"
    if name == "status" and entity == "inspection":
        return InspectionStatus(value).label
    if name in _ENUMS:
        try:
            return str(_ENUMS[name](value).label)
        except ValueError:
            return str(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if name == "size" and isinstance(value, int):
        return file_size(value)
    if isinstance(value, str) and (name.endswith("_on") or name in _DATES):
        return _date_text(value)
    if name == "deleted_at" and isinstance(value, str):
        return _datetime_text(value)
    return str(value)


_DATES = {"fieldwork_start", "fieldwork_end"}


def _date_text(value: str) -> str:
    try:
        return long_date(date.fromisoformat(value[:10]))
    except ValueError:
        return value


def _datetime_text(value: str) -> str:
    try:
        return long_date(datetime.fromisoformat(value).date())
    except ValueError:
        return value


def file_size(size: int) -> str:
    """1.2 MB, 340 KB, 12 bytes."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def describe_problem(exc: DomainError) -> str:
    """A rule's refusal as a sentence naming the field: "Status: a finding that is open …"."""
    if isinstance(exc, InvalidValues):
        return "; ".join(f"{field_label(f)}: {m}" for f, m in exc.problems.items())
    return f"{field_label(exc.field)}: {exc.message}" if exc.field else exc.message
