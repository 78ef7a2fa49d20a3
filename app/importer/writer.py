"""Writing a confirmed preview: everything in one transaction, every change in the change log.

New people and reports, and changes to findings already recorded, go through the services'
``*_in`` methods. New findings — the bulk of a first import — are written in batches: the
same columns the FindingService writes (its codec), the same change-log rows (one per field,
action "import", the note naming file and row), after the same rules checked them in the
preview. One service call per finding took ~3 ms here, 2½ minutes for 50,000 rows.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from json.encoder import encode_basestring as _encode_str
from operator import attrgetter

from sqlalchemy import Boolean, Date, DateTime
from sqlalchemy.orm import Session

from app.domain.values import Finding, Person, Report
from app.importer.preview import Action, Preview, PreviewRow
from app.services.codec import Codec, encode
from app.workspace import Workspace
from db.records import ChangeRecord, FindingRecord, ProgressUpdateRecord
from db.triggers import register_filled_after

Progress = Callable[[int, int], None]
ACTION = "import"
BATCH = 2000
# From this many new findings the register copy is filled in one pass at the end
# (db/triggers.py register_filled_after); below it the per-row trigger costs nothing to notice.
SET_BASED_FROM = 1000


class ImportStale(Exception):
    """A finding the preview would update changed before the import was confirmed."""


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote."""

    added: int
    updated: int
    skipped: int
    in_error: int
    reports_created: int
    people_created: int
    notes_added: int

    def lines(self) -> list[str]:
        return [
            f"Imported: {self.added:,} added, {self.updated:,} updated, "
            f"{self.skipped:,} skipped, {self.in_error:,} in error (not imported).",
            f"New reports: {self.reports_created:,}; new people: {self.people_created:,}; "
            f"progress notes: {self.notes_added:,}.",
        ]


