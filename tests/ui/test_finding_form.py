"""The finding form as an officer uses it: keystrokes, clicks, wrong input, Ctrl+U updates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.domain.enums import Kind, Level, Rag
from ui.forms.finding_form import HISTORY, PROGRESS, FindingDialog


def save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def shown_errors(dialog) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {name: label.text() for name, label in dialog.errors.items() if not label.isHidden()}


def open_dialog(qtbot, ws, finding_id=None, **kwargs):  # type: ignore[no-untyped-def]
    dialog = FindingDialog(ws, finding_id, **kwargs)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def test_new_finding_typed_in_with_every_problem_shown_then_saved(qtbot, ws, make):
    report = make.report("Custody inspection 2023")
    coc = make.finding(report, kind=Kind.COC, reference="Cause of concern 1", level=None)
    owner = make.person("Ch Supt Armstrong", "Custody")
    dialog = open_dialog(qtbot, ws)

    qtbot.keyClicks(dialog.kind_combo, "Rec")
    dialog.applies_check.setFocus()
    qtbot.keyClick(dialog.applies_check, Qt.Key.Key_Space)  # does not apply …
    qtbot.keyClicks(dialog.due_field.edit, "32/13/2024")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert shown_errors(dialog) == {
        "report_id": "⚠ Choose the report this finding comes from.",
        "reference": "⚠ Give a reference, e.g. “Recommendation 3”.",
        "text": "⚠ Enter the finding's text as published.",
        "not_applicable_reason": "⚠ Say why the finding does not apply to the force.",
        "due_on": "⚠ “32/13/2024” is not a real date.",
    }
    assert ws.findings.for_report(report.id) == [coc]

    qtbot.keyClicks(dialog.report_combo, "Custody")
    qtbot.keyClicks(dialog.reference_edit, "Recommendation 1")
    qtbot.keyClicks(dialog.text_edit, "The force should strengthen its oversight of custody.")
    qtbot.keyClick(dialog.applies_check, Qt.Key.Key_Space)  # … it does, after all
    dialog.due_field.edit.clear()
    qtbot.keyClicks(dialog.due_field.edit, "16/02/2024")
    qtbot.keyClicks(dialog.parent_combo, "Cause")
    qtbot.keyClicks(dialog.level_combo, "Level")  # Level 1 …
    qtbot.keyClick(dialog.level_combo, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.level_combo, Qt.Key.Key_Down)  # … Level 3
    qtbot.keyClicks(dialog.owner_combo, "Ch")
    qtbot.keyClicks(dialog.department_combo.lineEdit(), "Custody")
    qtbot.keyClicks(dialog.rag_combo, "Amber")
    save(qtbot, dialog)

    assert not dialog.isVisible()
    saved = [f for f in ws.findings.for_report(report.id) if f.id != coc.id]
    assert len(saved) == 1
    finding = saved[0]
    assert (finding.kind, finding.reference, finding.parent_id, finding.level) == (
        Kind.RECOMMENDATION,
        "Recommendation 1",
        coc.id,
        Level.L3,
    )
    assert (finding.due_on, finding.owner_id, finding.department, finding.rag) == (
        date(2024, 2, 16),
        owner.id,
        "Custody",
        Rag.AMBER,
    )
    assert finding.applies_to_force
    assert [s.kind for s in dialog.undo_steps] == ["create"]


def test_not_applying_needs_a_reason_and_immediate_effect_disables_the_date(qtbot, ws, make):
    finding = make.finding(reference="Recommendation 4", due_on=date(2024, 7, 31))
    dialog = open_dialog(qtbot, ws, finding.id)
    assert dialog.due_field.edit.text() == "31 July 2024"
    dialog.immediate_check.setFocus()
    qtbot.keyClick(dialog.immediate_check, Qt.Key.Key_Space)
    assert not dialog.due_field.isEnabled()
    dialog.applies_check.setFocus()
    qtbot.keyClick(dialog.applies_check, Qt.Key.Key_Space)
    assert dialog.reason_edit.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "Addressed to the College of Policing.")
    save(qtbot, dialog)
    stored = ws.findings.get(finding.id)
    assert (stored.due_on, stored.due_immediate, stored.applies_to_force) == (None, True, False)
    assert stored.not_applicable_reason == "Addressed to the College of Policing."
    changed = {e.field for e in ws.history.for_record(finding.id) if e.action == "update"}
    assert changed == {"due_on", "due_immediate", "applies_to_force", "not_applicable_reason"}


def test_a_cause_of_concern_cannot_address_another(qtbot, ws, make):
    report = make.report()
    make.finding(report, kind=Kind.COC, reference="Cause of concern 1")
    dialog = open_dialog(qtbot, ws, report_id=report.id)
    qtbot.keyClicks(dialog.kind_combo, "Cause")
    assert not dialog.parent_combo.isEnabled()


def test_ctrl_u_then_ctrl_enter_adds_a_dated_authored_update_never_overwriting(
    qtbot, ws, make, clock
):
    finding = make.finding(reference="Recommendation 2")
    ws.findings.add_progress(finding.id, "Rota drafted.", on=date(2023, 12, 1))
    ws.set_actor("Insp Jones-Burns")
    dialog = open_dialog(qtbot, ws, finding.id)
    qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tabs.currentIndex() == PROGRESS
    assert dialog.progress.text_edit.hasFocus()
    qtbot.keyClicks(dialog.progress.text_edit, "Regional rota agreed.")
    qtbot.keyClick(
        dialog.progress.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )

    assert dialog.progress.entries() == [
        "15 January 2024 — Insp Jones-Burns\nRegional rota agreed.",
        "1 December 2023 — Test Officer\nRota drafted.",
    ]
    assert dialog.progress.text_edit.toPlainText() == ""
    assert [u.text for u in ws.findings.progress(finding.id)] == [
        "Rota drafted.",
        "Regional rota agreed.",
    ]
    # An empty update is refused where it is typed.
    qtbot.keyClick(
        dialog.progress.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert dialog.progress.error.text() == "⚠ Write the progress update."
    assert len(ws.findings.progress(finding.id)) == 2
    dialog.tabs.setCurrentIndex(HISTORY)
    assert dialog.history.lines()[0].endswith("Insp Jones-Burns | Progress update added")


def test_history_tab_reads_like_a_person_wrote_it(qtbot, ws, make):
    make.person("Supt Kaur", "Custody")
    finding = make.finding(reference="Recommendation 9", level=Level.L2)
    dialog = open_dialog(qtbot, ws, finding.id)
    qtbot.keyClicks(dialog.owner_combo, "Supt")
    qtbot.keyClicks(dialog.rag_combo, "Red")
    dialog.save_details()
    lines = dialog.history.lines()
    assert lines[0] == "15 January 2024, 10:00 | Test Officer | Changed"
    assert set(lines[1:3]) == {"    Owner: — → Supt Kaur", "    RAG: — → Red"}
    assert lines[3] == "15 January 2024, 10:00 | Test Officer | Created"


def test_cancel_with_unsaved_changes_asks_first(qtbot, ws, make, boxes):
    from PySide6.QtWidgets import QMessageBox

    finding = make.finding(reference="Recommendation 5")
    dialog = open_dialog(qtbot, ws, finding.id)
    qtbot.keyClicks(dialog.reference_edit, " (amended)")
    boxes.answer = QMessageBox.StandardButton.Cancel
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert boxes.shown[-1][1] == "Unsaved changes"
    boxes.answer = QMessageBox.StandardButton.Discard
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert ws.findings.get(finding.id).reference == "Recommendation 5"
