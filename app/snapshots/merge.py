"""Apply a merge plan to the live database in one transaction.

Their history entries, files and records the local copy lacks are added; their one-sided
changes are applied; each conflict takes the officer's choice. Every change the merge
makes, and every decision it takes, is itself written to the change log (action "merge").
The as-at projection of the findings involved is then rebuilt from the merged log, so
last quarter's figures count their work at the time it was done, not at merge time.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.snapshots import finding_state
from app.snapshots import tables as T
from app.snapshots.errors import (
    CannotMerge,
    ConflictsUnresolved,
    DamagedSnapshot,
    LocalChanged,
    NotEnoughSpace,
)
from app.snapshots.plan import MINE, THEIRS, Change, MergePlan, fingerprint
from app.snapshots.source import disk_full

STAMP = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores DateTime in SQLite
Progress = Callable[[int, int], None]


@dataclass
class MergeOutcome:
    """What a merge did (or, in a dry run, would do)."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    history_added: int = 0
    files_added: int = 0
    merge_entries: int = 0
    decisions: int = 0
    findings_reprojected: int = 0
    dry_run: bool = False


@dataclass(frozen=True)
class MergeContext:
    """Who merges, when, and the note every merge entry carries."""

    actor: str
    now: datetime
    note: str


def stamp(moment: datetime) -> str:
    """A datetime as stored text."""
    return moment.strftime(STAMP)


