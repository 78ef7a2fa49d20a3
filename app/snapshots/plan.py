"""How a snapshot differs from the local database, record by record and field by field.

Records are matched by their UUID. Who changed a field is read from the change log, which
both copies carry: entries (by their own UUID) found in only one copy are that side's work
since the copies parted. A field that differs and was changed on one side only takes that
side's value; changed on both sides (or on neither, so nobody can say) it is a conflict
for the officer. A record deleted on one side and worked on in the other is a conflict too.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from app.domain.enums import Grade
from app.snapshots import tables as T
from app.snapshots.errors import CannotMerge

THEIRS, MINE, BOTH, UNKNOWN = "theirs", "mine", "both", "unknown"
SKIP_COMPARE = frozenset({"id", "created_at", "updated_at"})
Who = tuple[str, str]  # actor, at (stored text)


@dataclass(frozen=True)
class Change:
    """One field of one record that differs between the two copies."""

    entity: str
    record_id: str
    record: str
    field: str
    mine: object
    theirs: object
    side: str
    mine_by: Who | None = None
    theirs_by: Who | None = None
    refers_to: str | None = None  # the table an id field points at

    @property
    def conflict(self) -> bool:
        return self.side in (BOTH, UNKNOWN)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.entity, self.record_id, self.field)


@dataclass
class EntityDiff:
    """What differs for one kind of record."""

    entity: str
    label: str
    in_snapshot: int = 0
    here: int = 0
    added_theirs: int = 0
    added_mine: int = 0
    changed_theirs: int = 0
    changed_mine: int = 0
    deleted_theirs: int = 0
    deleted_mine: int = 0
    conflicts: int = 0

    @property
    def differs(self) -> bool:
        counts = (self.added_theirs, self.added_mine, self.changed_theirs, self.changed_mine)
        return any(counts) or any((self.deleted_theirs, self.deleted_mine, self.conflicts))


@dataclass
class MergePlan:
    """Everything a merge would do, before it does any of it."""

    entities: list[EntityDiff]
    changes: list[Change]
    their_history: int
    my_history: int
    new_files: int
    fingerprint: tuple[object, ...]
    record_tables: list[str] = field(default_factory=list)
    keyed_tables: list[str] = field(default_factory=list)
    last_seen: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    touched_by_them: set[tuple[str, str]] = field(default_factory=set, repr=False)

    @property
    def conflicts(self) -> list[Change]:
        return [c for c in self.changes if c.conflict]

    @property
    def identical(self) -> bool:
        return not (
            self.changes or self.their_history or self.my_history or self.new_files
        ) and not any(e.differs for e in self.entities)


def fingerprint(conn: sqlite3.Connection) -> tuple[object, ...]:
    """Changes whenever the local database is written through the services."""
    return tuple(conn.execute("SELECT max(seq), count(*) FROM main.change_log").fetchone())


def make_plan(
    conn: sqlite3.Connection, progress: Callable[[int, int], None] | None = None
) -> MergePlan:
    """Compare ``main`` (local) with ``theirs`` (the vetted snapshot copy)."""
    planner = _Planner(conn)
    return planner.run(progress or (lambda _d, _t: None))


class _Planner:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # (entity, id) -> field -> latest (actor, at), from each side's own log entries
        self.their_last: dict[tuple[str, str], dict[str, Who]] = defaultdict(dict)
        self.my_last: dict[tuple[str, str], dict[str, Who]] = defaultdict(dict)
        # (entity, id) -> latest work of any kind (own entries, or children added)
        self.their_touch: dict[tuple[str, str], Who] = {}
        self.my_touch: dict[tuple[str, str], Who] = {}
        self.their_children: dict[tuple[str, str], Who] = {}
        self.shared = 0
        self.my_children: dict[tuple[str, str], Who] = {}

    def run(self, progress: Callable[[int, int], None]) -> MergePlan:
        conn = self.conn
        names = T.user_tables(conn, "main")
        steps = len(names) + 3
        self._shared_ids(names)
        self._added(names)
        their_history, my_history = self._unique_history()
        progress(2, steps)
        self._child_touches(names)
        progress(3, steps)
        entities: list[EntityDiff] = []
        changes: list[Change] = []
        record_tables, keyed_tables = [], []
        new_files = 0
        for i, table in enumerate(names, start=4):
            cols = T.columns(conn, table)
            if table == T.LOG:
                pass
            elif table == T.BLOB:
                new_files = self._count_only_in("theirs", "main", table, "sha256")
            elif table in T.CHILD_SETS:
                pass  # compared as their parent's field (below)
            elif T.is_record_table(cols):
                record_tables.append(table)
                diff, found = self._records(table, cols)
                entities.append(diff)
                changes += found
            elif sum(c.pk for c in cols) == 1:
                keyed_tables.append(table)
                diff, found = self._keyed(table, cols)
                entities.append(diff)
                changes += found
            else:
                raise CannotMerge(f"this version cannot merge the table {table}")
            progress(i, steps)
        for child, (parent, fk, pseudo) in T.CHILD_SETS.items():
            if child in names and parent in record_tables:
                changes += self._child_sets(child, parent, fk, pseudo)
        for diff in entities:
            _count_changes(diff, [c for c in changes if c.entity == diff.entity])
        last_seen: dict[tuple[str, str], str] = {}
        for key, (_actor, at) in list(self.their_touch.items()) + list(self.my_touch.items()):
            if at and at > last_seen.get(key, ""):
                last_seen[key] = at
        return MergePlan(
            entities=entities,
            changes=changes,
            their_history=their_history,
            my_history=my_history,
            new_files=new_files,
            fingerprint=fingerprint(conn),
            record_tables=record_tables,
            keyed_tables=keyed_tables,
            last_seen=last_seen,
            touched_by_them=set(self.their_touch),
        )

    # --- the change log --------------------------------------------------------------
    def _shared_ids(self, names: list[str]) -> None:
        """The ids of records both copies hold: only their history needs reading closely."""
        conn = self.conn
        conn.execute("DROP TABLE IF EXISTS temp.ld_shared")
        conn.execute("CREATE TEMP TABLE ld_shared (id TEXT PRIMARY KEY) WITHOUT ROWID")
        for table in names:
            if table in (T.LOG, T.BLOB) or table in T.CHILD_SETS:
                continue
            keys = [c.name for c in T.columns(conn, table) if c.pk]
            if len(keys) != 1:
                continue
            key = keys[0]
            conn.execute(
                f'INSERT OR IGNORE INTO temp.ld_shared SELECT m."{key}" FROM main."{table}" m '
                f'WHERE m."{key}" IN (SELECT "{key}" FROM theirs."{table}")'
            )
        self.shared = conn.execute("SELECT count(*) FROM temp.ld_shared").fetchone()[0]

    def _unique_history(self) -> tuple[int, int]:
        """Count each side's own history; note who last changed what on shared records."""
        conn = self.conn
        counts = []
        for ours, other, last, touch in (
            ("theirs", "main", self.their_last, self.their_touch),
            ("main", "theirs", self.my_last, self.my_touch),
        ):
            own = f"ld_own_{ours}"
            conn.execute(f"DROP TABLE IF EXISTS temp.{own}")
            conn.execute(
                f"CREATE TEMP TABLE {own} AS SELECT seq FROM {ours}.change_log "
                f"WHERE id NOT IN (SELECT id FROM {other}.change_log)"
            )
            counts.append(conn.execute(f"SELECT count(*) FROM temp.{own}").fetchone()[0])
            # Drive the lookup from the smaller set (CROSS JOIN fixes SQLite's loop order).
            if counts[-1] <= self.shared:
                source = (
                    f"temp.{own} o CROSS JOIN {ours}.change_log c ON c.seq = o.seq "
                    "WHERE c.entity_id IN (SELECT id FROM temp.ld_shared)"
                )
            else:
                source = (
                    f"temp.ld_shared s CROSS JOIN {ours}.change_log c ON c.entity_id = s.id "
                    f"WHERE c.seq IN (SELECT seq FROM temp.{own})"
                )
            rows = conn.execute(
                f"SELECT c.entity, c.entity_id, c.field, c.actor, max(c.at) FROM {source} "
                "GROUP BY c.entity, c.entity_id, c.field"
            )
            for entity, entity_id, fld, actor, at in rows:
                last[(entity, entity_id)][fld] = (actor, at)
                seen = touch.get((entity, entity_id))
                if seen is None or at > seen[1]:
                    touch[(entity, entity_id)] = (actor, at)
        return counts[0], counts[1]

    def _added(self, names: list[str]) -> None:
        """Per table and side, the keys of records only that side holds (temp tables)."""
        for table in names:
            if table in (T.LOG, T.BLOB):
                continue
            keys = [c.name for c in T.columns(self.conn, table) if c.pk]
            if len(keys) != 1:
                continue
            for side, other in (("theirs", "main"), ("main", "theirs")):
                name = f'temp."ld_added_{side}_{table}"'
                self.conn.execute(f"DROP TABLE IF EXISTS {name}")
                self.conn.execute(
                    f'CREATE TEMP TABLE "ld_added_{side}_{table}" AS SELECT "{keys[0]}" AS k '
                    f'FROM {side}."{table}" WHERE "{keys[0]}" NOT IN '
                    f'(SELECT "{keys[0]}" FROM {other}."{table}")'
                )

    def _count_added(self, side: str, table: str) -> int:
        return self.conn.execute(f'SELECT count(*) FROM temp."ld_added_{side}_{table}"').fetchone()[
            0
        ]

    def _child_touches(self, names: list[str]) -> None:
        """A record added under a parent on one side counts as work on that parent."""
        if not self.shared:
            return
        for child in names:
            cols = T.columns(self.conn, child)
            if not T.is_record_table(cols):
                continue
            for fk in self.conn.execute(f'PRAGMA main.foreign_key_list("{child}")'):
                parent, column = fk[2], fk[3]
                for side, touch in (("theirs", self.their_children), ("main", self.my_children)):
                    rows = self.conn.execute(
                        f'SELECT "{column}", max(created_at) FROM {side}."{child}" '
                        f'WHERE id IN (SELECT k FROM temp."ld_added_{side}_{child}") '
                        f'AND "{column}" IN (SELECT id FROM temp.ld_shared) GROUP BY "{column}"'
                    )
                    for parent_id, at in rows:
                        touch.setdefault((parent, parent_id), ("", at))

    # --- records ---------------------------------------------------------------------
    def _count_only_in(self, side: str, other: str, table: str, key: str) -> int:
        return self.conn.execute(
            f'SELECT count(*) FROM {side}."{table}" '
            f'WHERE "{key}" NOT IN (SELECT "{key}" FROM {other}."{table}")'
        ).fetchone()[0]

    def _records(self, table: str, cols: list[T.Column]) -> tuple[EntityDiff, list[Change]]:
        conn = self.conn
        diff = EntityDiff(table, T.label(table))
        for side, attr in (("theirs", "in_snapshot"), ("main", "here")):
            n = conn.execute(
                f'SELECT count(*) FROM {side}."{table}" WHERE deleted_at IS NULL'
            ).fetchone()[0]
            setattr(diff, attr, n)
        diff.added_theirs = self._count_added("theirs", table)
        diff.added_mine = self._count_added("main", table)
        compared = [c.name for c in cols if c.name not in SKIP_COMPARE]
        select = ", ".join(f'm."{c}", t."{c}"' for c in compared)
        where = " OR ".join(f'm."{c}" IS NOT t."{c}"' for c in compared)
        rows = conn.execute(
            f'SELECT m.id, {select} FROM main."{table}" m JOIN theirs."{table}" t '
            f"ON t.id = m.id WHERE {where}"
        ).fetchall()
        name_of = T.namer(conn, table, "main")
        refers = {fk[3]: fk[2] for fk in conn.execute(f'PRAGMA main.foreign_key_list("{table}")')}
        found: list[Change] = []
        for row in rows:
            record_id = row[0]
            record = name_of(record_id)
            mine_fields = []
            for i, column in enumerate(compared):
                mine, theirs = row[1 + 2 * i], row[2 + 2 * i]
                if mine == theirs:
                    continue
                change = self._change(table, record_id, record, column, mine, theirs)
                if column in refers:
                    change = Change(**{**change.__dict__, "refers_to": refers[column]})
                mine_fields.append(change)
            found += self._deleted_versus_edited(table, record_id, mine_fields)
        return diff, found

    def _change(
        self, table: str, record_id: str, record: str, column: str, mine: object, theirs: object
    ) -> Change:
        theirs_by = self.their_last.get((table, record_id), {}).get(column)
        mine_by = self.my_last.get((table, record_id), {}).get(column)
        side = _side(theirs_by, mine_by)
        return Change(table, record_id, record, column, mine, theirs, side, mine_by, theirs_by)

    def _deleted_versus_edited(
        self, table: str, record_id: str, found: list[Change]
    ) -> list[Change]:
        out = []
        for change in found:
            if change.field == "deleted_at" and change.side in (THEIRS, MINE):
                deleter_is_them = change.side == THEIRS and change.theirs is not None
                deleter_is_me = change.side == MINE and change.mine is not None
                other = self._other_work(table, record_id, mine_side=deleter_is_them)
                if (deleter_is_them or deleter_is_me) and other is not None:
                    who = {"mine_by": other} if deleter_is_them else {"theirs_by": other}
                    change = Change(
                        **{**change.__dict__, "side": BOTH, **who}  # type: ignore[arg-type]
                    )
            out.append(change)
        return out

    def _other_work(self, table: str, record_id: str, *, mine_side: bool) -> Who | None:
        """The latest work on a record by the side that did not delete it, if any."""
        last = (self.my_last if mine_side else self.their_last).get((table, record_id), {})
        work = [who for fld, who in last.items() if fld != "deleted_at"]
        children = self.my_children if mine_side else self.their_children
        if (table, record_id) in children:
            work.append(children[(table, record_id)])
        return max(work, key=lambda w: w[1] or "") if work else None

    # --- keyed tables (settings) -----------------------------------------------------
    def _keyed(self, table: str, cols: list[T.Column]) -> tuple[EntityDiff, list[Change]]:
        conn = self.conn
        key = next(c.name for c in cols if c.pk)
        values = [c.name for c in cols if not c.pk]
        diff = EntityDiff(table, T.label(table))
        diff.in_snapshot = conn.execute(f'SELECT count(*) FROM theirs."{table}"').fetchone()[0]
        diff.here = conn.execute(f'SELECT count(*) FROM main."{table}"').fetchone()[0]
        diff.added_theirs = self._count_added("theirs", table)
        diff.added_mine = self._count_added("main", table)
        select = ", ".join(f'm."{c}", t."{c}"' for c in values)
        where = " OR ".join(f'm."{c}" IS NOT t."{c}"' for c in values) or "0"
        found = []
        for row in conn.execute(
            f'SELECT m."{key}", {select} FROM main."{table}" m JOIN theirs."{table}" t '
            f'ON t."{key}" = m."{key}" WHERE {where}'
        ):
            ident = row[0]
            theirs_by = self.their_touch.get((table, ident))
            mine_by = self.my_touch.get((table, ident))
            side = _side(theirs_by, mine_by)
            for i, column in enumerate(values):
                mine, theirs = row[1 + 2 * i], row[2 + 2 * i]
                if mine != theirs:
                    found.append(
                        Change(
                            table, ident, str(ident), column, mine, theirs, side, mine_by, theirs_by
                        )
                    )
        return diff, found

    # --- child sets (a report's gradings) --------------------------------------------
    def _child_sets(self, child: str, parent: str, fk: str, pseudo: str) -> list[Change]:
        sets: dict[str, dict[str, list[str]]] = {
            "main": defaultdict(list),
            "theirs": defaultdict(list),
        }
        for side, found in sets.items():
            for parent_id, area, grade in self.conn.execute(
                f'SELECT "{fk}", area, grade FROM {side}."{child}" WHERE deleted_at IS NULL '
                f'AND "{fk}" IN (SELECT id FROM main."{parent}") '
                f'AND "{fk}" IN (SELECT id FROM theirs."{parent}") ORDER BY "{fk}", position'
            ):
                found[parent_id].append(f"{area}: {_grade_label(grade)}")
        name_of = T.namer(self.conn, parent, "main")
        out = []
        for parent_id in sorted(sets["main"].keys() | sets["theirs"].keys()):
            mine, theirs = sets["main"].get(parent_id, []), sets["theirs"].get(parent_id, [])
            if mine != theirs:
                name = name_of(parent_id)
                out.append(
                    self._change(parent, parent_id, name, pseudo, mine or None, theirs or None)
                )
        return out


def _side(theirs_by: Who | None, mine_by: Who | None) -> str:
    if theirs_by and not mine_by:
        return THEIRS
    if mine_by and not theirs_by:
        return MINE
    return BOTH if mine_by else UNKNOWN


def _count_changes(diff: EntityDiff, found: list[Change]) -> None:
    by_record: dict[str, list[Change]] = defaultdict(list)
    for change in found:
        by_record[change.record_id].append(change)
    for changes in by_record.values():
        edits = [c for c in changes if c.field != "deleted_at"]
        if any(c.side in (THEIRS, BOTH) for c in edits):
            diff.changed_theirs += 1
        if any(c.side in (MINE, BOTH) for c in edits):
            diff.changed_mine += 1
        for c in changes:
            if c.field == "deleted_at":
                if c.theirs is not None and c.side in (THEIRS, BOTH):
                    diff.deleted_theirs += 1
                if c.mine is not None and c.side in (MINE, BOTH):
                    diff.deleted_mine += 1
        diff.conflicts += sum(c.conflict for c in changes)


def _grade_label(value: str) -> str:
    try:
        return Grade(value).label
    except ValueError:
        return value
