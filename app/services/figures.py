"""Committee figures as at any date, computed from the change log.

The current table holds each finding as it is now. A finding's value of a field as at a
moment is its current value, unless the field changed after that moment, in which case it
is the *old* value of the first change after it. Findings created after the moment do not
count. So the cost is one grouped scan plus the changes since the date, whatever the date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select

from app.clock import end_of_day_utc, london_to_utc
from app.domain.enums import Kind, Level, Status
from app.services.codec import decode, encode
from app.services.context import ServiceContext
from db.records import ChangeRecord, FindingRecord

# The fields that decide where a finding is counted.
STATE_FIELDS = ("kind", "level", "status", "applies_to_force", "deleted_at")

State = tuple[str, int | None, str, bool, bool]  # kind, level, status, applies, deleted


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
    """Counts as at a date, from the change log."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def summary_as_at(self, day: date) -> Summary:
        """Open / closed / total by kind and level as at the end of ``day``."""
        counts = self._bucket_counts(end_of_day_utc(day))
        cells: dict[tuple[Kind, Level | None], list[int]] = {}
        for (kind, level, status, applies, deleted), n in counts.items():
            if not applies or deleted:
                continue
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

    def _submissions(self, since: date, as_at: date) -> Counter[tuple[Kind, Level | None]]:
        start, end = (
            london_to_utc(datetime.combine(since, datetime.min.time())),
            end_of_day_utc(as_at),
        )
        with self.ctx.store.read() as session:
            ids = set(
                session.scalars(
                    select(ChangeRecord.entity_id).where(
                        ChangeRecord.entity == "finding",
                        ChangeRecord.field == "status",
                        ChangeRecord.new_value == encode(Status.SUBMITTED.value),
                        ChangeRecord.at >= start,
                        ChangeRecord.at < end,
                    )
                )
            )
        out: Counter[tuple[Kind, Level | None]] = Counter()
        for kind, level, _status, applies, deleted in self.states_as_at(ids, end).values():
            if applies and not deleted:
                out[(Kind(kind), None if level is None else Level(level))] += 1
        return out

    def states_as_at(self, ids: Iterable[str], moment: datetime) -> dict[str, State]:
        """The counting state of each finding in ``ids`` that existed at ``moment``."""
        wanted = set(ids)
        if not wanted:
            return {}
        with self.ctx.store.read() as session:
            current = {
                row[0]: _state(row[1:])
                for chunk in _chunks(sorted(wanted))
                for row in session.execute(
                    select(FindingRecord.id, *_state_columns()).where(FindingRecord.id.in_(chunk))
                )
            }
            later = self._first_changes_after(session, moment, wanted)
        states = {}
        for finding_id, state in current.items():
            created_after, overrides = later.get(finding_id, (False, {}))
            if not created_after:
                states[finding_id] = _override(state, overrides)
        return states

    def _bucket_counts(self, moment: datetime) -> Counter[State]:
        with self.ctx.store.read() as session:
            counts: Counter[State] = Counter(
                {
                    _state(row[:-1]): row[-1]
                    for row in session.execute(
                        select(*_state_columns(), func.count()).group_by(*_state_columns())
                    )
                }
            )
            later = self._first_changes_after(session, moment, None)
            if not later:
                return counts
            current = {
                row[0]: _state(row[1:])
                for chunk in _chunks(sorted(later))
                for row in session.execute(
                    select(FindingRecord.id, *_state_columns()).where(FindingRecord.id.in_(chunk))
                )
            }
        for finding_id, (created_after, overrides) in later.items():
            if finding_id not in current:
                continue
            counts[current[finding_id]] -= 1
            if not created_after:
                counts[_override(current[finding_id], overrides)] += 1
        return counts

    def _first_changes_after(
        self,
        session,
        moment: datetime,
        only: set[str] | None,  # type: ignore[no-untyped-def]
    ) -> dict[str, tuple[bool, dict[str, object]]]:
        """For each finding changed after ``moment``: was it created after, and the old value
        of each counting field at its first change after."""
        query = (
            select(
                ChangeRecord.entity_id,
                ChangeRecord.action,
                ChangeRecord.field,
                ChangeRecord.old_value,
            )
            .where(
                ChangeRecord.entity == "finding",
                ChangeRecord.at >= moment,
                or_(ChangeRecord.field.in_(STATE_FIELDS), ChangeRecord.action == "create"),
            )
            .order_by(ChangeRecord.at, ChangeRecord.seq)
        )
        out: dict[str, tuple[bool, dict[str, object]]] = {}
        for entity_id, action, field, old in session.execute(query):
            if only is not None and entity_id not in only:
                continue
            _created_after, overrides = out.setdefault(entity_id, (action == "create", {}))
            if field in STATE_FIELDS and field not in overrides:
                overrides[field] = decode(old)
        return out


def _state_columns() -> tuple:  # type: ignore[type-arg]
    return (
        FindingRecord.kind,
        FindingRecord.level,
        FindingRecord.status,
        FindingRecord.applies_to_force,
        FindingRecord.deleted_at.is_not(None),
    )


def _state(row: Iterable[object]) -> State:
    kind, level, status, applies, deleted = row
    return (
        str(kind),
        None if level is None else int(level),
        str(status),
        bool(applies),
        bool(deleted),
    )


def _override(state: State, overrides: dict[str, object]) -> State:
    kind, level, status, applies, deleted = state
    if "kind" in overrides:
        kind = str(overrides["kind"])
    if "level" in overrides:
        level = None if overrides["level"] is None else int(overrides["level"])  # type: ignore[arg-type]
    if "status" in overrides:
        status = str(overrides["status"])
    if "applies_to_force" in overrides:
        applies = bool(overrides["applies_to_force"])
    if "deleted_at" in overrides:
        deleted = overrides["deleted_at"] is not None
    return (kind, level, status, applies, deleted)


def _chunks(items: list[str], size: int = 900) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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
