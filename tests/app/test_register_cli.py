"""`liaison-desk findings` and `views`: the register without a window."""

from __future__ import annotations

import io
from datetime import date

from app import cli
from app.domain.enums import Kind, Level, Rag


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        code = cli.main(list(argv), out=out)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue()


def test_findings_lists_what_the_filters_ask_for(ws, make):
    report = make.report("PEEL 2023")
    make.finding(
        report,
        reference="Recommendation 2",
        level=Level.L2,
        rag=Rag.RED,
        text="Review custody records.",
    )
    make.finding(report, reference="Recommendation 10", level=Level.L3)
    make.finding(report, kind=Kind.AFI, reference="AFI 1", level=Level.L2)
    code, text = run(
        "--data-dir",
        str(ws.folder),
        "findings",
        "--level",
        "2",
        "--level",
        "3",
        "--kind",
        "recommendation",
        "--sort",
        "reference",
    )
    assert code == 0
    lines = text.splitlines()
    assert lines[0].split()[:2] == ["Reference", "Report"]
    assert [line.split("  ")[0] for line in lines[1:3]] == ["Recommendation 2", "Recommendation 10"]
    assert lines[-1] == "Showing 2 of 2 matching (3 findings)"
    code, text = run(
        "--data-dir", str(ws.folder), "findings", "--search", "custody", "--rag", "red"
    )
    assert text.splitlines()[-1] == "Showing 1 of 1 matching (3 findings)"


def test_a_saved_view_from_the_command_line(ws, make, clock):
    make.finding(due_on=date(2020, 1, 1))  # overdue whatever today is
    make.finding(due_on=date(2999, 1, 1))
    code, text = run("--data-dir", str(ws.folder), "views")
    assert code == 0 and "Overdue by department (shipped)" in text.splitlines()
    code, text = run("--data-dir", str(ws.folder), "findings", "--view", "overdue by department")
    assert code == 0 and text.splitlines()[-1] == "Showing 1 of 1 matching (2 findings)"


def test_an_unknown_view_or_bad_number_is_one_clear_line(ws, capsys):
    code, _ = run("--data-dir", str(ws.folder), "findings", "--view", "Nope")
    assert code == 2
    assert capsys.readouterr().err == "liaison-desk: there is no saved view called 'Nope'\n"
    code, _ = run("--data-dir", str(ws.folder), "findings", "--due-within", "-3")
    assert code == 2 and "0 or more" in capsys.readouterr().err
