"""Overview links, the reports and inspections registers, and the findings register on the demo."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from app.domain.enums import InspectionStatus, InspectionType, Level, Status
from app.domain.values import Inspection
from ui.main_window import MainWindow

OPEN = "status IN ('open', 'in_progress', 'internal_review', 'submitted')"


def _sql_count(ws, where: str, **params) -> int:  # type: ignore[no-untyped-def]
    with ws.store.read() as session:
        query = f"SELECT count(*) FROM finding WHERE deleted_at IS NULL AND ({where})"
        return session.scalar(text(query), params)


@pytest.fixture
def window(qtbot, ws, make, clock):  # type: ignore[no-untyped-def]
    today = clock.today()
    report = make.report("PEEL 2023", published_on=today - timedelta(days=20))
    old = make.report("Custody thematic", published_on=date(2021, 3, 1))
    make.finding(report, due_on=today - timedelta(days=3))
    make.finding(report, due_on=today + timedelta(days=12), level=Level.L3)
    make.finding(old, due_on=today + timedelta(days=300))
    ws.inspections.create(
        Inspection(InspectionType.PEEL, "PEEL 2025", fieldwork_start=today + timedelta(days=40))
    )
    ws.inspections.create(
        Inspection(InspectionType.JOINT, "JTAI", InspectionStatus.PUBLISHED, partners=("Ofsted",))
    )
    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.show()
    return win


def test_overview_counts_open_the_register_with_that_filter(window, ws, qtbot):
    overview = window.pages["overview"]
    panel = overview.attention
    assert panel.count("overdue") == 1 and panel.count("due_soon") == 1
    qtbot.mouseClick(panel.buttons["overdue"], Qt.MouseButton.LeftButton)
    findings = window.current_page()
    assert findings is window.pages["findings"]
    assert findings.filters.overdue.isChecked()
    assert findings.model.count == _sql_count(ws, f"{OPEN} AND due_on < '2024-01-15'") == 1
    assert findings.count_label.text() == "Showing 1 of 3 findings"

    window.show_page("overview")
    qtbot.mouseClick(panel.buttons["due_soon"], Qt.MouseButton.LeftButton)
    assert findings.filters.due_within.isChecked() and findings.filters.due_days.value() == 30
    assert findings.model.count == 1

    window.show_page("overview")
    qtbot.mouseClick(panel.buttons["forthcoming"], Qt.MouseButton.LeftButton)
    inspections = window.current_page()
    assert inspections is window.pages["inspections"] and inspections.forthcoming.isChecked()
    assert [r.title for r in inspections.model.rows] == ["PEEL 2025"]

    window.show_page("overview")
    qtbot.mouseClick(panel.buttons["pcc_responses"], Qt.MouseButton.LeftButton)
    reports = window.current_page()
    assert reports is window.pages["reports"] and reports.response_due.isChecked()
    assert [r.title for r in reports.model.rows] == ["PEEL 2023"]
    assert reports.count_label.text() == "Showing 1 of 2 reports"


def test_a_summary_number_lists_the_findings_it_counts(window, ws):
    overview = window.pages["overview"]
    model = overview.summary_model
    row = next(
        r for r in range(model.rowCount()) if model.index(r, 0).data() == "Recommendation Level 2"
    )
    assert model.index(row, 1).data() == 2
    overview.summary_view.activated.emit(model.index(row, 1))
    findings = window.current_page()
    assert findings is window.pages["findings"]
    assert findings.model.count == 2
    assert findings.filters.level.checked() == {Level.L2}
    # As at a past date the numbers are history, not today's list: nothing opens.
    overview = window.show_page("overview")
    overview.set_as_at(date(2023, 1, 1))
    assert overview.summary_filter(row, 1) is None


def test_show_a_reports_findings(window, ws, qtbot):
    reports = window.show_page("reports")
    titles = [r.title for r in reports.model.rows]
    assert titles == ["PEEL 2023", "Custody thematic"]  # newest first
    reports.table.selectRow(1)
    qtbot.mouseClick(reports.show_findings_button, Qt.MouseButton.LeftButton)
    findings = window.current_page()
    old = next(r for r in ws.reports.list() if r.title == "Custody thematic")
    assert findings.filters.report.checked() == {old.id}
    assert findings.model.count == _sql_count(ws, "report_id = :r", r=old.id) == 1
    # Enter on a report does the same
    reports = window.show_page("reports")
    reports.table.setFocus()
    reports.table.selectRow(0)
    qtbot.keyClick(reports.table, Qt.Key.Key_Return)
    assert window.current_page().model.count == 2


def test_reports_and_inspections_filter_and_search(window, qtbot):
    reports = window.show_page("reports")
    reports.with_open.setChecked(True)
    assert reports.model.rowCount() == 2
    reports.table.setFocus()
    qtbot.keyClick(reports.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert reports.search_edit.hasFocus()  # this page's Ctrl+F, not a hidden page's
    qtbot.keyClicks(reports.search_edit, "custody")
    qtbot.waitUntil(lambda: [r.title for r in reports.model.rows] == ["Custody thematic"])
    qtbot.keyClick(reports.search_edit, Qt.Key.Key_Escape)
    assert reports.search_edit.text() == "" and reports.model.rowCount() == 2
    inspections = window.show_page("inspections")
    inspections.status.toggle(InspectionStatus.PUBLISHED)
    assert [r.title for r in inspections.model.rows] == ["JTAI"]
    inspections.clear_filters()
    assert inspections.model.rowCount() == 2
    column = inspections.model.column_of("title")
    inspections.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert [r.title for r in inspections.model.rows] == ["JTAI", "PEEL 2025"]


def test_on_the_demo_data_every_level_and_status_count_matches_sql(qtbot, demo_ws):
    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("findings")
    total = _sql_count(demo_ws, "1")
    assert page.count_label.text() == f"Showing {total:,} of {total:,} findings"
    for level in (Level.L1, Level.L2, Level.L3, Level.L4):
        page.filters.level.toggle(level)
        assert page.model.count == _sql_count(demo_ws, "level = :l", l=int(level))
        page.filters.level.toggle(level)
    for status in Status:
        page.filters.status.toggle(status)
        assert page.model.count == _sql_count(demo_ws, "status = :s", s=status.value)
        page.filters.status.toggle(status)
    page.filters.overdue.setChecked(True)
    assert page.model.count == _sql_count(demo_ws, f"{OPEN} AND due_on < '2026-11-23'")
    # every row, read page by page as a scrolling view does, is in the register's order
    page.clear_filters()
    page.table.sortByColumn(page.model.column_of("owner"), Qt.SortOrder.DescendingOrder)
    expected = page.register.ids(page.current_filter(), page.model.sort_order)
    page.table.scrollToBottom()
    assert [page.model.finding_id(r) for r in range(page.model.rowCount())] == expected
