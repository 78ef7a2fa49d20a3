"""The shell opens offscreen and the Overview shows the figures the service computes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from app.domain.enums import Kind, Level
from ui.main_window import MainWindow


def _cell(view, row: int, column: int) -> str:  # type: ignore[no-untyped-def]
    return str(view.model().index(row, column).data(Qt.ItemDataRole.DisplayRole))


def test_overview_shows_the_summary_as_at_the_chosen_date(qtbot, ws, make, clock):
    clock.set_day(date(2023, 9, 1))
    report = make.report()
    for _ in range(2):
        make.finding(report, level=Level.L2)
    clock.set_day(date(2024, 1, 15))
    make.finding(report, kind=Kind.AFI, level=Level.L3)

    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["overview"]
    view = page.summary_view
    rows = {
        _cell(view, r, 0): [_cell(view, r, c) for c in (1, 2, 3)]
        for r in range(view.model().rowCount())
    }
    assert rows["Recommendation Level 2"] == ["2", "0", "2"]
    assert rows["AFI Level 3"] == ["1", "0", "1"]
    assert rows["Total"] == ["3", "0", "3"]

    page.as_at_edit.setDate(QDate(2023, 9, 28))
    rows = {_cell(view, r, 0): _cell(view, r, 3) for r in range(view.model().rowCount())}
    assert rows["AFI Level 3"] == "0" and rows["Total"] == "2"
    assert "28 September 2023" in page.summary_caption.text()


def test_window_title_status_bar_and_menus(qtbot, ws, make):
    make.finding()
    window = MainWindow(ws)
    qtbot.addWidget(window)
    assert "Liaison Desk" in window.windowTitle()
    assert str(ws.database_path) in window.windowTitle()
    assert "1 findings" in window.status_label.text()
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Help"]


def test_about_lists_the_versions(qtbot):
    from ui.about import versions

    info = versions()
    assert {"Liaison Desk", "Python", "Qt", "PySide6", "SQLite"} <= set(info)


def test_first_run_offers_the_demo_and_loads_it(qtbot, ws, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.application import DemoController

    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.Yes,
    )
    window = MainWindow(ws)
    qtbot.addWidget(window)
    controller = DemoController(window, ws)
    assert ws.is_empty()
    controller.offer_first_run()
    qtbot.waitUntil(lambda: not ws.is_empty() and controller._dialog is None, timeout=60_000)
    assert asked == ["Welcome to Liaison Desk"]
    assert ws.counts()["findings"] > 400
    assert "findings" in window.status_label.text() and not window.status_label.text().startswith(
        "0"
    )


def test_declining_the_demo_leaves_an_empty_database(qtbot, ws, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.application import DemoController

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    DemoController(window, ws).offer_first_run()
    assert ws.is_empty()


def test_force_settings_dialog_saves_through_the_service(qtbot, ws):
    from ui.settings_dialog import ForceSettingsDialog

    dialog = ForceSettingsDialog(ws)
    qtbot.addWidget(dialog)
    dialog.edits["force_name"].clear()
    qtbot.keyClicks(dialog.edits["force_name"], "Staffordshire Police")
    dialog.accept()
    assert ws.settings.get().force_name == "Staffordshire Police"
    assert any(e.field == "force_name" for e in ws.history.for_record("force_name"))


def test_force_settings_refuses_an_empty_force_name(qtbot, ws):
    from ui.settings_dialog import ForceSettingsDialog

    dialog = ForceSettingsDialog(ws)
    qtbot.addWidget(dialog)
    dialog.edits["force_name"].clear()
    dialog.accept()
    assert "force's name" in dialog.error_label.text()
    assert ws.settings.get().force_name == "Your force"


def test_an_empty_database_says_how_to_begin_until_something_is_recorded(qtbot, ws, make):
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["overview"]
    assert page.getting_started.isVisible()
    assert "Import from Excel" in page.getting_started.text()
    make.finding()
    window.refresh()
    assert not page.getting_started.isVisible()
