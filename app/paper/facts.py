"""Everything a meeting's paper states, read from the data as it stood at the meeting."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.clock import end_of_day_utc
from app.domain.enums import InspectionStatus, InspectionType, Kind, Level, Rag, ReportScope, Status
from app.domain.values import ForceSettings, Grading, Meeting, MonitoringPeriod
from app.paper.asat import rows_as_at
from app.services.figures import SubmissionCount, Summary
from db.records import (
    ChangeRecord,
    FindingRecord,
    FindingStateRecord,
    InspectionRecord,
    ReportRecord,
)

# With no earlier meeting, "since the last meeting" means this long before the meeting.
FIRST_MEETING_WINDOW = timedelta(days=91)
OPEN_VALUES = tuple(s.value for s in Status if s.is_open)


@dataclass(frozen=True, slots=True)
class FindingFacts:
    """A finding of a report, as it stood at the meeting."""

    id: str
    kind: Kind
    reference: str
    text: str
    level: Level | None
    status: Status
    applies_to_force: bool
    due_on: date | None
    due_immediate: bool
    parent_id: str | None

    @property
    def applies(self) -> bool:
        """Counted as applying to the force (and not since ruled out of scope)."""
        return self.applies_to_force and self.status is not Status.NOT_APPLICABLE


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """A report published in the period, with what it issued."""

    id: str
    title: str
    published_on: date
    scope: ReportScope
    summary: str
    reference: str
    url: str
    gradings: tuple[Grading, ...]
    findings: tuple[FindingFacts, ...]

    @property
    def issued(self) -> dict[Kind, int]:
        counts = Counter(f.kind for f in self.findings)
        return {kind: counts[kind] for kind in (Kind.COC, Kind.RECOMMENDATION, Kind.AFI)}

    @property
    def applying(self) -> tuple[FindingFacts, ...]:
        return tuple(f for f in self.findings if f.applies)


@dataclass(frozen=True, slots=True)
class ActivityFacts:
    """An inspection activity, as it stood at the meeting."""

    id: str
    title: str
    type: InspectionType
    status: InspectionStatus
    start: date | None
    end: date | None
    hot_debrief_on: date | None
    expected_publication_on: date | None
    partners: tuple[str, ...]
    notes: str


@dataclass(frozen=True, slots=True)
class RagCounts:
    """RAG ratings of the findings open at the meeting."""

    red: int
    amber: int
    green: int
    unrated: int

    @property
    def rated(self) -> int:
        return self.red + self.amber + self.green


@dataclass(frozen=True)
class MeetingFacts:
    """The data behind one meeting's paper."""

    meeting: Meeting
    previous: Meeting | None
    period_start: date
    settings: ForceSettings
    stage: MonitoringPeriod | None
    summary: Summary
    previous_summary: Summary | None
    submissions: tuple[SubmissionCount, ...]
    rag: RagCounts | None
    reports: tuple[ReportFacts, ...]
    activity: tuple[ActivityFacts, ...]
    forthcoming: tuple[ActivityFacts, ...]


def reports_as_at(
    session: Session, moment: datetime, after: date, until: date
) -> list[dict[str, object]]:
    """Reports (as at ``moment``) published after ``after`` up to and including ``until``."""
    rows = rows_as_at(
        session,
        ReportRecord,
        "report",
        moment,
        ("title", "published_on", "scope", "summary", "reference", "url"),
        # Only a report's publication date could bring it into the window; it is checked
        # again once wound back.
        where=(ReportRecord.published_on.is_not(None),),
    )
    picked = [r for r in rows if r["published_on"] and after < r["published_on"] <= until]  # type: ignore[operator]
    return sorted(picked, key=lambda r: (r["published_on"], r["title"]))  # type: ignore[arg-type, return-value]


def findings_as_at(
    session: Session, moment: datetime, report_ids: list[str]
) -> dict[str, list[FindingFacts]]:
    """The findings of these reports as they stood at ``moment``, by report, in order."""
    if not report_ids:
        return {}
    fields = (
        "report_id",
        "kind",
        "reference",
        "text",
        "level",
        "status",
        "applies_to_force",
        "due_on",
        "due_immediate",
        "parent_id",
    )
    rows = rows_as_at(
        session,
        FindingRecord,
        "finding",
        moment,
        fields,
        where=(FindingRecord.report_id.in_(report_ids),),
    )
    out: dict[str, list[FindingFacts]] = {rid: [] for rid in report_ids}
    for r in rows:
        out[r["report_id"]].append(
            FindingFacts(
                id=r["id"],
                kind=Kind(r["kind"]),
                reference=r["reference"],
                text=r["text"],
                level=None if r["level"] is None else Level(r["level"]),
                status=Status(r["status"]),
                applies_to_force=bool(r["applies_to_force"]),
                due_on=r["due_on"],
                due_immediate=bool(r["due_immediate"]),
                parent_id=r["parent_id"],
            )
        )
    return out


