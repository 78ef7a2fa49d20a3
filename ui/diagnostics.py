"""Help → Save diagnostics…: a zip for support, written off the GUI thread."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from app import paths
from app.diagnostics import check_workspace, write_diagnostics
from app.workspace import Workspace
from ui import worker
from ui.about import versions


def default_target() -> Path:
    """liaison-desk-diagnostics-<date>-<time>.zip in the Documents folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    return Path(folder or Path.home()) / f"liaison-desk-diagnostics-{stamp}.zip"


def build_zip(ws: Workspace, target: Path) -> list[str]:
    """Run the database check and write the zip (the work done off the GUI thread)."""
    return write_diagnostics(
        target, folder=ws.folder, versions=versions(), check=check_workspace(ws)
    )


class DiagnosticsSaver:
    """Asks where, writes the zip in the background, then says where it is."""

    def __init__(self, window: QMainWindow, ws: Workspace) -> None:
        self.window = window
        self.ws = ws
        self._job: worker.Job | None = None
        self.target: Path | None = None

    def run(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            self.window.tr("Save diagnostics"),
            str(default_target()),
            self.window.tr("Zip archives (*.zip)"),
        )
        if not name:
            return
        self.target = Path(name) if name.lower().endswith(".zip") else Path(name + ".zip")
        self.window.statusBar().showMessage(self.window.tr("Checking the database…"))
        job = worker.Job(lambda: build_zip(self.ws, self.target))  # type: ignore[arg-type]
        job.signals.sig_finished.connect(self._on_job_finished)
        job.signals.sig_failed.connect(self._on_job_failed)
        self._job = worker.start(job)

    def _on_job_finished(self, _members: object) -> None:
        self.window.statusBar().showMessage(self.window.tr("Diagnostics saved."), 5000)
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.window.tr("Diagnostics saved"))
        box.setText(self.window.tr("Diagnostics saved to {path}.").format(path=self.target))
        box.setInformativeText(
            self.window.tr(
                "Send this file to your IT support. It holds the log files, the versions, "
                "the operating system and the result of the database check — none of your "
                "records."
            )
        )
        show = box.addButton(self.window.tr("Show in &folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is show and self.target is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.target.parent)))

    def _on_job_failed(self, exc: Exception, _trace: str) -> None:
        self.window.statusBar().clearMessage()
        QMessageBox.warning(
            self.window,
            self.window.tr("Save diagnostics"),
            self.window.tr("The diagnostics could not be saved: {error}").format(error=exc),
        )


def open_log_folder(ws: Workspace) -> None:
    """Help → Open log folder."""
    folder = paths.logs_dir(ws.folder)
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
