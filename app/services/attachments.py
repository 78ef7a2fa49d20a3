"""Evidence attached to findings: files kept inside the database, by content, size-limited."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError, NotFound
from app.field_labels import file_size
from app.services.context import ServiceContext, new_id
from db.records import AttachmentRecord, BlobRecord, ChangeRecord, FindingRecord

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024

# Opening these would run them (or mount something that can): the app never does.
EXECUTABLE_SUFFIXES = frozenset(
    """
    .exe .bat .cmd .com .js .jse .vbs .vbe .ps1 .psm1 .psd1 .msi .msp .mst .scr .lnk .hta
    .jar .wsf .wsh .ws .wsc .sct .cpl .pif .reg .dll .sys .ocx .vb .inf .msc .gadget
    .application .appref-ms .url .chm .sh .bash .command .app .desktop .py .pyw .pl .rb
    .iso .img .vhd .vhdx .appx .msix .xll .scf
    """.split()  # noqa: SIM905 (a block of words reads better than 55 quoted lines)
)
# A file with no suffix is opened by what it contains: refuse one that starts like a program.
_PROGRAM_HEADERS = (b"MZ", b"\x7fELF", b"#!", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")


class AttachmentTooLarge(DomainError):
    """A file over the size limit."""


class AttachmentRefused(DomainError):
    """A file the app will not open because opening it would run it."""


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file attached to a finding as evidence."""

    finding_id: str
    filename: str
    size: int
    sha256: str
    media_type: str = "application/octet-stream"
    description: str = ""
    added_at: datetime | None = None
    added_by: str = ""
    id: str = ""

    @property
    def size_text(self) -> str:
        return file_size(self.size)

    @property
    def can_open(self) -> bool:
        return not is_executable_name(self.filename)


def is_executable_name(filename: str) -> bool:
    """True when the system would run a file with this name rather than show it."""
    suffixes = [s.lower() for s in Path(filename.strip().rstrip(". ")).suffixes]
    return bool(suffixes) and suffixes[-1] in EXECUTABLE_SUFFIXES


def too_large_message(filename: str, size: int) -> str:
    """What to tell a person whose file is over the limit."""
    return (
        f"“{filename}” is {file_size(size)}; evidence files can be at most "
        f"{file_size(MAX_ATTACHMENT_BYTES)} each. Attach a smaller copy (for example a PDF "
        "of the pages that matter)."
    )


