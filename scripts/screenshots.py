"""Save a PNG of every main screen, offscreen, on the demo data: scripts/screenshots.py OUTDIR

Features add their screens to SHOTS. Look at every PNG before calling a screen done.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, QThreadPool  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.demo import load_demo  # noqa: E402
from app.workspace import Workspace  # noqa: E402
from scripts.form_shots import FORM_SHOTS  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402


def overview(window: MainWindow) -> QWidget:
    window.show_page("overview")
    return window


def overview_at_meeting(window: MainWindow) -> QWidget:
    window.show_page("overview").set_as_at(date(2023, 9, 28))  # type: ignore[attr-defined]
    return window


def settings_dialog(window: MainWindow) -> QWidget:
    from ui.settings_dialog import ForceSettingsDialog

    dialog = ForceSettingsDialog(window.ws, window)
    dialog.adjustSize()
    return dialog


def findings_filtered(window: MainWindow) -> QWidget:
    from app.domain.enums import OPEN_STATUSES, Level
    from app.domain.filters import FindingFilter, SortOrder

    page = window.show_page("findings")
    flt = FindingFilter(levels=frozenset({Level.L2, Level.L3}), statuses=OPEN_STATUSES)
    page.set_filter(flt, SortOrder("due"))  # type: ignore[attr-defined]
    # A column choice as an officer might save it with the view
    page.table.show_columns(  # type: ignore[attr-defined]
        ("reference", "report", "level", "status", "rag", "owner", "due", "days_overdue")
    )
    return window


def findings_search_detail(window: MainWindow) -> QWidget:
    from app.domain.filters import FindingFilter, SortOrder

    page = window.show_page("findings")
    page.table.reset_columns()  # type: ignore[attr-defined]
    page.set_filter(FindingFilter(text="custody"), SortOrder("report", False))  # type: ignore[attr-defined]
    finding_id = page.model.finding_id(0)  # type: ignore[attr-defined]
    if finding_id:
        window.show_finding(finding_id)
    return window


def findings_none_match(window: MainWindow) -> QWidget:
    from app.domain.filters import FindingFilter

    page = window.show_page("findings")
    page.detail.close_panel()  # type: ignore[attr-defined]
    page.set_filter(FindingFilter(text="no such words anywhere"))  # type: ignore[attr-defined]
    return window


def reports(window: MainWindow) -> QWidget:
    window.show_page("reports")
    return window


def inspections(window: MainWindow) -> QWidget:
    window.show_page("inspections")
    return window


def calendar_month(year: int, month: int) -> Callable[[MainWindow], QWidget]:
    def shot(window: MainWindow) -> QWidget:
        window.show_page("calendar").show_date(date(year, month, 1), agenda=False)  # type: ignore[attr-defined]
        return window

    return shot


def calendar_agenda(day: date) -> Callable[[MainWindow], QWidget]:
    def shot(window: MainWindow) -> QWidget:
        window.show_page("calendar").show_date(day, agenda=True)  # type: ignore[attr-defined]
        return window

    return shot


def calendar_small_window(window: MainWindow) -> QWidget:
    """A laptop-sized window on the busiest month: days overflow into "+N more"."""
    window.resize(1024, 640)
    window.show_page("calendar").show_date(date(2026, 12, 1), agenda=False)  # type: ignore[attr-defined]
    return window


def calendar_today(window: MainWindow) -> QWidget:
    window.resize(1280, 800)
    page = window.show_page("calendar")
    page.show_date(window.ws.ctx.clock.today(), agenda=False)  # type: ignore[attr-defined]
    page.month_view.setFocus()  # type: ignore[attr-defined]
    return window


def calendar_record(window: MainWindow) -> QWidget:
    page = window.show_page("calendar")
    page.show_date(date(2024, 6, 1), agenda=False)  # type: ignore[attr-defined]
    events = page.month_view.events()  # type: ignore[attr-defined]
    inspection = next(e for e in events if e.entity == "inspection")
    window.open_record(inspection.entity, inspection.entity_id)
    dialog = window.record_dialog
    assert dialog is not None
    dialog.adjustSize()
    return dialog


def _messy_tracker() -> Path:
    """A tracker as offices keep them: a title, the header on row 3, their own words."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Recs tracker"
    sheet["A1"] = "HMICFRS recommendations tracker — OFFICIAL"
    sheet.merge_cells("A1:I1")
    sheet.append([])
    sheet.append(
        [
            "Ref",
            "Report",
            "Type",
            "HMIC Level",
            "Recommendation",
            "Lead",
            "Target Date",
            "RAG",
            "Status",
            "Update",
        ]
    )
    rows = [
        (
            "AFI 1",
            "PEEL 2023–25",
            "AFI",
            "L2",
            "The force should improve how it supervises investigations.",
            "Supt Jane Smith",
            "31st July 2024",
            "Amber",
            "Ongoing",
            "Audit booked for March",
        ),
        (
            "AFI 2",
            None,
            "AFI",
            "Level 3",
            "The force should make sure victims are kept informed.",
            "DCI Sam Patel",
            date(2024, 12, 31),
            "G",
            "Complete",
            None,
        ),
        (
            "Rec 1",
            "Vetting 2024",
            "Recommendation",
            "2",
            "Chief constables should clear their vetting backlog.",
            "Supt Jane Smith",
            "With immediate effect",
            "Red",
            "Submitted to DCC",
            "Panel on 3 March",
        ),
        (
            "Rec 2",
            "Vetting 2024",
            "Recommendation",
            "L2",
            "Chief constables should review vetting decisions.",
            "Ch Insp Lee",
            "soon",
            "Purple",
            "Parked",
            None,
        ),
        (
            "Rec 3",
            "Vetting 2024",
            "Rec",
            "L4",
            "Forces should audit their vetting records.",
            "DCI Sam Patel",
            "31/01/25",
            "Amber",
            "Submitted to HMICFRS",
            None,
        ),
    ]
    for row in rows:
        sheet.append(list(row))
    sheet.merge_cells("B4:B5")
    path = Path(tempfile.mkdtemp()) / "HMICFRS tracker 2024.xlsx"
    book.save(path)
    return path


