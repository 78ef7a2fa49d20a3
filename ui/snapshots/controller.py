"""The snapshot and backup menu actions: dialogs on the GUI thread, the work off it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
)

from app.snapshots.errors import PassphraseNeeded, SnapshotError, WrongPassphrase
from app.snapshots.service import ImportSession, SnapshotService
from app.workspace import Workspace
from ui import worker
from ui.snapshots.conflict_dialog import ConflictDialog
from ui.snapshots.export_dialog import ExportSnapshotDialog
from ui.snapshots.inspect_dialog import InspectSnapshotDialog
from ui.snapshots.restore_dialog import RestoreBackupDialog

DAILY_CHECK_MS = 60 * 60 * 1000


class SnapshotController(QObject):
    """Adds File → Export snapshot…, Import snapshot…, Restore from backup…"""

    sig_data_replaced = Signal()

    def __init__(self, window: QMainWindow, ws: Workspace, menu: QMenu, before: QAction) -> None:
        super().__init__(window)
        self.window = window
        self.service = SnapshotService(ws)
        self.busy = False
        self._job: worker.Job | None = None
        self._dialog: QProgressDialog | None = None
        self.export_action = self._action(
            menu, before, self.tr("&Export snapshot…"), "Ctrl+Shift+E"
        )
        self.import_action = self._action(
            menu, before, self.tr("&Import snapshot…"), "Ctrl+Shift+I"
        )
        self.restore_action = self._action(menu, before, self.tr("Restore from &backup…"), None)
        menu.insertSeparator(before)
        self.export_action.triggered.connect(self.export_snapshot)
        self.import_action.triggered.connect(self.import_snapshot)
        self.restore_action.triggered.connect(self.restore_backup)
        self._daily = QTimer(self)
        self._daily.setInterval(DAILY_CHECK_MS)
        self._daily.timeout.connect(self._on_daily_timeout)

    def _action(self, menu: QMenu, before: QAction, text: str, keys: str | None) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        menu.insertAction(before, action)
        return action

    # --- daily backups ---------------------------------------------------------------
    def start_daily_backups(self) -> None:
        """Back up once a day while the app runs (checked now and every hour)."""
        self._daily.start()
        self._on_daily_timeout()

    def _on_daily_timeout(self) -> None:
        if self.busy:
            return
        job = worker.Job(self.service.backups.ensure_daily)
        job.signals.sig_failed.connect(
            lambda exc, _trace: self.window.statusBar().showMessage(
                self.tr("The daily backup failed: {error}").format(error=exc), 10000
            )
        )
        self._keep = worker.start(job)

    # --- export ----------------------------------------------------------------------
    def export_snapshot(self) -> None:
        name = f"Liaison Desk snapshot {date.today():%Y-%m-%d}.ldsnap"
        dialog = ExportSnapshotDialog(Path.home() / name, self.window)
        if not dialog.exec():
            return
        target, passphrase = dialog.target(), dialog.chosen_passphrase()
        self._run(
            self.tr("Export snapshot"),
            self.tr("Writing the snapshot…"),
            lambda progress: self.service.export(target, passphrase=passphrase, progress=progress),
            self._on_exported,
        )

    def _on_exported(self, result: Any) -> None:
        lock = self.tr(" It is encrypted with your passphrase.") if result.encrypted else ""
        QMessageBox.information(
            self.window,
            self.tr("Export snapshot"),
            self.tr("The snapshot was written to {path} ({size:,.1f} MB).{lock}").format(
                path=result.path, size=result.size / 1e6, lock=lock
            ),
        )

    # --- import ----------------------------------------------------------------------
    def import_snapshot(self, path: Path | None = None, passphrase: str | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self.window,
                self.tr("Import snapshot"),
                str(Path.home()),
                self.tr("Liaison Desk snapshots (*.ldsnap);;All files (*)"),
            )
            if not name:
                return
            path = Path(name)
        if passphrase is None and self.service.needs_passphrase(path):
            passphrase = self._ask_passphrase(path, retry=False)
            if passphrase is None:
                return
        self._run(
            self.tr("Import snapshot"),
            self.tr("Checking the snapshot and comparing it with your data…"),
            lambda progress: self.service.open(path, passphrase=passphrase, progress=progress),
            lambda session: self._on_inspected(path, session),
            on_error=lambda exc: self._on_open_failed(path, exc),
        )

    def _ask_passphrase(self, path: Path, *, retry: bool) -> str | None:
        prompt = (
            self.tr("That passphrase does not open {name}. Try again:")
            if retry
            else self.tr("{name} is protected with a passphrase:")
        ).format(name=path.name)
        text, ok = QInputDialog.getText(
            self.window, self.tr("Import snapshot"), prompt, QLineEdit.EchoMode.Password
        )
        return text if ok and text else None

    def _on_open_failed(self, path: Path, exc: Exception) -> None:
        if isinstance(exc, WrongPassphrase | PassphraseNeeded):
            passphrase = self._ask_passphrase(path, retry=True)
            if passphrase is not None:
                self.import_snapshot(path, passphrase)
            return
        self._refused(self.tr("Import snapshot"), path, exc)

    def _on_inspected(self, path: Path, session: ImportSession) -> None:
        dialog = InspectSnapshotDialog(session, path.name, self.window)
        if not dialog.exec() or dialog.choice is None:
            session.close()
            return
        if dialog.choice == "replace":
            self._replace(path, session)
        else:
            self._merge(path, session)

    def _replace(self, path: Path, session: ImportSession) -> None:
        answer = QMessageBox.question(
            self.window,
            self.tr("Replace my data"),
            self.tr(
                "Replace all the data in Liaison Desk with the snapshot {name}?\n\n"
                "A backup of your current data is made first (File → Restore from backup)."
            ).format(name=path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            session.close()
            return
        self._run(
            self.tr("Replace my data"),
            self.tr("Backing up your data and checking the snapshot…"),
            lambda progress: session.prepare_replace(progress=progress),
            lambda _outcome: self._finish_replace(
                session, self.tr("Your data was replaced by the snapshot.")
            ),
            on_error=lambda exc: (
                session.close(),
                self._refused(self.tr("Replace my data"), path, exc),
            ),
        )

    def _finish_replace(self, session: ImportSession, message: str) -> None:
        try:
            session.finish_replace()
        except SnapshotError as exc:
            QMessageBox.warning(self.window, self.tr("Liaison Desk"), str(exc))
        else:
            self._done(message)
        finally:
            session.close()

    def _merge(self, path: Path, session: ImportSession) -> None:
        decisions: dict[tuple[str, str, str], str] = {}
        if session.plan.conflicts:
            dialog = ConflictDialog(session.plan.conflicts, session.linked_names(), self.window)
            if not dialog.exec():
                session.close()
                return
            decisions = dialog.decisions()
        self._run(
            self.tr("Merge snapshot"),
            self.tr("Merging the snapshot into your data…"),
            lambda progress: session.merge(decisions, progress=progress),
            lambda outcome: (session.close(), self._done(self._merge_summary(outcome))),
            on_error=lambda exc: (
                session.close(),
                self._refused(self.tr("Merge snapshot"), path, exc),
            ),
        )

    def _merge_summary(self, outcome: Any) -> str:
        merged = outcome.merge
        added = sum(merged.added.values())
        updated = sum(merged.updated.values())
        return self.tr(
            "Merged: {added:,} records added, {updated:,} updated, {history:,} history entries "
            "and {files:,} files brought in, {decisions:,} conflicts settled as you chose."
        ).format(
            added=added,
            updated=updated,
            history=merged.history_added,
            files=merged.files_added,
            decisions=merged.decisions,
        )

    # --- restore ---------------------------------------------------------------------
    def restore_backup(self) -> None:
        dialog = RestoreBackupDialog(self.service.backups, self.window)
        if not dialog.exec() or dialog.chosen is None:
            return
        chosen = dialog.chosen
        answer = QMessageBox.question(
            self.window,
            self.tr("Restore from backup"),
            self.tr(
                "Put the backup {name} in place of your current data?\n\n"
                "Your current data is backed up first, so this can be undone."
            ).format(name=chosen.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def work(progress: Callable[[int, int], None]) -> ImportSession:
            session = self.service.open(chosen)
            try:
                session.prepare_replace(progress=progress, reason="before-restore")
            except BaseException:
                session.close()
                raise
            return session

        self._run(
            self.tr("Restore from backup"),
            self.tr("Backing up your data and checking the backup…"),
            work,
            lambda session: self._finish_replace(session, self.tr("The backup was restored.")),
            on_error=lambda exc: self._refused(self.tr("Restore from backup"), chosen, exc),
        )

    # --- running work off the GUI thread ---------------------------------------------
    def _run(
        self,
        title: str,
        label: str,
        work: Callable[[Callable[[int, int], None]], Any],
        on_done: Callable[[Any], Any],
        *,
        on_error: Callable[[Exception], Any] | None = None,
    ) -> None:
        dialog = QProgressDialog(label, "", 0, 1000, self.window)
        dialog.setWindowTitle(title)
        dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setValue(0)
        self._dialog = dialog
        self.busy = True
        job = worker.Job(work, wants_progress=True)
        job.signals.sig_progressed.connect(self._on_job_progressed)
        job.signals.sig_finished.connect(lambda result: self._finish(on_done, result))
        job.signals.sig_failed.connect(
            lambda exc, _trace: self._finish(
                on_error or (lambda e: self._refused(title, None, e)), exc
            )
        )
        self._job = worker.start(job)

    def _on_job_progressed(self, done: int, total: int) -> None:
        if self._dialog is not None:
            self._dialog.setMaximum(total)
            self._dialog.setValue(done)

    def _finish(self, then: Callable[[Any], Any], value: Any) -> None:
        if self._dialog is not None:
            self._dialog.close()
            self._dialog = None
        self.busy = False
        then(value)

    def _refused(self, title: str, path: Path | None, exc: Exception) -> None:
        if isinstance(exc, SnapshotError) and path is not None:
            text = self.tr("{name} cannot be used: {error}.").format(name=path.name, error=exc)
        elif isinstance(exc, SnapshotError):
            text = f"{str(exc)[:1].upper()}{str(exc)[1:]}."
        else:
            text = self.tr("Something went wrong: {error}. Nothing was changed.").format(error=exc)
        QMessageBox.warning(self.window, title, text)

    def _done(self, message: str) -> None:
        self.sig_data_replaced.emit()
        self.window.statusBar().showMessage(message, 10000)
        QMessageBox.information(self.window, self.tr("Liaison Desk"), message)
