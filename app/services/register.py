"""The findings register: filter, sort, count and page findings in SQL, for any screen or file.

Queries run over ``finding_register``, a narrow copy of each finding kept by triggers, and
the FTS5 index ``finding_search`` (db/search.py). A page of rows costs one count and one
``ORDER BY … LIMIT`` whatever the number of findings; nothing is filtered in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.enums import Kind, Level, Rag, Status
from app.domain.filters import FindingFilter, SortOrder
from app.formatting import MONTHS
from app.services import register_sql as sql
from app.services.register_columns import FindingRow, columns_for
from db import search
from db.records import FindingRecord, FindingRegisterRecord, PersonRecord, ReportRecord
from db.store import Store

if TYPE_CHECKING:
    from app.workspace import Workspace

R = FindingRegisterRecord


@dataclass(frozen=True, slots=True)
class RegisterPage:
    """Some rows of a filtered, sorted register, with how many match and how many there are."""

    rows: tuple[FindingRow, ...]
    offset: int
    count: int  # findings matching the filter
    total: int  # live findings in the database


@dataclass(frozen=True, slots=True)
class Choice:
    """One value a filter can take, as a person reads it."""

    value: str
    label: str


@dataclass(frozen=True, slots=True)
class FilterOptions:
    """The values the owner, department, lead and report filters offer."""

    owners: tuple[Choice, ...]
    departments: tuple[str, ...]
    leads: tuple[str, ...]
    reports: tuple[Choice, ...]


class FindingRegister:
    """Findings as a filterable, sortable table."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    @property
    def store(self) -> Store:
        """The workspace's current store (a replaced or restored database gets a new one)."""
        return self.ws.ctx.store

    # --- counting -------------------------------------------------------------------------
    def total(self) -> int:
        """Live findings in the database."""
        with self.store.read() as session:
            return self._total(session)

    def count(self, flt: FindingFilter) -> int:
        """Findings matching the filter."""
        with self._reading(flt) as session:
            return self._count(session, flt)

    def counts(self, flt: FindingFilter) -> tuple[int, int]:
        """Findings matching the filter, and live findings in all."""
        with self._reading(flt) as session:
            return self._count(session, flt), self._total(session)

    # --- rows -----------------------------------------------------------------------------
    def page(
        self,
        flt: FindingFilter,
        sort: SortOrder = SortOrder(),  # noqa: B008
        offset: int = 0,
        limit: int = 200,
        *,
        counts: tuple[int, int] | None = None,
    ) -> RegisterPage:
        """Rows ``offset`` to ``offset + limit`` of the filtered, sorted register.

        Pass the ``counts`` already known for this filter to save a pass. Pages past the
        middle are read in reverse order from the end, so the last page is as quick as
        the first.
        """
        today = self.ws.ctx.clock.today()
        with self._reading(flt) as session:
            if counts is None:
                counts = self._count(session, flt), self._total(session)
            matching, total = counts
            offset = max(0, min(offset, matching))
            limit = max(0, min(limit, matching - offset))
            docs = self._docs(session, flt, sort, offset, limit, matching, today, total)
            rows = self._fetch(session, docs, today)
        return RegisterPage(tuple(rows), offset, matching, total)

    def keys(self, flt: FindingFilter, sort: SortOrder = SortOrder()) -> list[int]:  # noqa: B008
        """Every matching row's key, in order: a scrolling view reads any page from these.

        Keys are register row numbers, valid until the data next changes. (Read through
        the driver directly: 50,000 integers through SQLAlchemy's rows cost twice the query.)
        """
        today = self.ws.ctx.clock.today()
        pairs = sql.sort_keys(sort, today)
        index = sql.uses_index(sort) and _unfiltered(flt)
        conditions = sql.conditions(flt, today, index=index)
        query = select(R.doc).where(*conditions).order_by(*sql.order_by(pairs))
        with self._reading(flt) as session:
            connection = session.connection()
            compiled = query.compile(connection, compile_kwargs={"render_postcompile": True})
            params = compiled.construct_params()
            values = tuple(_plain(params[name]) for name in compiled.positiontup or ())
            cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                return [row[0] for row in cursor.execute(str(compiled), values)]
            finally:
                cursor.close()

    def rows_for_keys(self, keys: list[int]) -> list[FindingRow]:
        """The rows with these keys (from ``keys``), in the same order."""
        today = self.ws.ctx.clock.today()
        with self.store.read() as session:
            return self._fetch(session, keys, today)

    def ids(self, flt: FindingFilter, sort: SortOrder = SortOrder()) -> list[str]:  # noqa: B008
        """Every matching finding id, in order."""
        today = self.ws.ctx.clock.today()
        pairs = sql.sort_keys(sort, today)
        index = sql.uses_index(sort) and _unfiltered(flt)
        conditions = sql.conditions(flt, today, index=index)
        query = select(R.finding_id).where(*conditions)
        with self._reading(flt) as session:
            return list(session.scalars(query.order_by(*sql.order_by(pairs))))

    def rows(
        self,
        flt: FindingFilter,
        sort: SortOrder = SortOrder(),  # noqa: B008
        columns: tuple[str, ...] | None = None,
    ) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
        """Headings and typed values of exactly this view, for export (no Qt needed).

        ``columns`` are column keys (app/services/register_columns.py), default the
        register's default columns; values are str, int, date or None.
        """
        chosen = columns_for(columns)
        today = self.ws.ctx.clock.today()
        with self._reading(flt) as session:
            count = self._count(session, flt)
            docs = self._docs(session, flt, sort, 0, count, count, today)
            found: list[FindingRow] = []
            for start in range(0, len(docs), 500):
                found += self._fetch(session, docs[start : start + 500], today)
        return tuple(c.heading for c in chosen), [tuple(c.value(r) for c in chosen) for r in found]

    def row(self, finding_id: str) -> FindingRow | None:
        """One finding's register row (deleted ones included)."""
        today = self.ws.ctx.clock.today()
        with self.store.read() as session:
            doc = session.scalar(select(R.doc).where(R.finding_id == finding_id))
            rows = self._fetch(session, [doc], today) if doc is not None else []
        return rows[0] if rows else None

    def position(self, flt: FindingFilter, sort: SortOrder, finding_id: str) -> int | None:
        """Where a finding is in the filtered, sorted register, or None when it is not in it."""
        try:
            return self.ids(flt, sort).index(finding_id)
        except ValueError:
            return None

    # --- filter choices -------------------------------------------------------------------
    def options(self) -> FilterOptions:
        """Owners, departments, leads and reports that findings have."""
        with self.store.read() as session:
            live = R.deleted + 0 == 0  # a scan: see register_sql.conditions
            owners = session.execute(
                select(PersonRecord.id, PersonRecord.name)
                .where(PersonRecord.id.in_(select(R.owner_id).where(live)))
                .order_by(PersonRecord.name)
            )
            departments = session.scalars(
                select(R.department)
                .where(live, R.department != "")
                .distinct()
                .order_by(R.department)
            )
            leads = session.scalars(
                select(R.chief_officer_lead)
                .where(live, R.chief_officer_lead != "")
                .distinct()
                .order_by(R.chief_officer_lead)
            )
            reports = session.execute(
                select(ReportRecord.id, ReportRecord.title, ReportRecord.published_on)
                .where(ReportRecord.deleted_at.is_(None))
                .order_by(ReportRecord.published_on.desc(), ReportRecord.title)
            )
            return FilterOptions(
                tuple(Choice(i, n) for i, n in owners),
                tuple(departments),
                tuple(leads),
                tuple(Choice(i, _report_label(t, d)) for i, t, d in reports),
            )

    # --- internals ------------------------------------------------------------------------
    def _reading(self, flt: FindingFilter) -> Any:
        if flt.text.strip():
            self._bring_index_up_to_date()
        return self.store.read()

    def _bring_index_up_to_date(self) -> None:
        with self.store.read() as session:
            if not search.has_queue(session.connection()):
                return
        with self.store.write() as session:
            search.flush_queue(session.connection())

    def _count(self, session: Session, flt: FindingFilter) -> int:
        today = self.ws.ctx.clock.today()
        query = select(func.count()).select_from(R).where(*sql.conditions(flt, today))
        return session.scalar(query) or 0

    def _total(self, session: Session) -> int:
        return session.scalar(select(func.count()).where(R.deleted == 0)) or 0

    def _docs(
        self,
        session: Session,
        flt: FindingFilter,
        sort: SortOrder,
        offset: int,
        limit: int,
        count: int,
        today: date,
        total: int | None = None,
    ) -> list[int]:
        if limit <= 0:
            return []
        pairs = sql.sort_keys(sort, today)
        # Past the middle, read from the end: SQLite keeps only the rows it must (top-N).
        reverse = offset > count // 2
        start = count - offset - limit if reverse else offset
        # Walking the default-order index finds (start + limit) matches after visiting about
        # (start + limit) * total / count entries, each a row lookup unless nothing is
        # filtered; past a few thousand, a scan and a sort is quicker.
        total = total if total is not None else count
        walked = (start + limit) * total // max(count, 1)
        index = sql.uses_index(sort) and (_unfiltered(flt) or walked <= INDEX_WALK)
        query = select(R.doc).where(*sql.conditions(flt, today, index=index))
        query = query.order_by(*sql.order_by(pairs, reverse=reverse)).limit(limit).offset(start)
        docs = list(session.scalars(query))
        return docs[::-1] if reverse else docs

    def _fetch(self, session: Session, docs: list[int], today: date) -> list[FindingRow]:
        if not docs:
            return []
        # Plain column tuples (no ORM objects): a page of rows in a few milliseconds.
        query = (
            select(*_COLUMNS, ReportRecord.title, FindingRecord.text)
            .outerjoin(ReportRecord, ReportRecord.id == R.report_id)
            .outerjoin(FindingRecord, FindingRecord.id == R.finding_id)
            .where(R.doc.in_(docs))
        )
        by_doc = {values[0]: _row(values, today) for values in session.execute(query)}
        return [by_doc[d] for d in docs if d in by_doc]


