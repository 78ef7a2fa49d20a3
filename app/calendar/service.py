"""CalendarService: the dated items of every record kind, for a range of days and a filter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.calendar.events import CalendarEvent, CalendarFilter, EventType, Revision, event_id
from app.domain.enums import InspectionStatus, InspectionType, Kind, Level, ReportScope, Status
from app.domain.values import PCC_RESPONSE_DAYS
from app.formatting import long_date
from db.records import (
    ChangeRecord,
    FindingRecord,
    InspectionRecord,
    MeetingRecord,
    PersonRecord,
    ReportRecord,
)

if TYPE_CHECKING:
    from app.workspace import Workspace

EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)

# The fields of its record an event is drawn from: a change to one of them is a new
# revision of the event (iCalendar SEQUENCE), a change to any other field is not.
RELEVANT_FIELDS: dict[EventType, frozenset[str]] = {
    EventType.FIELDWORK: frozenset(
        {"title", "type", "status", "partners", "fieldwork_start", "fieldwork_end"}
    ),
    EventType.HOT_DEBRIEF: frozenset({"title", "status", "hot_debrief_on"}),
    EventType.EXPECTED_PUBLICATION: frozenset({"title", "status", "expected_publication_on"}),
    EventType.PUBLICATION: frozenset({"title", "scope", "published_on"}),
    EventType.PCC_RESPONSE_DUE: frozenset({"title", "published_on", "response_published_on"}),
    EventType.FINDING_DUE: frozenset(
        {"reference", "kind", "level", "status", "due_on", "owner_id", "applies_to_force"}
    ),
    EventType.COMMITTEE_MEETING: frozenset({"committee", "meets_on", "agenda_item"}),
}
RELEVANT_FIELDS[EventType.REVISIT] = RELEVANT_FIELDS[EventType.FIELDWORK]
RELEVANT_FIELDS[EventType.OVERSIGHT_BOARD] = RELEVANT_FIELDS[EventType.COMMITTEE_MEETING]
_ALWAYS_RELEVANT = frozenset({"deleted_at"})
_OPEN = tuple(s.value for s in Status if s.is_open)


class CalendarService:
    """Every date that matters, drawn from inspections, reports, findings and meetings."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def events(
        self,
        first: date | None = None,
        last: date | None = None,
        flt: CalendarFilter | None = None,
        *,
        meeting_time: tuple[time, time] | None = None,
    ) -> list[CalendarEvent]:
        """The events touching ``first``..``last`` (inclusive; None = unbounded), in date order.

        ``meeting_time`` (start, end) makes committee and board meetings timed, London time.
        """
        flt = flt or CalendarFilter()
        lo, hi = first or EARLIEST, last or LATEST
        jac = self.ws.settings.get().committee_name
        today = self.ws.ctx.clock.today()
        found: list[CalendarEvent] = []
        with self.ws.store.read() as session:
            found += self._inspection_events(session, lo, hi)
            found += self._report_events(session, lo, hi)
            if flt.shows(EventType.FINDING_DUE):
                found += self._finding_events(session, lo, hi, flt, today)
            found += self._meeting_events(session, lo, hi, jac, meeting_time)
        kept = [
            e
            for e in found
            if flt.shows(e.type)
            and e.overlaps(lo, hi)
            and (flt.include_cancelled or not e.cancelled)
        ]
        return sorted(kept, key=sort_key)

    # --- inspections ---------------------------------------------------------------------
    def _inspection_events(self, session: Session, lo: date, hi: date) -> Iterator[CalendarEvent]:
        start = func.coalesce(InspectionRecord.fieldwork_start, InspectionRecord.fieldwork_end)
        end = func.coalesce(InspectionRecord.fieldwork_end, InspectionRecord.fieldwork_start)
        rows = session.scalars(
            select(InspectionRecord).where(
                InspectionRecord.deleted_at.is_(None),
                or_(
                    and_(start <= hi, end >= lo),
                    InspectionRecord.hot_debrief_on.between(lo, hi),
                    InspectionRecord.expected_publication_on.between(lo, hi),
                ),
            )
        ).all()
        published = set(
            session.scalars(
                select(ReportRecord.inspection_id).where(
                    ReportRecord.deleted_at.is_(None),
                    ReportRecord.inspection_id.is_not(None),
                    ReportRecord.published_on.is_not(None),
                )
            )
        )
        for rec in rows:
            kind = InspectionType(rec.type)
            status = InspectionStatus(rec.status)
            cancelled = status is InspectionStatus.CANCELLED
            detail = _join(kind.label, status.label, _partners(rec.partners))
            first = rec.fieldwork_start or rec.fieldwork_end
            last = rec.fieldwork_end or rec.fieldwork_start
            if first is not None and last is not None:
                etype = EventType.REVISIT if kind is InspectionType.REVISIT else EventType.FIELDWORK
                yield _event(
                    etype,
                    rec.id,
                    "inspection",
                    rec.title,
                    first,
                    max(first, last),
                    detail,
                    cancelled=cancelled,
                )
            if rec.hot_debrief_on is not None:
                yield _event(
                    EventType.HOT_DEBRIEF,
                    rec.id,
                    "inspection",
                    rec.title,
                    rec.hot_debrief_on,
                    rec.hot_debrief_on,
                    detail,
                    cancelled=cancelled,
                )
            expected = rec.expected_publication_on
            # Once the report is out, its publication day replaces the expectation.
            if (
                expected is not None
                and rec.id not in published
                and status is not InspectionStatus.PUBLISHED
            ):
                yield _event(
                    EventType.EXPECTED_PUBLICATION,
                    rec.id,
                    "inspection",
                    rec.title,
                    expected,
                    expected,
                    detail,
                    cancelled=cancelled,
                )

    # --- reports -------------------------------------------------------------------------
    def _report_events(self, session: Session, lo: date, hi: date) -> Iterator[CalendarEvent]:
        shift = timedelta(days=PCC_RESPONSE_DAYS)
        rows = session.scalars(
            select(ReportRecord).where(
                ReportRecord.deleted_at.is_(None),
                ReportRecord.published_on.is_not(None),
                or_(
                    ReportRecord.published_on.between(lo, hi),
                    ReportRecord.published_on.between(_minus(lo, shift), _minus(hi, shift)),
                ),
            )
        ).all()
        for rec in rows:
            published: date = rec.published_on
            scope = ReportScope(rec.scope).label
            yield _event(
                EventType.PUBLICATION,
                rec.id,
                "report",
                rec.title,
                published,
                published,
                _join(scope, rec.reference),
            )
            due = published + shift
            responded = rec.response_published_on
            detail = (
                f"Response published {long_date(responded)}"
                if responded
                else f"Report published {long_date(published)}; no response recorded"
            )
            yield _event(
                EventType.PCC_RESPONSE_DUE,
                rec.id,
                "report",
                rec.title,
                due,
                due,
                detail,
                done=responded is not None,
            )

    # --- findings ------------------------------------------------------------------------
    def _finding_events(
        self, session: Session, lo: date, hi: date, flt: CalendarFilter, today: date
    ) -> Iterator[CalendarEvent]:
        if flt.overdue_findings_only:
            hi = min(hi, today - timedelta(days=1))
        query = (
            select(FindingRecord, ReportRecord.title, PersonRecord.name)
            .join(ReportRecord, ReportRecord.id == FindingRecord.report_id)
            .outerjoin(PersonRecord, PersonRecord.id == FindingRecord.owner_id)
            .where(
                FindingRecord.deleted_at.is_(None),
                ReportRecord.deleted_at.is_(None),
                FindingRecord.applies_to_force.is_(True),
                FindingRecord.status.in_(_OPEN),
                FindingRecord.due_on.between(lo, hi),
            )
        )
        if flt.finding_owner_id:
            query = query.where(FindingRecord.owner_id == flt.finding_owner_id)
        for rec, report_title, owner in session.execute(query):
            due: date = rec.due_on
            level = "" if rec.level is None else Level(rec.level).label
            detail = _join(
                Kind(rec.kind).label,
                level,
                Status(rec.status).label,
                f"Owner: {owner}" if owner else "No owner",
                report_title,
            )
            yield _event(
                EventType.FINDING_DUE,
                rec.id,
                "finding",
                short_reference(rec.reference, Kind(rec.kind)),
                due,
                due,
                detail,
                overdue=due < today,
            )

    # --- meetings ------------------------------------------------------------------------
    def _meeting_events(
        self, session: Session, lo: date, hi: date, jac: str, meeting_time: tuple[time, time] | None
    ) -> Iterator[CalendarEvent]:
        rows = session.scalars(
            select(MeetingRecord).where(
                MeetingRecord.deleted_at.is_(None), MeetingRecord.meets_on.between(lo, hi)
            )
        ).all()
        start, end = meeting_time or (None, None)
        for rec in rows:
            etype = (
                EventType.COMMITTEE_MEETING
                if is_audit_committee(rec.committee, jac)
                else EventType.OVERSIGHT_BOARD
            )
            detail = f"Agenda item {rec.agenda_item}" if rec.agenda_item else ""
            day: date = rec.meets_on
            yield CalendarEvent(
                event_id(etype, rec.id),
                etype,
                rec.committee,
                day,
                day,
                "meeting",
                rec.id,
                detail,
                start_time=start,
                end_time=end,
            )

    # --- revisions -----------------------------------------------------------------------
    def revisions(self, events: Iterable[CalendarEvent]) -> dict[str, Revision]:
        """For each event id: how many times its record changed in ways the event shows."""
        events = list(events)
        ids = sorted({e.entity_id for e in events})
        moments: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
        with self.ws.store.read() as session:
            for chunk in _chunks(ids, 500):
                rows = session.execute(
                    select(ChangeRecord.entity_id, ChangeRecord.at, ChangeRecord.field)
                    .where(ChangeRecord.entity_id.in_(chunk))
                    .order_by(ChangeRecord.seq)
                )
                for entity_id, at, field in rows:
                    moments[entity_id].append((at, field))
        out = {}
        for event in events:
            log = moments.get(event.entity_id, [])
            created = min((at for at, _ in log), default=None)
            fields = RELEVANT_FIELDS[event.type] | _ALWAYS_RELEVANT
            changed = {at for at, field in log if field in fields and at != created}
            modified = max(changed, default=created)
            out[event.id] = Revision(len(changed), created, modified)
        return out