class AttachmentService:
    """Attach, list, read, open safely, remove and restore evidence files."""

    entity = "attachment"

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- adding ---------------------------------------------------------------------------
    def add_file(self, finding_id: str, path: Path, *, description: str = "") -> Attachment:
        """Attach the file at ``path``; refused, unread, when it is over the size limit."""
        size = path.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise AttachmentTooLarge("file", too_large_message(path.name, size))
        return self.add_bytes(finding_id, path.name, path.read_bytes(), description=description)

    def add_bytes(
        self, finding_id: str, filename: str, data: bytes, *, description: str = ""
    ) -> Attachment:
        """Attach ``data`` under ``filename``; the content is stored once, by its SHA-256."""
        filename = Path(filename.replace("\\", "/")).name.strip()
        if not filename:
            raise DomainError("file", "the file needs a name")
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise AttachmentTooLarge("file", too_large_message(filename, len(data)))
        digest = hashlib.sha256(data).hexdigest()
        media_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        now = self.ctx.clock.now()
        record_id = new_id()
        with self.ctx.store.write() as session:
            finding = session.get(FindingRecord, finding_id)
            if finding is None or finding.deleted_at is not None:
                raise NotFound("finding", finding_id)
            if session.get(BlobRecord, digest) is None:
                session.add(BlobRecord(sha256=digest, size=len(data), data=data))
                session.flush()  # the blob first: no ORM relationship orders the inserts
            session.add(
                AttachmentRecord(
                    id=record_id,
                    finding_id=finding_id,
                    filename=filename[:300],
                    media_type=media_type,
                    size=len(data),
                    sha256=digest,
                    description=description.strip(),
                    created_at=now,
                    updated_at=now,
                )
            )
            self.ctx.log(
                session,
                entity=self.entity,
                entity_id=record_id,
                action="create",
                changes={
                    "finding_id": (None, finding_id),
                    "filename": (None, filename),
                    "size": (None, len(data)),
                    "sha256": (None, digest),
                    **({"description": (None, description.strip())} if description else {}),
                },
            )
        return self.get(record_id)

    # --- reading --------------------------------------------------------------------------
    def get(self, attachment_id: str) -> Attachment:
        """One attachment (removed ones included)."""
        with self.ctx.store.read() as session:
            record = session.get(AttachmentRecord, attachment_id)
            if record is None:
                raise NotFound(self.entity, attachment_id)
            return self._value(record, self._authors(session, [attachment_id]))

    def for_finding(self, finding_id: str) -> list[Attachment]:
        """The finding's evidence, oldest first."""
        with self.ctx.store.read() as session:
            records = list(
                session.scalars(
                    select(AttachmentRecord)
                    .where(
                        AttachmentRecord.finding_id == finding_id,
                        AttachmentRecord.deleted_at.is_(None),
                    )
                    .order_by(AttachmentRecord.created_at, AttachmentRecord.filename)
                )
            )
            authors = self._authors(session, [r.id for r in records])
            return [self._value(r, authors) for r in records]

    def content(self, attachment_id: str) -> bytes:
        """The file's bytes, exactly as attached."""
        with self.ctx.store.read() as session:
            record = session.get(AttachmentRecord, attachment_id)
            if record is None:
                raise NotFound(self.entity, attachment_id)
            blob = session.get(BlobRecord, record.sha256)
            assert blob is not None  # the foreign key guarantees it
            return bytes(blob.data)

    def save_copy(self, attachment_id: str, target: Path) -> Path:
        """Write the file out (any type may be saved; saving runs nothing)."""
        data = self.content(attachment_id)
        temp = target.with_name(f".{target.name}.{new_id()[:8]}.part")
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        return target

    def copy_for_viewing(self, attachment_id: str, folder: Path | None = None) -> Path:
        """A read-only temporary copy for the system viewer; refuses anything it would run."""
        attachment = self.get(attachment_id)
        if not attachment.can_open:
            raise AttachmentRefused("file", refusal_message(attachment.filename))
        data = self.content(attachment_id)
        if not Path(attachment.filename).suffix and data.startswith(_PROGRAM_HEADERS):
            raise AttachmentRefused("file", refusal_message(attachment.filename, program=True))
        base = folder or Path(tempfile.mkdtemp(prefix="liaison-desk-evidence-"))
        target = base / attachment.filename
        target.write_bytes(data)
        # Read-only: an edit made in the viewer must not look as if it were saved here.
        target.chmod(stat.S_IRUSR | stat.S_IRGRP)
        return target

    # --- removing -------------------------------------------------------------------------
    def remove(self, attachment_id: str, *, note: str = "") -> None:
        """Take the file off the finding (kept, and restorable, in the database)."""
        self._set_removed(attachment_id, removed=True, note=note)

    def restore(self, attachment_id: str, *, note: str = "") -> None:
        """Put a removed file back on its finding."""
        self._set_removed(attachment_id, removed=False, note=note)

    def _set_removed(self, attachment_id: str, *, removed: bool, note: str) -> None:
        with self.ctx.store.write() as session:
            record = session.get(AttachmentRecord, attachment_id)
            if record is None:
                raise NotFound(self.entity, attachment_id)
            if (record.deleted_at is not None) == removed:
                return
            before = record.deleted_at
            record.deleted_at = self.ctx.clock.now() if removed else None
            record.updated_at = self.ctx.clock.now()
            self.ctx.log(
                session,
                entity=self.entity,
                entity_id=attachment_id,
                action="delete" if removed else "restore",
                changes={"deleted_at": (before, record.deleted_at)},
                note=note or record.filename,
            )

    # --- helpers --------------------------------------------------------------------------
    def _authors(self, session: Session, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        rows = session.execute(
            select(ChangeRecord.entity_id, ChangeRecord.actor).where(
                ChangeRecord.entity_id.in_(ids), ChangeRecord.action == "create"
            )
        )
        return {entity_id: actor for entity_id, actor in rows}

    def _value(self, record: AttachmentRecord, authors: dict[str, str]) -> Attachment:
        return Attachment(
            finding_id=record.finding_id,
            filename=record.filename,
            size=record.size,
            sha256=record.sha256,
            media_type=record.media_type,
            description=record.description,
            added_at=record.created_at,
            added_by=authors.get(record.id, ""),
            id=record.id,
        )


def refusal_message(filename: str, *, program: bool = False) -> str:
    """Why Liaison Desk will not open a file, and what the person can do instead."""
    what = "is a program" if program else "is a type of file that runs when opened"
    return (
        f"“{filename}” {what}, so Liaison Desk will not open it. Use “Save a copy…” "
        "if you need the file itself, and check it before opening it."
    )
