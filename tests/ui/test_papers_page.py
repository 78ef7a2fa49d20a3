"""The Committee papers page: meetings, narrative, pre-flight, one click to PDF, Word, archive."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.domain.values import ForceSettings, Meeting
from tests.app.pdftext import read_pdf
from ui import desktop
from ui.main_window import MainWindow


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """Files handed to the desktop's viewer (nothing really opens in tests)."""
    paths: list[Path] = []
    monkeypatch.setattr(desktop, "open_path", lambda path: paths.append(Path(path)) or True)
    monkeypatch.setattr(desktop, "can_print_directly", lambda: False)
    return paths


@pytest.fixture
def page(qtbot, ws, make, clock):
    ws.settings.save(ForceSettings(force_name="Testshire Police", contact_name="Sam Liaison"))
    clock.set_day(date(2024, 1, 10))
    report = make.report("A force inspection", date(2024, 1, 10))
    make.finding(report, reference="Recommendation 1")  # no owner: a pre-flight problem
    ws.meetings.create(Meeting(date(2023, 12, 14), "Joint Audit Committee", "06"))
    ws.meetings.create(Meeting(date(2024, 3, 21), "Joint Audit Committee", "07"))
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    return window.show_page("papers")


def _selected_text(page) -> str:
    return page.meeting_list.currentItem().text()


def test_the_next_meeting_is_selected_with_its_preflight(page, qtbot):
    assert _selected_text(page) == "21 March 2024"
    assert page.agenda_edit.text() == "07"
    assert "14 December 2023" in page.previous_combo.currentText()
    qtbot.waitUntil(lambda: page.tabs.tabText(1) == "Pre-flight (2)", timeout=20000)
    group = page.preflight.topLevelItem(0)
    assert group.text(0) == "Open findings with no owner (1)"
    assert group.child(0).text(0).startswith("Recommendation 1 (Rec) — A force inspection")
    group = page.preflight.topLevelItem(1)
    assert group.text(0) == "Reports in this paper with no committee summary (1)"


def test_narrative_is_saved_with_the_meeting(page, ws):
    page.narrative.edits["purpose"].setPlainText("To brief the Committee.")
    page.agenda_edit.setText("08")
    page.agenda_edit.textEdited.emit("08")
    assert page.save_narrative()
    meeting = ws.meetings.get(page.meeting.id)
    assert meeting.narrative == {"purpose": "To brief the Committee."}
    assert meeting.agenda_item == "08"
    assert any(e.field == "narrative" for e in ws.history.for_record(meeting.id))


def test_moving_to_another_meeting_keeps_unsaved_words(page, ws):
    march = page.meeting
    page.narrative.edits["asks"].setPlainText("To approve the plan.")
    page.meeting_list.setCurrentRow(1)
    assert _selected_text(page) == "14 December 2023"
    assert page.narrative.edits["asks"].toPlainText() == ""
    assert ws.meetings.get(march.id).narrative == {"asks": "To approve the plan."}


