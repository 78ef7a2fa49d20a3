"""The findings register: every filter, every sort, pages and exports, against the data."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from app.domain.enums import OPEN_STATUSES, ClosedBy, Kind, Level, Rag, Status
from app.domain.filters import FindingFilter, SortOrder
from app.services.register import FindingRegister
from app.services.register_columns import FINDING_COLUMNS


@pytest.fixture
def data(ws, make, clock):  # type: ignore[no-untyped-def]
    """A small register: two reports, two owners, findings in many states (today 15 Jan 2024)."""
    custody, call = make.person("Casey Custody", "Custody"), make.person("Ali Calls", "Contact")
    peel, thematic = make.report("PEEL 2023"), make.report("Vetting thematic", date(2022, 11, 2))
    coc = make.finding(peel, kind=Kind.COC, level=Level.L4, reference="Cause of concern 1")
    f = {
        "coc": coc,
        "rec2": make.finding(
            peel,
            reference="Recommendation 2",
            parent_id=coc.id,
            owner_id=custody.id,
            department="Custody",
            chief_officer_lead="ACC Ops",
            due_on=date(2023, 12, 31),  # overdue
            rag=Rag.RED,
            text="Review custody detention records.",
        ),
        "rec10": make.finding(
            peel,
            reference="Recommendation 10",
            level=Level.L3,
            owner_id=call.id,
            department="Contact",
            chief_officer_lead="ACC Crime",
            due_on=date(2024, 2, 1),  # due in 17 days
            rag=Rag.AMBER,
        ),
        "afi": make.finding(thematic, kind=Kind.AFI, level=None, due_immediate=True),
        "national": make.finding(
            thematic,
            applies_to_force=False,
            not_applicable_reason="Addressed to the College of Policing",
            level=Level.L1,
        ),
    }
    ws.findings.change_status(f["national"].id, Status.NOT_APPLICABLE, note="Not for us")
    for status in (Status.IN_PROGRESS, Status.INTERNAL_REVIEW):
        ws.findings.change_status(f["rec10"].id, status)
    ws.findings.add_progress(f["rec10"].id, "Call handling audit complete.", on=date(2024, 1, 10))
    ws.findings.add_progress(f["rec2"].id, "Old note.", on=date(2023, 9, 1))
    return {k: ws.findings.get(v.id) for k, v in f.items()}


def _refs(register: FindingRegister, flt: FindingFilter, sort: SortOrder | None = None) -> list:  # type: ignore[type-arg]
    sort = sort or SortOrder()
    return [r.reference for r in register.page(flt, sort).rows]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (FindingFilter(kinds=frozenset({Kind.COC})), {"coc"}),
        (FindingFilter(kinds=frozenset({Kind.COC, Kind.AFI})), {"coc", "afi"}),
        (FindingFilter(levels=frozenset({Level.L2, Level.L3})), {"rec2", "rec10"}),
        (FindingFilter(levels=frozenset({None})), {"afi"}),
        (FindingFilter(levels=frozenset({Level.L4, None})), {"coc", "afi"}),
        (FindingFilter(statuses=frozenset({Status.INTERNAL_REVIEW})), {"rec10"}),
        (FindingFilter(statuses=OPEN_STATUSES), {"coc", "rec2", "rec10", "afi"}),
        (FindingFilter(rags=frozenset({Rag.RED})), {"rec2"}),
        (FindingFilter(rags=frozenset({None})), {"coc", "afi", "national"}),
        (FindingFilter(departments=frozenset({"Contact"})), {"rec10"}),
        (FindingFilter(chief_officer_leads=frozenset({"ACC Ops"})), {"rec2"}),
        (FindingFilter(applies_to_force=False), {"national"}),
        (FindingFilter(applies_to_force=True), {"coc", "rec2", "rec10", "afi"}),
        (FindingFilter(overdue=True), {"rec2"}),
        (FindingFilter(due_within_days=30), {"rec10"}),
        (FindingFilter(due_within_days=10), set()),
        (FindingFilter(no_update_in_days=90), {"rec2"}),  # coc and afi were recorded today
        (FindingFilter(text="detention"), {"rec2"}),
        (FindingFilter(text="audit"), {"rec10"}),  # a progress note
        (FindingFilter(text="recommendation 1"), {"rec10"}),  # a reference, as a prefix
        (FindingFilter(levels=frozenset({Level.L2, Level.L3}), overdue=True), {"rec2"}),
        (
            FindingFilter(
                kinds=frozenset({Kind.RECOMMENDATION}), text="call", rags=frozenset({Rag.AMBER})
            ),
            {"rec10"},
        ),
        (FindingFilter(applies_to_force=True, rags=frozenset({Rag.GREEN})), set()),
    ],
)
def test_each_filter_and_combination_shows_exactly_the_right_findings(ws, data, flt, expected):
    register = FindingRegister(ws)
    page = register.page(flt)
    assert {r.id for r in page.rows} == {data[k].id for k in expected}
    assert page.count == register.count(flt) == len(expected)
    assert page.total == 5


def test_owner_and_report_filters(ws, data):
    register = FindingRegister(ws)
    rec2 = data["rec2"]
    assert {
        r.id for r in register.page(FindingFilter(owner_ids=frozenset({rec2.owner_id}))).rows
    } == {rec2.id}
    flt = FindingFilter(report_ids=frozenset({data["afi"].report_id}))
    assert {r.id for r in register.page(flt).rows} == {data["afi"].id, data["national"].id}


def test_deleted_findings_are_left_out_unless_asked_for(ws, data):
    ws.findings.delete(data["afi"].id)
    register = FindingRegister(ws)
    assert register.count(FindingFilter()) == register.total() == 4
    assert register.count(FindingFilter(include_deleted=True)) == 5


def test_a_row_has_what_the_columns_show(ws, data):
    row = FindingRegister(ws).row(data["rec2"].id)
    assert row is not None
    assert (row.report_title, row.owner_name, row.days_overdue) == (
        "PEEL 2023",
        "Casey Custody",
        15,
    )
    assert row.last_update_on == date(2023, 9, 1)
    texts = {c.key: c.text(row) for c in FINDING_COLUMNS}
    assert texts["due"] == "31 December 2023" and texts["days_overdue"] == "15 days"
    assert texts["level"] == "L2" and texts["kind"] == "Rec"
    afi = FindingRegister(ws).row(data["afi"].id)
    assert afi is not None and {c.key: c.text(afi) for c in FINDING_COLUMNS}["due"] == "Immediately"


def test_references_sort_in_natural_order(ws, data):
    flt = FindingFilter(kinds=frozenset({Kind.RECOMMENDATION}), applies_to_force=True)
    register = FindingRegister(ws)
    assert _refs(register, flt) == ["Recommendation 2", "Recommendation 10"]
    assert _refs(register, flt, SortOrder("reference", False)) == [
        "Recommendation 10",
        "Recommendation 2",
    ]


@pytest.mark.parametrize(
    ("column", "first"),
    [
        ("kind", "coc"),
        ("level", "national"),
        ("status", "coc"),  # open ones first, then in published order (CoCs first)
        ("rag", "rec2"),
        ("owner", "rec10"),  # Ali before Casey
        ("department", "rec10"),
        ("due", "afi"),  # immediately comes first
        ("days_overdue", "rec2"),
        ("last_update", "rec2"),
        ("applies", "national"),
        ("report", "national"),  # the 2022 report: its recommendation before its AFI
    ],
)
def test_every_column_sorts_both_ways_with_empty_values_last(ws, data, column, first):
    register = FindingRegister(ws)
    up = [r.id for r in register.page(FindingFilter(), SortOrder(column)).rows]
    down = [r.id for r in register.page(FindingFilter(), SortOrder(column, False)).rows]
    assert up[0] == data[first].id
    assert sorted(up) == sorted(down) and len(up) == 5
    # empty values stay at the end both ways
    empties = {
        "rag": {"coc", "afi", "national"},
        "owner": {"coc", "afi", "national"},
        "days_overdue": {"coc", "rec10", "afi", "national"},
        "last_update": {"coc", "afi", "national"},
    }.get(column)
    if empties:
        tail = {data[k].id for k in empties}
        assert set(up[-len(tail) :]) == tail and set(down[-len(tail) :]) == tail


def test_pages_from_either_end_join_up_into_the_whole_ordered_list(ws, make):
    report = make.report()
    rng = random.Random(3)
    for _ in range(37):
        make.finding(
            report,
            reference=f"Recommendation {rng.randint(1, 9)}",
            level=rng.choice([Level.L2, Level.L3, None]),
            rag=rng.choice([Rag.RED, None]),
        )
    register = FindingRegister(ws)
    for sort in (SortOrder(), SortOrder("level", False), SortOrder("rag"), SortOrder("report")):
        whole = register.ids(FindingFilter(), sort)
        paged = [
            r.id
            for offset in range(0, 37, 5)
            for r in register.page(FindingFilter(), sort, offset, 5).rows
        ]
        assert paged == whole and len(whole) == 37
    assert register.page(FindingFilter(), SortOrder(), 35, 10).rows[-1].id == whole[-1]
    assert register.page(FindingFilter(), SortOrder(), 99, 10).rows == ()


def test_rows_export_exactly_the_view_with_typed_values(ws, data):
    flt = FindingFilter(statuses=OPEN_STATUSES, applies_to_force=True)
    headings, rows = FindingRegister(ws).rows(
        flt, SortOrder("due"), ("reference", "due", "days_overdue", "level")
    )
    assert headings == ("Reference", "Due", "Days overdue", "Level")
    assert rows == [
        (data["afi"].reference, "Immediately", None, None),
        ("Recommendation 2", date(2023, 12, 31), 15, 2),
        ("Recommendation 10", date(2024, 2, 1), None, 3),
        ("Cause of concern 1", None, None, 4),
    ]


def test_a_closed_finding_is_never_overdue(ws, make, clock):
    finding = make.finding(
        level=Level.L1, due_on=date(2023, 6, 1), status=Status.CLOSED, closed_by=ClosedBy.HMICFRS
    )
    register = FindingRegister(ws)
    assert register.count(FindingFilter(overdue=True)) == 0
    assert register.row(finding.id).days_overdue is None  # type: ignore[union-attr]


def test_filter_options_list_what_findings_have(ws, data):
    options = FindingRegister(ws).options()
    assert [c.label for c in options.owners] == ["Ali Calls", "Casey Custody"]
    assert options.departments == ("Contact", "Custody")
    assert options.leads == ("ACC Crime", "ACC Ops")
    assert [c.label for c in options.reports] == [
        "PEEL 2023 (Aug 2023)",
        "Vetting thematic (Nov 2022)",
    ]


def test_an_edit_shows_in_the_next_query(ws, data):
    register = FindingRegister(ws)
    flt = FindingFilter(rags=frozenset({Rag.GREEN}))
    assert register.count(flt) == 0
    ws.findings.update(replace(data["rec10"], rag=Rag.GREEN))
    assert register.count(flt) == 1


@pytest.mark.parametrize(
    "flt",
    [
        FindingFilter(),
        FindingFilter(overdue=True),
        FindingFilter(due_within_days=30, no_update_in_days=10),
        FindingFilter(text="custody", levels=frozenset({Level.L2, None})),
    ],
)
def test_keys_give_the_same_order_as_ids(ws, data, flt):
    register = FindingRegister(ws)
    for sort in (SortOrder("report", False), SortOrder("days_overdue"), SortOrder("owner", False)):
        rows = register.rows_for_keys(register.keys(flt, sort))
        assert [r.id for r in rows] == register.ids(flt, sort)