class ImportWriter:
    """Writes a preview into a workspace."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def write(self, preview: Preview, *, progress: Progress | None = None) -> ImportResult:
        """Write every row to add or update, or nothing at all if anything fails."""
        rows = [r for r in preview.rows if r.action in (Action.ADD, Action.UPDATE)]
        note = f"Imported from {preview.source_name}"
        total = len(rows) or 1
        with self.ws.store.write() as session:
            for person_id, name in preview.new_people:
                self.ws.people.create_in(
                    session, Person(name, id=person_id), note=note, action=ACTION
                )
            for new in preview.new_reports:
                report = Report(
                    new.title,
                    preview.new_report_scope,
                    published_on=new.published_on,
                    id=new.id,
                )
                self.ws.reports.create_in(session, report, note=note, action=ACTION)
            batch = _Batch(self.ws, session)
            adding = sum(1 for r in rows if r.action is Action.ADD)
            with (
                register_filled_after(session.connection())
                if adding >= SET_BASED_FROM
                else contextlib.nullcontext()
            ):
                for done, row in enumerate(rows, 1):
                    if row.action is Action.ADD:
                        batch.add(row)
                    else:
                        self._update(session, row, batch)
                    if done % BATCH == 0:
                        batch.flush()
                        if progress:
                            progress(done, total)
                batch.flush()
        if progress:
            progress(total, total)
        counts = preview.counts()
        return ImportResult(
            counts[Action.ADD],
            counts[Action.UPDATE],
            counts[Action.SKIP],
            counts[Action.ERROR],
            len(preview.new_reports),
            len(preview.new_people),
            batch.notes,
        )

    def _update(self, session: Session, row: PreviewRow, batch: _Batch) -> None:
        assert row.plan is not None and row.existing_id
        findings = self.ws.findings
        record = session.get(FindingRecord, row.existing_id)
        if (
            record is None
            or record.deleted_at is not None
            or findings.codec.to_value(record) != row.before
        ):
            raise ImportStale(
                f"row {row.number}: {row.plan.start.reference} changed since the preview; "
                "preview the file again"
            )
        findings.update_in(session, row.plan.start, note=row.note, action=ACTION)
        for step in row.plan.steps:
            findings.update_in(session, step, note=row.note, action=ACTION)
        if row.update:
            batch.note(row.existing_id, row)


_LOG_COLUMNS = (
    "id",
    "at",
    "actor",
    "entity",
    "entity_id",
    "action",
    "field",
    "old_value",
    "new_value",
    "note",
)
_NOTE_COLUMNS = (
    "id",
    "finding_id",
    "written_on",
    "author",
    "text",
    "created_at",
    "updated_at",
    "deleted_at",
)


class _Batch:
    """New findings, their notes and their change-log rows, written a few thousand at a time.

    Rows are kept as tuples already in the form SQLAlchemy's SQLite dialect stores (dates as
    ISO text, booleans 0/1) and sent straight to the driver with executemany: its per-value
    processing, ORM objects and json.dumps per log value were most of the time of a large
    import. ``_FindingColumns`` does the codec's work column by column, remembering the
    stored form and log text of the few values enum, date and yes/no columns take."""

    def __init__(self, ws: Workspace, session: Session) -> None:
        self.session = session
        self.finding = _FindingColumns(ws.findings.codec)
        self.now = _stored(ws.ctx.clock.now())
        self.today = ws.ctx.clock.today()
        self.actor = ws.ctx.actor
        self.ids = ordered_ids()
        self.columns = (*self.finding.names, "id", "created_at", "updated_at", "deleted_at")
        self.findings: list[tuple[object, ...]] = []
        self.notes_rows: list[tuple[object, ...]] = []
        self.log: list[tuple[object, ...]] = []
        self.notes = 0

    def add(self, row: PreviewRow) -> None:
        assert row.plan is not None
        ids, now, actor, note, append = self.ids, self.now, self.actor, row.note, self.log.append
        finding_id = next(ids)
        columns = self.finding
        names, text = columns.names, columns.text
        final = columns.stored(row.plan.start)
        # Created: every field with a value, as EntityService.create_in logs it.
        for i, value in enumerate(final):
            if value is not None and value != "":
                append(
                    (next(ids), now, actor, "finding", finding_id, ACTION, names[i], None,
                     text[i](value), note)
                )  # fmt: skip
        # Each status move: the fields it changed, as EntityService.update_in logs them.
        for step in row.plan.steps:
            after = columns.stored(step)
            for i, value in enumerate(after):
                old = final[i]
                if old != value:
                    append(
                        (next(ids), now, actor, "finding", finding_id, ACTION, names[i],
                         text[i](old), text[i](value), note)
                    )  # fmt: skip
            final = after
        self.findings.append((*final, finding_id, now, now, None))
        if row.update:
            self.note(finding_id, row)

    def note(self, finding_id: str, row: PreviewRow) -> None:
        note_id = next(self.ids)
        text = row.update.strip()
        written = (row.update_on or self.today).isoformat()
        self.notes_rows.append(
            (note_id, finding_id, written, self.actor, text, self.now, self.now, None)
        )
        self._log(
            "progress_update",
            note_id,
            [("finding_id", None, finding_id), ("text", None, text)],
            row.note,
        )
        self.notes += 1

    def _log(
        self, entity: str, entity_id: str, changes: list[tuple[str, object, object]], note: str
    ) -> None:
        ids, now, actor, append = self.ids, self.now, self.actor, self.log.append
        for name, old, new in changes:
            append(
                (
                    next(ids),
                    now,
                    actor,
                    entity,
                    entity_id,
                    ACTION,
                    name,
                    _json(old),
                    _json(new),
                    note,
                )
            )

    def flush(self) -> None:
        """Send what is queued; the transaction stays open."""
        self.session.flush()
        connection = self.session.connection()
        for table, names, rows in (
            (FindingRecord.__table__, self.columns, self.findings),
            (ProgressUpdateRecord.__table__, _NOTE_COLUMNS, self.notes_rows),
            (ChangeRecord.__table__, _LOG_COLUMNS, self.log),
        ):
            if rows:
                sql = (
                    f"INSERT INTO {table.name} ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' * len(names))})"
                )
                connection.exec_driver_sql(sql, rows)
                rows.clear()


class _Memo(dict):  # type: ignore[type-arg]
    """A value → converted value table that fills itself on first use."""

    def __init__(self, convert: Callable[[object], object]) -> None:
        super().__init__({None: None})
        self.convert = convert

    def __missing__(self, key: object) -> object:
        value = self[key] = self.convert(key)
        return value


class _FindingColumns:
    """A finding's column values as stored, and their change-log text, without a call per value.

    The same result as ``codec.to_columns`` then ``_stored`` (and ``codec.encode`` for the
    log): enum, date and yes/no columns, which take few distinct values, go through
    self-filling tables; text columns are stored as they are."""

    def __init__(self, codec: Codec[Finding]) -> None:
        table = FindingRecord.__table__
        self.names: tuple[str, ...] = codec.columns
        self._get = attrgetter(*self.names)
        self._convert: list[_Memo | None] = []
        self.text: list[Callable[[object], str | None]] = []
        for name in self.names:
            kind = table.c[name].type
            if isinstance(kind, Boolean):
                self._convert.append(_Memo(lambda v: _stored(bool(v))))
                self.text.append(_Memo(lambda v: _json(bool(v))).__getitem__)
            elif name in codec.enums or isinstance(kind, Date | DateTime):
                self._convert.append(
                    _Memo(lambda v: _stored(v.value if isinstance(v, Enum) else v))
                )
                self.text.append(_Memo(_json).__getitem__)
            else:
                self._convert.append(None)
                self.text.append(_text_json)

    def stored(self, value: Finding) -> tuple[object, ...]:
        """The column values of ``value`` in ``names`` order, as SQLite stores them."""
        return tuple(
            [
                v if convert is None else convert[v]
                for v, convert in zip(self._get(value), self._convert, strict=True)
            ]
        )


def _text_json(value: object) -> str | None:
    if value is None:
        return None
    return _encode_str(value) if type(value) is str else _json(value)


def _stored(value: object) -> object:
    """A value as SQLAlchemy's SQLite dialect stores it (dates as ISO text, booleans as 0/1)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _json(value: object) -> str | None:
    """``codec.encode`` for the values a finding's columns hold, without json.dumps' overhead."""
    if value is None:
        return None
    if isinstance(value, str):
        return _encode_str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return encode(value)


def ordered_ids() -> Iterator[str]:
    """Time-ordered UUIDs (version 7 layout): new rows land at the end of each index, which
    keeps a 50,000-row import's index writes local (random ids were 3–4 times slower)."""
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    head = (millis << 16) | 0x7000 | (rand >> 68 & 0x0FFF)
    variant = 0x8000 | (rand >> 54 & 0x3FFF)
    counter = rand & 0xFFFF_FFFF_FF
    hex_head = f"{head:016x}"
    prefix = f"{hex_head[:8]}-{hex_head[8:12]}-{hex_head[12:16]}-{variant:04x}-"
    while True:
        counter += 1
        yield f"{prefix}{counter & 0xFFFF_FFFF_FFFF:012x}"
