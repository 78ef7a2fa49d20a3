"""Build a synthetic database of N findings through the real schema (migrated by Alembic).

Rows are written with bulk inserts (the services would take minutes for 50,000 findings),
but with the same shape the services write: one change-log row per initial field, and a
status history spread over the years, so the as-at figures have real work to do.
"""

from __future__ import annotations

import itertools
import json
import random
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from app.clock import FixedClock
from app.workspace import Workspace
from db import search
from db.records import ChangeRecord, FindingRecord, PersonRecord, ProgressUpdateRecord, ReportRecord

WORDS = [
    "the",
    "force",
    "should",
    "improve",
    "its",
    "approach",
    "to",
    "safeguarding",
    "vulnerable",
    "people",
    "and",
    "make",
    "sure",
    "that",
    "supervisors",
    "review",
    "risk",
    "assessments",
    "custody",
    "officers",
    "detainees",
    "investigation",
    "quality",
    "victims",
    "are",
    "kept",
    "informed",
    "call",
    "handling",
    "demand",
    "partners",
    "information",
    "sharing",
    "chief",
    "constables",
    "within",
    "six",
    "months",
    "evidence",
    "of",
    "compliance",
    "with",
    "authorised",
    "professional",
    "practice",
    "governance",
    "oversight",
    "performance",
    "management",
    "training",
    "records",
]
PATH = ("open", "in_progress", "internal_review", "submitted", "closed")


def _text(rng: random.Random, low: int, high: int) -> str:
    n = rng.randint(low, high)
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def build(folder: Path, findings: int, *, seed: int = 50000) -> Workspace:
    """A workspace in ``folder`` holding ``findings`` synthetic findings."""
    rng = random.Random(seed)
    ws = Workspace.open(folder, clock=FixedClock(datetime(2026, 11, 23, 10)))
    start = datetime(2019, 1, 1, 9)
    people = [
        {
            "id": str(uuid.uuid4()),
            "name": f"Officer {i}",
            "title": "Chief Inspector",
            "department": f"Department {i % 25}",
            "email": "",
            "created_at": start,
            "updated_at": start,
        }
        for i in range(300)
    ]
    reports = [
        {
            "id": str(uuid.uuid4()),
            "title": f"Report {i}: " + _text(rng, 4, 10),
            "published_on": (start + timedelta(days=i * 30)).date(),
            "scope": "national",
            "summary": _text(rng, 40, 120),
            "reference": "",
            "url": "",
            "created_at": start + timedelta(days=i * 30),
            "updated_at": start,
        }
        for i in range(max(1, findings // 600))
    ]
    finding_rows, log_rows, updates, steps_rows = [], [], [], []
    for n in range(findings):
        report = rng.choice(reports)
        created = report["created_at"] + timedelta(hours=rng.randint(0, 48))
        fid = str(uuid.uuid4())
        level = rng.choice([1, 2, 2, 2, 3, 3, 4, None])
        steps = rng.randint(0, 4) if level else rng.randint(0, 1)
        history = PATH[: steps + 1]
        moment = created
        row = {
            "id": fid,
            "report_id": report["id"],
            "kind": rng.choice(["recommendation"] * 6 + ["afi"] * 3 + ["coc"]),
            "reference": f"Recommendation {n % 40 + 1}",
            "text": _text(rng, 30, 140),
            "addressee": "chief constables",
            "applies_to_force": rng.random() > 0.1,
            "not_applicable_reason": "",
            "level": level,
            "status": history[-1],
            "due_on": (created + timedelta(days=rng.randint(30, 700))).date(),
            "due_immediate": False,
            "owner_id": rng.choice(people)["id"],
            "department": f"Department {n % 25}",
            "chief_officer_lead": "ACC Crime",
            "rag": rng.choice(["red", "amber", "green", None]),
            "cc_letter_ref": "",
            "closed_by": "hmicfrs" if history[-1] == "closed" else None,
            "created_at": created,
            "updated_at": created,
        }
        if row["applies_to_force"] is False:
            row["not_applicable_reason"] = "Addressed to another body"
        finding_rows.append(row)
        for field in (
            "report_id",
            "kind",
            "reference",
            "text",
            "level",
            "status",
            "applies_to_force",
            "owner_id",
        ):
            log_rows.append(_log(fid, created, "create", field, None, row[field]))
        for before, after in itertools.pairwise(history):
            moment += timedelta(days=rng.randint(10, 200))
            log_rows.append(_log(fid, moment, "status", "status", before, after))
            steps_rows.append({"fid": fid, "status": after, "at": moment})
        if rng.random() < 0.5:
            updates.append(
                {
                    "id": str(uuid.uuid4()),
                    "finding_id": fid,
                    "written_on": moment.date(),
                    "author": "Officer 1",
                    "text": _text(rng, 20, 80),
                    "created_at": moment,
                    "updated_at": moment,
                }
            )
    with ws.store.write() as session:
        session.execute(insert(PersonRecord), people)
        session.execute(insert(ReportRecord), reports)
        session.execute(insert(FindingRecord), finding_rows)
        session.execute(insert(ProgressUpdateRecord), updates)
        session.execute(insert(ChangeRecord), log_rows)
        # Status moves in time order, as UPDATEs, so the finding_state triggers see them.
        steps_rows.sort(key=lambda r: r["at"])
        session.execute(
            text(
                "UPDATE finding SET status = :status, updated_at = :at, closed_by = "
                "CASE WHEN :status = 'closed' THEN 'hmicfrs' END WHERE id = :fid"
            ),
            steps_rows,
        )
        # Triggers queued every finding for the search index; index them now, as the
        # first search after an import would.
        search.flush_queue(session.connection())
    return ws


def _log(fid: str, at: datetime, action: str, field: str, old: object, new: object) -> dict:
    enc = lambda v: None if v is None else json.dumps(v)  # noqa: E731
    return {
        "id": str(uuid.uuid4()),
        "at": at,
        "actor": "Bench",
        "entity": "finding",
        "entity_id": fid,
        "action": action,
        "field": field,
        "old_value": enc(old),
        "new_value": enc(new),
        "note": "",
    }
