"""snapshot export / inspect / import and backup, from the command line."""

from __future__ import annotations

import io
from dataclasses import replace

from app import cli
from tests.app.snapshot_helpers import file_digest, open_workspace, populate


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        code = cli.main(list(argv), out=out)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue()


def test_export_inspect_and_import_from_the_command_line(ws, clock, tmp_path, capsys):
    populate(ws, clock)
    ws.close()
    source, target = str(ws.folder), str(tmp_path / "incoming")
    snap = str(tmp_path / "handover.ldsnap")
    pw = tmp_path / "pw.txt"
    pw.write_text("a long passphrase\n")
    code, out = run("--data-dir", source, "snapshot", "export", snap, "--passphrase-file", str(pw))
    assert code == 0 and "(encrypted)" in out
    code, out = run("--data-dir", source, "snapshot", "inspect", snap, "--passphrase-file", str(pw))
    assert code == 0 and "Snapshot made by " in out and "integrity: ok" in out
    assert "exactly what this database holds" in out
    code, out = run(
        "--data-dir",
        target,
        "snapshot",
        "import",
        snap,
        "--mode",
        "replace",
        "--dry-run",
        "--passphrase-file",
        str(pw),
    )
    assert code == 0 and "Dry run" in out
    code, out = run(
        "--data-dir",
        target,
        "snapshot",
        "import",
        snap,
        "--mode",
        "replace",
        "--passphrase-file",
        str(pw),
    )
    assert code == 0 and "Replaced the database" in out
    code, out = run("--data-dir", target, "backup", "list")
    assert code == 0 and "Before replacing with a snapshot" in out


def test_a_merge_with_conflicts_stops_and_lists_them_unless_told(ws, clock, tmp_path, capsys):
    ids = populate(ws, clock)
    snap = tmp_path / "a.ldsnap"
    assert run("--data-dir", str(ws.folder), "snapshot", "export", str(snap))[0] == 0
    mine = open_workspace(tmp_path / "mine", clock, "Mina")
    mine.close()
    assert (
        run("--data-dir", str(mine.folder), "snapshot", "import", str(snap), "--mode", "replace")[0]
        == 0
    )
    ws.findings.update(replace(ws.findings.get(ids["afi"]), text="Theirs."))
    mine = open_workspace(tmp_path / "mine", clock, "Mina")
    mine.findings.update(replace(mine.findings.get(ids["afi"]), text="Mine."))
    mine.close()
    assert run("--data-dir", str(ws.folder), "snapshot", "export", str(snap))[0] == 0
    before = file_digest(mine.database_path)
    args = ("--data-dir", str(mine.folder), "snapshot", "import", str(snap), "--mode", "merge")
    code, out = run(*args)
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "1 conflicting change" in err and "--prefer" in err
    assert "Text" in out and "theirs: Theirs." in out and "mine:   Mine." in out
    afi = ws.findings.get(ids["afi"])
    report = ws.reports.get(afi.report_id)
    assert f"{afi.reference} — {report.title}" in out  # which report, not only "AFI 1"
    assert file_digest(mine.database_path) == before
    code, out = run(*args, "--prefer", "theirs")
    assert code == 0 and "1 conflicts settled" in out
    mine = open_workspace(tmp_path / "mine", clock, "Mina")
    assert mine.findings.get(ids["afi"]).text == "Theirs."
    mine.close()


def test_refusals_are_one_line_with_a_non_zero_exit(ws, clock, tmp_path, capsys):
    ws.close()
    bad = tmp_path / "not-a-snapshot.ldsnap"
    bad.write_bytes(b"%PDF-1.4 minutes")
    for argv in (
        ("snapshot", "inspect", str(bad)),
        ("snapshot", "import", str(bad), "--mode", "merge"),
        ("snapshot", "import", str(tmp_path / "missing.ldsnap"), "--mode", "replace"),
        ("snapshot", "export", str(tmp_path / "no" / "such" / "folder.ldsnap")),
        ("snapshot", "inspect", str(bad), "--passphrase-file", str(tmp_path / "none.txt")),
    ):
        code, _ = run("--data-dir", str(ws.folder), *argv)
        err = capsys.readouterr().err
        assert code == 2, argv
        assert err.startswith("liaison-desk: ") and err.count("\n") == 1, err
