"""Every paper produced, kept with its meeting: the file (by SHA-256) and the figures it showed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from app.domain.errors import NotFound
from app.services.context import ServiceContext, new_id
from db.records import BlobRecord, PaperRecord


@dataclass(frozen=True, slots=True)
class ArchivedPaper:
    """A paper as produced for a meeting."""

    id: str
    meeting_id: str
    format: str
    filename: str
    sha256: str
    size: int
    produced_at: datetime  # naive UTC, like every stored time
    produced_by: str
    figures: dict[str, Any]


class PaperArchive:
    """Stores produced papers and gives them back; storing is logged like any change."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def store(
        self, meeting_id: str, fmt: str, filename: str, data: bytes, figures: dict[str, Any]
    ) -> ArchivedPaper:
        """Keep ``data`` (once per content) and a paper row pointing at it."""
        digest = hashlib.sha256(data).hexdigest()
        now = self.ctx.clock.now()
        figures_text = json.dumps(figures, ensure_ascii=False, sort_keys=True)
        with self.ctx.store.write() as session:
            if session.get(BlobRecord, digest) is None:
                session.add(BlobRecord(sha256=digest, size=len(data), data=data))
            record = PaperRecord(
                id=new_id(),
                meeting_id=meeting_id,
                format=fmt,
                filename=filename,
                sha256=digest,
                figures=figures_text,
                produced_by=self.ctx.actor,
                created_at=now,
                updated_at=now,
            )
            session.add(record)
            self.ctx.log(
                session,
                entity="paper",
                entity_id=record.id,
                action="create",
                changes={
                    "meeting_id": (None, meeting_id),
                    "format": (None, fmt),
                    "filename": (None, filename),
                    "sha256": (None, digest),
                },
            )
        return ArchivedPaper(
            record.id, meeting_id, fmt, filename, digest, len(data), now, self.ctx.actor, figures
        )

    def for_meeting(self, meeting_id: str) -> list[ArchivedPaper]:
        """The papers produced for a meeting, newest first."""
        with self.ctx.store.read() as session:
            rows = session.execute(
                select(PaperRecord, BlobRecord.size)
                .join(BlobRecord, BlobRecord.sha256 == PaperRecord.sha256)
                .where(PaperRecord.meeting_id == meeting_id, PaperRecord.deleted_at.is_(None))
                .order_by(PaperRecord.created_at.desc(), PaperRecord.id)
            )
            return [_value(record, size) for record, size in rows]

    def counts(self) -> dict[str, int]:
        """How many papers each meeting has had produced."""
        with self.ctx.store.read() as session:
            rows = session.execute(
                select(PaperRecord.meeting_id, func.count())
                .where(PaperRecord.deleted_at.is_(None))
                .group_by(PaperRecord.meeting_id)
            )
            return {meeting_id: n for meeting_id, n in rows}

    def latest(self, meeting_id: str) -> ArchivedPaper | None:
        """The last paper produced for a meeting, in any format."""
        papers = self.for_meeting(meeting_id)
        return papers[0] if papers else None

    def content(self, paper_id: str) -> bytes:
        """The file exactly as it was produced."""
        with self.ctx.store.read() as session:
            record = session.get(PaperRecord, paper_id)
            if record is None:
                raise NotFound("paper", paper_id)
            blob = session.get(BlobRecord, record.sha256)
            if blob is None:  # the foreign key makes this impossible short of corruption
                raise NotFound("blob", record.sha256)
            return bytes(blob.data)


def _value(record: PaperRecord, size: int) -> ArchivedPaper:
    return ArchivedPaper(
        record.id,
        record.meeting_id,
        record.format,
        record.filename,
        record.sha256,
        size,
        record.created_at,
        record.produced_by,
        json.loads(record.figures or "{}"),
    )
