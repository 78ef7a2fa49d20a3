"""Producing papers: whole files or none, archived with the meeting, and the command line."""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import pytest

from app import cli
from app.domain.enums import Status
from app.domain.values import Meeting
from app.paper import PaperError, PaperService
from app.paper.files import FileWriteError, write_atomic
from db.records import PaperRecord
from tests.app.pdftext import read_pdf


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        code = cli.main(list(argv), out=out)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue()


def papers_in_archive(ws) -> int:
    with ws.store.read() as session:
        return session.query(PaperRecord).count()


def test_write_atomic_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "paper.pdf"
    target.write_bytes(b"the paper the committee saw")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(FileWriteError, match="No space left on device"):
        write_atomic(target, b"%PDF- a new paper")
    assert target.read_bytes() == b"the paper the committee saw"
    assert [p.name for p in tmp_path.iterdir()] == ["paper.pdf"]


def test_write_atomic_refuses_a_missing_folder(tmp_path):
    with pytest.raises(FileWriteError, match="does not exist"):
        write_atomic(tmp_path / "nowhere" / "paper.pdf", b"x")


def test_each_paper_is_archived_and_regenerating_says_what_changed(ws, make, clock):
    clock.set_day(date(2024, 1, 10))
    report = make.report("Report", date(2024, 1, 10))
    findings = [make.finding(report) for _ in range(3)]
    meeting = ws.meetings.create(Meeting(date(2024, 3, 21), "Joint Audit Committee", "06"))
    papers = PaperService(ws)

    first = papers.produce(meeting)  # one click: into the data folder's papers/
    assert (
        first.path == ws.folder / "papers" / "2024-03-21 Joint Audit Committee - HMICFRS Update.pdf"
    )
    assert first.earlier is None and first.changes == ()
    assert papers.archive.content(first.archived.id) == first.path.read_bytes()

    clock.set_day(date(2024, 2, 1))  # before the meeting: the paper should now differ
    ws.findings.change_status(findings[0].id, Status.NOT_APPLICABLE, note="Duplicate")
    second = papers.produce(meeting, "docx", ws.folder / "paper.docx")
    assert second.earlier.id == first.archived.id
    assert "Recommendation Level 2, open: 3 → 2 (−1)" in second.changes
    assert "Total, total: 3 → 2 (−1)" in second.changes

    archived = papers.archive.for_meeting(meeting.id)
    assert [p.format for p in archived] == ["docx", "pdf"]
    assert archived[1].figures["summary_total"] == {"open": 3, "closed": 0, "total": 3}
    assert archived[0].figures["summary_total"] == {"open": 2, "closed": 0, "total": 2}
    assert archived[0].produced_by == "Test Officer"
    # What the committee saw can be reopened byte for byte, whatever happened since.
    copy = papers.export_archived(archived[1].id, ws.folder / "reopened.pdf")
    assert copy.read_bytes() == first.path.read_bytes()
    assert "Recommendation Level 2 3 0 3" in read_pdf(copy.read_bytes()).body
    assert any(e.entity == "paper" for e in ws.history.for_record(archived[0].id))


def test_a_failed_write_archives_nothing(ws, tmp_path):
    meeting = ws.meetings.create(Meeting(date(2024, 3, 21), "Joint Audit Committee"))
    with pytest.raises(PaperError, match="does not exist"):
        PaperService(ws).produce(meeting, "pdf", tmp_path / "missing" / "p.pdf")
    assert papers_in_archive(ws) == 0


def test_cli_writes_the_paper_and_archives_it(ws, make, tmp_path, capsys):
    ws.meetings.create(Meeting(date(2024, 3, 21), "Joint Audit Committee", "06"))
    make.finding()
    out = tmp_path / "jac.pdf"
    code, text = run(
        "--data-dir", str(ws.folder), "paper", "--meeting", "2024-03-21", "--out", str(out)
    )
    assert code == 0, capsys.readouterr().err
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Wrote the Joint Audit Committee paper for 21 March 2024" in text
    assert "Recommendation Level 2 1 0 1" in read_pdf(out.read_bytes()).body

    code, text = run(
        "--data-dir",
        str(ws.folder),
        "paper",
        "--meeting",
        "2024-03-21",
        "--out",
        str(tmp_path / "jac.docx"),
    )
    assert code == 0 and (tmp_path / "jac.docx").read_bytes().startswith(b"PK")
    assert "The figures are the same as in the paper produced before." in text
    assert papers_in_archive(ws) == 2


@pytest.mark.parametrize(
    ("meeting", "out", "message"),
    [
        ("2024-03-22", "ok.pdf", "there is no committee meeting on 22 March 2024; the nearest is"),
        ("2024-03-21", "missing/p.pdf", "does not exist"),
        ("2024-03-21", "afile/p.pdf", "does not exist"),
        ("2024-03-21", ".", "it is a folder"),
        ("21/03/2024", "ok.pdf", "is not a date; write it as YYYY-MM-DD"),
    ],
)
def test_cli_bad_input_is_one_clear_line_and_no_file(
    ws, tmp_path, capsys, monkeypatch, meeting, out, message
):
    ws.meetings.create(Meeting(date(2024, 3, 21), "Joint Audit Committee"))
    (tmp_path / "afile").write_text("not a folder")
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    code, _ = run("--data-dir", str(ws.folder), "paper", "--meeting", meeting, "--out", out)
    err = capsys.readouterr().err
    assert code != 0
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert papers_in_archive(ws) == 0


def test_cli_refuses_a_missing_data_folder(tmp_path, capsys):
    code, _ = run(
        "--data-dir",
        str(tmp_path / "none"),
        "paper",
        "--meeting",
        "2024-03-21",
        "--out",
        str(tmp_path / "p.pdf"),
    )
    assert code != 0
    assert "does not exist" in capsys.readouterr().err
    assert not Path(tmp_path / "p.pdf").exists()
