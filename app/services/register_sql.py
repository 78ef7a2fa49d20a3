"""A FindingFilter and a SortOrder as SQL over ``finding_register`` (no Python filtering)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal_column, or_, select, text

from app.domain.enums import OPEN_STATUSES, Rag, Status
from app.domain.filters import FindingFilter, SortOrder
from db.records import FindingRegisterRecord

R = FindingRegisterRecord
OPEN = sorted(s.value for s in OPEN_STATUSES)
_WORD = re.compile(r"[^\W_]+")


def match_expression(words: str) -> str | None:
    """An FTS5 query for what a person typed: every word, as a prefix, in any order.

    Only letters and digits count (as in the index's tokenizer), so no input can be an
    FTS5 syntax error; None when nothing searchable was typed.
    """
    tokens = _WORD.findall(words.casefold())
    return " ".join(f'"{token}"*' for token in tokens) or None


def uses_index(sort: SortOrder) -> bool:
    """True for the default order, which ix_finding_register_default_order serves."""
    return sort.column == "report" and not sort.ascending


def conditions(
    flt: FindingFilter, today: date, *, index: bool = False
) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a filter, all to be ANDed.

    Only a query in the default order should walk the default-order index: for counts and
    other orders SQLite would otherwise pick it for ``deleted = 0`` and then visit the
    rows one by one (a hundred times slower than a scan), so ``index=False`` writes the
    condition as ``deleted + 0``, which no index matches.
    """
    deleted: Any = R.deleted if index else R.deleted + 0
    out: list[ColumnElement[bool]] = [deleted < 2 if flt.include_deleted else deleted == 0]
    if flt.kinds:
        out.append(R.kind.in_(sorted(k.value for k in flt.kinds)))
    if flt.levels:
        out.append(_in_or_null(R.level, [int(v) for v in flt.levels if v is not None], flt.levels))
    if flt.statuses:
        out.append(R.status.in_(sorted(s.value for s in flt.statuses)))
    if flt.rags:
        out.append(_in_or_null(R.rag, [r.value for r in flt.rags if r is not None], flt.rags))
    for column, values in (
        (R.owner_id, flt.owner_ids),
        (R.department, flt.departments),
        (R.chief_officer_lead, flt.chief_officer_leads),
        (R.report_id, flt.report_ids),
    ):
        if values:
            out.append(column.in_(sorted(values)))
    if flt.applies_to_force is not None:
        out.append(R.applies_to_force.is_(flt.applies_to_force))
    if flt.overdue:
        out += [R.status.in_(OPEN), R.due_on < today]
    if flt.due_within_days is not None:
        end = today + timedelta(days=flt.due_within_days)
        out += [R.status.in_(OPEN), R.due_on >= today, R.due_on <= end]
    if flt.no_update_in_days is not None:
        since = today - timedelta(days=flt.no_update_in_days)
        # Never updated: counted from the day it was recorded.
        active = func.coalesce(R.last_update_on, func.date(R.created_at))
        out += [R.status.in_(OPEN), active < since.isoformat()]
    match = match_expression(flt.text)
    if flt.text.strip() and match is not None:
        out.append(
            R.doc.in_(
                select(literal_column("rowid"))
                .select_from(text("finding_search"))
                .where(text("finding_search MATCH :match").bindparams(match=match))
            )
        )
    return out


def _in_or_null(column: Any, values: list[Any], chosen: frozenset[Any]) -> ColumnElement[bool]:
    parts = [column.in_(values)] if values else []
    if None in chosen:
        parts.append(column.is_(None))
    return or_(*parts)


def _rank(column: Any, order: list[str], empty: int | None = -1) -> Any:
    return case(
        {v: i for i, v in enumerate(order)},
        value=column,
        else_=len(order) if empty == -1 else empty,
    )


REFERENCE_ORDER = (R.reference_key,)  # "Recommendation 2" before "Recommendation 10"
_STATUS_ORDER = [s.value for s in Status]
_RAG_ORDER = [r.value for r in (Rag.RED, Rag.AMBER, Rag.GREEN)]


Pair = tuple[Any, bool, bool]  # expression, ascending, empty values (NULL) last


def sort_keys(sort: SortOrder, today: date) -> list[Pair]:
    """ORDER BY terms for a sort, over ``finding_register`` alone.

    Empty values always come last; ties go in published order (causes of concern,
    recommendations, areas for improvement, by number) then by the row's own number, so the
    order is total and pages never overlap.
    """
    key, up = sort.column, sort.ascending
    terms: list[Pair]
    if key == "report" and not up:
        # Newest first is the default order: exactly the columns of its index.
        terms = [(R.report_rank, True, False), (R.report_id, True, False)]
    elif key == "report":
        terms = [(R.report_published_on, True, True), (R.report_id, True, False)]
    elif key == "owner":
        terms = [(R.owner_name == "", True, False), (R.owner_name, up, False)]
    elif key == "kind":
        terms = [(R.kind_rank, up, False)]
    elif key == "level":
        terms = [(R.level, up, True)]
    elif key == "status":
        terms = [(_rank(R.status, _STATUS_ORDER), up, False)]
    elif key == "rag":
        terms = [(_rank(R.rag, _RAG_ORDER, empty=None), up, True)]
    elif key in ("department", "lead", "addressee"):
        column = {"department": R.department, "lead": R.chief_officer_lead}.get(key, R.addressee)
        terms = [(column == "", True, False), (column, up, False)]
    elif key == "due":
        # "Immediately" counts as the earliest date; undated findings last either way.
        immediate = case((R.due_immediate.is_(True), 0), (R.due_on.is_(None), None), else_=1)
        terms = [(immediate, up, True), (R.due_on, up, True)]
    elif key == "days_overdue":
        # Most days overdue = earliest due date: no date arithmetic on every row.
        since = case((and_(R.status.in_(OPEN), R.due_on < today), R.due_on), else_=None)
        terms = [(since, not up, True)]
    elif key == "last_update":
        terms = [(R.last_update_on, up, True)]
    elif key == "applies":
        terms = [(R.applies_to_force, up, False)]
    else:  # reference (and any column that cannot be sorted)
        key, terms = "reference", [(e, up, False) for e in REFERENCE_ORDER]
    if key != "reference":
        terms += [(e, True, False) for e in (R.kind_rank, *REFERENCE_ORDER)]
    terms.append((R.doc, True, False))
    return terms


def order_by(terms: list[Pair], *, reverse: bool = False) -> list[Any]:
    """ORDER BY clauses for sort terms, optionally reversed end to end."""
    out = []
    for expr, up, nulls_last in terms:
        clause = expr.asc() if up != reverse else expr.desc()
        if nulls_last:
            clause = clause.nulls_first() if reverse else clause.nulls_last()
        out.append(clause)
    return out