def _wait(condition: Callable[[], bool]) -> None:
    import time

    app = QApplication.instance()
    for _ in range(2000):
        if condition():
            return
        app.processEvents()  # type: ignore[union-attr]
        time.sleep(0.005)


def import_wizard(stage: int) -> Callable[[MainWindow], QWidget]:
    def shot(window: MainWindow) -> QWidget:
        from PySide6.QtWidgets import QWizard

        wizard = window.excel.open_wizard()  # type: ignore[attr-defined]
        wizard.resize(1100, 680)
        wizard.file_page.set_path(_messy_tracker())
        pages = [
            wizard.file_page,
            wizard.columns_page,
            wizard.words_page,
            wizard.preview_page,
            wizard.result_page,
        ]
        for page in pages[1 : stage + 1]:
            if page is wizard.result_page:
                wizard.button(QWizard.WizardButton.CommitButton).click()
            else:
                wizard.button(QWizard.WizardButton.NextButton).click()
            _wait(lambda page=page: wizard.currentPage() is page)
            if page is wizard.words_page:
                for key, value, combo in page._rows:
                    if (key, value) == ("status", "Parked"):
                        combo.setCurrentIndex(combo.findData("in_progress"))
            if page is wizard.preview_page:
                _wait(lambda: wizard.preview is not None)
                page.show_combo.setCurrentIndex(0)
        if stage == 4:
            _wait(lambda: wizard.result is not None)
        return wizard

    return shot


def _papers_page(window: MainWindow, day: date, tab: int) -> QWidget:
    from app.paper import PaperService

    page = window.show_page("papers")
    papers = PaperService(window.ws)
    meeting = papers.meeting_on(day)
    page.select_meeting(meeting.id)  # type: ignore[attr-defined]
    page.tabs.setCurrentIndex(tab)  # type: ignore[attr-defined]
    # The pre-flight runs off the GUI thread: let it finish and land before the grab.
    QThreadPool.globalInstance().waitForDone(20000)
    QApplication.processEvents()
    return window


