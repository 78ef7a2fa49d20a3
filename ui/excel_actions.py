"""File → Import from Excel… and File → Export findings to Excel…, for the main window.

Export takes the current page's view when the page offers one (``export_view()`` returning
a FindingFilter, a SortOrder and the visible column keys, as the registers will); otherwise
every finding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QProgressDialog

from ui import worker


class ExcelActions(QObject):
    """The two menu actions and what they run."""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.import_action = QAction(self.tr("&Import from Excel…"), window)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.open_wizard)
        self.export_action = QAction(self.tr("&Export findings to Excel…"), window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_findings)
        menu.addAction(self.import_action)
        menu.addAction(self.export_action)
        self._job: worker.Job | None = None
        self._dialog: QProgressDialog | None = None
        self.wizard: Any = None

    @property
    def ws(self) -> Any:
        return self.window.ws  # type: ignore[attr-defined]

    def open_wizard(self) -> Any:
        """Show the import wizard; the window refreshes once something is imported."""
        from ui.importing.wizard import ImportWizard

        self.wizard = ImportWizard(self.ws, self.window)
        self.wizard.sig_imported.connect(lambda _result: self.window.refresh())  # type: ignore[attr-defined]
        self.wizard.show()
        return self.wizard

    def ask_export_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export findings"),
            "Findings.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() in (".xlsx", ".csv") else path.with_suffix(".xlsx")

    def export_findings(self) -> None:
        """Export the current view (or every finding) to a file the officer chooses."""
        from app.exports.views import DEFAULT_FINDING_COLUMNS, export_findings

        path = self.ask_export_path()
        if path is None:
            return
        page = self.window.current_page()  # type: ignore[attr-defined]
        view = getattr(page, "export_view", None)
        flt, sort, columns = view() if callable(view) else (None, None, DEFAULT_FINDING_COLUMNS)
        ws = self.ws
        dialog = QProgressDialog(self.tr("Exporting findings…"), "", 0, 0, self.window)
        dialog.setWindowTitle(self.tr("Export"))
        dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        self._dialog = dialog
        job = worker.Job(
            lambda progress: export_findings(ws, path, flt, sort, columns, progress=progress),
            wants_progress=True,
        )
        job.signals.sig_progressed.connect(self._on_job_progressed)
        job.signals.sig_finished.connect(lambda n: self._on_export_finished(path, n))
        job.signals.sig_failed.connect(self._on_export_failed)
        self._job = worker.start(job)

    def _on_job_progressed(self, done: int, total: int) -> None:
        if self._dialog:
            self._dialog.setMaximum(total)
            self._dialog.setValue(done)

    def _on_export_finished(self, path: Path, count: int) -> None:
        self._close()
        self.window.statusBar().showMessage(
            self.tr("Exported {n} findings to {path}").format(n=f"{count:,}", path=path), 8000
        )

    def _on_export_failed(self, exc: Exception, _trace: str) -> None:
        self._close()
        QMessageBox.warning(
            self.window, self.tr("Export"), self.tr("The export failed: {e}").format(e=exc)
        )

    def _close(self) -> None:
        self._job = None
        if self._dialog:
            self._dialog.close()
            self._dialog = None
