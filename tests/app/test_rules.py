"""The level-aware lifecycle: every allowed move works, every other one is refused by name."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import product

import pytest

from app.domain import rules
from app.domain.enums import ClosedBy, Kind, Level, Status
from app.domain.errors import DomainError, InvalidValues
from app.domain.values import Finding

BASE = Finding("r1", Kind.RECOMMENDATION, "Recommendation 1", "Text", level=Level.L2, id="f1")
READY = {
    "cc_letter_ref": "CC/2024/01",
    "cc_letter_on": date(2024, 1, 2),
    "closed_by": ClosedBy.FORCE,
}


def _moved(before: Status, after: Status, level: Level = Level.L2) -> tuple[Finding, Finding]:
    old = replace(
        BASE,
        status=before,
        level=level,
        closed_by=ClosedBy.HMICFRS if before is Status.CLOSED else None,
    )
    new = replace(old, status=after, **READY)
    return old, new


@pytest.mark.parametrize(
    ("before", "after"),
    [(b, a) for b, a in product(Status, Status) if b != a and a not in rules.TRANSITIONS[b]],
)
def test_every_forbidden_transition_is_refused_naming_status(before: Status, after: Status):
    old, new = _moved(before, after)
    with pytest.raises(DomainError) as caught:
        rules.check_transition(old, new, note="because")
    assert caught.value.field == "status"


@pytest.mark.parametrize(
    ("before", "after"), [(b, a) for b in Status for a in rules.TRANSITIONS[b]]
)
def test_every_allowed_transition_passes_with_what_it_needs(before: Status, after: Status):
    old, new = _moved(before, after)
    rules.check_transition(old, new, note="because")


@pytest.mark.parametrize(("before", "after"), sorted(rules.NEEDS_REASON))
def test_going_back_needs_a_reason(before: Status, after: Status):
    old, new = _moved(before, after)
    with pytest.raises(DomainError) as caught:
        rules.check_transition(old, new, note="  ")
    assert caught.value.field == "note"


@pytest.mark.parametrize("level", [Level.L2, Level.L3])
@pytest.mark.parametrize("missing", ["cc_letter_ref", "cc_letter_on"])
def test_l2_l3_submission_needs_the_cc_letter(level: Level, missing: str):
    old, new = _moved(Status.INTERNAL_REVIEW, Status.SUBMITTED, level)
    new = replace(new, **{missing: "" if missing == "cc_letter_ref" else None})
    with pytest.raises(DomainError) as caught:
        rules.check_transition(old, new)
    assert caught.value.field == missing


def test_l4_submission_needs_no_letter_but_submission_needs_a_level():
    old, new = _moved(Status.INTERNAL_REVIEW, Status.SUBMITTED, Level.L4)
    rules.check_transition(old, replace(new, cc_letter_ref="", cc_letter_on=None))
    old, new = replace(old, level=None), replace(new, level=None)
    with pytest.raises(DomainError, match="level") as caught:
        rules.check_transition(old, new)
    assert caught.value.field == "level"


@pytest.mark.parametrize("level", [Level.L1, Level.L4])
def test_the_force_cannot_close_l1_or_l4(level: Level):
    old, new = _moved(Status.SUBMITTED, Status.CLOSED, level)
    with pytest.raises(DomainError) as caught:
        rules.check_transition(old, replace(new, closed_by=ClosedBy.FORCE))
    assert caught.value.field == "closed_by"
    rules.check_transition(old, replace(new, closed_by=ClosedBy.HMICFRS))
    assert rules.allowed_closers(level) == (ClosedBy.HMICFRS,)


def test_allowed_statuses_hide_submission_without_a_level():
    review = replace(BASE, status=Status.INTERNAL_REVIEW)
    assert Status.SUBMITTED in rules.allowed_statuses(review)
    assert Status.SUBMITTED not in rules.allowed_statuses(replace(review, level=None))


def test_rejection_returns_to_in_progress_and_clears_the_submission():
    submitted = replace(BASE, status=Status.SUBMITTED, submitted_on=date(2024, 1, 1))
    back = rules.apply_status(submitted, Status.IN_PROGRESS, date(2024, 2, 1))
    assert back.status is Status.IN_PROGRESS and back.submitted_on is None
    rules.check_transition(submitted, back, note="HMICFRS asked for more evidence")


def test_validation_names_every_wrong_field():
    bad = replace(
        BASE,
        reference=" ",
        text="",
        applies_to_force=False,
        due_immediate=True,
        due_on=date(2024, 1, 1),
    )
    with pytest.raises(InvalidValues) as caught:
        rules.validate_finding(bad)
    assert set(caught.value.problems) == {"reference", "text", "not_applicable_reason", "due_on"}


def test_before_levels_only_for_closed_items():
    with pytest.raises(InvalidValues) as caught:
        rules.validate_finding(replace(BASE, level=Level.BEFORE_LEVELS))
    assert "level" in caught.value.problems
    rules.validate_finding(replace(BASE, level=Level.BEFORE_LEVELS, status=Status.CLOSED))
