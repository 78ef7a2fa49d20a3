"""The command line: the contract acceptance checks use, and one clear line for bad input."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date

import pytest

from app import cli
from app.domain.enums import Level, Status
from db.migrate import SCHEMA_HEAD


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        code = cli.main(list(argv), out=out)
    except SystemExit as exc:  # argparse's own exits (--version, usage errors)
        code = int(exc.code or 0)
    return code, out.getvalue()


def test_version_and_sub_commands_run_without_qt():
    script = (
        "import sys\n"
        "from ui.launcher import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print('Qt loaded' if 'PySide6' in sys.modules else 'no Qt')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.splitlines() == ["Liaison Desk 0.1.0", "no Qt"]


def test_summary_prints_a_consistent_table(ws, make, clock, tmp_path):
    clock.set_day(date(2023, 9, 1))
    report = make.report()
    make.finding(report, level=Level.L2)
    closed = make.finding(report, level=Level.L3)
    for status in (Status.IN_PROGRESS, Status.INTERNAL_REVIEW):
        ws.findings.change_status(closed.id, status)
    ws.findings.change_status(
        closed.id, Status.SUBMITTED, cc_letter_ref="CC/1", cc_letter_on=date(2023, 9, 1)
    )
    code, text = run("--data-dir", str(ws.folder), "summary", "--as-at", "2023-09-28")
    assert code == 0
    assert "as at 28 September 2023" in text
    lines = {line.rsplit(None, 3)[0]: line.split()[-3:] for line in text.splitlines()[3:]}
    assert lines["Recommendation Level 2"] == ["1", "0", "1"]
    assert lines["Recommendation Level 3"] == ["1", "0", "1"]
    assert lines["Total"] == ["2", "0", "2"]


def test_check_reports_a_healthy_database(ws):
    code, text = run("--data-dir", str(ws.folder), "check")
    assert code == 0
    assert f"Schema revision: {SCHEMA_HEAD}" in text and "Integrity: ok" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["summary", "--as-at", "28/09/2023"], "is not a date"),
        (["summary", "--as-at", "2023-02-30"], "is not a date"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_non_zero_with_one_line(ws, capsys, argv, message):
    code, _ = run("--data-dir", str(ws.folder), *argv)
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and err.count("\n") == 1


def test_a_missing_folder_is_refused_and_not_created(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    code, _ = run("--data-dir", str(missing), "summary")
    assert code == 2 and "does not exist" in capsys.readouterr().err
    assert not missing.exists()


def test_a_file_that_is_not_our_database_is_refused_unchanged(tmp_path, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "liaison-desk.sqlite3").write_bytes(b"%PDF-1.4 a committee paper")
    code, _ = run("--data-dir", str(folder), "check")
    assert code == 2 and "not a SQLite database" in capsys.readouterr().err
    assert (folder / "liaison-desk.sqlite3").read_bytes() == b"%PDF-1.4 a committee paper"


def test_demo_refuses_a_database_with_data(ws, make, capsys):
    make.finding()
    code, _ = run("--data-dir", str(ws.folder), "demo")
    assert code == 2 and "--force" in capsys.readouterr().err


def test_data_dir_comes_from_the_environment(monkeypatch, tmp_path):
    from app import paths

    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "env-home"))
    assert paths.data_dir(None) == tmp_path / "env-home"
    assert paths.data_dir(str(tmp_path / "flag")) == tmp_path / "flag"
