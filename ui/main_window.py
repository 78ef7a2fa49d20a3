"""The main window: assembles pages, menus and the status bar; holds no logic of its own."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app.domain.filters import FindingFilter, InspectionFilter, ReportFilter
from app.workspace import Workspace
from ui.excel_actions import ExcelActions
from ui.forms.menu import install_form_actions
from ui.pages.registry import page_classes
from ui.record_actions import RecordActions
from ui.settings_dialog import ForceSettingsDialog
from ui.snapshots.controller import SnapshotController


class MainWindow(QMainWindow):
    """Navigation on the left, the current page on the right."""

    sig_demo_requested = Signal()

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.pages: dict[str, QWidget] = {}
        self._nav = QListWidget()
        self._nav.setObjectName("navigation")
        self._nav.setAccessibleName(self.tr("Pages"))
        self._nav.setFixedWidth(180)
        self._stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self._nav)
        layout.addWidget(self._stack, 1)
        self.setCentralWidget(central)
        self._nav.currentRowChanged.connect(self._on_nav_current_row_changed)

        self._view_menu = None
        self.record_dialog: QDialog | None = None
        self._build_menus()
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        for page_class in page_classes():
            self.add_page(page_class.key, page_class(ws, self))
        self._connect_pages()
        self.refresh()
        self.resize(1100, 720)

    # --- pages ----------------------------------------------------------------------------
    def add_page(self, key: str, page: QWidget) -> None:
        """Add a page to the navigation and the View menu (Ctrl+1, Ctrl+2…)."""
        number = len(self.pages) + 1
        self.pages[key] = page
        title = self.tr(getattr(page, "title", key.title()))
        self._stack.addWidget(page)
        QListWidgetItem(title, self._nav)
        action = QAction(title, self)
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda: self.show_page(key))
        self._view_menu.addAction(action)
        if self._nav.currentRow() < 0:
            self._nav.setCurrentRow(0)

    def show_page(self, key: str) -> QWidget:
        """Bring a page to the front."""
        self._nav.setCurrentRow(list(self.pages).index(key))
        return self.pages[key]

    def current_page(self) -> QWidget:
        return self._stack.currentWidget()

    def _connect_pages(self) -> None:
        """Links between pages: counts open registers, a report lists its findings."""
        pages = self.pages
        if "findings" in pages:
            pages["findings"].sig_finding_activated.connect(self.open_finding)  # type: ignore[attr-defined]
        if "inspections" in pages:
            pages["inspections"].sig_inspection_activated.connect(  # type: ignore[attr-defined]
                lambda inspection_id: self.record_actions.open_record("inspection", inspection_id)
            )
        if "overview" in pages:
            overview = pages["overview"]
            overview.sig_open_findings.connect(self.open_findings)  # type: ignore[attr-defined]
            overview.sig_open_reports.connect(self.open_reports)  # type: ignore[attr-defined]
            overview.sig_open_inspections.connect(self.open_inspections)  # type: ignore[attr-defined]
        if "reports" in pages:
            pages["reports"].sig_show_findings.connect(  # type: ignore[attr-defined]
                lambda report_id: self.open_findings(
                    FindingFilter(report_ids=frozenset({report_id}))
                )
            )

    # --- opening things -------------------------------------------------------------------
    def open_finding(self, finding_id: str) -> None:
        """Open one finding's form (Enter or double-click in the register)."""
        self.record_actions.open_record("finding", finding_id)

    def show_finding(self, finding_id: str) -> None:
        """Show one finding in the read-only panel beside the register (Space)."""
        page = self.show_page("findings")
        page.show_detail(finding_id)  # type: ignore[attr-defined]

    def open_findings(self, flt: FindingFilter) -> None:
        """The findings register with this filter applied."""
        page = self.show_page("findings")
        page.set_filter(flt)  # type: ignore[attr-defined]
        page.table.setFocus()  # type: ignore[attr-defined]

    def open_reports(self, flt: ReportFilter) -> None:
        """The reports register with this filter applied."""
        page = self.show_page("reports")
        page.set_filter(flt)  # type: ignore[attr-defined]
        page.table.setFocus()  # type: ignore[attr-defined]

    def open_inspections(self, flt: InspectionFilter) -> None:
        """The inspections register with this filter applied."""
        page = self.show_page("inspections")
        page.set_filter(flt)  # type: ignore[attr-defined]
        page.table.setFocus()  # type: ignore[attr-defined]

    def refresh(self) -> None:
        """Re-read the data into every page, the title and the status bar."""
        settings = self.ws.settings.get()
        self.setWindowTitle(f"{settings.force_name} — Liaison Desk — {self.ws.database_path}")
        for page in self.pages.values():
            page.refresh()  # type: ignore[attr-defined]
        self.status_label.setText(
            self.tr("{findings} findings · {reports} reports · {path}").format(
                findings=f"{self.ws.live_count('findings'):,}",
                reports=f"{self.ws.live_count('reports'):,}",
                path=self.ws.database_path,
            )
        )

    # --- menus ----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu(self.tr("&File"))
        self.demo_action = file_menu.addAction(self.tr("Load &demo data…"))
        self.demo_action.triggered.connect(self.sig_demo_requested.emit)
        file_menu.addSeparator()
        self.excel = ExcelActions(self, file_menu)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        self.snapshots = SnapshotController(self, self.ws, file_menu, before=quit_action)
        self.snapshots.sig_data_replaced.connect(self.refresh)

        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        settings_action = self.edit_menu.addAction(self.tr("&Force settings…"))
        settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        settings_action.triggered.connect(self.edit_settings)
        self._view_menu = bar.addMenu(self.tr("&View"))
        refresh_action = QAction(self.tr("&Refresh"), self)
        refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh_action.triggered.connect(self.refresh)
        self._view_menu.addAction(refresh_action)
        self._view_menu.addSeparator()

        install_form_actions(self)
        self.record_actions = RecordActions(self, self.edit_menu)
        self.edit_menu.insertActions(settings_action, self.record_actions.actions)
        self.edit_menu.insertSeparator(settings_action)

        self.help_menu = bar.addMenu(self.tr("&Help"))
        diagnostics = self.help_menu.addAction(self.tr("Save &diagnostics…"))
        diagnostics.setStatusTip(self.tr("Save a zip of logs and versions for IT support"))
        diagnostics.triggered.connect(self.save_diagnostics)
        logs = self.help_menu.addAction(self.tr("Open &log folder"))
        logs.triggered.connect(self.open_log_folder)
        self.help_menu.addSeparator()
        about = self.help_menu.addAction(self.tr("&About Liaison Desk"))
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)

    def open_record(self, entity: str, record_id: str) -> None:
        """Show one record's facts (from the calendar); its Edit… button opens the form."""
        from app.calendar.details import record_details
        from app.domain.errors import NotFound
        from ui.record_dialog import RecordDialog

        try:
            details = record_details(self.ws, entity, record_id)
        except (NotFound, ValueError) as exc:
            QMessageBox.warning(self, self.tr("Open record"), str(exc))
            return
        if self.record_dialog is not None:
            self.record_dialog.close()
        self.record_dialog = RecordDialog(details, self)
        self.record_dialog.sig_edit_requested.connect(self.record_actions.open_record)
        self.record_dialog.show()

    def _on_nav_current_row_changed(self, row: int) -> None:
        if row >= 0:
            self._stack.setCurrentIndex(row)

    def show_about(self) -> None:
        """Help → About: version, versions, licences."""
        from ui.about import show_about

        show_about(self)

    def save_diagnostics(self) -> None:
        """Help → Save diagnostics…: a zip for support (never the database)."""
        from ui.diagnostics import DiagnosticsSaver

        self._diagnostics = DiagnosticsSaver(self, self.ws)
        self._diagnostics.run()

    def open_log_folder(self) -> None:
        """Help → Open log folder."""
        from ui.diagnostics import open_log_folder

        open_log_folder(self.ws)

    def edit_settings(self) -> None:
        """Edit → Force settings: who the force is and how its paper is addressed."""
        dialog = ForceSettingsDialog(self.ws, self)
        if dialog.exec():
            self.refresh()
