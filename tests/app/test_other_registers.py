"""Saved views, the reports and inspections registers, and the Overview's attention counts."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from app.domain.enums import (
    ClosedBy,
    Grade,
    InspectionStatus,
    InspectionType,
    Kind,
    Level,
    Rag,
    ReportScope,
    Status,
)
from app.domain.errors import InvalidValues
from app.domain.filters import (
    FindingFilter,
    InspectionFilter,
    ReportFilter,
    SavedView,
    SortOrder,
)
from app.domain.values import Grading, Inspection, Report
from app.services.attention import AttentionService
from app.services.inspection_register import InspectionRegister
from app.services.report_register import ReportRegister
from app.services.saved_views import (
    DEFAULT_VIEWS,
    KEY,
    SavedViewService,
    filter_from_json,
    filter_to_json,
)
from db.records import SettingRecord

# --- saved views --------------------------------------------------------------------------


def test_a_few_useful_views_ship_and_the_officers_own_follow(ws):
    views = SavedViewService(ws)
    names = [v.name for v in views.list()]
    assert names == [v.name for v in DEFAULT_VIEWS]
    assert {"L2 ready for CC letter", "Overdue by department"} <= set(names)
    mine = views.save(
        SavedView(
            "  Custody   overdue ",
            FindingFilter(departments=frozenset({"Custody"}), overdue=True),
            SortOrder("due", ascending=False),
            ("reference", "due", "owner"),
        )
    )
    assert mine.name == "Custody overdue"
    assert views.list()[-1] == mine
    assert views.get("custody OVERDUE") == mine  # names match in any case


def test_saving_under_an_existing_name_replaces_it_and_deleting_a_shipped_view_hides_it(ws):
    views = SavedViewService(ws)
    views.save(SavedView("Red RAG", FindingFilter(rags=frozenset({Rag.RED}), text="custody")))
    assert views.get("Red RAG").filter.text == "custody"  # type: ignore[union-attr]
    assert [v.name for v in views.list()].count("Red RAG") == 1
    views.delete("Red RAG")
    views.delete("Overdue by department")
    assert views.get("Red RAG") is None and views.get("Overdue by department") is None
    views.restore_defaults()
    assert [v.name for v in views.list()] == [v.name for v in DEFAULT_VIEWS]


def test_views_are_in_the_database_and_every_change_is_logged(ws):
    views = SavedViewService(ws)
    views.save(SavedView("Mine", FindingFilter(levels=frozenset({Level.L2, None}))))
    with ws.store.read() as session:
        stored = json.loads(session.get(SettingRecord, KEY).value)
    assert stored["views"][0]["filter"] == {"levels": [2, None]}
    entries = [e for e in ws.history.for_record(KEY)]
    assert entries and entries[-1].note == "saved view Mine"
    assert ws.settings.get().force_name == "Your force"  # force settings unaffected


def test_a_blank_or_overlong_name_is_refused(ws):
    with pytest.raises(InvalidValues, match="name"):
        SavedViewService(ws).save(SavedView("   "))
    with pytest.raises(InvalidValues, match="80"):
        SavedViewService(ws).save(SavedView("x" * 81))


def test_filters_survive_json_and_unknown_or_damaged_values_are_dropped(ws):
    flt = FindingFilter(
        kinds=frozenset({Kind.AFI}),
        levels=frozenset({Level.L3, None}),
        statuses=frozenset({Status.SUBMITTED}),
        rags=frozenset({None}),
        owner_ids=frozenset({"p1"}),
        applies_to_force=False,
        due_within_days=14,
        no_update_in_days=60,
        overdue=True,
        text="custody",
    )
    assert filter_from_json(json.loads(json.dumps(filter_to_json(flt)))) == flt
    odd = {"kinds": ["afi", "martian"], "levels": [9, 2], "future_field": 1, "due_within_days": "x"}
    assert filter_from_json(odd) == FindingFilter(
        kinds=frozenset({Kind.AFI}), levels=frozenset({Level.L2})
    )
    with ws.store.write() as session:
        session.add(
            SettingRecord(key=KEY, value='{"views": [{"nom": 1}, 5], "hidden_defaults": []}')
        )
    assert [v.name for v in SavedViewService(ws).list()] == [v.name for v in DEFAULT_VIEWS]


# --- reports --------------------------------------------------------------------------------


def test_reports_show_gradings_finding_counts_and_the_pcc_response_date(ws, make, clock):
    peel = ws.reports.create(
        Report(
            "PEEL 2023",
            ReportScope.FORCE,
            date(2023, 12, 1),
            gradings=(
                Grading("Investigating crime", Grade.ADEQUATE),
                Grading("Treatment of the public", Grade.GOOD),
                Grading("Responding to the public", Grade.ADEQUATE),
            ),
        )
    )
    old = make.report("Vetting thematic", date(2022, 11, 2))
    make.finding(peel)
    make.finding(peel, applies_to_force=False, not_applicable_reason="Home Office")
    closed = make.finding(peel, level=Level.L1, status=Status.CLOSED, closed_by=ClosedBy.HMICFRS)
    assert closed.status is Status.CLOSED
    register = ReportRegister(ws)
    rows = register.rows(ReportFilter())
    assert [r.title for r in rows] == ["PEEL 2023", "Vetting thematic"]  # newest first
    top = rows[0]
    assert (top.findings, top.applying, top.open) == (3, 2, 1)
    assert top.gradings_summary == "1 Good, 2 Adequate"
    assert top.pcc_response_due == date(2024, 1, 26)
    assert not top.response_overdue(clock.today())
    assert rows[1].response_overdue(clock.today())
    assert [r.title for r in register.rows(ReportFilter(with_open_findings=True))] == ["PEEL 2023"]
    assert [r.title for r in register.rows(ReportFilter(text="vett"))] == [old.title]
    due = ReportFilter(response_due_within_days=56)
    assert [r.title for r in register.rows(due)] == ["PEEL 2023"] and register.count(due) == 1
    for column in ("title", "scope", "gradings", "findings", "applying", "open", "response"):
        assert len(register.rows(ReportFilter(), SortOrder(column))) == 2
    assert register.rows(ReportFilter(), SortOrder("findings"))[0].title == old.title


# --- inspections ----------------------------------------------------------------------------


def test_forthcoming_inspection_activity(ws, clock):
    today = clock.today()
    made = {
        "planned": Inspection(
            InspectionType.PEEL, "PEEL 2025", fieldwork_start=today + timedelta(days=40)
        ),
        "undated": Inspection(InspectionType.CUSTODY, "Custody (no notice)"),
        "awaiting": Inspection(
            InspectionType.THEMATIC,
            "Vetting thematic",
            InspectionStatus.AWAITING_REPORT,
            fieldwork_start=today - timedelta(days=90),
            expected_publication_on=today + timedelta(days=20),
        ),
        "past": Inspection(
            InspectionType.JOINT,
            "JTAI",
            InspectionStatus.PUBLISHED,
            partners=("Ofsted", "CQC"),
            fieldwork_start=today - timedelta(days=300),
        ),
        "cancelled": Inspection(
            InspectionType.REGIONAL,
            "ROCU",
            InspectionStatus.CANCELLED,
            fieldwork_start=today + timedelta(days=10),
        ),
    }
    for inspection in made.values():
        ws.inspections.create(inspection)
    register = InspectionRegister(ws)
    forthcoming = InspectionFilter(forthcoming=True)
    assert {r.title for r in register.rows(forthcoming)} == {
        "PEEL 2025",
        "Custody (no notice)",
        "Vetting thematic",
    }
    assert register.count(forthcoming) == 3 and register.total() == 5
    assert [r.title for r in register.rows(InspectionFilter(text="cqc"))] == ["JTAI"]
    statuses = InspectionFilter(statuses=frozenset({InspectionStatus.CANCELLED}))
    assert [r.title for r in register.rows(statuses)] == ["ROCU"]
    assert register.rows(InspectionFilter(), SortOrder("fieldwork"))[0].title == "JTAI"
    for column in ("type", "title", "status", "debrief", "publication", "lead"):
        assert len(register.rows(InspectionFilter(), SortOrder(column, False))) == 5


# --- attention ------------------------------------------------------------------------------


def test_attention_counts_match_the_registers_their_filters_open(ws, make, clock):
    report = make.report(published_on=clock.today() - timedelta(days=10))
    make.finding(report, due_on=clock.today() - timedelta(days=3))
    make.finding(report, due_on=clock.today() + timedelta(days=12))
    make.finding(report, due_on=clock.today() + timedelta(days=300))
    ws.inspections.create(Inspection(InspectionType.PEEL, "PEEL 2025"))
    items = {i.key: i for i in AttentionService(ws).items()}
    assert {k: i.count for k, i in items.items()} == {
        "overdue": 1,
        "due_soon": 1,
        "stale": 0,
        "forthcoming": 1,
        "pcc_responses": 1,
    }
    assert items["overdue"].filter == FindingFilter(overdue=True, applies_to_force=True)
    assert isinstance(items["pcc_responses"].filter, ReportFilter)