def sort_key(event: CalendarEvent) -> tuple[date, int, int, str, str]:
    """Date order; on one day longer items first, then by type and title."""
    return (event.start, -event.days, event.type.order, event.title.casefold(), event.id)


def short_reference(reference: str, kind: Kind) -> str:
    """ "Recommendation 3" as "Rec 3" (and "Area for improvement 2" as "AFI 2"), so that a
    small calendar chip still shows the number."""
    text = reference.strip()
    if text.casefold().startswith(kind.label.casefold()):
        return kind.short + text[len(kind.label) :]
    return text


def is_audit_committee(committee: str, jac_name: str) -> bool:
    """True for the force's Joint Audit Committee (by its configured name, or "JAC")."""
    name = committee.strip().casefold()
    return name in {jac_name.strip().casefold(), "jac", "joint audit committee"}


def _event(
    etype: EventType,
    entity_id: str,
    entity: str,
    title: str,
    start: date,
    end: date,
    detail: str,
    **flags: bool,
) -> CalendarEvent:
    return CalendarEvent(
        event_id(etype, entity_id), etype, title, start, end, entity, entity_id, detail, **flags
    )


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _partners(text: str) -> str:
    names = [p.strip() for p in (text or "").split(";") if p.strip()]
    return f"with {', '.join(names)}" if names else ""


def _minus(day: date, delta: timedelta) -> date:
    try:
        return day - delta
    except OverflowError:
        return EARLIEST


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
