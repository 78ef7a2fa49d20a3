"""How an imported finding reaches the status its tracker gives, within the level rules.

A new finding is created open and walked along the lifecycle (each step checked by
app/domain/rules.py and logged with the note "Imported…"), except that a closed or
not-applicable finding is recorded as such at once, as the rules allow for old items.
A submission for closure that the rules would refuse (no level, or an L2/L3 item with no
Chief Constable's letter) stops at internal review, with a warning in the preview.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from datetime import date

from app.domain import rules
from app.domain.enums import ClosedBy, Level, Status
from app.domain.errors import DomainError, InvalidValues
from app.domain.values import Finding

CREATED_AS_IS = frozenset({Status.OPEN, Status.CLOSED, Status.NOT_APPLICABLE})
_WALK_FROM_OPEN = {
    Status.IN_PROGRESS: (Status.IN_PROGRESS,),
    Status.INTERNAL_REVIEW: (Status.INTERNAL_REVIEW,),
    Status.SUBMITTED: (Status.INTERNAL_REVIEW, Status.SUBMITTED),
    Status.SUPERSEDED: (Status.SUPERSEDED,),
}

STATUS_NOTE = (
    "Open, closed and not-applicable findings are recorded as they are; any other status is "
    "reached by walking the lifecycle from open, each step checked by the level rules and "
    "noted as imported. A submission the rules would refuse stops at internal review."
)


class Plan:
    """The value a finding starts as, the statuses it then moves through, and where it ends."""

    __slots__ = ("final", "start", "steps", "warnings")

    def __init__(self, start: Finding, steps: tuple[Finding, ...], warnings: list[str]) -> None:
        self.start = start
        self.steps = steps  # the finding after each status move
        self.final = steps[-1] if steps else start
        self.warnings = warnings


def closer_for(level: Level | None, given: ClosedBy | None) -> ClosedBy:
    """Who closed an imported closed finding: as given, else the force for L2/L3."""
    if given is not None:
        return given
    return ClosedBy.FORCE if level in rules.SELF_CERTIFIABLE else ClosedBy.HMICFRS


def plan_new(value: Finding, target: Status, today: date, note: str) -> Plan:
    """Create ``value`` (whose status is ignored) so that it ends at ``target``.

    Raises DomainError when the rules refuse the finding itself."""
    warnings: list[str] = []
    if target is Status.SUBMITTED and _cannot_submit(value):
        warnings.append(_why_not_submitted(value))
        target = Status.INTERNAL_REVIEW
    if target in CREATED_AS_IS:
        if target is Status.CLOSED:
            start = replace(
                value, status=target, closed_by=closer_for(value.level, value.closed_by)
            )
        elif value.status is target and value.closed_by is None and value.closed_on is None:
            start = value
        else:
            start = replace(value, status=target, closed_by=None, closed_on=None)
        rules.validate_finding(start)
        return Plan(start, (), warnings)
    if (value.status, value.closed_by, value.closed_on, value.submitted_on) == (
        Status.OPEN,
        None,
        None,
        None,
    ):
        start = value
    else:
        start = replace(
            value, status=Status.OPEN, closed_by=None, closed_on=None, submitted_on=None
        )
    rules.validate_finding(start)
    return Plan(start, _walk(start, _WALK_FROM_OPEN[target], value, today, note), warnings)


def plan_update(
    existing: Finding, changed: Finding, target: Status | None, today: date, note: str
) -> Plan:
    """Change ``existing`` into ``changed`` (fields), then walk to ``target`` if it differs."""
    start = replace(changed, status=existing.status)
    if existing.status is not Status.CLOSED:
        start = replace(start, closed_by=existing.closed_by, closed_on=existing.closed_on)
    rules.validate_finding(start)
    warnings: list[str] = []
    if target is None or target is existing.status:
        return Plan(start, (), warnings)
    if target is Status.SUBMITTED and _cannot_submit(changed):
        warnings.append(_why_not_submitted(changed))
        target = Status.INTERNAL_REVIEW
        if existing.status is target:
            return Plan(start, (), warnings)
    path = shortest_path(start, target)
    if path is None:
        raise DomainError(
            "status",
            f"a finding that is {existing.status.label.lower()} cannot move to "
            f"{target.label.lower()}",
        )
    return Plan(start, _walk(start, path, changed, today, note), warnings)


def shortest_path(finding: Finding, target: Status) -> tuple[Status, ...] | None:
    """The fewest status moves from the finding's status to ``target`` under its level."""
    queue: deque[tuple[Status, tuple[Status, ...]]] = deque([(finding.status, ())])
    seen = {finding.status}
    while queue:
        status, path = queue.popleft()
        if status is target:
            return path
        for after in rules.allowed_statuses(replace(finding, status=status)):
            if after not in seen:
                seen.add(after)
                queue.append((after, (*path, after)))
    return None


def _walk(
    start: Finding, path: tuple[Status, ...], wanted: Finding, today: date, note: str
) -> tuple[Finding, ...]:
    steps = []
    before = start
    for status in path:
        after = rules.apply_status(
            before,
            status,
            today,
            cc_letter_ref=wanted.cc_letter_ref or None,
            cc_letter_on=wanted.cc_letter_on,
            closed_by=closer_for(wanted.level, wanted.closed_by)
            if status is Status.CLOSED
            else None,
        )
        # The tracker's own dates win over "today".
        if status is Status.SUBMITTED and wanted.submitted_on:
            after = replace(after, submitted_on=wanted.submitted_on)
        if status is Status.CLOSED and wanted.closed_on:
            after = replace(after, closed_on=wanted.closed_on)
        rules.check_transition(before, after, note)
        rules.validate_finding(after)
        steps.append(after)
        before = after
    return tuple(steps)


def _cannot_submit(value: Finding) -> bool:
    if value.level in (None, Level.BEFORE_LEVELS):
        return True
    if value.level in rules.LETTER_REQUIRED:
        return not value.cc_letter_ref.strip() or value.cc_letter_on is None
    return False


def _why_not_submitted(value: Finding) -> str:
    if value.level in (None, Level.BEFORE_LEVELS):
        return "submitted for closure, but no level is given: imported as internal review"
    return (
        f"submitted for closure, but a {value.level.label} submission needs the CC letter "
        "reference and date: imported as internal review"
    )


def describe(error: DomainError) -> list[str]:
    """A rules error as lines a person reads next to the row."""
    if isinstance(error, InvalidValues):
        return [f"{_field_name(f)}: {m}" for f, m in error.problems.items()]
    return [f"{_field_name(error.field)}: {error.message}" if error.field else error.message]


def _field_name(field: str | None) -> str:
    return (field or "").replace("_id", "").replace("_", " ")
