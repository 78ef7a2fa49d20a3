"""The Calendar page: click a date to land on its record, keyboard through days and events,
"+N more", a new inspection from a double-click, filters, the agenda, and Outlook export."""

from __future__ import annotations

from datetime import date

import icalendar
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.calendar.events import EventType
from app.domain.enums import InspectionType
from app.domain.values import Inspection, Meeting
from ui.calendar.dialogs import DayEventsDialog, ExportDialog, NewInspectionDialog
from ui.main_window import MainWindow


@pytest.fixture
def peel(ws):
    return ws.inspections.create(
        Inspection(
            InspectionType.PEEL,
            "PEEL 2024",
            fieldwork_start=date(2024, 3, 25),  # across the month end and the clock change
            fieldwork_end=date(2024, 4, 5),
            hot_debrief_on=date(2024, 4, 12),
        )
    )


@pytest.fixture
def page(qtbot, ws):
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("calendar")
    return page


def test_clicking_a_bar_opens_its_record(qtbot, page, peel):
    page.show_date(date(2024, 3, 1), agenda=False)
    view = page.month_view
    rects = view.event_rects(f"fieldwork:{peel.id}")
    assert len(rects) == 2  # Mon 25 Mar - Sun 31 Mar, then Mon 1 Apr - Fri 5 Apr
    assert rects[0].width() > 5 * view.day_rect(date(2024, 3, 25)).width()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rects[1].center())
    dialog = page.window_.record_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.details.entity_id == peel.id
    assert dialog.details.heading == "PEEL 2024"
    assert dialog.value_labels["Fieldwork"].text() == "25 March 2024 to 5 April 2024"
    # The clicked day of the greyed April days is selected; the month stays March.
    assert view.selected_date() == date(2024, 4, 3) and view.month() == (2024, 3)


def test_the_same_bar_continues_in_the_next_month(page, peel):
    page.show_date(date(2024, 4, 10), agenda=False)
    view = page.month_view
    (rect,) = view.event_rects(f"fieldwork:{peel.id}")
    assert rect.left() <= view.day_rect(date(2024, 4, 1)).left() + 1
    assert view.event_rects(f"hot_debrief:{peel.id}")


def test_a_full_day_offers_more_and_lists_every_event(qtbot, page, ws, make):
    report = make.report("Vetting thematic", published_on=date(2023, 11, 2))
    findings = [
        make.finding(report, reference=f"Recommendation {n}", due_on=date(2024, 3, 28))
        for n in range(1, 9)
    ]
    page.show_date(date(2024, 3, 1), agenda=False)
    view = page.month_view
    more = view.more_rect(date(2024, 3, 28))
    assert more is not None
    shown = {i for i in view.visible_event_ids() if i.startswith("finding_due")}
    assert 0 < len(shown) < 8
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=more.center())
    dialog = page._dialog
    assert isinstance(dialog, DayEventsDialog) and dialog.list.count() == 8
    assert dialog.list.item(7).text().startswith("Finding due: Rec 8")
    dialog.list.itemActivated.emit(dialog.list.item(7))
    assert page.window_.record_dialog.details.entity_id == findings[7].id


def test_double_clicking_an_empty_day_starts_a_new_inspection(qtbot, page, ws):
    page.show_date(date(2024, 5, 1), agenda=False)
    view = page.month_view
    cell = view.day_rect(date(2024, 5, 15))
    with qtbot.waitSignal(page.sig_new_inspection_requested) as signal:
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=cell.center())
    assert signal.args == [date(2024, 5, 15)]
    dialog = page._dialog
    assert isinstance(dialog, NewInspectionDialog)
    dialog.accept()  # no title yet: refused, with the reason shown
    assert dialog.isVisible() and "title" in dialog.error_label.text()
    dialog.title_edit.setText("Custody no-notice")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(InspectionType.CUSTODY))
    dialog.end_edit.setDate(dialog.end_edit.date().addDays(2))
    dialog.accept()
    (made,) = ws.inspections.list()
    assert (made.title, made.type, made.fieldwork_start, made.fieldwork_end) == (
        "Custody no-notice",
        InspectionType.CUSTODY,
        date(2024, 5, 15),
        date(2024, 5, 17),
    )
    assert f"fieldwork:{made.id}" in view.visible_event_ids()


def test_keyboard_moves_through_days_months_and_events(qtbot, page, ws, peel):
    ws.meetings.create(Meeting(date(2024, 4, 12), "Joint Audit Committee"))
    view = page.month_view
    page.show_date(date(2024, 3, 29), agenda=False)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)  # into April: the month turns
    assert view.selected_date() == date(2024, 4, 1) and view.month() == (2024, 4)
    assert page.heading.text() == "April 2024"
    qtbot.keyClick(view, Qt.Key.Key_Down)
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.selected_date() == date(2024, 4, 11)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    # Tab walks the day's events, Enter opens the one chosen.
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    first = view.focused_event()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    second = view.focused_event()
    assert {first.type.value, second.type.value} == {"hot_debrief", "committee_meeting"}
    assert "12 April 2024: 2 events." in view.accessibleDescription()
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert view.focused_event() == first
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert page.window_.record_dialog.details.entity_id == first.entity_id
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.selected_date() == date(2024, 5, 12) and page.heading.text() == "May 2024"
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.selected_date() == date(2024, 3, 12)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.selected_date() == date(2024, 1, 15)  # the fixture clock's today
    assert page.jump_edit.date().toPython() == date(2024, 1, 15)