def apply_merge(
    conn: sqlite3.Connection,
    plan: MergePlan,
    decisions: dict[tuple[str, str, str], str],
    ctx: MergeContext,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> MergeOutcome:
    """Merge ``theirs`` into ``main``; ``decisions`` maps a conflict's key to theirs/mine."""
    missing = [c for c in plan.conflicts if decisions.get(c.key) not in (THEIRS, MINE)]
    if missing:
        raise ConflictsUnresolved(missing)
    report = progress or (lambda _d, _t: None)
    outcome = MergeOutcome(dry_run=dry_run)
    conn.execute("BEGIN IMMEDIATE")
    try:
        if fingerprint(conn) != plan.fingerprint:
            raise LocalChanged(
                "the local database changed after the snapshot was inspected; inspect it again"
            )
        conn.execute("PRAGMA defer_foreign_keys = ON")
        writer = _Writer(conn, plan, decisions, ctx, outcome)
        writer.history()
        report(1, 6)
        writer.files()
        report(2, 6)
        writer.added_records()
        report(3, 6)
        writer.changes()
        report(4, 6)
        writer.reproject()
        report(5, 6)
        if dry_run:
            _check_references(conn)
            conn.execute("ROLLBACK")
        else:
            try:  # deferred foreign keys are checked here, by SQLite, in one go
                conn.execute("COMMIT")
            except sqlite3.IntegrityError:
                _check_references(conn)
                raise
        report(6, 6)
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if disk_full(exc):
            raise NotEnoughSpace(
                "the disk became full during the merge; nothing was changed"
            ) from exc
        raise
    return outcome


class _Writer:
    def __init__(
        self,
        conn: sqlite3.Connection,
        plan: MergePlan,
        decisions: dict[tuple[str, str, str], str],
        ctx: MergeContext,
        outcome: MergeOutcome,
    ) -> None:
        self.conn = conn
        self.plan = plan
        self.decisions = decisions
        self.ctx = ctx
        self.outcome = outcome
        self.now = stamp(ctx.now)
        self.entries: list[tuple[object, ...]] = []
        self.findings: set[str] = {i for e, i in plan.touched_by_them if e == "finding"}
        self.types = {
            table: {c.name: c.type for c in T.columns(conn, table)}
            for table in plan.record_tables + plan.keyed_tables
        }

    # --- history and files -----------------------------------------------------------
    def history(self) -> None:
        cols = "id, at, actor, entity, entity_id, action, field, old_value, new_value, note"
        cursor = self.conn.execute(
            f"INSERT INTO main.change_log ({cols}) SELECT {cols} FROM theirs.change_log "
            "WHERE seq IN (SELECT seq FROM temp.ld_own_theirs) ORDER BY seq"
        )
        self.outcome.history_added = cursor.rowcount

    def files(self) -> None:
        rows = self.conn.execute(
            "SELECT sha256, size, data FROM theirs.blob "
            "WHERE sha256 NOT IN (SELECT sha256 FROM main.blob)"
        )
        added = 0
        for sha, size, data in rows:
            if hashlib.sha256(data).hexdigest() != sha or len(data) != size:
                raise DamagedSnapshot("an evidence file in it is damaged (its checksum differs)")
            self.conn.execute(
                "INSERT INTO main.blob (sha256, size, data) VALUES (?, ?, ?)", (sha, size, data)
            )
            added += 1
        self.outcome.files_added = added

    # --- records the local copy lacks ------------------------------------------------
    def added_records(self) -> None:
        for child, (parent, fk, _pseudo) in T.CHILD_SETS.items():
            if parent in self.plan.record_tables:
                cols = _column_list(self.conn, child)
                self.conn.execute(
                    f'INSERT INTO main."{child}" ({cols}) SELECT {cols} FROM theirs."{child}" '
                    f'WHERE "{fk}" IN (SELECT k FROM temp."ld_added_theirs_{parent}")'
                )
        for table in self.plan.record_tables:
            self._add_missing(table, "id")
        for table in self.plan.keyed_tables:
            key = next(c.name for c in T.columns(self.conn, table) if c.pk)
            self._add_missing(table, key)

    def _add_missing(self, table: str, key: str) -> None:
        added = f'temp."ld_added_theirs_{table}"'
        ids = [row[0] for row in self.conn.execute(f"SELECT k FROM {added}")]
        if not ids:
            return
        cols = _column_list(self.conn, table)
        self.conn.execute(
            f'INSERT INTO main."{table}" ({cols}) SELECT {cols} FROM theirs."{table}" '
            f'WHERE "{key}" IN (SELECT k FROM {added})'
        )
        self.outcome.added[table] = len(ids)
        if table == "finding":
            self.findings.update(ids)
        note = f"{self.ctx.note}: added"
        self._log_many((table, i, "id", None, i, note) for i in ids)

    # --- field changes ---------------------------------------------------------------
    def changes(self) -> None:
        by_record: dict[tuple[str, str], list[Change]] = defaultdict(list)
        for change in self.plan.changes:
            by_record[(change.entity, change.record_id)].append(change)
        for (entity, record_id), changes in by_record.items():
            moment = self._moment(entity, record_id)
            values: dict[str, object] = {}
            for change in changes:
                choice = change.side if not change.conflict else self.decisions[change.key]
                if change.conflict:
                    self.outcome.decisions += 1
                if choice == MINE and not change.conflict:
                    continue
                if choice == THEIRS:
                    values[change.field] = change.theirs
                    old, new = change.mine, change.theirs
                else:
                    old, new = change.theirs, change.mine
                note = f"{self.ctx.note}; {_why(change, choice)}"
                self._log(entity, record_id, change.field, old, new, note, moment)
            if values:
                self._write(entity, record_id, values, moment)

    def _write(self, entity: str, record_id: str, values: dict[str, object], moment: str) -> None:
        pseudo = {
            name: (child, fk)
            for child, (parent, fk, name) in T.CHILD_SETS.items()
            if parent == entity
        }
        columns = {k: v for k, v in values.items() if k not in pseudo}
        for name in values.keys() & pseudo.keys():
            child, fk = pseudo[name]
            cols = _column_list(self.conn, child)
            self.conn.execute(f'DELETE FROM main."{child}" WHERE "{fk}" = ?', (record_id,))
            self.conn.execute(
                f'INSERT INTO main."{child}" ({cols}) SELECT {cols} FROM theirs."{child}" '
                f'WHERE "{fk}" = ?',
                (record_id,),
            )
        if entity in self.plan.keyed_tables:
            key = next(c.name for c in T.columns(self.conn, entity) if c.pk)
            sets = ", ".join(f'"{k}" = ?' for k in columns)
            self.conn.execute(
                f'UPDATE main."{entity}" SET {sets} WHERE "{key}" = ?',
                (*columns.values(), record_id),
            )
        else:
            columns["updated_at"] = moment
            sets = ", ".join(f'"{k}" = ?' for k in columns)
            self.conn.execute(
                f'UPDATE main."{entity}" SET {sets} WHERE id = ?', (*columns.values(), record_id)
            )
        self.outcome.updated[entity] = self.outcome.updated.get(entity, 0) + 1
        if entity == "finding":
            self.findings.add(record_id)

    def _moment(self, entity: str, record_id: str) -> str:
        """Now, or just after the latest entry for the record if a clock ran ahead."""
        latest = self.plan.last_seen.get((entity, record_id))
        if latest is None or latest <= self.now:
            return self.now
        return stamp(datetime.strptime(latest, STAMP) + timedelta(microseconds=1))

    # --- the change log --------------------------------------------------------------
    def _log(
        self, entity: str, record_id: str, fld: str, old: object, new: object, note: str, at: str
    ) -> None:
        kinds = self.types.get(entity, {})
        self.entries.append(
            (
                str(uuid.uuid4()),
                at,
                self.ctx.actor,
                entity,
                record_id,
                "merge",
                fld,
                _encode(old, kinds.get(fld, "")),
                _encode(new, kinds.get(fld, "")),
                note,
            )
        )

    def _log_many(self, items: object) -> None:
        for entity, record_id, fld, old, new, note in items:  # type: ignore[attr-defined]
            self._log(entity, record_id, fld, old, new, note, self._moment(entity, record_id))

    def reproject(self) -> None:
        self.conn.executemany(
            "INSERT INTO main.change_log (id, at, actor, entity, entity_id, action, field, "
            "old_value, new_value, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self.entries,
        )
        self.outcome.merge_entries = len(self.entries)
        ids = sorted(self.findings)
        if ids:
            finding_state.rebuild(self.conn, ids)
            _match_current_records(self.conn, self.now)
        self.outcome.findings_reprojected = len(ids)


def _check_references(conn: sqlite3.Connection) -> None:
    broken = conn.execute("PRAGMA main.foreign_key_check").fetchall()
    if broken:
        raise CannotMerge(
            f"the merged data would refer to missing records (in {broken[0][0]}); "
            "nothing was changed"
        )


def _match_current_records(conn: sqlite3.Connection, now: str) -> None:
    """Safety net: the open period of each rebuilt finding must be its current state.

    A history written outside the services (or clocks far apart) could leave the replay
    short of the record; the record is the truth for figures from now on.
    """
    rows = conn.execute(
        "SELECT f.id, f.created_at, f.kind, f.level, f.status, f.applies_to_force, "
        "f.deleted_at IS NOT NULL, s.seq, s.kind, s.level, s.status, s.applies_to_force, "
        "s.deleted FROM main.finding f LEFT JOIN main.finding_state s "
        "ON s.finding_id = f.id AND s.valid_to IS NULL "
        "WHERE f.id IN (SELECT id FROM temp.ld_rebuild_ids)"
    ).fetchall()
    insert = (
        "INSERT INTO main.finding_state (finding_id, valid_from, valid_to, kind, level, status, "
        "applies_to_force, deleted) VALUES (?, ?, NULL, ?, ?, ?, ?, ?)"
    )
    for fid, created, *actual_and_state in rows:
        actual, seq, state = actual_and_state[:5], actual_and_state[5], actual_and_state[6:]
        actual = [*actual[:3], int(bool(actual[3])), int(bool(actual[4]))]
        if seq is None:
            conn.execute(insert, (fid, created, *actual))
        elif list(state) != actual:
            conn.execute("UPDATE main.finding_state SET valid_to = ? WHERE seq = ?", (now, seq))
            conn.execute(insert, (fid, now, *actual))


def _column_list(conn: sqlite3.Connection, table: str) -> str:
    return ", ".join(f'"{c.name}"' for c in T.columns(conn, table))


def _encode(value: object, ctype: str) -> str | None:
    """A stored column value as change-log text, the way the services write it."""
    if value is None:
        return None
    if ctype == "BOOLEAN" and isinstance(value, int):
        value = bool(value)
    elif ctype == "DATETIME" and isinstance(value, str):
        value = value.replace(" ", "T")
    return json.dumps(value, ensure_ascii=False)


def _why(change: Change, choice: str) -> str:
    if not change.conflict:
        who = change.theirs_by
        by = f" by {who[0]} on {who[1][:10]}" if who and who[0] else ""
        return f"changed in the snapshot{by}"
    if choice == THEIRS:
        return "merge conflict: kept the snapshot's value"
    return "merge conflict: kept this database's value"
