"""Start the window: open the data folder, offer the demo on first run, show the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from app import paths
from app.demo import load_demo
from app.workspace import Workspace, WorkspaceError
from ui import worker
from ui.identity import ensure_actor
from ui.main_window import MainWindow
from ui.resources import app_icon_path


def run_gui(data_dir: str | None) -> int:
    """The whole desktop app; returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Liaison Desk")
    app.setOrganizationName("Liaison Desk")
    app.setWindowIcon(QIcon(str(app_icon_path())))
    folder = paths.data_dir(data_dir)
    try:
        ws = Workspace.open(folder)
    except WorkspaceError as exc:
        QMessageBox.critical(None, "Liaison Desk", f"Liaison Desk cannot open its data.\n\n{exc}")
        return 1
    window = MainWindow(ws)
    controller = DemoController(window, ws)
    window.sig_demo_requested.connect(controller.offer)
    window.show()
    ensure_actor(window, ws)  # the officer's name, asked once, authors every change
    if ws.is_empty():
        controller.offer_first_run()
    code = app.exec()
    ws.close()
    return code


class DemoController:
    """Offers and loads the demo data, with progress, off the GUI thread."""

    def __init__(self, window: MainWindow, ws: Workspace) -> None:
        self.window = window
        self.ws = ws
        self._job: worker.Job | None = None
        self._dialog: QProgressDialog | None = None

    def offer_first_run(self) -> None:
        answer = QMessageBox.question(
            self.window,
            self.window.tr("Welcome to Liaison Desk"),
            self.window.tr(
                "This database is empty.\n\nLoad the demo data? It is a realistic history of "
                "a force's HMICFRS reports, findings, inspections and committee meetings since "
                "2014, for exploring Liaison Desk. You can start with an empty database instead."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.load()

    def offer(self) -> None:
        if not self.ws.is_empty():
            QMessageBox.information(
                self.window,
                self.window.tr("Demo data"),
                self.window.tr(
                    "The demo data loads only into an empty database, so that it "
                    "never mixes with real records. This database already holds data."
                ),
            )
            return
        self.load()

    def load(self) -> None:
        dialog = QProgressDialog(self.window.tr("Loading the demo data…"), "", 0, 0, self.window)
        dialog.setWindowTitle(self.window.tr("Demo data"))
        dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        self._dialog = dialog
        job = worker.Job(
            lambda progress: load_demo(self.ws, progress=progress), wants_progress=True
        )
        job.signals.sig_progressed.connect(self._on_job_progressed)
        job.signals.sig_finished.connect(self._on_job_finished)
        job.signals.sig_failed.connect(self._on_job_failed)
        self._job = worker.start(job)
        dialog.show()

    def _on_job_progressed(self, done: int, total: int) -> None:
        if self._dialog:
            self._dialog.setMaximum(total)
            self._dialog.setValue(done)

    def _on_job_finished(self, _counts: object) -> None:
        self._close_dialog()
        self.window.refresh()
        self.window.statusBar().showMessage(self.window.tr("Demo data loaded."), 5000)

    def _on_job_failed(self, exc: Exception, _trace: str) -> None:
        self._close_dialog()
        QMessageBox.warning(
            self.window,
            self.window.tr("Demo data"),
            self.window.tr("The demo data could not be loaded: {error}").format(error=exc),
        )
        self.window.refresh()

    def _close_dialog(self) -> None:
        if self._dialog:
            self._dialog.close()
            self._dialog = None
