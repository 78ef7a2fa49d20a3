"""The register copy and the full-text index follow every write, whoever makes it."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from app.domain.enums import Status
from app.domain.filters import FindingFilter
from app.services.register import FindingRegister
from db import search

FIXTURES = Path(__file__).parent / "fixtures"


def _found(ws, words: str) -> set[str]:  # type: ignore[no-untyped-def]
    return set(FindingRegister(ws).ids(FindingFilter(text=words)))


def _register_row(ws, finding_id: str) -> dict:  # type: ignore[no-untyped-def]
    with ws.store.read() as session:
        row = session.execute(
            text("SELECT * FROM finding_register WHERE finding_id = :id"), {"id": finding_id}
        )
        return dict(row.mappings().one())


def test_the_register_copy_follows_creates_changes_deletes_and_restores(ws, make):
    person = make.person("Pat Owner")
    finding = make.finding(due_on=date(2024, 3, 1))
    assert _register_row(ws, finding.id)["status"] == "open"

    ws.findings.update(replace(finding, owner_id=person.id, department="Custody"))
    ws.findings.change_status(finding.id, Status.IN_PROGRESS)
    row = _register_row(ws, finding.id)
    assert (row["owner_id"], row["department"], row["status"]) == (
        person.id,
        "Custody",
        "in_progress",
    )
    ws.findings.delete(finding.id)
    assert _register_row(ws, finding.id)["deleted"] == 1
    assert FindingRegister(ws).total() == 0
    ws.findings.restore(finding.id)
    assert _register_row(ws, finding.id)["deleted"] == 0


def test_progress_notes_set_the_last_update_and_are_searchable(ws, make, clock):
    finding = make.finding(text="Improve the handling of calls.")
    ws.findings.add_progress(
        finding.id, "Custody governance board established.", on=date(2024, 1, 3)
    )
    ws.findings.add_progress(finding.id, "Second note.", on=date(2024, 1, 9))
    assert _register_row(ws, finding.id)["last_update_on"] == "2024-01-09"
    assert _found(ws, "governance") == {finding.id}
    assert _found(ws, "gov boa") == {finding.id}  # every word, as a prefix
    assert _found(ws, "governance calls") == {finding.id}  # words from text and notes
    assert _found(ws, "governance zebra") == set()


def test_search_sees_changed_text_and_references_at_once(ws, make):
    finding = make.finding(reference="Recommendation 7", text="Review custody records.")
    assert _found(ws, "custody") == {finding.id}
    ws.findings.update(replace(finding, text="Review stop and search.", reference="AFI 3"))
    assert _found(ws, "custody") == set()
    assert _found(ws, "stop search") == {finding.id}
    assert _found(ws, "afi 3") == {finding.id}
    assert _found(ws, "Recommendation") == set()


def test_accents_case_and_punctuation_do_not_matter_and_never_break_a_search(ws, make):
    finding = make.finding(text="Liaise with the Café Rouge partnership (CC/24/017).")
    assert _found(ws, "CAFE") == {finding.id}
    assert _found(ws, "cc/24/017") == {finding.id}
    for nasty in ('"', "AND", "OR NOT (", "*", "near(", "'; DROP TABLE finding; --", "^x"):
        FindingRegister(ws).count(FindingFilter(text=nasty))  # no FTS5 syntax error
    assert FindingRegister(ws).count(FindingFilter(text="  ")) == 1


def test_writes_by_plain_sql_are_indexed_and_a_removed_finding_can_come_back(ws, make):
    finding = make.finding(text="Unique walrus wording.")
    with ws.store.write() as session:
        saved = dict(
            session.execute(text("SELECT * FROM finding WHERE id = :id"), {"id": finding.id})
            .mappings()
            .one()
        )
        session.execute(text("DELETE FROM finding_state WHERE finding_id = :id"), saved)
        session.execute(text("DELETE FROM finding WHERE id = :id"), saved)
    assert FindingRegister(ws).total() == 0
    assert _found(ws, "walrus") == set()
    with ws.store.read() as session:
        assert session.scalar(text("SELECT count(*) FROM finding_register")) == 0
        assert session.scalar(text("SELECT count(*) FROM finding_search")) == 0

    # A snapshot merge putting the same finding back, with new words
    saved["text"] = "Unique narwhal wording."
    columns = ", ".join(saved)
    with ws.store.write() as session:
        session.execute(
            text(f"INSERT INTO finding ({columns}) VALUES ({', '.join(':' + c for c in saved)})"),
            saved,
        )
    assert FindingRegister(ws).total() == 1
    assert _found(ws, "narwhal") == {finding.id}
    assert _found(ws, "walrus") == set()


def test_rebuild_gives_the_same_answers(ws, make):
    first = make.finding(text="Custody detention review.")
    make.finding(text="Call handling.")
    ws.findings.add_progress(first.id, "Detention officers trained.")
    before = (_found(ws, "detention"), _found(ws, "call"), _found(ws, "trained"))
    with ws.store.write() as session:
        search.rebuild(session.connection())
    assert (_found(ws, "detention"), _found(ws, "call"), _found(ws, "trained")) == before
    assert before[2] == {first.id}


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("rev_*.sqlite3")), ids=lambda p: p.stem)
def test_an_upgraded_database_is_searchable_and_registered(tmp_path, fixture):
    from app.workspace import Workspace

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(fixture, folder / "liaison-desk.sqlite3")
    ws = Workspace.open(folder)
    try:
        register = FindingRegister(ws)
        assert register.total() == ws.live_count("findings") == 2
        assert len(_found(ws, "oversight")) == 1  # a finding's text
        assert len(_found(ws, "governance board")) == 1  # a progress note
        assert register.count(FindingFilter(statuses=frozenset({Status.CLOSED}))) == 1
    finally:
        ws.close()


def test_owner_names_and_report_dates_are_copied_and_kept_up_to_date(ws, make):
    person = make.person("Sam Smith")
    report = make.report("PEEL", date(2023, 8, 16))
    finding = make.finding(report, owner_id=person.id)
    row = _register_row(ws, finding.id)
    assert (row["owner_name"], row["report_published_on"]) == ("Sam Smith", "2023-08-16")
    ws.people.update(replace(person, name="Sam Jones"))
    ws.reports.update(replace(ws.reports.get(report.id), published_on=date(2023, 9, 1)))
    row = _register_row(ws, finding.id)
    assert (row["owner_name"], row["report_published_on"]) == ("Sam Jones", "2023-09-01")
    assert row["report_rank"] == -20230901
    stem = finding.reference.rstrip("0123456789")
    assert row["reference_key"] == stem + finding.reference[len(stem) :].zfill(10)
