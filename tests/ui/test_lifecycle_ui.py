"""Each lifecycle rule through the finding form: only the moves the level allows are offered,
and each asks for what it needs (CC letter, who closed it, a reason)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.domain.enums import ClosedBy, Level, Status
from ui.forms.finding_form import FindingDialog
from ui.forms.finding_lifecycle import StatusChangeDialog


def open_finding(qtbot, ws, finding_id):  # type: ignore[no-untyped-def]
    dialog = FindingDialog(ws, finding_id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def offered(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    return [button.text() for button in dialog.lifecycle.buttons.values()]


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def press_ok(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))


def in_review(ws, make, level):  # type: ignore[no-untyped-def]
    finding = make.finding(level=level, reference=f"Recommendation {level}")
    ws.findings.change_status(finding.id, Status.INTERNAL_REVIEW)
    return finding


def test_offers_follow_the_status_and_level(qtbot, ws, make):
    opened = make.finding(level=Level.L2)
    assert offered(open_finding(qtbot, ws, opened.id)) == [
        "Start work",
        "Send for internal review",
        "Not applicable…",
        "Superseded…",
    ]
    unlevelled = in_review(ws, make, None)
    assert "Submit for closure…" not in offered(open_finding(qtbot, ws, unlevelled.id))
    l2 = in_review(ws, make, Level.L2)
    dialog = open_finding(qtbot, ws, l2.id)
    assert offered(dialog) == [
        "Reject (back to In progress)…",
        "Submit for closure…",
        "Not applicable…",
        "Superseded…",
    ]
    assert dialog.lifecycle.rule_label.text() == (
        "Level 2: the force may close it, with a letter signed by the Chief Constable."
    )


def test_a_step_that_asks_nothing_is_made_at_once_and_is_undoable(qtbot, ws, make):
    finding = make.finding(level=Level.L2)
    dialog = open_finding(qtbot, ws, finding.id)
    click(qtbot, dialog.lifecycle.buttons[Status.IN_PROGRESS])
    assert ws.findings.get(finding.id).status is Status.IN_PROGRESS
    assert dialog.lifecycle.status_label.text().startswith("Status: In progress · Level 2")
    assert dialog.undo_steps[-1].description == f"{finding.reference}: Start work"


def test_l2_submission_asks_for_the_cc_letter_and_refuses_without_it(qtbot, ws, make, modal):
    finding = in_review(ws, make, Level.L2)
    dialog = open_finding(qtbot, ws, finding.id)

    def without_letter_then_with(step_dialog) -> None:  # type: ignore[no-untyped-def]
        assert step_dialog.letter_ref is not None and step_dialog.letter_on is not None
        press_ok(qtbot, step_dialog)
        assert step_dialog.isVisible()
        assert step_dialog.errors["cc_letter_ref"].text() == (
            "⚠ A Level 2 submission needs the Chief Constable's letter reference."
        )
        qtbot.keyClicks(step_dialog.letter_ref, "CC/2024/017")
        press_ok(qtbot, step_dialog)
        assert step_dialog.errors["cc_letter_on"].text() == (
            "⚠ A Level 2 submission needs the date of the CC's letter."
        )
        qtbot.keyClicks(step_dialog.letter_on.edit, "12/03/2024")
        qtbot.keyClicks(step_dialog.note_edit, "Agreed at the DCC's panel.")
        press_ok(qtbot, step_dialog)

    modal.next(without_letter_then_with, StatusChangeDialog)
    click(qtbot, dialog.lifecycle.buttons[Status.SUBMITTED])
    stored = ws.findings.get(finding.id)
    assert (stored.status, stored.cc_letter_ref, stored.cc_letter_on, stored.submitted_on) == (
        Status.SUBMITTED,
        "CC/2024/017",
        date(2024, 3, 12),
        date(2024, 1, 15),
    )
    assert offered(dialog) == ["Reject (back to In progress)…", "Close…"]
    assert ws.history.for_record(finding.id)[-1].note == "Agreed at the DCC's panel."


def test_l4_submission_asks_no_letter_and_closure_offers_only_hmicfrs(qtbot, ws, make, modal):
    finding = in_review(ws, make, Level.L4)
    dialog = open_finding(qtbot, ws, finding.id)

    def no_letter(step_dialog) -> None:  # type: ignore[no-untyped-def]
        assert step_dialog.letter_ref is None
        press_ok(qtbot, step_dialog)

    modal.next(no_letter, StatusChangeDialog)
    click(qtbot, dialog.lifecycle.buttons[Status.SUBMITTED])
    assert ws.findings.get(finding.id).status is Status.SUBMITTED
    assert dialog.lifecycle.rule_label.text() == (
        "Level 4: no self-certification. Only HMICFRS can close this finding."
    )

    def only_hmicfrs(step_dialog) -> None:  # type: ignore[no-untyped-def]
        combo = step_dialog.closer_combo
        assert [combo.itemText(i) for i in range(combo.count())] == ["HMICFRS"]
        assert step_dialog.buttons.button(QDialogButtonBox.StandardButton.Save).text() == (
            "Close the finding"
        )
        press_ok(qtbot, step_dialog)

    modal.next(only_hmicfrs, StatusChangeDialog)
    click(qtbot, dialog.lifecycle.buttons[Status.CLOSED])
    stored = ws.findings.get(finding.id)
    assert (stored.status, stored.closed_by) == (Status.CLOSED, ClosedBy.HMICFRS)
    assert offered(dialog) == ["Reopen…"]


def test_l3_closure_may_be_by_the_force(qtbot, ws, make, modal):
    finding = in_review(ws, make, Level.L3)
    ws.findings.change_status(
        finding.id, Status.SUBMITTED, cc_letter_ref="CC/1", cc_letter_on=date(2024, 1, 2)
    )
    dialog = open_finding(qtbot, ws, finding.id)

    def by_the_force(step_dialog) -> None:  # type: ignore[no-untyped-def]
        combo = step_dialog.closer_combo
        assert [combo.itemText(i) for i in range(combo.count())] == ["The force", "HMICFRS"]
        press_ok(qtbot, step_dialog)

    modal.next(by_the_force, StatusChangeDialog)
    click(qtbot, dialog.lifecycle.buttons[Status.CLOSED])
    assert ws.findings.get(finding.id).closed_by is ClosedBy.FORCE


def test_reject_returns_to_in_progress_only_with_a_reason(qtbot, ws, make, modal):
    finding = in_review(ws, make, Level.L2)
    dialog = open_finding(qtbot, ws, finding.id)

    def reason_required(step_dialog) -> None:  # type: ignore[no-untyped-def]
        press_ok(qtbot, step_dialog)
        assert step_dialog.errors["note"].text() == "⚠ Say why the finding moves to in progress."
        assert ws.findings.get(finding.id).status is Status.INTERNAL_REVIEW
        qtbot.keyClicks(step_dialog.note_edit, "Panel wants the audit results first.")
        press_ok(qtbot, step_dialog)

    modal.next(reason_required, StatusChangeDialog)
    click(qtbot, dialog.lifecycle.buttons[Status.IN_PROGRESS])
    assert ws.findings.get(finding.id).status is Status.IN_PROGRESS
    last = ws.history.for_record(finding.id)[-1]
    assert (last.field, last.note) == ("status", "Panel wants the audit results first.")


def test_cancelling_a_step_changes_nothing(qtbot, ws, make, modal):
    finding = in_review(ws, make, Level.L2)
    dialog = open_finding(qtbot, ws, finding.id)
    modal.next(lambda step_dialog: step_dialog.reject(), StatusChangeDialog)
    click(qtbot, dialog.lifecycle.buttons[Status.SUBMITTED])
    assert ws.findings.get(finding.id).status is Status.INTERNAL_REVIEW
    assert dialog.undo_steps == []


def test_unsaved_details_are_saved_before_a_step(qtbot, ws, make):
    finding = make.finding(level=Level.L2, reference="Recommendation 7")
    dialog = open_finding(qtbot, ws, finding.id)
    qtbot.keyClick(dialog.reference_edit, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.reference_edit, "a")
    click(qtbot, dialog.lifecycle.buttons[Status.IN_PROGRESS])
    stored = ws.findings.get(finding.id)
    assert (stored.reference, stored.status) == ("Recommendation 7a", Status.IN_PROGRESS)
    assert [s.description for s in dialog.undo_steps] == [
        "Edit Recommendation 7a",
        "Recommendation 7a: Start work",
    ]