def test_toolbar_previous_next_today_and_jump(qtbot, page):
    page.show_date(date(2024, 1, 31), agenda=False)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.heading.text() == "February 2024"
    assert page.month_view.selected_date() == date(2024, 2, 29)
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    assert page.heading.text() == "December 2023"
    page.jump_edit.setDate(page.jump_edit.date().fromString("2025-07-04", "yyyy-MM-dd"))
    qtbot.mouseClick(page.jump_button, Qt.MouseButton.LeftButton)
    assert page.heading.text() == "July 2025"
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert page.heading.text() == "January 2024"


def test_legend_filters_hide_and_show_each_kind(page, ws, make, peel):
    report = make.report("Vetting thematic", published_on=date(2023, 11, 2))
    make.finding(report, reference="Recommendation 1", due_on=date(2024, 3, 27))
    page.show_date(date(2024, 3, 1), agenda=False)
    view = page.month_view
    fieldwork = f"fieldwork:{peel.id}"
    assert fieldwork in view.visible_event_ids()
    page.type_checks[EventType.FIELDWORK].setChecked(False)
    assert fieldwork not in view.visible_event_ids()
    assert any(i.startswith("finding_due") for i in view.visible_event_ids())
    page.overdue_check.setChecked(True)  # today is 15 January 2024: nothing overdue yet
    assert not any(i.startswith("finding_due") for i in view.visible_event_ids())
    for check in page.type_checks.values():
        check.setChecked(False)
    assert view.visible_event_ids() == set()


def test_agenda_lists_the_coming_weeks_by_day_and_opens_records(qtbot, page, ws, peel):
    ws.meetings.create(Meeting(date(2024, 4, 12), "Joint Audit Committee", "06"))
    page.show_date(date(2024, 3, 28), agenda=True)
    page.weeks_spin.setValue(3)
    agenda = page.agenda_view
    assert page.heading.text() == "28 March to 17 April 2024"
    assert agenda.day_headings() == ["Thursday 28 March 2024", "Friday 12 April 2024"]
    rows = [(i.text(0), i.text(1), i.text(2)) for i in agenda.event_items()]
    assert rows[0] == (
        "Inspection fieldwork",
        "PEEL 2024",
        "Continues until 5 April 2024 (day 4 of 12) · PEEL · Planned",
    )
    assert {r[0] for r in rows[1:]} == {"Hot debrief", "Committee meeting"}
    agenda.itemActivated.emit(agenda.event_items()[0], 0)
    assert page.window_.record_dialog.details.entity_id == peel.id
    page.show_date(date(2030, 1, 1), agenda=True)
    assert agenda.event_items() == []
    assert "Nothing in the calendar" in agenda.topLevelItem(0).text(0)


def test_export_writes_what_the_filters_show(qtbot, page, ws, peel, tmp_path, monkeypatch):
    ws.meetings.create(Meeting(date(2024, 4, 12), "Joint Audit Committee"))
    target = tmp_path / "diary"

    def fake_exec(dialog):
        dialog.from_edit.setDate(dialog.from_edit.date().fromString("2024-04-01", "yyyy-MM-dd"))
        dialog.to_edit.setDate(dialog.to_edit.date().fromString("2024-04-30", "yyyy-MM-dd"))
        return 1

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.type_checks[EventType.FIELDWORK].setChecked(False)
    with qtbot.waitSignal(page.exporter.sig_finished, timeout=10_000) as done:
        assert page.export()
    written = done.args[0].path
    assert written == tmp_path / "diary.ics"
    cal = icalendar.Calendar.from_ical(written.read_bytes())
    assert sorted(str(e["UID"]).split("-")[0] for e in cal.walk("VEVENT")) == [
        "committee_meeting",
        "hot_debrief",
    ]
    assert "Saved 2 calendar entries" in page.window_.statusBar().currentMessage()


def test_export_failure_is_one_clear_message(qtbot, page, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(ExportDialog, "exec", lambda dialog: 1)
    target = tmp_path / "missing" / "diary.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    with qtbot.waitSignal(page.exporter.sig_failed, timeout=10_000):
        assert page.export()
    assert warnings == [f"The folder {target.parent} does not exist."]
    assert not page.exporter.is_running()


def test_week_numbers_and_today_are_drawn(page):
    page.show_date(date(2024, 1, 15), agenda=False)
    view = page.month_view
    assert view.grid()[0] == date(2024, 1, 1)
    image = view.grab().toImage()
    today = view.day_rect(date(2024, 1, 15))
    badge = image.pixelColor(QPoint(today.left() + 6, today.top() + 6))
    pal = view.palette()
    assert badge == pal.color(pal.ColorRole.Highlight)
    # Only the badge: the days after today keep the plain background.
    for day in (date(2024, 1, 16), date(2024, 1, 31)):
        cell = view.day_rect(day)
        inside = QPoint(cell.center().x(), cell.bottom() - 4)
        assert image.pixelColor(inside) == pal.color(pal.ColorRole.Base), day
