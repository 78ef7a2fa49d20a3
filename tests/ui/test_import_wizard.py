"""The import wizard, driven as an officer would: file, columns, words, preview, import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard

from app.domain.enums import Status
from app.importer.preview import Action
from tests.app.excel_books import tracker_a
from ui.main_window import MainWindow


def _wizard(qtbot, ws):  # type: ignore[no-untyped-def]
    window = MainWindow(ws)
    qtbot.addWidget(window)
    wizard = window.excel.open_wizard()
    qtbot.addWidget(wizard)
    return window, wizard


def _next(qtbot, wizard, page):  # type: ignore[no-untyped-def]
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is page, timeout=10000)


def test_the_wizard_imports_a_tracker_after_a_preview(qtbot, ws, tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Ref,Report,Recommendation,Status,Owner\n"
        "1,PEEL 2023,Improve custody,Parked,Jane Smith\n"
        "2,PEEL 2023,Improve calls,Ongoing,\n"
    )
    window, wizard = _wizard(qtbot, ws)
    assert "File" in [a.text().replace("&", "") for a in window.menuBar().actions()]
    wizard.file_page.set_path(path)
    assert wizard.file_page.sheet_combo.count() == 1
    _next(qtbot, wizard, wizard.columns_page)
    chosen = wizard.columns_page.chosen()
    assert chosen == {0: "reference", 1: "report", 2: "text", 3: "status", 4: "owner"}
    _next(qtbot, wizard, wizard.words_page)
    words = {(key, str(value)): combo for key, value, combo in wizard.words_page._rows}
    parked = words[("status", "Parked")]
    assert parked.currentData() == "?"
    parked.setCurrentIndex(parked.findData(Status.IN_PROGRESS.value))
    _next(qtbot, wizard, wizard.preview_page)
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10000)
    assert ws.live_count("findings") == 0, "nothing is written before Import"
    assert [r.action for r in wizard.preview.rows] == [Action.ADD, Action.ADD]
    assert "2</b> to add" in wizard.preview_page.summary.text()
    assert wizard.preview_page.model.rowCount() == 2
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=10000)
    assert "2 added" in wizard.result_page.message.text()
    assert {f.status for f in ws.findings.list()} == {Status.IN_PROGRESS}
    assert "2 findings" in window.status_label.text()


def test_rows_in_error_are_shown_and_an_all_error_file_cannot_be_imported(qtbot, ws, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Ref,Report,Recommendation,Status\n1,R,Text,Sleeping\n")
    _window, wizard = _wizard(qtbot, ws)
    wizard.file_page.set_path(path)
    _next(qtbot, wizard, wizard.columns_page)
    _next(qtbot, wizard, wizard.words_page)
    _next(qtbot, wizard, wizard.preview_page)
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10000)
    page = wizard.preview_page
    assert page.show_combo.currentData() == "errors"
    assert "Sleeping" in page.model.index(0, 9).data()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_a_damaged_file_says_so_and_goes_no_further(qtbot, ws, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a workbook")
    _window, wizard = _wizard(qtbot, ws)
    wizard.file_page.set_path(path)
    assert "damaged" in wizard.file_page.message.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_save_template_writes_the_workbook(qtbot, ws, tmp_path, monkeypatch):
    _window, wizard = _wizard(qtbot, ws)
    target = tmp_path / "template.xlsx"
    monkeypatch.setattr(wizard, "ask_save_path", lambda *a: target)
    told: list[str] = []
    monkeypatch.setattr(wizard, "tell", lambda title, text: told.append(text))
    wizard.save_template()
    assert target.read_bytes()[:2] == b"PK" and "saved" in told[0]


def test_header_on_row_three_is_found(qtbot, ws, tmp_path):
    _window, wizard = _wizard(qtbot, ws)
    wizard.file_page.set_path(tracker_a(Path(tmp_path) / "a.xlsx"))
    _next(qtbot, wizard, wizard.columns_page)
    assert wizard.columns_page.header_spin.value() == 3


def test_export_menu_writes_every_finding(qtbot, ws, make, tmp_path, monkeypatch):
    make.finding(text="=1+1")
    window = MainWindow(ws)
    qtbot.addWidget(window)
    target = tmp_path / "all.csv"
    monkeypatch.setattr(window.excel, "ask_export_path", lambda: target)
    window.excel.export_action.trigger()
    qtbot.waitUntil(lambda: target.exists(), timeout=10000)
    assert "'=1+1" in target.read_text("utf-8-sig")