_COLUMNS = (
    R.doc,
    R.finding_id,
    R.reference,
    R.report_id,
    R.report_published_on,
    R.kind,
    R.level,
    R.status,
    R.rag,
    R.owner_id,
    R.owner_name,
    R.department,
    R.chief_officer_lead,
    R.addressee,
    R.due_on,
    R.due_immediate,
    R.last_update_on,
    R.applies_to_force,
    R.deleted,
)
_KINDS = {k.value: k for k in Kind}
_LEVELS = {int(v): v for v in Level}
_STATUSES = {s.value: s for s in Status}
_RAGS = {r.value: r for r in Rag}


def _row(values: Any, today: date) -> FindingRow:
    (
        _doc,
        finding_id,
        reference,
        report_id,
        published_on,
        kind,
        level,
        status_value,
        rag,
        owner_id,
        owner_name,
        department,
        lead,
        addressee,
        due_on,
        due_immediate,
        last_update_on,
        applies,
        deleted,
        report_title,
        text,
    ) = values
    status = _STATUSES[status_value]
    overdue = due_on is not None and due_on < today and status.is_open
    return FindingRow(
        id=finding_id,
        reference=reference,
        report_id=report_id,
        report_title=report_title or "",
        report_published_on=published_on,
        kind=_KINDS[kind],
        level=None if level is None else _LEVELS[level],
        status=status,
        rag=_RAGS.get(rag) if rag else None,
        owner_id=owner_id,
        owner_name=owner_name,
        department=department,
        chief_officer_lead=lead,
        addressee=addressee,
        due_on=due_on,
        due_immediate=bool(due_immediate),
        days_overdue=(today - due_on).days if overdue and due_on else None,
        last_update_on=last_update_on,
        applies_to_force=bool(applies),
        deleted=deleted != 0,
        text=text or "",
    )


INDEX_WALK = 4000


def _unfiltered(flt: FindingFilter) -> bool:
    """Nothing but the deleted flag narrows it: the default-order index covers the query."""
    return flt == FindingFilter(include_deleted=flt.include_deleted)


def _plain(value: Any) -> Any:
    """A bound value as SQLAlchemy would store it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, date) else value


def _report_label(title: str, published_on: date | None) -> str:
    if published_on is None:
        return title
    return f"{title} ({MONTHS[published_on.month - 1][:3]} {published_on.year})"
