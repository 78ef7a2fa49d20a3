"""Inspection, report and meeting forms filled in with keystrokes and clicks, wrong input too.

(QTest types ASCII only: typed text uses "-" where a person might type an en dash.)
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.domain.enums import Grade, InspectionStatus, InspectionType, ReportScope
from app.domain.values import Grading, Inspection, Meeting
from ui.forms.inspection_form import InspectionDialog
from ui.forms.meeting_form import MeetingDialog
from ui.forms.report_form import ReportDialog


def click_save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def error_text(dialog, name: str) -> str:  # type: ignore[no-untyped-def]
    label = dialog.errors[name]
    return label.text() if label.isVisibleTo(dialog) else ""


def test_inspection_form_shows_every_problem_next_to_its_field_then_saves(qtbot, ws, make):
    lead = make.person("Supt Claire Lambert", "Force CID")
    dialog = InspectionDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.type_combo, "Joint")
    qtbot.keyClicks(dialog.fields["fieldwork_start"].edit, "14/07/2025")
    qtbot.keyClicks(dialog.fields["fieldwork_end"].edit, "11/07/2025")
    qtbot.keyClicks(dialog.fields["hot_debrief_on"].edit, "31/09/2025")
    click_save(qtbot, dialog)

    assert dialog.isVisible()
    assert error_text(dialog, "title") == "⚠ Give the inspection a title."
    assert error_text(dialog, "fieldwork_end") == "⚠ Fieldwork ends before it starts."
    assert error_text(dialog, "hot_debrief_on") == "⚠ “31/09/2025” is not a real date."
    assert error_text(dialog, "fieldwork_start") == ""
    assert ws.inspections.list() == []

    qtbot.keyClicks(dialog.title_edit, "Custody (no notice) - West Midlands")
    dialog.fields["fieldwork_end"].edit.clear()
    qtbot.keyClicks(dialog.fields["fieldwork_end"].edit, "18 July 2025")
    dialog.fields["hot_debrief_on"].edit.clear()
    qtbot.keyClicks(dialog.fields["hot_debrief_on"].edit, "18.7.25")
    qtbot.keyClicks(dialog.partners_edit, "CQC; HMIP")
    qtbot.keyClicks(dialog.status_combo, "Field")
    qtbot.keyClicks(dialog.lead_combo, "Supt")
    qtbot.keyClicks(dialog.notes_edit, "Hot debrief with the ACC.")
    click_save(qtbot, dialog)

    assert not dialog.isVisible()
    [stored] = ws.inspections.list()
    assert stored == Inspection(
        type=InspectionType.JOINT,
        title="Custody (no notice) - West Midlands",
        status=InspectionStatus.FIELDWORK,
        partners=("CQC", "HMIP"),
        fieldwork_start=date(2025, 7, 14),
        fieldwork_end=date(2025, 7, 18),
        hot_debrief_on=date(2025, 7, 18),
        force_lead_id=lead.id,
        notes="Hot debrief with the ACC.",
        id=stored.id,
    )


def test_typed_dates_are_shown_back_the_british_way(qtbot, ws):
    dialog = InspectionDialog(ws)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    field = dialog.fields["expected_publication_on"]
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, "3/2/27")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert field.edit.text() == "3 February 2027"
    assert field.value() == date(2027, 2, 3)


def test_report_form_with_gradings_and_the_56_day_response_date(qtbot, ws):
    inspection = ws.inspections.create(Inspection(InspectionType.PEEL, "PEEL 2023-25"))
    dialog = ReportDialog(ws)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    qtbot.keyClicks(dialog.published.edit, "16/08/2023")
    assert dialog.response_due.text() == "11 October 2023 (56 days after publication)"
    qtbot.keyClicks(dialog.response.edit, "1/8/2023")
    qtbot.mouseClick(dialog.gradings_editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # leave the area empty
    click_save(qtbot, dialog)
    assert error_text(dialog, "title") == "⚠ Enter the report's title."
    assert error_text(dialog, "response_published_on") == (
        "⚠ The response is dated before the report."
    )
    assert error_text(dialog, "gradings") == "⚠ Every grading needs an area."

    qtbot.keyClicks(dialog.title_edit, "PEEL 2023-25: West Midlands Police")
    qtbot.keyClicks(dialog.scope_combo, "Force")
    qtbot.keyClicks(dialog.inspection_combo, "PEEL")
    dialog.response.edit.clear()
    qtbot.keyClicks(dialog.response.edit, "11 October 2023")
    table = dialog.gradings_editor.table
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_F2)  # edit the area, as a person would
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Investigating crime")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(table.cellWidget(0, 1), "Requires")
    qtbot.keyClicks(dialog.summary_edit, "Graded in nine areas.")
    click_save(qtbot, dialog)

    assert not dialog.isVisible()
    [report] = ws.reports.list()
    assert (report.title, report.scope, report.inspection_id) == (
        "PEEL 2023-25: West Midlands Police",
        ReportScope.FORCE,
        inspection.id,
    )
    assert report.gradings == (Grading("Investigating crime", Grade.REQUIRES_IMPROVEMENT),)
    assert (report.published_on, report.response_published_on) == (
        date(2023, 8, 16),
        date(2023, 10, 11),
    )


def test_editing_a_report_changes_only_what_was_changed(qtbot, ws, make):
    report = make.report("Old title")
    dialog = ReportDialog(ws, report.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title_edit.selectAll()
    qtbot.keyClicks(dialog.title_edit, "New title")
    click_save(qtbot, dialog)
    changes = [e for e in ws.history.for_record(report.id) if e.action == "update"]
    assert [(e.field, e.old_value, e.new_value) for e in changes] == [
        ("title", "Old title", "New title")
    ]


def test_meeting_form_needs_a_date_and_defaults_the_committee(qtbot, ws, make):
    earlier = ws.meetings.create(Meeting(date(2026, 9, 24), "Joint Audit Committee"))
    dialog = MeetingDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.committee_combo.currentText() == "Joint Audit Committee"
    click_save(qtbot, dialog)
    assert error_text(dialog, "meets_on") == "⚠ Enter the date of the meeting."
    qtbot.keyClicks(dialog.date_field.edit, "10 December 2026")
    qtbot.keyClicks(dialog.agenda_edit, "06")
    qtbot.keyClicks(dialog.previous_combo, "Joint")
    click_save(qtbot, dialog)
    assert not dialog.isVisible()
    saved = dialog.saved
    assert (saved.meets_on, saved.agenda_item, saved.previous_meeting_id) == (
        date(2026, 12, 10),
        "06",
        earlier.id,
    )


def test_meeting_committee_cannot_be_blank(qtbot, ws):
    dialog = MeetingDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.date_field.edit, "10/12/2026")
    dialog.committee_combo.setCurrentText("")
    click_save(qtbot, dialog)
    assert error_text(dialog, "committee") == "⚠ Name the committee."


def test_a_new_inspection_can_start_on_a_given_day(qtbot, ws):
    dialog = InspectionDialog(ws, start=date(2024, 5, 15))
    qtbot.addWidget(dialog)
    assert dialog.fields["fieldwork_start"].value() == date(2024, 5, 15)
    assert dialog.fields["fieldwork_end"].value() == date(2024, 5, 15)
