"""Start the window: log, take the data folder, open it, show the window, then the rest.

Order matters for speed and for support: logging and the crash reporter first (before
QApplication, so a missing Qt plugin is logged); then one instance per data folder; then the
database; the window is shown before anything that can wait (warnings, the demo offer).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from app import __version__, paths
from app.demo import load_demo
from app.workspace import Workspace, WorkspaceError
from ui import worker
from ui.crash import CrashDialog, describe, summary_of
from ui.identity import ensure_actor
from ui.main_window import MainWindow
from ui.resources import app_icon_path
from ui.single_instance import SingleInstance
from ui.support import Support, start_support

log = logging.getLogger("liaison_desk")

# For benchmarks and the frozen smoke test: print "shown <seconds>" once the window is on
# screen, then quit.
EXIT_WHEN_SHOWN = "LIAISON_DESK_EXIT_WHEN_SHOWN"


def run_gui(data_dir: str | None, open_files: Sequence[str] = ()) -> int:
    """The whole desktop app; returns the exit code."""
    started = time.perf_counter()
    folder = paths.data_dir(data_dir)
    support = start_support(folder)
    try:
        return _run(folder, list(open_files), support, started)
    except Exception as exc:  # a failure before the event loop: log it and say so
        log.critical("Liaison Desk could not start", exc_info=exc)
        if QApplication.instance() is not None:
            CrashDialog(
                summary_of(exc), describe(type(exc), exc, exc.__traceback__), support.log_folder
            ).exec()
        return 1
    finally:
        support.close()


def _run(folder: Path, open_files: list[str], support: Support, started: float) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Liaison Desk")
    app.setOrganizationName("Liaison Desk")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(app_icon_path())))
    with contextlib.suppress(OSError):  # Workspace.open says why, in one line
        folder.mkdir(parents=True, exist_ok=True)
    instance = SingleInstance(folder)
    if folder.is_dir() and not instance.acquire():
        return _hand_over(instance, open_files)
    try:
        try:
            ws = Workspace.open(folder)
        except WorkspaceError as exc:
            log.error("Cannot open the data folder %s: %s", folder, exc)
            QMessageBox.critical(
                None, "Liaison Desk", f"Liaison Desk cannot open its data.\n\n{exc}"
            )
            return 1
        try:
            return _show(app, ws, instance, open_files, started)
        finally:
            ws.close()
    finally:
        instance.release()


def _hand_over(instance: SingleInstance, open_files: list[str]) -> int:
    """Another Liaison Desk has this data folder: bring it to the front and leave."""
    if instance.send_to_primary(open_files):
        log.info("Already running for %s: handed over and exited", instance.folder)
        return 0
    QMessageBox.warning(
        None,
        "Liaison Desk",
        QApplication.translate(
            "run_gui",
            "Liaison Desk is already open for this data folder, but it is not answering.\n\n"
            "Wait for it to finish what it is doing, or close it, then start Liaison Desk "
            "again.",
        ),
    )
    return 1


def _show(
    app: QApplication,
    ws: Workspace,
    instance: SingleInstance,
    open_files: list[str],
    started: float,
) -> int:
    window = MainWindow(ws)
    controller = DemoController(window, ws)
    window.sig_demo_requested.connect(controller.offer)
    instance.sig_message_received.connect(
        lambda files: (bring_to_front(window), open_documents(window, files))
    )
    window.show()
    shown = time.perf_counter() - started
    log.info("Window shown %.2f s after start (data folder %s)", shown, ws.folder)
    if os.environ.get(EXIT_WHEN_SHOWN):
        QTimer.singleShot(0, lambda: _report_shown_and_quit(app, started))
    else:
        QTimer.singleShot(0, lambda: _after_shown(window, ws, controller, open_files))
    try:
        return app.exec()
    finally:
        instance.sig_message_received.disconnect()
        window.close()
        window.deleteLater()  # nothing of this window outlives its data folder


def _report_shown_and_quit(app: QApplication, started: float) -> None:
    print(f"shown {time.perf_counter() - started:.4f}", flush=True)
    # exit(), not quit(): QGuiApplication.quit() also closes every window, which left a
    # test process's later modal dialogs returning at once.
    app.exit(0)


def _after_shown(
    window: MainWindow, ws: Workspace, controller: DemoController, open_files: list[str]
) -> None:
    """What can wait until the window is on screen."""
    from ui.location_warning import warn_if_risky_location

    ensure_actor(window, ws)  # the officer's name, asked once, authors every change
    window.snapshots.start_daily_backups()
    warn_if_risky_location(window, ws.folder)
    if open_files:
        open_documents(window, open_files)
    elif ws.is_empty():
        controller.offer_first_run()


def bring_to_front(window: QWidget) -> None:
    """Show, un-minimise, raise and focus the main window (a second start asked for it)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def open_documents(window: QWidget, files: Sequence[str]) -> None:
    """Open snapshot files given on the command line or by a second start.

    A double-clicked .ldsnap starts the import: inspect first, then replace or merge.
    """
    snapshots = getattr(window, "snapshots", None)
    for name in files:
        path = Path(name)
        if snapshots is not None and hasattr(snapshots, "import_snapshot"):
            snapshots.import_snapshot(path)
        else:
            QMessageBox.information(
                window,
                window.tr("Open snapshot"),
                window.tr(
                    "This version of Liaison Desk cannot open snapshot files ({name})."
                ).format(name=path.name),
            )


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
