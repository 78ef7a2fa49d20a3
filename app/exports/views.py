"""Export a register view (findings, reports, inspections) with its columns, as .xlsx or .csv.

The findings' headers are ones the import recognises, so an export can be imported again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from app.domain.filters import FindingFilter, SortOrder
from app.exports.finding_rows import FindingRow, count_findings, finding_rows
from app.exports.table import Column, ColumnType, Progress, write_table
from app.workspace import Workspace

T, D, L = ColumnType.TEXT, ColumnType.DATE, ColumnType.LONG_TEXT

Getter = Callable[[Any], object]


def _label(value: Any) -> str:
    return "" if value is None else value.label


FINDING_COLUMNS: dict[str, tuple[Column, Getter]] = {
    c.key: (c, g)
    for c, g in (
        (Column("report", "Report", T, 40), lambda r: r.report),
        (Column("report_published", "Report published", D), lambda r: r.report_published),
        (Column("reference", "Reference", T), lambda r: r.reference),
        (Column("kind", "Kind", T, 22), lambda r: r.kind.label),
        (Column("level", "Level", T, 12), lambda r: _label(r.level)),
        (Column("status", "Status", T, 22), lambda r: r.status.label),
        (Column("rag", "RAG", T, 8), lambda r: _label(r.rag)),
        (Column("owner", "Owner", T), lambda r: r.owner),
        (Column("department", "Department", T), lambda r: r.department),
        (Column("chief_officer_lead", "Chief officer lead", T), lambda r: r.chief_officer_lead),
        (
            Column("due", "Due", D),
            lambda r: "With immediate effect" if r.due_immediate else r.due_on,
        ),
        (Column("text", "Finding text", L), lambda r: r.text),
        (Column("latest_update", "Latest update", L, 50), lambda r: r.latest_update),
        (Column("applies", "Applies to force", T, 10), lambda r: r.applies_to_force),
        (
            Column("not_applicable_reason", "Reason not applicable", T, 30),
            lambda r: r.not_applicable_reason,
        ),
        (Column("addressee", "Addressee", T), lambda r: r.addressee),
        (Column("cc_letter_ref", "CC letter reference", T), lambda r: r.cc_letter_ref),
        (Column("cc_letter_on", "CC letter date", D), lambda r: r.cc_letter_on),
        (Column("submitted_on", "Submitted on", D), lambda r: r.submitted_on),
        (Column("closed_on", "Closed on", D), lambda r: r.closed_on),
        (Column("closed_by", "Closed by", T, 12), lambda r: _label(r.closed_by)),
    )
}
DEFAULT_FINDING_COLUMNS = tuple(FINDING_COLUMNS)


def export_findings(
    ws: Workspace,
    path: Path,
    flt: FindingFilter | None = None,
    sort: SortOrder | None = None,
    columns: Sequence[str] = DEFAULT_FINDING_COLUMNS,
    *,
    rows: Iterable[FindingRow] | None = None,
    progress: Progress | None = None,
) -> int:
    """The findings of a view to ``path``; ``rows`` lets a register pass its own rows."""
    flt, sort = flt or FindingFilter(), sort or SortOrder("report")
    chosen = [FINDING_COLUMNS[key] for key in columns if key in FINDING_COLUMNS]
    source = rows if rows is not None else finding_rows(ws, flt, sort)
    total = count_findings(ws, flt) if rows is None else None
    return write_table(
        path,
        [c for c, _ in chosen],
        ([g(r) for _, g in chosen] for r in source),
        title="Findings",
        total=total,
        progress=progress,
    )


REPORT_COLUMNS: tuple[tuple[Column, Getter], ...] = (
    (Column("title", "Title", T, 50), lambda r: r.title),
    (Column("scope", "Scope", T, 18), lambda r: r.scope.label),
    (Column("published_on", "Published", D), lambda r: r.published_on),
    (Column("pcc_response_due", "PCC response due", D), lambda r: r.pcc_response_due),
    (Column("response_published_on", "Response published", D), lambda r: r.response_published_on),
    (Column("reference", "Reference", T), lambda r: r.reference),
    (Column("url", "Link", T, 40), lambda r: r.url),
    (
        Column("gradings", "Gradings", L, 40),
        lambda r: "\n".join(f"{g.area}: {g.grade.label}" for g in r.gradings),
    ),
    (Column("summary", "Summary", L), lambda r: r.summary),
)

INSPECTION_COLUMNS: tuple[tuple[Column, Getter], ...] = (
    (Column("title", "Title", T, 50), lambda r: r[0].title),
    (Column("type", "Type", T, 22), lambda r: r[0].type.label),
    (Column("status", "Status", T, 16), lambda r: r[0].status.label),
    (Column("fieldwork_start", "Fieldwork starts", D), lambda r: r[0].fieldwork_start),
    (Column("fieldwork_end", "Fieldwork ends", D), lambda r: r[0].fieldwork_end),
    (Column("hot_debrief_on", "Hot debrief", D), lambda r: r[0].hot_debrief_on),
    (
        Column("expected_publication_on", "Expected publication", D),
        lambda r: r[0].expected_publication_on,
    ),
    (Column("partners", "Partners", T), lambda r: "; ".join(r[0].partners)),
    (Column("force_lead", "Force lead", T), lambda r: r[1]),
    (Column("notes", "Notes", L), lambda r: r[0].notes),
)


def export_reports(ws: Workspace, path: Path, *, progress: Progress | None = None) -> int:
    """Every report, newest first."""
    reports = sorted(
        ws.reports.list(),
        key=lambda r: (r.published_on is not None, r.published_on or date.min),
        reverse=True,
    )
    return write_table(
        path,
        [c for c, _ in REPORT_COLUMNS],
        ([g(r) for _, g in REPORT_COLUMNS] for r in reports),
        title="Reports",
        progress=progress,
    )


def export_inspections(ws: Workspace, path: Path, *, progress: Progress | None = None) -> int:
    """Every inspection, in fieldwork order."""
    people = {p.id: p.name for p in ws.people.list(include_deleted=True)}
    rows = [(i, people.get(i.force_lead_id or "", "")) for i in ws.inspections.list()]
    return write_table(
        path,
        [c for c, _ in INSPECTION_COLUMNS],
        ([g(r) for _, g in INSPECTION_COLUMNS] for r in rows),
        title="Inspections",
        progress=progress,
    )
