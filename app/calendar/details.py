"""A record's main facts as label/value lines, for a read-only view opened from the calendar."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.formatting import long_date

if TYPE_CHECKING:
    from app.workspace import Workspace

ENTITY_LABELS = {
    "inspection": "Inspection",
    "report": "Report",
    "finding": "Finding",
    "meeting": "Committee meeting",
}


@dataclass(frozen=True, slots=True)
class RecordDetails:
    """What a person needs to recognise a record: a heading and labelled facts."""

    entity: str
    entity_id: str
    heading: str
    rows: tuple[tuple[str, str], ...]

    @property
    def kind_label(self) -> str:
        return ENTITY_LABELS.get(self.entity, self.entity.title())


def record_details(ws: Workspace, entity: str, entity_id: str) -> RecordDetails:
    """The facts of one inspection, report, finding or meeting (NotFound if there is none)."""
    build = {
        "inspection": _inspection,
        "report": _report,
        "finding": _finding,
        "meeting": _meeting,
    }.get(entity)
    if build is None:
        raise ValueError(f"no details view for {entity!r} records")
    heading, rows = build(ws, entity_id)
    return RecordDetails(entity, entity_id, heading, tuple((k, v) for k, v in rows if v))


def _inspection(ws: Workspace, record_id: str) -> tuple[str, list[tuple[str, str]]]:
    i = ws.inspections.get(record_id)
    lead = ws.people.get(i.force_lead_id).name if i.force_lead_id else ""
    fieldwork = long_date(i.fieldwork_start)
    if i.fieldwork_end and i.fieldwork_end != i.fieldwork_start:
        fieldwork = f"{fieldwork} to {long_date(i.fieldwork_end)}"
    return i.title, [
        ("Type", i.type.label),
        ("Status", i.status.label),
        ("Fieldwork", fieldwork),
        ("Hot debrief", long_date(i.hot_debrief_on)),
        ("Expected publication", long_date(i.expected_publication_on)),
        ("Partner inspectorates", ", ".join(i.partners)),
        ("Force lead", lead),
        ("Notes", i.notes),
    ]


def _report(ws: Workspace, record_id: str) -> tuple[str, list[tuple[str, str]]]:
    r = ws.reports.get(record_id)
    gradings = "; ".join(f"{g.area}: {g.grade.label}" for g in r.gradings)
    return r.title, [
        ("Scope", r.scope.label),
        ("Published", long_date(r.published_on)),
        ("PCC s55 response due", long_date(r.pcc_response_due)),
        ("PCC response published", long_date(r.response_published_on)),
        ("Reference", r.reference),
        ("Gradings", gradings),
        ("Summary", r.summary),
        ("Link", r.url),
    ]


def _finding(ws: Workspace, record_id: str) -> tuple[str, list[tuple[str, str]]]:
    f = ws.findings.get(record_id)
    report = ws.reports.get(f.report_id)
    owner = ws.people.get(f.owner_id).name if f.owner_id else ""
    due = "Immediately" if f.due_immediate else long_date(f.due_on)
    return f"{f.reference} — {report.title}", [
        ("Kind", f.kind.label),
        ("Level", f.level.label if f.level is not None else "Not set"),
        ("Status", f.status.label),
        ("Due", due),
        ("Owner", owner),
        ("Department", f.department),
        ("Chief officer lead", f.chief_officer_lead),
        ("RAG", f.rag.label if f.rag else ""),
        ("Text", f.text),
    ]


def _meeting(ws: Workspace, record_id: str) -> tuple[str, list[tuple[str, str]]]:
    m = ws.meetings.get(record_id)
    return f"{m.committee}, {long_date(m.meets_on)}", [
        ("Committee", m.committee),
        ("Date", long_date(m.meets_on)),
        ("Agenda item", m.agenda_item),
    ]
