"""Pre-flight: data problems worth fixing before a paper goes to committee."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.domain.enums import Kind, Status
from app.formatting import long_date
from db.records import FindingRecord, ProgressUpdateRecord, ReportRecord

SHOWN = 100  # items listed per problem; the count says how many there are in all
OPEN_VALUES = tuple(s.value for s in Status if s.is_open)


@dataclass(frozen=True, slots=True)
class PreflightItem:
    """One record with the problem; ``record_id`` lets a screen go to it."""

    entity: str
    record_id: str
    text: str


@dataclass(frozen=True, slots=True)
class PreflightProblem:
    """One kind of problem, how many records have it, and the first of them."""

    key: str
    title: str
    count: int
    items: tuple[PreflightItem, ...]


def run_checks(
    session: Session, *, today: date, since: date, reports_since: list[tuple[str, str]]
) -> list[PreflightProblem]:
    """Open findings with no owner, overdue ones with no update since ``since``, findings that
    apply but have no level, and reports in the paper with no committee summary."""
    f, r = FindingRecord, ReportRecord
    live = (f.deleted_at.is_(None), r.deleted_at.is_(None), f.applies_to_force.is_(True))
    is_open = f.status.in_(OPEN_VALUES)
    updated = exists().where(
        ProgressUpdateRecord.finding_id == f.id,
        ProgressUpdateRecord.deleted_at.is_(None),
        ProgressUpdateRecord.written_on >= since,
    )
    problems = [
        _findings(
            session,
            "no_owner",
            "Open findings with no owner",
            (*live, is_open, f.owner_id.is_(None)),
            "",
        ),
        _findings(
            session,
            "overdue_no_update",
            f"Overdue findings with no progress update since {long_date(since)}",
            (*live, is_open, f.due_on < today, ~updated),
            "due",
        ),
        _findings(
            session,
            "no_level",
            "Findings that apply to the force with no level",
            (
                *live,
                f.status.not_in((Status.NOT_APPLICABLE.value, Status.SUPERSEDED.value)),
                f.level.is_(None),
            ),
            "",
        ),
    ]
    missing = [
        PreflightItem("report", rid, f"{title}: no committee summary written")
        for rid, title in reports_since
    ]
    problems.append(
        PreflightProblem(
            "no_summary",
            "Reports in this paper with no committee summary",
            len(missing),
            tuple(missing[:SHOWN]),
        )
    )
    return [p for p in problems if p.count]


def _findings(
    session: Session, key: str, title: str, where: tuple[object, ...], extra: str
) -> PreflightProblem:
    f, r = FindingRecord, ReportRecord
    count = session.scalar(
        select(func.count()).select_from(f).join(r, r.id == f.report_id).where(*where)
    )
    rows = session.execute(
        select(f.id, f.kind, f.reference, f.due_on, r.title)
        .join(r, r.id == f.report_id)
        .where(*where)
        .order_by(f.due_on, r.published_on, f.reference)
        .limit(SHOWN)
    )
    items = tuple(
        PreflightItem(
            "finding",
            fid,
            f"{reference} ({Kind(kind).short}) — {report_title}"
            + (f" — due {long_date(due)}" if extra == "due" and due else ""),
        )
        for fid, kind, reference, due, report_title in rows
    )
    return PreflightProblem(key, title, count or 0, items)
