"""`liaison-desk calendar --ics FILE [--from] [--to]` writes a file Outlook can import."""

from __future__ import annotations

import io
from datetime import date

import icalendar

from app import cli
from app.domain.values import Meeting


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        code = cli.main(list(argv), out=out)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue()


def test_calendar_command_writes_the_range(ws, make, tmp_path):
    make.report("PEEL", published_on=date(2024, 6, 20))
    ws.meetings.create(Meeting(date(2024, 6, 27), "Joint Audit Committee"))
    path = tmp_path / "june.ics"
    code, text = run(
        "--data-dir",
        str(ws.folder),
        "calendar",
        "--ics",
        str(path),
        "--from",
        "2024-06-01",
        "--to",
        "2024-06-30",
    )
    assert code == 0
    assert text.strip() == (f"Wrote 2 calendar entries from 1 June 2024 to 30 June 2024 to {path}")
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    assert sorted(e.decoded("DTSTART") for e in cal.walk("VEVENT")) == [
        date(2024, 6, 20),
        date(2024, 6, 27),
    ]
    code, _ = run(
        "--data-dir", str(ws.folder), "calendar", "--ics", str(path), "--type", "committee_meeting"
    )
    assert code == 0 and len(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")) == 1


def test_calendar_command_refuses_bad_input_in_one_line(ws, tmp_path, capsys):
    folder = str(ws.folder)
    code, _ = run(
        "--data-dir",
        folder,
        "calendar",
        "--ics",
        str(tmp_path / "x.ics"),
        "--from",
        "2024-07-01",
        "--to",
        "2024-06-01",
    )
    assert code == 2 and "--to is before --from" in capsys.readouterr().err
    code, _ = run("--data-dir", folder, "calendar", "--ics", str(tmp_path / "no" / "x.ics"))
    err = capsys.readouterr().err
    assert code == 2 and "does not exist" in err and len(err.strip().splitlines()) == 1
    code, _ = run(
        "--data-dir", folder, "calendar", "--ics", str(tmp_path / "x.ics"), "--owner", "Nobody"
    )
    assert code == 2 and "matches no one" in capsys.readouterr().err
    code, _ = run("--data-dir", folder, "calendar", "--ics", "x.ics", "--meeting-time", "10")
    assert code == 2 and "HH:MM-HH:MM" in capsys.readouterr().err
