"""Pasting a report's recommendations as published, correcting the preview, saving them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.domain.enums import Kind
from ui.forms.paste_dialog import PasteFindingsDialog
from ui.models.proposal_model import DUE, REFERENCE, SAVE

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def firearms_text() -> str:
    text = (SEEDS / "001_898095e53ae935dc.txt").read_text(encoding="utf-8")
    start = text.index("Recommendations for Chief Officers")
    return text[start : text.index("A. Homicide prevention")]


def open_dialog(qtbot, ws, report_id):  # type: ignore[no-untyped-def]
    dialog = PasteFindingsDialog(ws, report_id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def type_text(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type several lines (QTest types one line at a time)."""
    for n, line in enumerate(text.split("\n")):
        if n:
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        qtbot.keyClicks(edit, line)


def edit_cell(qtbot, table, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)  # Qt commits queued


def test_paste_check_correct_and_save_twelve_recommendations(qtbot, ws, make):
    report = make.report("Firearms deployment 2023")
    dialog = open_dialog(qtbot, ws, report.id)
    QApplication.clipboard().setText(firearms_text())
    dialog.text_edit.setFocus()
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 12)  # read as soon as pasted

    assert dialog.summary_label.text().startswith(
        "12 findings to save (12 recommendations); 4 marked as not applying to the force."
    )
    assert dialog.unused_label.text() == (
        "Not used (1): “Recommendations for Chief Officers and Chief Constables:”"
    )
    table = dialog.table
    # The officer leaves out Recommendation 9 and corrects a date and a reference.
    table.setFocus()
    table.setCurrentIndex(dialog.model.index(8, SAVE))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    edit_cell(qtbot, table, 2, DUE, "30 November 2023")
    edit_cell(qtbot, table, 11, REFERENCE, "Recommendation 12 (armed deployment records)")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.text() == "&Save 11 findings"
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    stored = ws.findings.for_report(report.id)
    assert [f.reference for f in dialog.saved] == [
        *(f"Recommendation {n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 10, 11)),
        "Recommendation 12 (armed deployment records)",
    ]
    by_ref = {f.reference: f for f in stored}
    assert by_ref["Recommendation 3"].due_on == date(2023, 11, 30)
    assert by_ref["Recommendation 8"].due_immediate
    assert not by_ref["Recommendation 1"].applies_to_force
    assert by_ref["Recommendation 1"].addressee == "College of Policing"
    assert {f.kind for f in stored} == {Kind.RECOMMENDATION}
    assert {f.id for f in stored} == set(dialog.undo_steps[0].ids)


def test_a_wrong_date_is_refused_in_the_row_and_a_bad_row_saves_nothing(qtbot, ws, make):
    report = make.report()
    dialog = open_dialog(qtbot, ws, report.id)
    type_text(
        qtbot,
        dialog.text_edit,
        "Recommendation 1\n\nThe force should do A.\n\nRecommendation 2\n\nThe force should do B.",
    )
    dialog.read_text()
    edit_cell(qtbot, dialog.table, 0, DUE, "31/02/2025")
    assert dialog.model.rows[0].problem == "Due: “31/02/2025” is not a real date"
    assert dialog.model.rows[0].proposal.due_on is None
    edit_cell(qtbot, dialog.table, 1, REFERENCE, " ")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible()
    assert dialog.model.rows[1].problem == "Reference: give a reference, e.g. “Recommendation 3”"
    assert dialog.error.text().startswith("⚠ Nothing was saved: correct the rows with a problem")
    assert ws.findings.for_report(report.id) == []


def test_references_the_report_already_has_start_unticked(qtbot, ws, make):
    report = make.report()
    make.finding(report, reference="Recommendation 1")
    dialog = open_dialog(qtbot, ws, report.id)
    type_text(
        qtbot,
        dialog.text_edit,
        "Recommendation 1\n\nThe force should do A.\n\nRecommendation 2\n\nThe force should do B.",
    )
    dialog.read_text()
    assert [r.include for r in dialog.model.rows] == [False, True]
    assert dialog.model.rows[0].problem == "The report already has a finding with this reference."


def test_choosing_the_report_is_required(qtbot, ws, make):
    make.report("Some report")
    dialog = open_dialog(qtbot, ws, None)
    qtbot.keyClicks(dialog.text_edit, "The force should do A.")
    dialog.read_text()
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.report_error.text() == "⚠ Choose the report these findings come from."
    qtbot.keyClicks(dialog.report_combo, "Some")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert [f.reference for f in dialog.saved] == ["Recommendation 1"]
