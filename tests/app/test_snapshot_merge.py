"""The merge matrix: two officers worked on copies of the same database."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace
from datetime import date, datetime

import pytest

from app.domain.enums import Kind, Level, Status
from app.domain.values import Finding, Person
from app.snapshots import finding_state
from app.snapshots.errors import ConflictsUnresolved
from app.snapshots.plan import BOTH, THEIRS
from app.snapshots.service import SnapshotService
from tests.app.snapshot_helpers import (
    attach_evidence,
    content,
    file_digest,
    open_workspace,
    populate,
)


@pytest.fixture
def pair(ws, clock, tmp_path):
    """``theirs`` (the outgoing officer) and ``mine`` (a copy made from theirs' snapshot)."""
    ids = populate(ws, clock)
    snap = tmp_path / "base.ldsnap"
    SnapshotService(ws).export(snap)
    mine = open_workspace(tmp_path / "mine", clock, "Mina Mine")
    with SnapshotService(mine).open(snap) as session:
        session.replace()
    ws.set_actor("Theo Theirs")
    yield ws, mine, ids
    mine.close()


def _handover(theirs, mine, tmp_path):  # type: ignore[no-untyped-def]
    snap = tmp_path / "handover.ldsnap"
    SnapshotService(theirs).export(snap)
    return SnapshotService(mine).open(snap)


def _edit(ws, finding_id, **changes):  # type: ignore[no-untyped-def]
    return ws.findings.update(replace(ws.findings.get(finding_id), **changes))


def test_changes_made_on_one_side_are_applied_without_conflict(pair, clock, tmp_path):
    theirs, mine, ids = pair
    clock.set(datetime(2024, 2, 1, 10))
    _edit(theirs, ids["afi"], level=Level.L2)  # theirs only
    clock.set(datetime(2024, 2, 2, 10))
    _edit(mine, ids["coc"], department="Public protection")  # mine only
    clock.set(datetime(2024, 3, 1, 10))
    with _handover(theirs, mine, tmp_path) as session:
        findings = next(e for e in session.plan.entities if e.entity == "finding")
        assert (findings.changed_theirs, findings.changed_mine, findings.conflicts) == (1, 1, 0)
        session.merge()
    assert mine.findings.get(ids["afi"]).level is Level.L2
    assert mine.findings.get(ids["coc"]).department == "Public protection"
    merges = [e for e in mine.history.for_record(ids["afi"]) if e.action == "merge"]
    assert [(e.field, e.old_value, e.new_value) for e in merges] == [("level", 3, 2)]
    assert "Theo Theirs" in merges[0].note


def test_as_at_history_follows_when_the_work_was_done_not_the_merge(pair, clock, tmp_path):
    theirs, mine, ids = pair
    clock.set(datetime(2024, 2, 1, 10))
    _edit(theirs, ids["afi"], level=Level.L2)
    clock.set(datetime(2024, 5, 1, 10))  # merged three months later
    with _handover(theirs, mine, tmp_path) as session:
        session.merge()
    for day in (date(2024, 1, 31), date(2024, 2, 15), date(2024, 5, 2)):
        assert mine.figures.summary_as_at(day) == theirs.figures.summary_as_at(day), day
    february = mine.figures.summary_as_at(date(2024, 2, 15))
    assert february.row(Kind.AFI, Level.L2).open == 1
    # The projection is exactly what the merged change log replays to.
    with contextlib.closing(sqlite3.connect(mine.database_path)) as conn:
        table = conn.execute(
            "SELECT finding_id, valid_from, valid_to, kind, level, status, applies_to_force, "
            "deleted FROM finding_state ORDER BY finding_id, seq"
        ).fetchall()
        assert finding_state.rebuilt_rows(conn) == table


@pytest.mark.parametrize("choice", ["theirs", "mine"])
def test_the_same_field_changed_differently_is_a_conflict_decided_field_by_field(
    pair, clock, tmp_path, choice
):
    theirs, mine, ids = pair
    clock.set(datetime(2024, 2, 1, 10))
    _edit(theirs, ids["afi"], text="Their wording.")
    clock.set(datetime(2024, 2, 3, 12))
    _edit(mine, ids["afi"], text="My wording.")
    before = file_digest(mine.database_path)
    with _handover(theirs, mine, tmp_path) as session:
        (conflict,) = session.plan.conflicts
        assert (conflict.field, conflict.side) == ("text", BOTH)
        assert (conflict.theirs, conflict.mine) == ("Their wording.", "My wording.")
        assert conflict.theirs_by == ("Theo Theirs", "2024-02-01 10:00:00.000000")
        assert conflict.mine_by == ("Mina Mine", "2024-02-03 12:00:00.000000")
        with pytest.raises(ConflictsUnresolved):
            session.merge()
        assert file_digest(mine.database_path) == before
        session.merge({conflict.key: choice})
    expected = {"theirs": "Their wording.", "mine": "My wording."}[choice]
    assert mine.findings.get(ids["afi"]).text == expected
    (entry,) = [e for e in mine.history.for_record(ids["afi"]) if e.action == "merge"]
    assert entry.new_value == expected and "conflict" in entry.note
    # Both officers' edits stay in the history.
    texts = {e.new_value for e in mine.history.for_record(ids["afi"]) if e.field == "text"}
    assert {"Their wording.", "My wording."} <= texts


def test_different_fields_of_one_record_both_apply(pair, clock, tmp_path):
    theirs, mine, ids = pair
    clock.set(datetime(2024, 2, 1, 10))
    _edit(theirs, ids["afi"], department="Contact centre")
    _edit(mine, ids["afi"], due_on=date(2024, 9, 30))
    with _handover(theirs, mine, tmp_path) as session:
        assert session.plan.conflicts == []
        session.merge()
    afi = mine.findings.get(ids["afi"])
    assert (afi.department, afi.due_on) == ("Contact centre", date(2024, 9, 30))


@pytest.mark.parametrize("deleter", ["theirs", "mine"])
@pytest.mark.parametrize("choice", ["theirs", "mine"])
def test_deleted_on_one_side_and_edited_on_the_other_is_a_conflict(
    pair, clock, tmp_path, deleter, choice
):
    theirs, mine, ids = pair
    clock.set(datetime(2024, 2, 1, 10))
    (theirs if deleter == "theirs" else mine).findings.delete(ids["afi"], note="Not needed")
    _edit(mine if deleter == "theirs" else theirs, ids["afi"], department="Kept busy")
    with _handover(theirs, mine, tmp_path) as session:
        (conflict,) = session.plan.conflicts
        assert conflict.field == "deleted_at"
        findings = next(e for e in session.plan.entities if e.entity == "finding")
        assert (findings.deleted_theirs if deleter == "theirs" else findings.deleted_mine) == 1
        session.merge({conflict.key: choice})
    deleted = mine.findings.get(ids["afi"]) not in mine.findings.list()
    assert deleted is (choice == deleter)
    # The edit survives either way (a deleted record can be restored with it).
    assert mine.findings.get(ids["afi"]).department == "Kept busy"


def test_records_added_on_both_sides_are_all_kept_with_their_updates_and_files(
    pair, clock, tmp_path
):
    theirs, mine, ids = pair
    clock.set(datetime(2024, 2, 1, 10))
    report = ids["report"]
    t_new = theirs.findings.create(Finding(report, Kind.AFI, "AFI 9", "Theirs.", level=Level.L3))
    m_new = mine.findings.create(Finding(report, Kind.AFI, "AFI 10", "Mine.", level=Level.L3))
    t_person = theirs.people.create(Person("Their Newcomer"))
    theirs.findings.add_progress(ids["rec"], "Their note.")
    mine.findings.add_progress(ids["rec"], "My note.")
    attach_evidence(theirs, t_new.id, "their-evidence.pdf", b"their evidence")
    attach_evidence(mine, ids["coc"], "my-evidence.pdf", b"my evidence")
    theirs.findings.change_status(t_new.id, Status.IN_PROGRESS)
    with _handover(theirs, mine, tmp_path) as session:
        findings = next(e for e in session.plan.entities if e.entity == "finding")
        assert (findings.added_theirs, findings.added_mine) == (1, 1)
        assert session.plan.new_files == 1
        session.merge()
    refs = {f.reference for f in mine.findings.list()}
    assert {"AFI 9", "AFI 10"} <= refs
    assert mine.findings.get(t_new.id).status is Status.IN_PROGRESS
    assert mine.people.get(t_person.id).name == "Their Newcomer"
    notes = [p.text for p in mine.findings.progress(ids["rec"])]
    assert {"Their note.", "My note.", "Panel reviewed the evidence."} <= set(notes)
    rows = content(mine.database_path)
    assert {r[1] for r in rows["attachment"]} >= {"their-evidence.pdf", "my-evidence.pdf"}
    assert len(rows["blob"]) == 3
    theirs_log = {r[0] for r in content(theirs.database_path)["change_log"]}
    assert theirs_log <= {r[0] for r in rows["change_log"]}
    assert m_new.id in {f.id for f in mine.findings.list()}
    assert mine.check().healthy


def test_report_gradings_merge_as_one_field(pair, clock, tmp_path):
    from app.domain.enums import Grade
    from app.domain.values import Grading

    theirs, mine, ids = pair
    report = theirs.reports.get(ids["report"])
    theirs.reports.update(
        replace(report, gradings=(*report.gradings, Grading("Leadership", Grade.GOOD)))
    )
    with _handover(theirs, mine, tmp_path) as session:
        (change,) = session.plan.changes
        assert (change.field, change.side) == ("gradings", THEIRS)
        session.merge()
    assert mine.reports.get(ids["report"]).gradings == theirs.reports.get(ids["report"]).gradings


def test_a_dry_run_and_a_refused_merge_change_nothing(pair, clock, tmp_path):
    theirs, mine, ids = pair
    _edit(theirs, ids["afi"], department="Elsewhere")
    before = file_digest(mine.database_path)
    with _handover(theirs, mine, tmp_path) as session:
        outcome = session.merge(dry_run=True)
        assert outcome.merge.updated == {"finding": 1}
        assert outcome.backup is None
    assert file_digest(mine.database_path) == before
    assert mine.findings.get(ids["afi"]).department != "Elsewhere"


def test_merging_the_same_snapshot_twice_changes_nothing_the_second_time(pair, clock, tmp_path):
    theirs, mine, ids = pair
    _edit(theirs, ids["afi"], department="Elsewhere")
    with _handover(theirs, mine, tmp_path) as session:
        session.merge()
    after_first = content(mine.database_path)
    with _handover(theirs, mine, tmp_path) as session:
        assert session.plan.identical or not session.plan.changes
        session.merge()
    assert content(mine.database_path) == after_first
