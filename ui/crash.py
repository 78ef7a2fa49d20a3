"""Unhandled exceptions: logged in full, and shown as a calm dialog that says nothing was lost."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger("liaison_desk.crash")


def describe(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """The details support needs: the traceback, then the versions."""
    from ui.about import versions

    lines = "".join(traceback.format_exception(exc_type, exc, tb))
    facts = "".join(f"{k}: {v}\n" for k, v in versions().items())
    return f"{lines}\n{facts}"


def summary_of(exc: BaseException) -> str:
    """One line naming the problem, without the traceback."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class CrashDialog(QDialog):
    """What happened, that no data was lost, and what to do; Copy details, Open log folder."""

    def __init__(self, summary: str, details: str, log_folder: Path | None, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.details = details
        self.log_folder = log_folder
        self.setWindowTitle(self.tr("Liaison Desk — something went wrong"))
        self.setObjectName("crashDialog")

        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        heading = QLabel(self.tr("<b>Liaison Desk ran into a problem it did not expect.</b>"))
        problem = QLabel(summary)
        problem.setObjectName("crashSummary")
        problem.setWordWrap(True)
        problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        safe = QLabel(
            self.tr(
                "<b>Your data is safe.</b> Every change is saved in a single transaction: it "
                "is stored whole or not at all, so nothing you saved has been lost or "
                "half-written. The last thing you did may not have finished — please check it "
                "and try again."
            )
        )
        safe.setWordWrap(True)
        advice = QLabel(
            self.tr(
                "If this happens again, send the details to your IT support: use Copy details, "
                "or Help → Save diagnostics… for a file with the logs."
            )
        )
        advice.setWordWrap(True)

        self.details_view = QPlainTextEdit(details)
        self.details_view.setReadOnly(True)
        self.details_view.setAccessibleName(self.tr("Technical details"))
        self.details_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details_view.setVisible(False)
        self.details_view.setMinimumHeight(180)

        self.toggle_button = QPushButton(self.tr("Show &details"))
        self.toggle_button.setCheckable(True)
        self.toggle_button.toggled.connect(self._on_toggle_button_toggled)
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.open_logs_button = QPushButton(self.tr("Open &log folder"))
        self.open_logs_button.setEnabled(log_folder is not None)
        self.open_logs_button.clicked.connect(self._on_open_logs_button_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.toggle_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_logs_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)

        text = QVBoxLayout()
        for label in (heading, problem, safe, advice):
            text.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_view, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _on_toggle_button_toggled(self, shown: bool) -> None:
        self.details_view.setVisible(shown)
        self.toggle_button.setText(self.tr("Hide &details") if shown else self.tr("Show &details"))
        self.adjustSize()

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))
        QTimer.singleShot(2000, lambda: self.copy_button.setText(self.tr("&Copy details")))

    def _on_open_logs_button_clicked(self) -> None:
        if self.log_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_folder)))


class CrashReporter(QObject):
    """Installs sys.excepthook and threading.excepthook: log, then show the dialog (GUI thread)."""

    sig_reported = Signal(str, str)  # summary, details

    def __init__(self, log_folder: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_folder = log_folder
        self.dialog: CrashDialog | None = None
        self.suppressed = 0
        self._previous: tuple[Any, Any] | None = None
        # Queued: the dialog opens from the event loop, never inside the failing code.
        self.sig_reported.connect(self._on_reported, Qt.ConnectionType.QueuedConnection)

    def install(self) -> CrashReporter:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._on_thread_exception
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        """Log the exception with its traceback and ask for the dialog."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("Unhandled exception", exc_info=(exc_type, exc, tb))
        try:
            details = describe(exc_type, exc, tb)
        except Exception:  # never fail while reporting a failure
            details = "".join(traceback.format_exception(exc_type, exc, tb))
        self.sig_reported.emit(summary_of(exc), details)

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _on_reported(self, summary: str, details: str) -> None:
        if QApplication.instance() is None:
            return
        if self.dialog is not None:  # one dialog at a time; the rest are in the log
            self.suppressed += 1
            return
        self.dialog = CrashDialog(summary, details, self.log_folder, _main_window())
        self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.open()

    def _on_dialog_finished(self) -> None:
        self.dialog = None


def _main_window() -> QWidget | None:
    app = QApplication.instance()
    active = app.activeWindow() if isinstance(app, QApplication) else None
    return active if active is not None and not isinstance(active, CrashDialog) else None
