"""Committee figures as at any date.

Every change to a finding is in the change log. The fields that decide where a finding is
counted (kind, level, status, applies, deleted) are also kept, by triggers on ``finding``,
as periods in ``finding_state``: one row per state a finding was in, from when until when.
Figures as at a moment are then one grouped scan of the rows in force at that moment; the
tests check them against a full replay of the change log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, or_, select

from app.clock import end_of_day_utc, london_to_utc
from app.domain.enums import Kind, Level, Status
from app.services.context import ServiceContext
from db.records import FindingStateRecord


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One line of the open / closed / total table."""

    kind: Kind
    level: Level | None
    open: int
    closed: int

    @property
    def total(self) -> int:
        return self.open + self.closed

    @property
    def label(self) -> str:
        if self.level is None:
            return f"{self.kind.label} (level not set)"
        if self.level is Level.BEFORE_LEVELS:
            return f"{self._kind_label} Closed before Levels"
        return f"{self._kind_label} {self.level.label}"

    @property
    def _kind_label(self) -> str:
        # The seeds write "AFI Level 2" but spell out the other kinds.
        return self.kind.short if self.kind is Kind.AFI else self.kind.label


@dataclass(frozen=True, slots=True)
class Summary:
    """The findings summary as at a date: findings that apply to the force, by kind and level."""

    as_at: date
    rows: tuple[SummaryRow, ...]

    @property
    def open(self) -> int:
        return sum(r.open for r in self.rows)

    @property
    def closed(self) -> int:
        return sum(r.closed for r in self.rows)

    @property
    def total(self) -> int:
        return self.open + self.closed

    def row(self, kind: Kind, level: Level | None) -> SummaryRow | None:
        return next((r for r in self.rows if r.kind is kind and r.level == level), None)


@dataclass(frozen=True, slots=True)
class SubmissionCount:
    """Findings submitted for closure since a date, for one kind and level."""

    kind: Kind
    level: Level | None
    count: int
    change: int | None = None  # against the previous meeting, when asked for


class FiguresService:
    """Counts as at a date, from the change log's projection ``finding_state``."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def summary_as_at(self, day: date) -> Summary:
        """Open / closed / total by kind and level as at the end of ``day``."""
        cells: dict[tuple[Kind, Level | None], list[int]] = {}
        for kind, level, status, n in self._counts_as_at(end_of_day_utc(day)):
            state = Status(status)
            if not (state.is_open or state is Status.CLOSED):
                continue
            cell = cells.setdefault((Kind(kind), None if level is None else Level(level)), [0, 0])
            cell[0 if state.is_open else 1] += n
        return Summary(day, tuple(_summary_rows(cells)))

    def submissions_since(
        self, since: date, as_at: date, previous: date | None = None
    ) -> tuple[SubmissionCount, ...]:
        """Findings submitted for closure from ``since`` to the end of ``as_at``, by kind and
        level (as at ``as_at``), with the change since ``previous`` when given."""
        now = self._submissions(since, as_at)
        before = self._submissions(since, previous) if previous else None
        keys = sorted(set(now) | set(before or {}), key=_kind_level_order)
        return tuple(
            SubmissionCount(
                kind,
                level,
                now.get((kind, level), 0),
                None
                if before is None
                else now.get((kind, level), 0) - before.get((kind, level), 0),
            )
            for kind, level in keys
        )

    def _counts_as_at(self, moment: datetime) -> list[tuple[str, int | None, str, int]]:
        s = FindingStateRecord
        query = (
            select(s.kind, s.level, s.status, func.count())
            .where(*_in_force(moment), s.applies_to_force.is_(True), s.deleted.is_(False))
            .group_by(s.kind, s.level, s.status)
        )
        with self.ctx.store.read() as session:
            return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]

    def _submissions(self, since: date, as_at: date) -> Counter[tuple[Kind, Level | None]]:
        start = london_to_utc(datetime.combine(since, time()))
        end = end_of_day_utc(as_at)
        s = FindingStateRecord
        submitted = (
            select(s.finding_id)
            .where(s.status == Status.SUBMITTED.value, s.valid_from >= start, s.valid_from < end)
            .distinct()
            .subquery()
        )
        query = (
            select(s.kind, s.level, func.count())
            .join(submitted, submitted.c.finding_id == s.finding_id)
            .where(*_in_force(end), s.applies_to_force.is_(True), s.deleted.is_(False))
            .group_by(s.kind, s.level)
        )
        with self.ctx.store.read() as session:
            return Counter(
                {
                    (Kind(kind), None if level is None else Level(level)): n
                    for kind, level, n in session.execute(query)
                }
            )


def _in_force(moment: datetime) -> tuple:  # type: ignore[type-arg]
    """The state row that held at ``moment``: begun before it and not yet replaced."""
    s = FindingStateRecord
    return (s.valid_from < moment, or_(s.valid_to.is_(None), s.valid_to >= moment))


KIND_ORDER = (Kind.COC, Kind.RECOMMENDATION, Kind.AFI)
LEVEL_ORDER = (Level.L1, Level.L2, Level.L3, Level.L4, None, Level.BEFORE_LEVELS)


def _kind_level_order(key: tuple[Kind, Level | None]) -> tuple[int, int]:
    return KIND_ORDER.index(key[0]), LEVEL_ORDER.index(key[1])


def _summary_rows(cells: dict[tuple[Kind, Level | None], list[int]]) -> Iterable[SummaryRow]:
    """Rows in the seeds' order; Recommendations and AFIs always show levels 1–4."""
    for kind in KIND_ORDER:
        for level in LEVEL_ORDER:
            counts = cells.get((kind, level))
            always = kind is not Kind.COC and level in (Level.L1, Level.L2, Level.L3, Level.L4)
            if counts or always:
                yield SummaryRow(kind, level, *(counts or (0, 0)))
