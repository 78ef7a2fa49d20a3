"""Help → Save diagnostics: logs, versions, OS and the database check — never the database."""

from __future__ import annotations

import re
import zipfile

from app import __version__, logs, paths
from app.diagnostics import (
    DatabaseCheck,
    check_workspace,
    environment_versions,
    write_diagnostics,
)
from db.migrate import SCHEMA_HEAD


def test_the_zip_holds_logs_versions_system_and_check_but_not_the_database(ws, make, tmp_path):
    make.finding(text="A confidential finding about custody")
    logs_folder = paths.logs_dir(ws.folder)
    logs_folder.mkdir()
    (logs_folder / "liaison-desk.log").write_text("2024-01-15 INFO started\n")
    (logs_folder / "liaison-desk.log.1").write_text("older\n")
    target = tmp_path / "out" / "diagnostics.zip"

    members = write_diagnostics(
        target, folder=ws.folder, versions=environment_versions(), check=check_workspace(ws)
    )

    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert sorted(names) == sorted(members)
        assert {"versions.txt", "system.txt", "database-check.txt", "README.txt"} <= set(names)
        assert {"logs/liaison-desk.log", "logs/liaison-desk.log.1"} <= set(names)
        assert not [n for n in names if "sqlite" in n or n.endswith(("-wal", "-shm"))]
        everything = b"".join(archive.read(n) for n in names)
        versions = archive.read("versions.txt").decode()
        check = archive.read("database-check.txt").decode()
        system = archive.read("system.txt").decode()
    assert b"confidential finding" not in everything
    table = dict(re.split(r"\s{2,}", line, maxsplit=1) for line in versions.splitlines())
    assert table["Liaison Desk"] == __version__
    assert {"Python", "SQLite", "SQLAlchemy", "alembic"} <= set(table)
    assert "Integrity: ok" in check and f"Schema revision: {SCHEMA_HEAD}" in check
    assert re.search(r"^\s+1 findings$", check, re.M)
    assert "Operating system" in system and str(ws.folder) in system
    assert not target.with_name("diagnostics.zip.partial").exists()


def test_a_failing_check_is_reported_not_raised(ws):
    ws.close()
    ws.store.path.unlink()
    (ws.folder / "liaison-desk.sqlite3").mkdir()  # unreadable as a database
    check = check_workspace(ws)
    assert check.error and "could not run" in check.as_text()


def test_a_check_with_problems_says_so():
    text = DatabaseCheck("0001_initial", ("row 3 missing from index",), {"findings": 2}).as_text()
    assert "Integrity: PROBLEMS" in text and "row 3 missing from index" in text


def test_the_cli_log_is_a_separate_file():
    assert logs.CLI_LOG != logs.GUI_LOG
