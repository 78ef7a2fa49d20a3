"""Level-aware lifecycle rules for findings. Widgets ask these; they never decide themselves."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.domain.enums import ClosedBy, Kind, Level, Status
from app.domain.errors import DomainError, InvalidValues
from app.domain.values import Finding

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.OPEN: frozenset(
        {Status.IN_PROGRESS, Status.INTERNAL_REVIEW, Status.NOT_APPLICABLE, Status.SUPERSEDED}
    ),
    Status.IN_PROGRESS: frozenset(
        {Status.INTERNAL_REVIEW, Status.NOT_APPLICABLE, Status.SUPERSEDED}
    ),
    Status.INTERNAL_REVIEW: frozenset(
        {Status.IN_PROGRESS, Status.SUBMITTED, Status.NOT_APPLICABLE, Status.SUPERSEDED}
    ),
    Status.SUBMITTED: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.CLOSED: frozenset({Status.IN_PROGRESS}),
    Status.NOT_APPLICABLE: frozenset({Status.OPEN}),
    Status.SUPERSEDED: frozenset({Status.OPEN}),
}

# Moves that undo progress (a panel or HMICFRS sends it back, a closure is reopened) or
# take a finding out of scope must say why.
NEEDS_REASON = frozenset(
    {
        (Status.INTERNAL_REVIEW, Status.IN_PROGRESS),
        (Status.SUBMITTED, Status.IN_PROGRESS),
        (Status.CLOSED, Status.IN_PROGRESS),
    }
)
NEEDS_REASON_TO = frozenset({Status.NOT_APPLICABLE, Status.SUPERSEDED})

SELF_CERTIFIABLE = frozenset({Level.L2, Level.L3})
LETTER_REQUIRED = frozenset({Level.L2, Level.L3})


def allowed_statuses(finding: Finding) -> tuple[Status, ...]:
    """The statuses a finding may move to next, in lifecycle order, given its level."""
    options = TRANSITIONS[finding.status]
    if finding.level in (None, Level.BEFORE_LEVELS):
        options = options - {Status.SUBMITTED}
    return tuple(status for status in Status if status in options)


def allowed_closers(level: Level | None) -> tuple[ClosedBy, ...]:
    """Who may close a finding at this level: only HMICFRS for L1 and L4."""
    if level in SELF_CERTIFIABLE:
        return (ClosedBy.FORCE, ClosedBy.HMICFRS)
    return (ClosedBy.HMICFRS,)


def needs_reason(before: Status, after: Status) -> bool:
    """True when moving from ``before`` to ``after`` needs a note saying why."""
    return (before, after) in NEEDS_REASON or (after in NEEDS_REASON_TO and before != after)


def check_transition(before: Finding, after: Finding, note: str = "") -> None:
    """Raise DomainError unless ``before`` may become ``after`` under the level rules."""
    if before.status == after.status:
        return
    if after.status not in TRANSITIONS[before.status]:
        raise DomainError(
            "status",
            f"a finding that is {before.status.label.lower()} cannot move to "
            f"{after.status.label.lower()}",
        )
    if needs_reason(before.status, after.status) and not note.strip():
        raise DomainError("note", f"say why the finding moves to {after.status.label.lower()}")
    if after.status is Status.SUBMITTED:
        _check_submission(after)
    if after.status is Status.CLOSED:
        _check_closure(after)


def _check_submission(finding: Finding) -> None:
    if finding.level in (None, Level.BEFORE_LEVELS):
        raise DomainError("level", "set the HMICFRS level before submitting for closure")
    if finding.level in LETTER_REQUIRED:
        if not finding.cc_letter_ref.strip():
            raise DomainError(
                "cc_letter_ref",
                f"a {finding.level.label} submission needs the Chief Constable's letter reference",
            )
        if finding.cc_letter_on is None:
            raise DomainError(
                "cc_letter_on",
                f"a {finding.level.label} submission needs the date of the CC's letter",
            )


def _check_closure(finding: Finding) -> None:
    if finding.closed_by is None:
        raise DomainError("closed_by", "say who closed the finding (the force or HMICFRS)")
    if finding.closed_by is ClosedBy.FORCE and finding.level not in SELF_CERTIFIABLE:
        raise DomainError("closed_by", _force_cannot_close(finding.level))


def _force_cannot_close(level: Level | None) -> str:
    if level is Level.L4:
        return "an L4 finding can never be self-certified closed by the force; HMICFRS closes it"
    if level is Level.L1:
        return "an L1 finding is closed and archived by HMICFRS, not by the force"
    return "only L2 and L3 findings can be closed by the force"


def validate_finding(finding: Finding) -> None:
    """Raise InvalidValues naming every field that is wrong in itself."""
    problems: dict[str, str] = {}
    if not finding.report_id:
        problems["report_id"] = "choose the report this finding comes from"
    if not finding.reference.strip():
        problems["reference"] = "give a reference, e.g. “Recommendation 3”"
    if not finding.text.strip():
        problems["text"] = "enter the finding's text as published"
    if not finding.applies_to_force and not finding.not_applicable_reason.strip():
        problems["not_applicable_reason"] = "say why the finding does not apply to the force"
    if finding.level is Level.BEFORE_LEVELS and finding.status.is_open:
        problems["level"] = "only a closed finding can be “closed before levels”"
    if finding.kind is Kind.COC and finding.parent_id:
        problems["parent_id"] = "a cause of concern does not address another finding"
    if finding.parent_id and finding.parent_id == finding.id:
        problems["parent_id"] = "a finding cannot address itself"
    if finding.due_immediate and finding.due_on is not None:
        problems["due_on"] = "a finding is due either on a date or with immediate effect"
    if finding.status is Status.CLOSED and finding.level is not Level.BEFORE_LEVELS:
        if finding.closed_by is None:
            problems["closed_by"] = "say who closed the finding (the force or HMICFRS)"
        elif finding.closed_by is ClosedBy.FORCE and finding.level not in SELF_CERTIFIABLE:
            problems["closed_by"] = _force_cannot_close(finding.level)
    if finding.closed_on and finding.submitted_on and finding.closed_on < finding.submitted_on:
        problems["closed_on"] = "the closure date is before the submission date"
    if problems:
        raise InvalidValues(problems)


def apply_status(
    finding: Finding,
    status: Status,
    today: date,
    *,
    cc_letter_ref: str | None = None,
    cc_letter_on: date | None = None,
    closed_by: ClosedBy | None = None,
) -> Finding:
    """The finding after a status change, with the dates and details that go with it."""
    changes: dict[str, object] = {"status": status}
    if cc_letter_ref is not None:
        changes["cc_letter_ref"] = cc_letter_ref
    if cc_letter_on is not None:
        changes["cc_letter_on"] = cc_letter_on
    if status is Status.SUBMITTED:
        changes["submitted_on"] = today
    if status is Status.CLOSED:
        changes["closed_on"] = today
        changes["closed_by"] = closed_by
    if finding.status is Status.CLOSED and status is not Status.CLOSED:
        changes["closed_on"] = None
        changes["closed_by"] = None
    if finding.status is Status.SUBMITTED and status is Status.IN_PROGRESS:
        changes["submitted_on"] = None
    return replace(finding, **changes)  # type: ignore[arg-type]
