"""Start-up and Help: one instance per data folder, the log, About, diagnostics, warnings."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app import logs, paths
from ui import application
from ui.about import AboutDialog, versions
from ui.launcher import split_files
from ui.location_warning import warn_if_risky_location
from ui.main_window import MainWindow
from ui.single_instance import SingleInstance

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = {"demo", "summary", "check"}


def _launch(*args: str) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "ui.launcher", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_second_start_hands_its_file_to_the_first_and_exits(qtbot, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    first = SingleInstance(folder)
    assert first.acquire()
    try:
        with qtbot.waitSignal(first.sig_message_received, timeout=30_000) as blocker:
            second = _launch("--data-dir", str(folder), str(tmp_path / "handover.ldsnap"))
            while second.poll() is None:  # keep our event loop turning while it connects
                qtbot.wait(50)
        assert blocker.args == [[str(tmp_path / "handover.ldsnap")]]
        assert second.returncode == 0, second.stderr.read()
    finally:
        first.release()
    assert not (folder / "liaison-desk.lock").exists()
    # The second start never opened the database the first one holds.
    assert not paths.database_path(folder).exists()


def test_the_lock_is_per_data_folder(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    first, other_folder, same_folder = SingleInstance(a), SingleInstance(b), SingleInstance(a)
    try:
        assert first.acquire() and first.is_primary
        assert other_folder.acquire()
        assert not same_folder.acquire(timeout_ms=50)
    finally:
        first.release()
        other_folder.release()
    assert same_folder.acquire(timeout_ms=50)
    same_folder.release()


def test_run_gui_logs_to_the_data_folder_and_shows_the_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv(application.EXIT_WHEN_SHOWN, "1")
    folder = tmp_path / "fresh"
    assert application.run_gui(str(folder)) == 0
    log_text = (paths.logs_dir(folder) / logs.GUI_LOG).read_text(encoding="utf-8")
    assert "started" in log_text and "Window shown" in log_text
    assert "Running upgrade  -> 0001_initial" in log_text
    assert not (folder / "liaison-desk.lock").exists()


def test_run_gui_on_a_file_that_is_not_a_folder_says_so(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("notes")
    assert application.run_gui(str(not_a_folder)) == 1
    assert "is not a folder" in shown[0]
    assert not_a_folder.read_text() == "notes"


@pytest.mark.parametrize(
    ("argv", "rest", "files"),
    [
        (["C:/x/hand over.ldsnap"], [], ["C:/x/hand over.ldsnap"]),
        (["--data-dir", "d", "x.LDSNAP"], ["--data-dir", "d"], ["x.LDSNAP"]),
        (["--data-dir", "a.ldsnap"], ["--data-dir", "a.ldsnap"], []),  # a folder so named
        (["summary", "x.ldsnap"], ["summary", "x.ldsnap"], []),  # a command decides
        ([], [], []),
    ],
)
def test_snapshot_files_on_the_command_line_open_the_window(argv, rest, files):
    assert split_files(argv, COMMANDS) == (rest, files)


def test_a_snapshot_file_opened_with_the_app_starts_its_import(qtbot, ws, monkeypatch):
    window = MainWindow(ws)
    qtbot.addWidget(window)
    asked = []
    monkeypatch.setattr(window.snapshots, "import_snapshot", asked.append)
    application.open_documents(window, ["/tmp/handover.ldsnap"])
    assert asked == [Path("/tmp/handover.ldsnap")]


def test_about_shows_versions_and_every_licence(qtbot, ws):
    dialog = AboutDialog(None, ws.folder)
    qtbot.addWidget(dialog)
    assert {"Liaison Desk", "Python", "Qt", "PySide6", "SQLite", "SQLAlchemy"} <= set(versions())
    assert dialog.licence_table.rowCount() == len(dialog.components)
    names = {dialog.licence_table.item(r, 0).text() for r in range(dialog.licence_table.rowCount())}
    assert {"Qt", "Python", "PySide6_Essentials", "SQLAlchemy", "reportlab"} <= names
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.show_component("Qt")
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in dialog.show_component("Python")
    dialog.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    assert f"Qt: {versions()['Qt']}" in QGuiApplication.clipboard().text()


def test_help_save_diagnostics_writes_a_zip_without_the_database(
    qtbot, ws, make, tmp_path, monkeypatch
):
    make.finding(text="Confidential: custody record")
    target = tmp_path / "for support.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    actions = {a.text().replace("&", ""): a for a in window.help_menu.actions()}
    assert {"Save diagnostics…", "Open log folder", "About Liaison Desk"} <= set(actions)

    actions["Save diagnostics…"].trigger()
    qtbot.waitUntil(lambda: target.exists(), timeout=20_000)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(n) for n in names)
    assert "database-check.txt" in names and "versions.txt" in names
    assert not [n for n in names if "sqlite" in n]
    assert b"Confidential" not in everything and b"Integrity: ok" in everything


def test_a_synced_data_folder_is_warned_about_until_dismissed(qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "Dropbox" / "LiaisonDesk"
    folder.mkdir(parents=True)
    shown = []

    def fake_exec(box):  # the officer reads it and ticks "don't warn me again"
        shown.append(box.text() + "\n" + box.informativeText())
        box.checkBox().setChecked(True)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    risk = warn_if_risky_location(None, folder)
    assert risk is not None and risk.service == "Dropbox"
    assert "Dropbox folder" in shown[0] and str(paths.default_data_dir()) in shown[0]
    assert warn_if_risky_location(None, folder) is not None
    assert len(shown) == 1  # dismissed for this folder


def test_a_local_data_folder_is_not_warned_about(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail("warned"))
    assert warn_if_risky_location(None, tmp_path) is None


def test_a_command_is_logged_in_its_own_file_and_never_creates_a_folder(tmp_path, ws):
    missing = tmp_path / "missing"
    refused = _launch("--data-dir", str(missing), "check")
    refused.wait(timeout=60)
    assert refused.returncode == 2 and not missing.exists()

    checked = _launch("--data-dir", str(ws.folder), "check")
    checked.wait(timeout=60)
    assert checked.returncode == 0
    text = (paths.logs_dir(ws.folder) / logs.CLI_LOG).read_text(encoding="utf-8")
    assert "Command check exited with 0" in text
    assert not (paths.logs_dir(ws.folder) / logs.GUI_LOG).exists()