def test_one_click_produces_archives_and_opens_the_pdf(page, ws, qtbot, opened):
    page.narrative.edits["purpose"].setPlainText("Unsaved words go into the paper too.")
    qtbot.mouseClick(page.produce_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    path = opened[0]
    assert path.parent == ws.folder / "papers" and path.suffix == ".pdf"
    body = read_pdf(path.read_bytes()).body
    assert "Unsaved words go into the paper too." in body
    assert "Recommendation Level 2 1 0 1" in body
    assert page.archive.rowCount() == 1
    assert page.tabs.tabText(2) == "Archive (1)"
    assert page.status.text() == f"Produced {path} (2 pages)."
    assert page.meeting_list.currentItem().text() == "21 March 2024  (1 produced)"

    # The archived file reopens byte for byte.
    opened.clear()
    page.open_archived()
    assert opened[0].read_bytes() == path.read_bytes()


def test_print_opens_the_viewer_when_the_system_cannot_print(page, qtbot, opened):
    page.print_paper()
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert "print it from there" in page.status.text()


def test_print_asks_then_sends_to_the_printer(page, qtbot, monkeypatch, opened):
    printed: list[Path] = []
    monkeypatch.setattr(desktop, "can_print_directly", lambda: True)
    monkeypatch.setattr(desktop, "print_pdf", lambda path: printed.append(path) or True)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.print_paper()
    qtbot.waitUntil(lambda: bool(printed), timeout=20000)
    assert printed[0].suffix == ".pdf" and not opened
    assert "Sent to the printer" in page.status.text()


def test_save_as_word(page, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "for the secretariat"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.save_word()
    docx = tmp_path / "for the secretariat.docx"
    qtbot.waitUntil(docx.exists, timeout=20000)
    qtbot.waitUntil(lambda: page.archive.rowCount() == 1, timeout=5000)
    assert docx.read_bytes().startswith(b"PK")
    assert "Saved the Word paper" in page.status.text()


def test_a_failure_is_reported_and_nothing_is_archived(page, qtbot, tmp_path, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "gone" / "p.docx"), "")
    )
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    page.save_word()
    qtbot.waitUntil(lambda: bool(warnings), timeout=20000)
    assert "does not exist" in warnings[0]
    assert page.archive.rowCount() == 0
    assert page.produce_button.isEnabled()


def test_regenerating_shows_what_changed(page, ws, make, qtbot, opened, clock):
    page.produce_pdf()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=20000)
    clock.set_day(date(2024, 2, 1))
    make.finding(ws.reports.list()[0], reference="Recommendation 2")
    page.produce_pdf()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=20000)
    note = page.archive_note.text()
    assert "Changed since the paper produced on" in note
    assert "Recommendation Level 2, open: 1 → 2 (+1)" in note


def test_new_and_edit_meeting_use_the_meeting_form(page, ws, monkeypatch):
    from ui.forms import launch

    calls: list[str | None] = []

    def form(window, ws_, meeting_id=None):
        calls.append(meeting_id)
        if meeting_id is None:
            return ws_.meetings.create(Meeting(date(2024, 6, 27), "Joint Audit Committee", "05"))
        return ws_.meetings.update(replace(ws_.meetings.get(meeting_id), agenda_item="09"))

    monkeypatch.setattr(launch, "open_meeting_form", form)
    page.narrative.edits["purpose"].setPlainText("Typed before opening the form.")
    march = page.meeting.id
    page.edit_button.click()
    assert calls == [march]
    assert page.agenda_edit.text() == "09"
    assert ws.meetings.get(march).narrative == {"purpose": "Typed before opening the form."}
    before = page.meeting_list.count()
    page.new_button.click()
    assert calls == [march, None]
    assert page.meeting_list.count() == before + 1
    assert _selected_text(page) == "27 June 2024"
    assert page.agenda_edit.text() == "05"


def test_the_previous_meeting_can_be_chosen(page, ws):
    combo = page.previous_combo
    assert combo.count() == 2  # automatic, 14 December 2023
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    assert ws.meetings.get(page.meeting.id).previous_meeting_id == combo.itemData(1)


def test_compare_an_archived_paper_with_the_data_now(page, ws, make, qtbot, opened, clock):
    page.produce_pdf()
    qtbot.waitUntil(lambda: page.archive.rowCount() == 1, timeout=20000)
    page.archive_panel.compare()
    qtbot.waitUntil(lambda: "same figures" in page.archive_note.text(), timeout=20000)
    clock.set_day(date(2024, 2, 1))
    make.finding(ws.reports.list()[0], reference="Recommendation 2")
    page.archive_panel.compare()
    qtbot.waitUntil(lambda: "would differ" in page.archive_note.text(), timeout=20000)
    assert "Total, open: 1 → 2 (+1)" in page.archive_note.text()