def papers(window: MainWindow) -> QWidget:
    from app.paper import PaperService

    window.resize(1280, 800)
    papers = PaperService(window.ws)
    meeting = papers.meeting_on(date(2024, 6, 27))
    papers.save_narrative(
        meeting.id,
        {
            "position": "WMP remains in Engage status due to the identification of 4 Causes of "
            "Concern during our 2023 PEEL inspection. Since the last JAC, HMICFRS have been back "
            "into force for re-visits of OCSET/SOMS and MARAC."
        },
    )
    window.refresh()
    return _papers_page(window, date(2024, 6, 27), 0)


def papers_preflight(window: MainWindow) -> QWidget:
    return _papers_page(window, date(2026, 12, 10), 1)


def papers_archive(window: MainWindow) -> QWidget:
    from dataclasses import replace

    from app.domain.enums import ClosedBy, Level, Status
    from app.paper import PaperService

    ws = window.ws
    papers = PaperService(ws)
    meeting = papers.meeting_on(date(2026, 12, 10))
    papers.produce(meeting, "docx")
    # Work done since the first paper: one submission closed, one owner found.
    submitted = next(
        f
        for f in ws.findings.list()
        if f.status is Status.SUBMITTED and f.level in (Level.L2, Level.L3)
    )
    ws.findings.change_status(submitted.id, Status.CLOSED, closed_by=ClosedBy.FORCE)
    unowned = next(f for f in ws.findings.list() if f.status.is_open and f.owner_id is None)
    ws.findings.update(replace(unowned, owner_id=ws.people.list()[0].id))
    produced = papers.produce(meeting, "pdf")
    _papers_page(window, date(2026, 12, 10), 2)
    page = window.pages["papers"]
    page.refresh()  # type: ignore[attr-defined]
    QThreadPool.globalInstance().waitForDone(20000)
    QApplication.processEvents()
    page._show_changes(produced)  # type: ignore[attr-defined]
    return window


def export_snapshot_dialog(window: MainWindow) -> QWidget:
    from ui.snapshots.export_dialog import ExportSnapshotDialog

    dialog = ExportSnapshotDialog(Path.home() / "Liaison Desk snapshot 2024-06-27.ldsnap", window)
    dialog.protect.setChecked(True)
    dialog.passphrase.setText("correct horse")
    dialog.adjustSize()
    return dialog


_SESSION: list[object] = []


def _diverged_session(window: MainWindow):  # type: ignore[no-untyped-def]
    """A colleague's snapshot that differs from the window's data, with conflicts."""
    from dataclasses import replace

    from app.clock import FixedClock
    from app.snapshots.service import SnapshotService

    if _SESSION:
        return _SESSION[0]
    ws = window.ws
    folder = Path(tempfile.mkdtemp())
    SnapshotService(ws).export(folder / "base.ldsnap")
    theirs = Workspace.open(folder / "theirs", clock=FixedClock(ws.ctx.clock.now()))
    theirs.set_actor("DI Priya Shah")
    with SnapshotService(theirs).open(folder / "base.ldsnap") as session:
        session.replace()
    findings = ws.findings.list()[:3]
    for n, finding in enumerate(findings):
        theirs.findings.update(replace(finding, text=finding.text + " (their wording)"))
        if n < 2:
            ws.findings.update(replace(finding, text=finding.text + " (my wording)"))
    theirs.findings.add_progress(findings[0].id, "Evidence pack sent to HMICFRS.")
    SnapshotService(theirs).export(folder / "handover.ldsnap")
    theirs.close()
    session = SnapshotService(ws).open(folder / "handover.ldsnap")
    session.require_healthy()
    _SESSION.append(session)
    return session


def inspect_snapshot_dialog(window: MainWindow) -> QWidget:
    from ui.snapshots.inspect_dialog import InspectSnapshotDialog

    return InspectSnapshotDialog(_diverged_session(window), "handover.ldsnap", window)


def conflict_dialog(window: MainWindow) -> QWidget:
    from ui.snapshots.conflict_dialog import ConflictDialog

    session = _diverged_session(window)
    dialog = ConflictDialog(session.plan.conflicts, session.linked_names(), window)
    dialog.choices[0].setCurrentIndex(0)
    return dialog