def activity_as_at(session: Session, moment: datetime) -> list[ActivityFacts]:
    """Every inspection activity known at ``moment``, as it stood then, by fieldwork date."""
    rows = rows_as_at(
        session,
        InspectionRecord,
        "inspection",
        moment,
        (
            "title",
            "type",
            "status",
            "fieldwork_start",
            "fieldwork_end",
            "hot_debrief_on",
            "expected_publication_on",
            "partners",
            "notes",
        ),
    )
    items = [
        ActivityFacts(
            id=r["id"],
            title=r["title"],
            type=InspectionType(r["type"]),
            status=InspectionStatus(r["status"]),
            start=r["fieldwork_start"],
            end=r["fieldwork_end"],
            hot_debrief_on=r["hot_debrief_on"],
            expected_publication_on=r["expected_publication_on"],
            partners=tuple(p.strip() for p in (r["partners"] or "").split(";") if p.strip()),
            notes=r["notes"] or "",
        )
        for r in rows
    ]
    return sorted(items, key=lambda a: (a.start or date.max, a.title))


def split_activity(
    items: list[ActivityFacts], after: date, until: date
) -> tuple[tuple[ActivityFacts, ...], tuple[ActivityFacts, ...]]:
    """(activity hosted in the period, activity still to come after ``until``)."""
    hosted, coming = [], []
    for item in items:
        if item.status is InspectionStatus.CANCELLED:
            continue
        first = item.start or item.hot_debrief_on
        last = item.end or item.hot_debrief_on or item.start
        if first is not None and last is not None and first <= until and last > after:
            hosted.append(item)
        elif (first is not None and first > until) or (
            first is None and item.status is InspectionStatus.PLANNED
        ):
            coming.append(item)
    return tuple(hosted), tuple(coming)


def rag_as_at(session: Session, day: date) -> RagCounts | None:
    """RAG ratings of findings open (and applying) at the end of ``day``; None when no open
    finding was rated, i.e. the force does not use RAG.

    RAG is not in ``finding_state``, so this starts from today's open findings (one indexed
    scan) and corrects only the findings that changed since the moment: their state then from
    ``finding_state``, their rating then from the change log. Joining every open finding's
    state to its row instead costs ~10x more on 50,000 findings.
    """
    moment = end_of_day_utc(day)
    f, s = FindingRecord, FindingStateRecord
    open_now = (
        f.status.in_(OPEN_VALUES),
        f.applies_to_force.is_(True),
        f.deleted_at.is_(None),
    )
    counts: Counter[str | None] = Counter(
        dict(session.execute(select(f.rag, func.count()).where(*open_now).group_by(f.rag)).all())
    )
    rag_then: dict[str, str | None] = {}
    changed: set[str] = set()
    for entity_id, field, old in session.execute(
        select(ChangeRecord.entity_id, ChangeRecord.field, ChangeRecord.old_value)
        .where(
            ChangeRecord.entity == "finding",
            ChangeRecord.at >= moment,
            ChangeRecord.field.in_(_OPEN_FIELDS),
        )
        .order_by(ChangeRecord.seq)
    ):
        changed.add(entity_id)
        if field == "rag":
            rag_then.setdefault(entity_id, None if old is None else json.loads(old))
    ids = list(changed)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        # Looked up by id and filtered here: a WHERE on status would steer SQLite onto the
        # status index and a scan of every open finding.
        rag_now: dict[str, str | None] = {}
        for finding_id, rag, status, applies, deleted_at in session.execute(
            select(f.id, f.rag, f.status, f.applies_to_force, f.deleted_at).where(f.id.in_(chunk))
        ):
            rag_now[finding_id] = rag
            if status in OPEN_VALUES and applies and deleted_at is None:
                counts[rag] -= 1  # counted above by today's state; replaced by the state then
        for finding_id, status, applies, deleted in session.execute(
            select(s.finding_id, s.status, s.applies_to_force, s.deleted).where(
                s.finding_id.in_(chunk),
                s.valid_from < moment,
                or_(s.valid_to.is_(None), s.valid_to >= moment),
            )
        ):
            if status in OPEN_VALUES and applies and not deleted:
                counts[rag_then.get(finding_id, rag_now.get(finding_id))] += 1
    rag = RagCounts(
        red=counts[Rag.RED.value],
        amber=counts[Rag.AMBER.value],
        green=counts[Rag.GREEN.value],
        unrated=counts[None],
    )
    return rag if rag.rated else None


# A change to any of these after the moment may move a finding in or out of the open count,
# or change its rating (a finding created later has its status logged at creation).
_OPEN_FIELDS = ("status", "applies_to_force", "deleted_at", "rag", "kind")


def period_start(meeting: Meeting, previous: Meeting | None) -> date:
    """The day the paper reports "since": the previous meeting, or three months before."""
    return previous.meets_on if previous else meeting.meets_on - FIRST_MEETING_WINDOW
