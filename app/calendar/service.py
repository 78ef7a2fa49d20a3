"""CalendarService: the dated items of every record kind, for a range of days and a filter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import and_, case, distinct, func, or_, select
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
_SCAN_WHOLE_KIND = 2000


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
        f = FindingRecord
        query = (
            select(
                f.id,
                f.reference,
                f.kind,
                f.level,
                f.status,
                f.due_on,
                ReportRecord.title,
                PersonRecord.name,
            )
            .join(ReportRecord, ReportRecord.id == FindingRecord.report_id)
            .outerjoin(PersonRecord, PersonRecord.id == FindingRecord.owner_id)
            .where(
                FindingRecord.deleted_at.is_(None),
                ReportRecord.deleted_at.is_(None),
                FindingRecord.applies_to_force.is_(True),
                # "|| ''" keeps SQLite on the due-date index: without statistics it would
                # pick the status index and read most of the table (160 ms vs 2 ms at 50,000).
                FindingRecord.status.concat("").in_(_OPEN),
                FindingRecord.due_on.between(lo, hi),
            )
        )
        if flt.finding_owner_id:
            query = query.where(FindingRecord.owner_id == flt.finding_owner_id)
        for rid, reference, kind, level_no, status, due, report_title, owner in session.execute(
            query
        ):
            level = "" if level_no is None else Level(level_no).label
            detail = _join(
                Kind(kind).label,
                level,
                Status(status).label,
                f"Owner: {owner}" if owner else "No owner",
                report_title,
            )
            yield _event(
                EventType.FINDING_DUE,
                rid,
                "finding",
                short_reference(reference, Kind(kind)),
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
        groups: dict[tuple[str, frozenset[str]], set[str]] = defaultdict(set)
        for event in events:
            fields = RELEVANT_FIELDS[event.type] | _ALWAYS_RELEVANT
            groups[(event.entity, fields)].add(event.entity_id)
        found: dict[tuple[str, frozenset[str], str], Revision] = {}
        with self.ws.store.read() as session:
            for (entity, fields), ids in groups.items():
                for entity_id, revision in self._revisions_of(session, entity, fields, ids):
                    found[(entity, fields, entity_id)] = revision
        out = {}
        for event in events:
            key = (event.entity, RELEVANT_FIELDS[event.type] | _ALWAYS_RELEVANT, event.entity_id)
            out[event.id] = found.get(key, Revision(0, None, None))
        return out

    def _revisions_of(
        self, session: Session, entity: str, fields: frozenset[str], ids: set[str]
    ) -> Iterator[tuple[str, Revision]]:
        """One grouped scan of the change log: the creation moment, and the distinct later
        moments at which one of ``fields`` changed."""
        relevant = case((ChangeRecord.field.in_(sorted(fields)), ChangeRecord.at))
        query = select(
            ChangeRecord.entity_id,
            func.min(ChangeRecord.at),
            func.count(distinct(relevant)),
            func.min(relevant),
            func.max(relevant),
        ).group_by(ChangeRecord.entity_id)
        if len(ids) > _SCAN_WHOLE_KIND:
            # Cheaper to read the kind's whole log than to look up thousands of ids.
            batches = [query.where(ChangeRecord.entity == entity)]
        else:
            batches = [
                query.where(ChangeRecord.entity_id.in_(chunk))
                for chunk in _chunks(sorted(ids), 500)
            ]
        for batch in batches:
            for entity_id, created, moments, first, last in session.execute(batch):
                if entity_id not in ids:
                    continue
                created, first, last = (_as_datetime(v) for v in (created, first, last))
                sequence = moments - (1 if first is not None and first == created else 0)
                yield entity_id, Revision(sequence, created, last or created)


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


def _as_datetime(value: object) -> datetime | None:
    """Aggregates of a DateTime column come back as text from SQLite."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
