"""Shared by the snapshot tests: realistic data, a second workspace, database fingerprints."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from app.clock import FixedClock
from app.domain.enums import ClosedBy, Grade, Kind, Level, MonitoringStage, ReportScope, Status
from app.domain.values import (
    Finding,
    ForceSettings,
    Grading,
    Meeting,
    MonitoringPeriod,
    Person,
    Report,
)
from app.services.context import new_id
from app.workspace import Workspace
from db.records import AttachmentRecord, BlobRecord

LETTER = {"cc_letter_ref": "CC/2024/7", "cc_letter_on": date(2024, 2, 1)}


def file_digest(path: Path) -> str:
    """The database file and its -wal, byte for byte."""
    digest = hashlib.sha256(path.read_bytes())
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        digest.update(wal.read_bytes())
    return digest.hexdigest()


def content(path: Path, *, skip: frozenset[str] = frozenset()) -> dict[str, list[tuple]]:
    """Every row of every table (finding_state without its sequence number), sorted."""
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        out = {}
        for table in tables:
            if table in skip:
                continue
            if table == "finding_state":
                query = (
                    "SELECT finding_id, valid_from, valid_to, kind, level, status, "
                    "applies_to_force, deleted FROM finding_state"
                )
            elif table == "change_log":
                query = (
                    "SELECT id, at, actor, entity, entity_id, action, field, old_value, "
                    "new_value, note FROM change_log"
                )
            else:
                query = f'SELECT * FROM "{table}"'
            out[table] = sorted(conn.execute(query).fetchall(), key=repr)
        return out


def open_workspace(folder: Path, clock: FixedClock, actor: str) -> Workspace:
    ws = Workspace.open(folder, clock=clock)
    ws.set_actor(actor)
    return ws


def attach_evidence(ws: Workspace, finding_id: str, filename: str, data: bytes) -> str:
    """Evidence on a finding, written as the evidence feature will (blob + attachment + log)."""
    sha = hashlib.sha256(data).hexdigest()
    now = ws.ctx.clock.now()
    with ws.store.write() as session:
        if session.get(BlobRecord, sha) is None:
            session.add(BlobRecord(sha256=sha, size=len(data), data=data))
            session.flush()
        attachment = AttachmentRecord(
            id=new_id(),
            finding_id=finding_id,
            filename=filename,
            media_type="application/pdf",
            size=len(data),
            sha256=sha,
            description="",
            created_at=now,
            updated_at=now,
        )
        session.add(attachment)
        session.flush()
        ws.ctx.log(
            session,
            entity="attachment",
            entity_id=attachment.id,
            action="create",
            changes={"filename": (None, filename), "sha256": (None, sha)},
            at=now,
        )
        return attachment.id


def populate(ws: Workspace, clock: FixedClock) -> dict[str, str]:
    """A small office's worth of everything a snapshot must carry; returns useful ids."""
    clock.set(datetime(2023, 9, 1, 9))
    ws.settings.save(ForceSettings(force_name="West Midlands Police", contact_name="A. Officer"))
    ws.monitoring.create(MonitoringPeriod(MonitoringStage.ENGAGE, date(2022, 10, 1)))
    owner = ws.people.create(Person("Sam Owner", "Superintendent", "Custody"))
    report = ws.reports.create(
        Report(
            "PEEL 2023",
            ReportScope.FORCE,
            published_on=date(2023, 8, 16),
            gradings=(Grading("Investigating crime", Grade.INADEQUATE),),
        )
    )
    coc = ws.findings.create(
        Finding(report.id, Kind.COC, "Cause of concern 1", "Investigations.", level=Level.L4)
    )
    rec = ws.findings.create(
        Finding(
            report.id,
            Kind.RECOMMENDATION,
            "Recommendation 1",
            "Supervise investigations.",
            level=Level.L2,
            parent_id=coc.id,
            owner_id=owner.id,
            due_on=date(2024, 3, 31),
        )
    )
    afi = ws.findings.create(
        Finding(report.id, Kind.AFI, "AFI 1", "Call handling.", level=Level.L3)
    )
    gone = ws.findings.create(Finding(report.id, Kind.AFI, "AFI 2", "Duplicate.", level=Level.L3))
    clock.set(datetime(2023, 11, 2, 14))
    for status in (Status.IN_PROGRESS, Status.INTERNAL_REVIEW):
        ws.findings.change_status(rec.id, status)
    ws.findings.change_status(rec.id, Status.SUBMITTED, **LETTER)
    ws.findings.add_progress(rec.id, "Panel reviewed the evidence.")
    ws.findings.delete(gone.id, note="Entered twice")
    clock.set(datetime(2024, 1, 10, 11))
    ws.findings.change_status(rec.id, Status.CLOSED, closed_by=ClosedBy.HMICFRS)
    ws.findings.update(replace(ws.findings.get(afi.id), rag=None, department="Contact"))
    ws.meetings.create(Meeting(date(2023, 12, 7), "Joint Audit Committee", narrative={"p": "Hi"}))
    attachment = attach_evidence(ws, rec.id, "cc-letter.pdf", b"%PDF-1.7 letter" * 50)
    return {
        "report": report.id,
        "coc": coc.id,
        "rec": rec.id,
        "afi": afi.id,
        "gone": gone.id,
        "owner": owner.id,
        "attachment": attachment,
    }
