"""The lifecycle steps a form offers for a finding, read from the rules (never decided here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain import rules
from app.domain.enums import ClosedBy, Level, Status
from app.domain.values import Finding
from app.formatting import long_date


@dataclass(frozen=True, slots=True)
class LifecycleStep:
    """One status change a finding may make now, and what a person must give for it."""

    target: Status
    label: str  # the button: "Submit for closure…"
    needs_reason: bool
    needs_letter: bool
    closers: tuple[ClosedBy, ...]  # who may close it, for a closure

    @property
    def asks_anything(self) -> bool:
        return self.needs_reason or self.needs_letter or bool(self.closers)


def steps_for(finding: Finding) -> tuple[LifecycleStep, ...]:
    """The steps ``rules.allowed_statuses`` allows for ``finding``, in lifecycle order."""
    steps = []
    for target in rules.allowed_statuses(finding):
        steps.append(
            LifecycleStep(
                target=target,
                label=_label(finding.status, target),
                needs_reason=rules.needs_reason(finding.status, target),
                needs_letter=target is Status.SUBMITTED and finding.level in rules.LETTER_REQUIRED,
                closers=rules.allowed_closers(finding.level) if target is Status.CLOSED else (),
            )
        )
    return tuple(steps)


def _label(current: Status, target: Status) -> str:
    if target is Status.IN_PROGRESS:
        if current is Status.OPEN:
            return "Start work"
        if current is Status.CLOSED:
            return "Reopen…"
        return "Reject (back to In progress)…"
    return {
        Status.OPEN: "Back to Open",
        Status.INTERNAL_REVIEW: "Send for internal review",
        Status.SUBMITTED: "Submit for closure…",
        Status.CLOSED: "Close…",
        Status.NOT_APPLICABLE: "Not applicable…",
        Status.SUPERSEDED: "Superseded…",
    }[target]


def closure_rule(level: Level | None) -> str:
    """What the level means for closing, in a sentence for the form."""
    if level is Level.L4:
        return "Level 4: no self-certification. Only HMICFRS can close this finding."
    if level is Level.L1:
        return "Level 1: closed and archived by HMICFRS."
    if level in rules.LETTER_REQUIRED:
        return (
            f"{level.label}: the force may close it, with a letter signed by the Chief "  # type: ignore[union-attr]
            "Constable."
        )
    if level is Level.BEFORE_LEVELS:
        return "Closed before HMICFRS introduced levels."
    return "Level not set: set the HMICFRS level before submitting for closure."


def status_line(finding: Finding, today: date | None = None) -> str:
    """Where the finding is, in one line: status, level and the dates that go with them."""
    parts = [finding.status.label]
    parts.append(finding.level.label if finding.level is not None else "level not set")
    if finding.due_immediate and finding.status.is_open:
        parts.append("due immediately")
    elif finding.due_on and finding.status.is_open:
        late = today is not None and finding.is_overdue(today)
        parts.append(f"due {long_date(finding.due_on)}{' (overdue)' if late else ''}")
    if finding.submitted_on:
        parts.append(f"submitted {long_date(finding.submitted_on)}")
    if finding.cc_letter_ref:
        letter = f"CC letter {finding.cc_letter_ref}"
        if finding.cc_letter_on:
            letter += f" of {long_date(finding.cc_letter_on)}"
        parts.append(letter)
    if finding.closed_on:
        by = {ClosedBy.FORCE: " by the force", ClosedBy.HMICFRS: " by HMICFRS", None: ""}[
            finding.closed_by
        ]
        parts.append(f"closed {long_date(finding.closed_on)}{by}")
    return " · ".join(parts)
