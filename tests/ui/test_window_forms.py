"""The forms from the main window: File → New…, delete with confirmation, Recently deleted,
Ctrl+Z undo, and "who am I" (the officer's name, asked once)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.domain.enums import Level, Rag, Status
from ui import identity
from ui.forms import launch
from ui.forms.deleted_dialog import RecentlyDeletedDialog
from ui.forms.finding_form import FindingDialog
from ui.forms.report_form import ReportDialog
from ui.identity import NameDialog
from ui.main_window import MainWindow


def make_window(qtbot, ws):  # type: ignore[no-untyped-def]
    window = MainWindow(ws)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def actions(menu) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        a.text().replace("&", ""): a.shortcut().toString()
        for a in menu.actions()
        if not a.isSeparator()
    }


def test_menus_offer_the_forms_with_their_shortcuts(qtbot, ws):
    window = make_window(qtbot, ws)
    file_actions = actions(window.file_menu)
    assert file_actions["New report…"] == "Ctrl+Shift+R"
    assert file_actions["New finding…"] == "Ctrl+N"
    assert file_actions["New inspection…"] == "Ctrl+Shift+I"
    assert file_actions["New meeting…"] == "Ctrl+Shift+M"
    assert file_actions["Add findings from text…"] == "Ctrl+Shift+V"
    edit_actions = actions(window.edit_menu)
    assert edit_actions["Undo"] == "Ctrl+Z"
    assert {"Recently deleted…", "Your name…", "Force settings…"} <= set(edit_actions)
    assert not window.undo_action.isEnabled()


def test_new_report_then_paste_its_findings_then_undo(qtbot, ws, modal):
    window = make_window(qtbot, ws)

    def fill_report(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClicks(dialog.title_edit, "Firearms deployment")
        qtbot.keyClicks(dialog.published.edit, "11/07/2023")
        qtbot.mouseClick(dialog.paste_button, Qt.MouseButton.LeftButton)

    def paste(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.text_edit.setPlainText(
            "Recommendation 1\n\nWith immediate effect, chief constables should act."
        )
        dialog.read_text()
        dialog.save()

    modal.next(fill_report, ReportDialog)
    modal.next(paste, launch.PasteFindingsDialog)
    report = launch.open_report_form(window, ws)
    assert report is not None and report.title == "Firearms deployment"
    [finding] = ws.findings.for_report(report.id)
    assert finding.due_immediate
    assert window.undo_action.text() == "&Undo Add 1 findings from text"
    assert "1 findings" in window.status_label.text()

    window.undo_action.trigger()
    assert ws.findings.for_report(report.id) == []
    assert window.statusBar().currentMessage() == "Undone: Add 1 findings from text."
    window.undo_action.trigger()  # then the report itself
    assert ws.reports.list() == []
    assert not window.undo_action.isEnabled()


def test_ctrl_z_undoes_the_last_edit_of_a_finding(qtbot, ws, make, modal):
    finding = make.finding(level=Level.L2, reference="Recommendation 3")
    window = make_window(qtbot, ws)

    def set_red(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClicks(dialog.rag_combo, "Red")
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )

    modal.next(set_red, FindingDialog)
    launch.open_finding_form(window, ws, finding.id)
    assert ws.findings.get(finding.id).rag is Rag.RED
    # Let the event loop delete the closed dialog, and give the window the focus back (a
    # desktop does that by itself; the offscreen platform does not).
    qtbot.wait(20)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ws.findings.get(finding.id).rag is None
    last = ws.history.for_record(finding.id)[-1]
    assert (last.action, last.note) == ("undo", "Undo: Edit Recommendation 3")


def test_undo_of_a_lifecycle_step_from_the_form(qtbot, ws, make, modal):
    finding = make.finding(level=Level.L2, reference="Recommendation 6")
    window = make_window(qtbot, ws)

    def start_work(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.mouseClick(dialog.lifecycle.buttons[Status.IN_PROGRESS], Qt.MouseButton.LeftButton)
        dialog.accept()

    modal.next(start_work, FindingDialog)
    launch.open_finding_form(window, ws, finding.id)
    assert ws.findings.get(finding.id).status is Status.IN_PROGRESS
    launch.undo_last(window, ws)
    assert ws.findings.get(finding.id).status is Status.OPEN


def test_delete_asks_is_recorded_and_restored_from_recently_deleted(qtbot, ws, make, boxes):
    report = make.report("PEEL 2023")
    findings = [make.finding(report) for _ in range(2)]
    window = make_window(qtbot, ws)

    boxes.answer = QMessageBox.StandardButton.No
    assert not launch.delete_record(window, ws, "report", report.id)
    assert ws.reports.list() != []
    boxes.answer = QMessageBox.StandardButton.Yes
    assert launch.delete_record(window, ws, "report", report.id)
    _kind, title, text = boxes.shown[-1]
    assert title == "Delete report"
    assert "Its 2 findings will be deleted with it." in text
    assert ws.reports.list() == [] and ws.findings.list() == []

    dialog = RecentlyDeletedDialog(ws, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.item(0, 2).text() == "PEEL 2023 (and 2 findings)"
    assert dialog.table.item(0, 3).text() == "Test Officer"
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.restored == 3
    assert dialog.empty_label.isVisibleTo(dialog)
    assert {f.id for f in ws.findings.list()} == {f.id for f in findings}


def test_deleting_from_the_finding_form_can_be_undone(qtbot, ws, make, boxes, modal):
    finding = make.finding(reference="Recommendation 8")
    window = make_window(qtbot, ws)

    def delete(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)

    modal.next(delete, FindingDialog)
    assert launch.open_finding_form(window, ws, finding.id) is None
    assert ws.findings.list() == []
    window.undo_action.trigger()
    assert [f.id for f in ws.findings.list()] == [finding.id]


def test_bulk_edit_without_a_selection_says_so(qtbot, ws, boxes):
    window = make_window(qtbot, ws)
    assert launch.open_bulk_edit(window, ws, []) is None
    assert boxes.shown[-1][2] == "Select the findings to change first."


def settings(tmp_path) -> QSettings:  # type: ignore[no-untyped-def]
    return QSettings(str(tmp_path / "user.ini"), QSettings.Format.IniFormat)


def test_name_is_asked_once_and_authors_every_change(qtbot, ws, make, tmp_path, modal):
    store = settings(tmp_path)
    window = make_window(qtbot, ws)

    def empty_then_named(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.name_edit.clear()
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
            Qt.MouseButton.LeftButton,
        )
        assert dialog.error.text() == "⚠ Enter your name."
        qtbot.keyClicks(dialog.name_edit, "Insp Rachel Jones-Burns")
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
            Qt.MouseButton.LeftButton,
        )

    modal.next(empty_then_named, NameDialog)
    assert identity.ensure_actor(window, ws, store) == "Insp Rachel Jones-Burns"
    assert identity.stored_name(store) == "Insp Rachel Jones-Burns"
    finding = make.finding()
    assert ws.history.for_record(finding.id)[0].actor == "Insp Rachel Jones-Burns"

    ws.set_actor("someone else")
    assert identity.ensure_actor(window, ws, store) == "Insp Rachel Jones-Burns"  # not asked


def test_your_name_changes_the_author_from_now_on(qtbot, ws, tmp_path, modal, monkeypatch):
    store = settings(tmp_path)
    store.setValue(identity.NAME_KEY, "PC Old Name")
    monkeypatch.setattr(identity, "app_settings", lambda: store)
    window = make_window(qtbot, ws)

    def rename(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.name_edit.text() == "PC Old Name"
        dialog.name_edit.clear()
        qtbot.keyClicks(dialog.name_edit, "Sgt New Name")
        dialog.accept()

    modal.next(rename, NameDialog)
    window.your_name_action.trigger()
    assert ws.actor == "Sgt New Name"
    assert identity.stored_name(store) == "Sgt New Name"
