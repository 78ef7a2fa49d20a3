"""Start-up support: the log file, Qt's messages in it, and the crash reporter, in one place."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from app import logs, paths
from ui.crash import CrashReporter

log = logging.getLogger("liaison_desk")
qt_log = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _on_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.category})" if context.category and context.category != "default" else ""
    qt_log.log(_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)


def route_qt_messages() -> None:
    """Send qDebug/qWarning/… (plugin problems, font fallbacks) to the log."""
    qInstallMessageHandler(_on_qt_message)


def restore_qt_messages() -> None:
    """Qt's own handler again (stderr)."""
    qInstallMessageHandler(None)


@dataclass
class Support:
    """What start_support set up; close() undoes it."""

    log_session: logs.LogSession | None
    reporter: CrashReporter

    @property
    def log_folder(self) -> Path | None:
        return self.log_session.log_file.parent if self.log_session else None

    def close(self) -> None:
        self.reporter.uninstall()
        restore_qt_messages()
        if self.log_session is not None:
            self.log_session.close()


def start_support(folder: Path) -> Support:
    """Log to the data folder, route Qt's messages there, and catch unhandled exceptions.

    Call before QApplication exists, so a missing Qt plugin is logged too. If the folder
    cannot be written the app still starts (logging to stderr only).
    """
    try:
        session: logs.LogSession | None = logs.setup_logging(folder)
    except OSError as exc:
        session = None
        logging.basicConfig(level=logging.INFO, format=logs.FORMAT)
        log.error("Cannot write the log file in %s: %s", paths.logs_dir(folder), exc)
    route_qt_messages()
    folder_for_dialog = session.log_file.parent if session else None
    reporter = CrashReporter(folder_for_dialog).install()
    return Support(session, reporter)
