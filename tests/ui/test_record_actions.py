"""Changing what is already recorded, from the registers: Ctrl+O / Enter open the form, Ctrl+U a
progress update, Ctrl+B bulk edit, Delete asks then deletes; the calendar's peek has Edit….

The actions are triggered as their keys would (the keys themselves are checked on the menu):
offscreen, a form closed in one test can keep Qt's focus window, so a key sent in the next
one may miss the window's shortcuts.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from app.domain.enums import InspectionType
from app.domain.values import Inspection
from ui.forms.bulk_edit_dialog import BulkEditDialog
from ui.forms.finding_form import PROGRESS, FindingDialog
from ui.forms.inspection_form import InspectionDialog
from ui.forms.report_form import ReportDialog
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ws, make):  # type: ignore[no-untyped-def]
    report = make.report("PEEL 2023")
    make.finding(report, reference="Recommendation 1", text="Review custody records.")
    make.finding(report, reference="Recommendation 2", text="Answer 999 calls faster.")
    ws.inspections.create(
        Inspection(InspectionType.PEEL, "PEEL 2025 fieldwork", fieldwork_start=date(2024, 3, 4))
    )
    window = MainWindow(ws)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def findings_page(window, qtbot, reference: str):  # type: ignore[no-untyped-def]
    """The findings page with ``reference`` chosen and the focus in the list."""
    page = window.show_page("findings")
    row = next(r for r in range(page.model.count) if page.model.row_at(r).reference == reference)
    page.table.selectRow(row)
    page.table.setFocus()
    return page


def save(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_the_edit_menu_offers_the_record_actions_with_their_keys(window):
    keys = {
        a.text().replace("&", ""): a.shortcut().toString()
        for a in window.edit_menu.actions()
        if not a.isSeparator()
    }
    assert keys["Open selected…"] == "Ctrl+O"
    assert keys["Add progress update…"] == "Ctrl+U"
    assert keys["Bulk edit selected findings…"] == "Ctrl+B"
    assert keys["Delete selected…"] == "Del"


def test_ctrl_o_opens_the_chosen_finding_and_a_change_saved_shows_in_the_list(
    window, ws, qtbot, modal
):
    page = findings_page(window, qtbot, "Recommendation 2")

    def change_department(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.current.reference == "Recommendation 2"
        dialog.department_combo.setCurrentText("Contact management")
        save(dialog)

    modal.next(change_department, FindingDialog)
    window.record_actions.open_action.trigger()  # Ctrl+O
    [rec2] = [f for f in ws.findings.list() if f.reference == "Recommendation 2"]
    assert rec2.department == "Contact management"
    row = next(r for r in range(page.model.count) if page.model.row_at(r).id == rec2.id)
    assert page.model.row_at(row).department == "Contact management"
    assert window.undo_action.isEnabled()  # the edit can be taken back with Ctrl+Z
    window.undo_action.trigger()
    assert ws.findings.get(rec2.id).department == ""


def test_ctrl_u_goes_straight_to_a_progress_update(window, ws, qtbot, modal):
    findings_page(window, qtbot, "Recommendation 1")

    def write_update(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.tabs.currentIndex() == PROGRESS
        qtbot.keyClicks(dialog.progress.text_edit, "Audit of custody records booked.")
        dialog.progress.add_button.click()  # Ctrl+Enter is tested with the form itself
        dialog.reject()

    modal.next(write_update, FindingDialog)
    window.record_actions.progress_action.trigger()  # Ctrl+U
    [rec1] = [f for f in ws.findings.list() if f.reference == "Recommendation 1"]
    assert [u.text for u in ws.findings.progress(rec1.id)] == ["Audit of custody records booked."]


def test_ctrl_b_bulk_edits_exactly_the_findings_picked(window, ws, qtbot, modal):
    page = findings_page(window, qtbot, "Recommendation 1")
    page.table.selectAll()
    seen: list[list[str]] = []

    def note(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(sorted(dialog.finding_ids))
        dialog.reject()

    modal.next(note, BulkEditDialog)
    window.record_actions.bulk_action.trigger()  # Ctrl+B
    assert seen == [sorted(f.id for f in ws.findings.list())]


def test_delete_asks_then_deletes_and_ctrl_z_brings_it_back(window, ws, qtbot, monkeypatch):
    page = findings_page(window, qtbot, "Recommendation 1")
    asked: list[str] = []

    def answer(answer_with):  # type: ignore[no-untyped-def]
        def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
            asked.append(text)
            return answer_with

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    window.record_actions.delete_action.trigger()  # Del
    assert "Recommendation 1" in asked[0] and len(ws.findings.list()) == 2  # "No" keeps it

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    window.record_actions.delete_action.trigger()  # Del
    assert [f.reference for f in ws.findings.list()] == ["Recommendation 2"]
    assert page.model.count == 1
    window.undo_action.trigger()  # Ctrl+Z
    assert len(ws.findings.list()) == 2


def test_the_delete_key_deletes_from_the_list_but_edits_text_in_the_search_box(
    window, ws, qtbot, monkeypatch
):
    page = findings_page(window, qtbot, "Recommendation 1")
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle())
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *_a: asked.append(text) or QMessageBox.StandardButton.No,
    )
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "Recommendation 1" in asked[0]
    page.search_edit.setFocus()
    qtbot.keyClicks(page.search_edit, "custody")
    page.search_edit.setCursorPosition(0)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Delete)
    assert page.search_edit.text() == "ustody"
    assert len(asked) == 1 and len(ws.findings.list()) == 2


def test_several_chosen_are_not_deleted_at_once(window, ws, qtbot, monkeypatch):
    page = findings_page(window, qtbot, "Recommendation 1")
    page.table.selectAll()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window.record_actions.delete_action.trigger()  # Del
    assert "2 findings are chosen" in told[0]
    assert len(ws.findings.list()) == 2


def test_nothing_chosen_says_so_in_the_status_bar(window, ws, qtbot):
    window.show_page("overview")
    window.record_actions.open_action.trigger()
    assert "Choose a finding" in window.statusBar().currentMessage()
    window.record_actions.bulk_action.trigger()
    assert "Choose findings" in window.statusBar().currentMessage()


def test_reports_edit_button_opens_the_report_form_and_enter_still_lists_its_findings(
    window, ws, qtbot, modal
):
    page = window.show_page("reports")
    [report] = ws.reports.list()
    page.table.selectRow(0)

    def retitle(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.title_edit.setText("PEEL 2023-25")
        save(dialog)

    modal.next(retitle, ReportDialog)
    page.edit_button.click()
    assert ws.reports.get(report.id).title == "PEEL 2023-25"
    page = window.show_page("reports")
    page.table.selectRow(0)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.current_page() is window.pages["findings"]
    assert window.pages["findings"].model.count == 2


def test_enter_on_an_inspection_opens_its_form(window, ws, qtbot, modal):
    page = window.show_page("inspections")
    page.table.selectRow(0)
    page.table.setFocus()
    opened: list[str] = []

    def note(dialog) -> None:  # type: ignore[no-untyped-def]
        opened.append(dialog.title_edit.text())
        dialog.reject()

    modal.next(note, InspectionDialog)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == ["PEEL 2025 fieldwork"]


def test_the_calendar_peek_has_edit_which_opens_the_form(window, ws, qtbot, modal):
    [inspection] = ws.inspections.list()
    window.open_record("inspection", inspection.id)
    peek = window.record_dialog
    assert peek is not None and peek.isVisible()
    opened: list[str] = []

    def note(dialog) -> None:  # type: ignore[no-untyped-def]
        opened.append(dialog.title_edit.text())
        dialog.reject()

    modal.next(note, InspectionDialog)
    peek.edit_button.click()
    assert opened == ["PEEL 2025 fieldwork"] and not peek.isVisible()
    assert QApplication.activeModalWidget() is None
