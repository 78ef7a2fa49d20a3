"""The log file in the data folder; a windowed build (no stdout/stderr) loses nothing."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path

from app import logs, paths

ROOT = Path(__file__).resolve().parents[2]


def test_logging_goes_to_a_rotating_file_in_the_data_folder(tmp_path):
    session = logs.setup_logging(tmp_path, faults=False)
    try:
        logging.getLogger("liaison_desk.test").warning("a thing worth knowing")
        handler = session.handler
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        assert handler.maxBytes == logs.MAX_BYTES and handler.backupCount == logs.BACKUP_COUNT
    finally:
        session.close()
    text = (paths.logs_dir(tmp_path) / logs.GUI_LOG).read_text(encoding="utf-8")
    assert "Liaison Desk" in text and "started" in text
    assert "WARNING  liaison_desk.test [MainThread] a thing worth knowing" in text
    assert session.handler not in logging.getLogger().handlers


def test_log_files_lists_current_and_rotated_logs_only(tmp_path):
    folder = paths.logs_dir(tmp_path)
    folder.mkdir()
    for name in ("liaison-desk.log", "liaison-desk.log.1", "faults.log", "notes.sqlite3"):
        (folder / name).write_text("x")
    assert [p.name for p in logs.log_files(tmp_path)] == [
        "faults.log",
        "liaison-desk.log",
        "liaison-desk.log.1",
    ]
    assert logs.log_files(tmp_path / "nowhere") == []


def test_without_a_console_print_and_a_hard_crash_end_up_in_the_logs(tmp_path):
    # What a windowed Windows build looks like: sys.stdout and sys.stderr are None.
    script = textwrap.dedent(
        f"""
        import sys, faulthandler
        from pathlib import Path
        sys.stdout = None
        sys.stderr = None
        from app.logs import setup_logging
        setup_logging(Path({str(tmp_path)!r}))
        print("printed without a console")
        print("a warning", file=sys.stderr)
        faulthandler._sigsegv()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0  # it really crashed
    log_text = (paths.logs_dir(tmp_path) / logs.GUI_LOG).read_text(encoding="utf-8")
    assert "INFO     stdout [MainThread] printed without a console" in log_text
    assert "ERROR    stderr [MainThread] a warning" in log_text
    faults = (paths.logs_dir(tmp_path) / logs.FAULTS_LOG).read_text(encoding="utf-8")
    assert "Segmentation fault" in faults and "<string>" in faults
