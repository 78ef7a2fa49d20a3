"""An unhandled exception is logged in full and shown as a calm dialog; Qt messages are logged."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import qWarning
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel

from ui.crash import CrashDialog, CrashReporter
from ui.support import restore_qt_messages, route_qt_messages


@pytest.fixture
def reporter(tmp_path, qtbot):
    reporter = CrashReporter(tmp_path / "logs").install()
    yield reporter
    reporter.uninstall()
    if reporter.dialog is not None:
        reporter.dialog.close()


def _raise_in_a_slot() -> None:
    records = {"findings": []}
    records["finding"]  # the bug: a KeyError nobody caught


def test_an_uncaught_exception_is_logged_and_shown(reporter, qtbot, caplog):
    try:
        _raise_in_a_slot()
    except KeyError:
        sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: reporter.dialog is not None)

    record = next(r for r in caplog.records if r.name == "liaison_desk.crash")
    assert record.levelno == logging.CRITICAL and record.exc_info[0] is KeyError
    dialog = reporter.dialog
    assert isinstance(dialog, CrashDialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "KeyError: 'finding'" in text
    assert "Your data is safe" in text and "single transaction" in text
    assert "_raise_in_a_slot" in dialog.details and "Qt:" in dialog.details


def test_copy_details_and_open_log_folder(reporter, qtbot, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    try:
        raise RuntimeError("the disk went away")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    dialog = reporter.dialog

    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "RuntimeError: the disk went away" in copied and "Traceback" in copied
    dialog.open_logs_button.click()
    assert opened == [str(tmp_path / "logs")]
    assert not dialog.details_view.isVisibleTo(dialog)
    dialog.toggle_button.click()
    assert dialog.details_view.isVisibleTo(dialog)
    assert "the disk went away" in dialog.details_view.toPlainText()


def test_an_exception_in_a_worker_thread_is_shown_on_the_gui_thread(reporter, qtbot, caplog):
    def work() -> None:
        raise ValueError("bad row in the import")

    thread = threading.Thread(target=work, name="import-worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert "ValueError: bad row in the import" in reporter.dialog.details
    assert any(r.threadName == "import-worker" for r in caplog.records if r.exc_info)


def test_a_storm_of_errors_opens_one_dialog(reporter, qtbot):
    for n in range(5):
        try:
            raise OSError(f"failure {n}")
        except OSError:
            sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    qtbot.wait(50)
    assert reporter.suppressed == 4


def test_uninstall_restores_the_previous_hooks(tmp_path):
    before = (sys.excepthook, threading.excepthook)
    reporter = CrashReporter(tmp_path).install()
    assert sys.excepthook == reporter.handle
    reporter.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_qt_messages_go_to_the_log(caplog, qapp):
    route_qt_messages()
    try:
        qWarning("a plugin could not be loaded")
    finally:
        restore_qt_messages()
    assert any(
        r.name == "qt" and r.levelno == logging.WARNING and "could not be loaded" in r.getMessage()
        for r in caplog.records
    )
