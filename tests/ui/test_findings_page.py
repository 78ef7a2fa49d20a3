"""The findings register driven through its real widgets, checked against direct SQL."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from sqlalchemy import text

from app.domain.enums import Kind, Level, Rag, Status
from ui.forms.finding_form import FindingDialog
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ws, make, clock):  # type: ignore[no-untyped-def]
    """A window on a small register (today is 15 January 2024), showing the findings page."""
    custody, calls = make.person("Casey Custody", "Custody"), make.person("Ali Calls", "Contact")
    peel, thematic = make.report("PEEL 2023"), make.report("Vetting thematic", date(2022, 11, 2))
    coc = make.finding(
        peel,
        kind=Kind.COC,
        level=Level.L4,
        reference="Cause of concern 1",
        text="Leadership of custody is weak.",
    )
    make.finding(
        peel,
        reference="Recommendation 2",
        parent_id=coc.id,
        owner_id=custody.id,
        department="Custody",
        chief_officer_lead="ACC Ops",
        due_on=date(2023, 12, 31),
        rag=Rag.RED,
        text="Review detention records in custody suites.",
    )
    rec10 = make.finding(
        peel,
        reference="Recommendation 10",
        level=Level.L3,
        owner_id=calls.id,
        department="Contact",
        chief_officer_lead="ACC Crime",
        due_on=date(2024, 2, 1),
        rag=Rag.AMBER,
        text="Answer 999 calls faster.",
    )
    make.finding(
        thematic,
        kind=Kind.AFI,
        level=None,
        reference="Area for improvement 1",
        due_immediate=True,
        text="Vetting decisions should be recorded.",
    )
    make.finding(
        thematic,
        reference="Recommendation 5",
        applies_to_force=False,
        not_applicable_reason="Addressed to the College of Policing",
        level=Level.L1,
        text="The College should publish guidance.",
    )
    for status in (Status.IN_PROGRESS, Status.INTERNAL_REVIEW):
        ws.findings.change_status(rec10.id, status)
    ws.findings.add_progress(rec10.id, "Call handling audit complete.", on=date(2024, 1, 10))
    ws.findings.add_progress(coc.id, "Custody board meets monthly.", on=date(2023, 9, 1))
    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.show()
    win.show_page("findings")
    return win


def page_of(window):  # type: ignore[no-untyped-def]
    return window.pages["findings"]


def shown(page) -> set[str]:  # type: ignore[no-untyped-def]
    return {page.model.finding_id(row) for row in range(page.model.rowCount())}


def sql_ids(ws, where: str = "1", **params) -> set[str]:  # type: ignore[no-untyped-def]
    """The direct query the register must agree with."""
    with ws.store.read() as session:
        query = f"SELECT id FROM finding f WHERE deleted_at IS NULL AND ({where})"
        return set(session.scalars(text(query), params))


def assert_matches(page, expected: set[str], total: int = 5) -> None:  # type: ignore[no-untyped-def]
    assert shown(page) == expected
    assert page.count_label.text() == f"Showing {len(expected)} of {total} findings"


OPEN = "status IN ('open', 'in_progress', 'internal_review', 'submitted')"


@pytest.mark.parametrize(
    ("button", "value", "where"),
    [
        ("kind", Kind.COC, "kind = 'coc'"),
        ("level", Level.L3, "level = 3"),
        ("level", None, "level IS NULL"),
        ("status", Status.INTERNAL_REVIEW, "status = 'internal_review'"),
        ("rag", Rag.RED, "rag = 'red'"),
        ("rag", None, "rag IS NULL"),
        ("department", "Contact", "department = 'Contact'"),
        ("lead", "ACC Ops", "chief_officer_lead = 'ACC Ops'"),
    ],
)
def test_each_choice_filter_shows_what_a_direct_query_finds(window, ws, button, value, where):
    page = page_of(window)
    getattr(page.filters, button).toggle(value)
    assert_matches(page, sql_ids(ws, where))
    assert getattr(page.filters, button).text().endswith(": any") is False


def test_owner_and_report_filters(window, ws):
    page = page_of(window)
    owner = next(p for p in ws.people.list() if p.name == "Ali Calls")
    page.filters.owner.toggle(owner.id)
    assert_matches(page, sql_ids(ws, "owner_id = :o", o=owner.id))
    page.clear_filters()
    report = next(r for r in ws.reports.list() if r.title == "Vetting thematic")
    page.filters.report.toggle(report.id)
    assert_matches(page, sql_ids(ws, "report_id = :r", r=report.id))
    assert "Vetting thematic" in page.filters.report.text()


def test_levels_several_at_once_and_combined_with_other_filters(window, ws):
    page = page_of(window)
    page.filters.level.toggle(Level.L2)
    page.filters.level.toggle(Level.L3)
    assert_matches(page, sql_ids(ws, "level IN (2, 3)"))
    page.filters.rag.toggle(Rag.AMBER)
    assert_matches(page, sql_ids(ws, "level IN (2, 3) AND rag = 'amber'"))
    page.filters.level.toggle(Level.L3)  # unpick
    assert_matches(page, set())
    assert page.table.empty_label.isVisible()
    assert "No findings match" in page.table.empty_label.text()


def test_applies_overdue_due_within_and_no_update(window, ws):
    page = page_of(window)
    filters = page.filters
    filters.applies.setCurrentIndex(filters.applies.findData(False))
    assert_matches(page, sql_ids(ws, "applies_to_force = 0"))
    filters.applies.setCurrentIndex(0)
    filters.overdue.setChecked(True)
    assert_matches(page, sql_ids(ws, f"{OPEN} AND due_on < '2024-01-15'"))
    filters.overdue.setChecked(False)
    filters.due_days.setValue(20)  # changing the number turns the filter on
    assert filters.due_within.isChecked()
    assert_matches(page, sql_ids(ws, f"{OPEN} AND due_on BETWEEN '2024-01-15' AND '2024-02-04'"))
    filters.due_within.setChecked(False)
    filters.no_update.setChecked(True)  # 90 days: the CoC's last note is from September
    assert_matches(page, sql_ids(ws, "reference = 'Cause of concern 1'"))


def test_typing_in_search_narrows_the_list_as_you_type(window, ws, qtbot):
    page = page_of(window)
    qtbot.keyClicks(page.search_edit, "cust")
    expected = sql_ids(ws, "text LIKE '%custody%'") | sql_ids(
        ws, "id IN (SELECT finding_id FROM progress_update WHERE text LIKE '%Custody%')"
    )
    qtbot.waitUntil(lambda: shown(page) == expected)
    assert page.count_label.text() == f"Showing {len(expected)} of 5 findings"
    qtbot.keyClicks(page.search_edit, "ody suites")
    qtbot.waitUntil(lambda: shown(page) == sql_ids(ws, "reference = 'Recommendation 2'"))
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "audit")  # a progress note
    qtbot.waitUntil(lambda: shown(page) == sql_ids(ws, "reference = 'Recommendation 10'"))


def test_clear_filters_in_one_action(window, ws, qtbot):
    page = page_of(window)
    page.filters.kind.toggle(Kind.AFI)
    page.filters.overdue.setChecked(True)
    page.search_edit.setText("vetting")
    page.apply_filters()
    assert_matches(page, set())
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert_matches(page, sql_ids(ws))
    assert page.search_edit.text() == "" and not page.filters.overdue.isChecked()
    assert page.filters.kind.text() == "Kind: any"


def test_saving_and_reopening_a_view(window, ws, qtbot, monkeypatch):
    page = page_of(window)
    page.filters.level.toggle(Level.L2)
    page.filters.level.toggle(Level.L3)
    page.filters.applies.setCurrentIndex(page.filters.applies.findData(True))
    page.table.sortByColumn(page.model.column_of("due"), Qt.SortOrder.DescendingOrder)
    page.table.set_column_shown("lead", True)
    expected = [page.model.finding_id(r) for r in range(page.model.rowCount())]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Levels 2 and 3", True))
    qtbot.mouseClick(page.save_view_button, Qt.MouseButton.LeftButton)
    assert page.view_combo.currentText() == "Levels 2 and 3"

    page.clear_filters()
    page.table.set_column_shown("lead", False)
    assert len(shown(page)) == 5
    assert page.view_combo.currentIndex() == -1

    # A new window (as after a restart) finds the view in the database.
    again = MainWindow(ws)
    qtbot.addWidget(again)
    again.show()
    other = again.show_page("findings")
    index = other.view_combo.findText("Levels 2 and 3")
    assert index >= 0
    other.view_combo.setCurrentIndex(index)
    other.view_combo.activated.emit(index)
    assert [other.model.finding_id(r) for r in range(other.model.rowCount())] == expected
    assert other.model.sort_order.column == "due" and not other.model.sort_order.ascending
    assert "lead" in other.table.visible_keys()
    assert other.filters.level.checked() == {Level.L2, Level.L3}


def test_a_shipped_view_and_deleting_a_view(window, ws, qtbot, monkeypatch):
    page = page_of(window)
    index = page.view_combo.findText("Overdue by department")
    page.view_combo.setCurrentIndex(index)
    page.view_combo.activated.emit(index)
    assert page.filters.overdue.isChecked()
    assert_matches(page, sql_ids(ws, f"{OPEN} AND due_on < '2024-01-15' AND applies_to_force"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.delete_view_button, Qt.MouseButton.LeftButton)
    assert page.view_combo.findText("Overdue by department") == -1


def test_sorting_by_clicking_a_column_header(window, ws, qtbot):
    page = page_of(window)
    header = page.table.horizontalHeader()
    column = page.model.column_of("due")
    page.table.scrollTo(page.model.index(0, column))
    x = header.sectionViewportPosition(column) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert page.model.sort_order.column == "due"
    first = page.model.row_at(0)
    assert first is not None and first.due_immediate  # "immediately" sorts first
    column = page.model.column_of("text")  # cannot be sorted: nothing changes
    page.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert page.model.sort_order.column == "due"


def test_keyboard_ctrl_f_escape_arrows_enter_and_space(window, ws, qtbot, modal):
    page = page_of(window)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_edit.hasFocus()
    qtbot.keyClicks(page.search_edit, "detention")
    qtbot.waitUntil(lambda: page.model.count == 1)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Escape)
    assert page.search_edit.text() == "" and page.model.count == 5
    qtbot.keyClicks(page.search_edit, "999")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)  # to the results, first row chosen
    assert page.table.hasFocus() and page.model.count == 1
    rec10 = next(f for f in ws.findings.list() if f.reference == "Recommendation 10")
    opened: list[str | None] = []

    def note_and_close(dialog) -> None:  # type: ignore[no-untyped-def]
        opened.append(dialog.current.id if dialog.current else None)
        dialog.reject()

    modal.next(note_and_close, FindingDialog)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens the finding's form
    assert opened == [rec10.id]
    assert not page.detail.isVisible()
    # A window manager gives the focus back when the form closes; offscreen, the test does.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Space)  # Space shows the read-only panel
    assert page.detail.isVisible() and page.detail.finding_id == rec10.id
    html = page.detail.browser.toPlainText()
    assert "Answer 999 calls faster." in html and "Call handling audit complete." in html
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)  # clears the search first…
    assert page.search_edit.text() == "" and page.detail.isVisible()
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)  # …then closes the panel
    assert not page.detail.isVisible()


def test_double_click_opens_the_form_and_the_panel_shows_the_cause_of_concern(
    window, ws, qtbot, modal
):
    page = page_of(window)
    page.search_edit.setText("detention")
    page.apply_filters()
    rec2 = next(f for f in ws.findings.list() if f.reference == "Recommendation 2")
    rect = page.table.visualRect(page.model.index(0, 0))
    opened: list[str | None] = []

    def note_and_close(dialog) -> None:  # type: ignore[no-untyped-def]
        opened.append(dialog.current.id if dialog.current else None)
        dialog.reject()

    modal.next(note_and_close, FindingDialog)
    # QTest needs the first click of the pair sent on its own for a view to see a double-click
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [rec2.id]
    page.toggle_detail()
    text_shown = page.detail.browser.toPlainText()
    assert "Review detention records in custody suites." in text_shown
    assert "Addresses the cause of concern" in text_shown
    assert "Leadership of custody is weak." in text_shown
    coc = next(f for f in ws.findings.list() if f.kind is Kind.COC)
    page.detail.browser.anchorClicked.emit(f"finding:{coc.id}")  # follow the link
    assert page.detail.finding_id == coc.id
    assert "Custody board meets monthly." in page.detail.browser.toPlainText()
    modal.next(note_and_close, FindingDialog)
    page.detail.open_button.click()  # the panel's Open… opens the finding it shows
    assert opened == [rec2.id, coc.id]


def test_columns_can_be_hidden_and_the_choice_is_remembered(window, ws, qtbot):
    page = page_of(window)
    page.table.set_column_shown("department", False)
    page.table.set_column_shown("text", True)
    page.table.save_columns()
    again = MainWindow(ws)
    qtbot.addWidget(again)
    keys = again.pages["findings"].table.visible_keys()
    assert "department" not in keys and "text" in keys
    again.pages["findings"].table.reset_columns()
    assert "department" in again.pages["findings"].table.visible_keys()


def test_rag_and_overdue_have_an_icon_and_words_not_only_colour(window):
    page = page_of(window)
    page.filters.overdue.setChecked(True)
    model = page.model
    rag = model.index(0, model.column_of("rag"))
    overdue = model.index(0, model.column_of("days_overdue"))
    assert model.data(rag) == "Red" and model.data(rag, Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(overdue) == "15 days"
    assert model.data(overdue, Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(overdue, Qt.ItemDataRole.AccessibleTextRole) == "Overdue by 15 days"


def test_export_writes_exactly_the_rows_and_columns_on_screen(
    window, ws, qtbot, tmp_path, monkeypatch
):
    import csv

    from PySide6.QtWidgets import QFileDialog

    page = page_of(window)
    page.search_edit.setText("custody")
    page.apply_filters()
    page.table.sortByColumn(page.model.column_of("reference"), Qt.SortOrder.DescendingOrder)
    page.table.show_columns(("reference", "status", "days_overdue"))
    shown_refs = [page.model.row_at(r).reference for r in range(page.model.rowCount())]
    target = tmp_path / "view.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.excel.export_findings()
    qtbot.waitUntil(lambda: window.excel._job is None, timeout=10000)
    lines = list(csv.reader(target.read_text("utf-8-sig").splitlines()))
    assert lines[0] == ["Reference", "Status"]  # days overdue has no export column
    assert (
        [line[0] for line in lines[1:]] == shown_refs == ["Recommendation 2", "Cause of concern 1"]
    )


def test_several_findings_can_be_picked_for_bulk_work(window, ws, qtbot):
    page = page_of(window)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    picked = page.selected_finding_ids()
    assert picked == [page.model.finding_id(0), page.model.finding_id(1)]
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert set(page.selected_finding_ids()) == sql_ids(ws)