def restore_backup_dialog(window: MainWindow) -> QWidget:
    from app.snapshots.service import SnapshotService
    from ui.snapshots.restore_dialog import RestoreBackupDialog

    backups = SnapshotService(window.ws).backups
    for reason in ("daily", "before-merge", "manual"):
        backups.make(reason)
    return RestoreBackupDialog(backups, window)


def about_dialog(window: MainWindow) -> QWidget:
    from ui.about import AboutDialog

    return AboutDialog(window, window.ws.folder)


def about_licences(window: MainWindow) -> QWidget:
    from ui.about import AboutDialog

    dialog = AboutDialog(window, window.ws.folder)
    dialog.show_component("Qt")
    return dialog


def crash_dialog(window: MainWindow) -> QWidget:
    from app import paths
    from ui.crash import CrashDialog, describe, summary_of

    try:
        {"findings": []}["finding"]  # a bug, as the officer would meet it
    except KeyError as exc:
        details = describe(type(exc), exc, exc.__traceback__)
        dialog = CrashDialog(summary_of(exc), details, paths.logs_dir(window.ws.folder), window)
    dialog.toggle_button.setChecked(True)
    dialog.resize(640, 460)
    return dialog


def edit_menu(window: MainWindow) -> QWidget:
    """The Edit menu with a finding chosen: open, progress update, bulk edit, delete."""
    from app.domain.filters import FindingFilter

    page = window.show_page("findings")
    page.set_filter(FindingFilter())  # type: ignore[attr-defined]
    page.table.selectRow(2)  # type: ignore[attr-defined]
    menu = window.edit_menu
    menu.popup(window.mapToGlobal(window.rect().topLeft()))
    return menu


def location_warning(window: MainWindow) -> QWidget:
    from app.data_location import location_risk
    from ui.location_warning import warning_box

    path = r"C:\Users\a.officer\OneDrive - West Midlands Police\Documents\LiaisonDesk"
    risk = location_risk(path, windows=True)
    assert risk is not None
    return warning_box(window, risk)


SHOTS: list[tuple[str, Callable[[MainWindow], QWidget]]] = [
    ("overview", overview),
    ("overview-as-at-2023-09-28", overview_at_meeting),
    ("findings-open-l2-l3-by-due-date", findings_filtered),
    ("findings-search-with-detail", findings_search_detail),
    ("findings-none-match", findings_none_match),
    ("reports", reports),
    ("inspections", inspections),
    ("edit-menu-finding-chosen", edit_menu),
    ("force-settings", settings_dialog),
    ("calendar-month-2024-06", calendar_month(2024, 6)),
    ("calendar-month-2023-09", calendar_month(2023, 9)),
    ("calendar-agenda-2024-06", calendar_agenda(date(2024, 6, 1))),
    ("calendar-agenda-2023-09", calendar_agenda(date(2023, 9, 1))),
    ("calendar-small-window-2026-12", calendar_small_window),
    ("calendar-today", calendar_today),
    ("calendar-record", calendar_record),
    *FORM_SHOTS,
    ("import-1-file", import_wizard(0)),
    ("import-2-columns", import_wizard(1)),
    ("import-3-words", import_wizard(2)),
    ("import-4-preview", import_wizard(3)),
    ("import-5-done", import_wizard(4)),
    ("papers", papers),
    ("papers-preflight", papers_preflight),
    ("papers-archive", papers_archive),
    ("about", about_dialog),
    ("about-licences", about_licences),
    ("crash-dialog", crash_dialog),
    ("location-warning", location_warning),
    ("snapshot-export", export_snapshot_dialog),
    ("snapshot-inspect", inspect_snapshot_dialog),  # changes the data: keep these last
    ("snapshot-conflicts", conflict_dialog),
    ("restore-from-backup", restore_backup_dialog),
]


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    # Column layouts come from a fresh settings folder, not this user's preferences.
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    ws = Workspace.open(Path(tempfile.mkdtemp()) / "data")
    load_demo(ws)
    window = MainWindow(ws)
    window.resize(1280, 800)
    window.show()
    for name, make in SHOTS:
        widget = make(window)
        widget.show()
        app.processEvents()
        widget.grab().save(str(out / f"{name}.png"))
        if widget is not window:
            widget.close()
        print(out / f"{name}.png")
    ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
