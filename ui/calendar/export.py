"""Export to Outlook from the window: ask what and where, then write the .ics off the GUI
thread (tens of thousands of finding deadlines take icalendar some seconds)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from app.calendar.events import CalendarFilter
from app.workspace import Workspace
from ui import worker

if TYPE_CHECKING:  # icalendar is imported when an export starts, not at start-up
    from app.calendar.ics import ExportResult
from ui.calendar.dialogs import ExportDialog


class CalendarExporter(QObject):
    """One export at a time; ``sig_finished`` carries the ExportResult."""

    sig_finished = Signal(object)  # ExportResult
    sig_failed = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget) -> None:
        super().__init__(parent)
        self.ws = ws
        self.parent_widget = parent
        self._job: worker.Job | None = None
        self._progress: QProgressDialog | None = None

    def is_running(self) -> bool:
        return self._job is not None

    def start(self, first: date, last: date, shown: CalendarFilter) -> bool:
        """Ask for the range, the scope and the file; False when the person cancels."""
        if self._job is not None:
            return False
        parent = self.parent_widget
        dialog = ExportDialog(first, last, parent)
        if not dialog.exec():
            return False
        name, _filter = QFileDialog.getSaveFileName(
            parent,
            self.tr("Export to Outlook"),
            str(Path.home() / "liaison-desk-calendar.ics"),
            self.tr("iCalendar files (*.ics)"),
        )
        if not name:
            return False
        path = Path(name if name.lower().endswith(".ics") else name + ".ics")
        if dialog.filtered_check.isChecked():
            if not shown.types:
                QMessageBox.information(
                    parent,
                    self.tr("Export to Outlook"),
                    self.tr("No kind of date is ticked in the legend: there is nothing to export."),
                )
                return False
            # Cancelled inspections go out marked CANCELLED, so Outlook drops its copy.
            flt = CalendarFilter(
                shown.types, shown.overdue_findings_only, shown.finding_owner_id, True
            )
        else:
            flt = CalendarFilter(include_cancelled=True)
        first, last, times = dialog.first(), dialog.last(), dialog.meeting_time()
        ws = self.ws
        from app.calendar.ics import export_ics

        self._job = worker.Job(lambda: export_ics(ws, path, first, last, flt, meeting_time=times))
        self._job.signals.sig_finished.connect(self._on_job_finished)
        self._job.signals.sig_failed.connect(self._on_job_failed)
        self._progress = QProgressDialog(
            self.tr("Writing {name}…").format(name=path.name), "", 0, 0, parent
        )
        self._progress.setWindowTitle(self.tr("Export to Outlook"))
        self._progress.setCancelButton(None)  # type: ignore[arg-type]
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(400)
        worker.start(self._job)
        return True

    def _on_job_finished(self, result: ExportResult) -> None:
        self._done()
        self.sig_finished.emit(result)

    def _on_job_failed(self, exc: Exception, _trace: str) -> None:
        self._done()
        message = str(exc)
        message = message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
        QMessageBox.warning(self.parent_widget, self.tr("Export to Outlook"), message)
        self.sig_failed.emit(message)

    def _done(self) -> None:
        self._job = None
        if self._progress is not None:
            self._progress.close()
            self._progress = None
