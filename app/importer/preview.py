"""The preview: every row of the sheet as it will be imported, with its errors and warnings.

Nothing here writes; ``ImportWriter`` writes a preview once the officer confirms it.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache

from sqlalchemy import func, select

from app.domain.enums import Kind, ReportScope, Status
from app.domain.errors import DomainError
from app.domain.values import Finding
from app.importer import lifecycle
from app.importer.fields import BY_KEY
from app.importer.mapping import ImportMapping
from app.importer.rows import RowValues, read_row
from app.importer.source import SheetData
from app.importer.vocabulary import Vocabulary, normalise_word
from app.services.context import new_id
from app.services.findings import FindingService
from app.workspace import Workspace
from db.records import FindingRecord, PersonRecord, ProgressUpdateRecord, ReportRecord

Progress = Callable[[int, int], None]


class Action(StrEnum):
    """What the import will do with a row."""

    ADD = "add"
    UPDATE = "update"
    SKIP = "skip"
    ERROR = "error"

    @property
    def label(self) -> str:
        return {"add": "Add", "update": "Update", "skip": "Skip", "error": "Error"}[self.value]


@dataclass(slots=True)
class PreviewRow:
    """One spreadsheet row and what becomes of it."""

    number: int
    action: Action
    plan: lifecycle.Plan | None = None
    report_title: str = ""
    owner_name: str = ""
    update: str = ""
    update_on: date | None = None
    existing_id: str | None = None
    before: Finding | None = None  # the recorded finding a row updates, as the preview saw it
    new_report: bool = False
    new_owner: bool = False
    status_word: str = ""
    report_published: date | None = None
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    reason: str = ""
    note: str = ""  # the change-log note for this row's changes

    @property
    def finding(self) -> Finding | None:
        return None if self.plan is None else self.plan.final


@dataclass
class Preview:
    """The whole import, row by row, before anything is written."""

    source_name: str
    sheet: str
    header_row: int  # spreadsheet row number
    headers: list[object]
    columns: dict[int, str]
    rows: list[PreviewRow]
    unknown_words: dict[str, set[str]] = field(default_factory=dict)
    new_reports: list[NewReport] = field(default_factory=list)
    new_people: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    blank_rows: int = 0
    new_report_scope: ReportScope = ReportScope.FORCE
    status_note: str = lifecycle.STATUS_NOTE

    def counts(self) -> Counter[Action]:
        """Rows by action."""
        return Counter(row.action for row in self.rows)

    def errors(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.action is Action.ERROR]

    def will_write(self) -> bool:
        c = self.counts()
        return bool(c[Action.ADD] or c[Action.UPDATE])

    def summary_lines(self, first_errors: int = 10) -> list[str]:
        """The preview in a few lines (the command line prints these)."""
        c = self.counts()
        lines = [
            f"{self.source_name}, sheet “{self.sheet}”, header on row {self.header_row}",
            f"  {c[Action.ADD]:>7,} to add",
            f"  {c[Action.UPDATE]:>7,} to update",
            f"  {c[Action.SKIP]:>7,} to skip",
            f"  {c[Action.ERROR]:>7,} in error (not imported)",
        ]
        if self.blank_rows:
            lines.append(f"  {self.blank_rows:>7,} blank rows ignored")
        if self.new_reports:
            titles = [r.title for r in self.new_reports]
            lines.append(f"New reports: {len(titles)} ({_some(titles)})")
        if self.new_people:
            names = [name for _id, name in self.new_people]
            lines.append(f"New people: {len(names)} ({_some(names)})")
        mapped = ", ".join(
            f"{_header(self.headers[i])} → {BY_KEY[k].label}" for i, k in self.columns.items()
        )
        lines.append(f"Columns: {mapped}")
        errors = self.errors()
        if errors:
            lines.append("First errors:")
            for row in errors[:first_errors]:
                lines.append(f"  row {row.number}: {'; '.join(row.errors)}")
        return lines


@dataclass
class NewReport:
    """A report the sheet names that is not recorded yet; created by the import."""

    id: str
    title: str
    published_on: date | None = None


class PreviewError(Exception):
    """The sheet cannot be previewed at all (no header, no recognisable columns)."""


@dataclass
class Directory:
    """What the database already holds that an import matches against."""

    reports: dict[str, tuple[str, str]]  # normalised title → (id, title)
    people: dict[str, str]  # normalised name → id
    findings: dict[tuple[str, str], str]  # (report id, normalised reference) → finding id

    @classmethod
    def load(cls, ws: Workspace) -> Directory:
        with ws.store.read() as session:
            reports = {
                _key(title): (rid, title)
                for rid, title in session.execute(
                    select(ReportRecord.id, ReportRecord.title)
                    .where(ReportRecord.deleted_at.is_(None))
                    .order_by(ReportRecord.created_at)
                )
            }
            people = {
                _key(name): pid
                for pid, name in session.execute(
                    select(PersonRecord.id, PersonRecord.name)
                    .where(PersonRecord.deleted_at.is_(None))
                    .order_by(PersonRecord.created_at)
                )
            }
            findings = {
                (rid, _key(ref)): fid
                for fid, rid, ref in session.execute(
                    select(FindingRecord.id, FindingRecord.report_id, FindingRecord.reference)
                    .where(FindingRecord.deleted_at.is_(None))
                    .order_by(FindingRecord.created_at)
                )
            }
        return cls(reports, people, findings)


def header_index(sheet: SheetData, mapping: ImportMapping) -> int:
    """The 0-based index of the header row: as saved, else found from the names."""
    from app.importer.fields import find_header_row

    if mapping.header_row:
        if mapping.header_row > len(sheet.rows):
            raise PreviewError(f"the sheet has no row {mapping.header_row}")
        return mapping.header_row - 1
    found = find_header_row(sheet.rows)
    if found is None:
        raise PreviewError(
            f"no row of “{sheet.name}” looks like a header: none of its first rows has two "
            "or more recognisable column names (such as Ref, Recommendation, Status, Level, "
            "Owner, Due). Choose the header row and columns yourself, or use the template."
        )
    return found


def build_preview(
    ws: Workspace,
    sheet: SheetData,
    mapping: ImportMapping,
    *,
    source_name: str,
    columns: dict[int, str] | None = None,
    progress: Progress | None = None,
) -> Preview:
    """Every row of ``sheet`` as it will be imported; writes nothing."""
    head = header_index(sheet, mapping)
    headers = list(sheet.rows[head]) if sheet.rows else []
    columns = columns if columns is not None else mapping.columns_for(headers)
    if "text" not in columns.values():
        raise PreviewError(
            "no column holds the findings' text: map one (e.g. “Recommendation” or "
            "“Description”) to Finding text"
        )
    builder = _Builder(ws, mapping, source_name, Directory.load(ws))
    builder.headers = headers
    rows = sheet.rows[head + 1 :]
    total = len(rows)
    values: list[RowValues | None] = []
    preview = Preview(source_name, sheet.name, head + 1, headers, dict(columns), [])
    preview.new_report_scope = mapping.new_report_scope
    # Tens of thousands of new objects and no reference cycles: the cycle collector would
    # only walk them again and again (about 20% of a 50,000-row preview).
    with _collector_paused():
        for i, cells in enumerate(rows):
            values.append(builder.read(head + 2 + i, cells, columns))
            if progress and i % 2000 == 0:
                progress(i, total * 2)
        builder.load_existing()
        for i in range(len(values)):
            row, values[i] = values[i], None  # each row's raw values go once it is built
            if row is None:
                preview.blank_rows += 1
                continue
            preview.rows.append(builder.build(row))
            if progress and i % 2000 == 0:
                progress(total + i, total * 2)
    preview.unknown_words = builder.unknown
    used = [r for r in preview.rows if r.action in (Action.ADD, Action.UPDATE)]
    used_ids = {r.finding.report_id for r in used if r.finding} | {
        r.finding.owner_id for r in used if r.finding and r.finding.owner_id
    }
    preview.new_reports = [r for r in builder.new_reports.values() if r.id in used_ids]
    preview.new_people = [p for p in builder.new_people.values() if p[0] in used_ids]
    if progress:
        progress(total * 2, total * 2)
    return preview


class _Builder:
    """Reads rows, then decides per row: add, update, skip or error."""

    def __init__(self, ws: Workspace, mapping: ImportMapping, source: str, known: Directory):
        self.ws = ws
        self.mapping = mapping
        self.vocabulary: Vocabulary = mapping.vocabulary
        self.known = known
        self.today = ws.ctx.clock.today()
        self.note = f"Imported from {source}"
        self.unknown: dict[str, set[str]] = {}
        self.heading = ""
        self.new_reports: dict[str, NewReport] = {}
        self.new_people: dict[str, tuple[str, str]] = {}
        self.seen: dict[tuple[str, str], int] = {}
        self.existing: dict[str, Finding] = {}
        self.latest_note: dict[str, str] = {}
        self.headings: set[int] = set()
        self.candidates: set[str] = set()
        self.kinds: dict[str, Kind | None] = {}  # reference → the kind its words name
        self.headers: list[object] = []
        self.source = source

    def read(self, number: int, cells: list[object], columns: dict[int, str]) -> RowValues | None:
        filled = [v for v in cells if v is not None and v != ""]
        if not filled:
            return None
        if self._repeats_header(cells, columns):
            # A header again (a two-row header merged down, or one repeated per section).
            self.headings.add(number)
            return RowValues(number, report="")
        by_field = {key: cells[i] if i < len(cells) else None for i, key in columns.items()}
        row = read_row(number, by_field, self.vocabulary, self.unknown)
        if len(filled) == 1 and isinstance(filled[0], str) and not row.text:
            # A section heading ("PEEL 2023") across the sheet: it names the report below.
            self.headings.add(number)
            if "report" not in columns.values():
                self.heading = filled[0]
            row.report = filled[0]
            return row
        if not row.report:
            row.report = self.heading or self.mapping.default_report
        known = self.known.reports.get(_key(row.report))
        if known:
            fid = self.known.findings.get((known[0], _key(row.reference or f"Row {number}")))
            if fid:
                self.candidates.add(fid)
        return row

    def _repeats_header(self, cells: list[object], columns: dict[int, str]) -> bool:
        same = sum(
            1
            for i in columns
            if i < len(cells) and cells[i] is not None and cells[i] == self.headers[i]
        )
        return same >= max(2, len(columns) // 2)

    def load_existing(self) -> None:
        """Read the findings that rows duplicate, and their latest notes, in one go."""
        ids = self.candidates
        if not ids:
            return
        service: FindingService = self.ws.findings
        with self.ws.store.read() as session:
            for chunk in _chunks(sorted(ids), 500):
                for record in session.scalars(
                    select(FindingRecord).where(FindingRecord.id.in_(chunk))
                ):
                    self.existing[record.id] = service.codec.to_value(record)
                latest = (
                    select(
                        ProgressUpdateRecord.finding_id,
                        ProgressUpdateRecord.text,
                        func.max(ProgressUpdateRecord.created_at),
                    )
                    .where(ProgressUpdateRecord.finding_id.in_(chunk))
                    .group_by(ProgressUpdateRecord.finding_id)
                )
                for fid, text, _at in session.execute(latest):
                    self.latest_note[fid] = text

    def build(self, row: RowValues) -> PreviewRow:
        if row.number in self.headings:
            heading = bool(row.report)
            return PreviewRow(
                row.number,
                Action.SKIP,
                report_title=row.report,
                reason="section heading" if heading else "header repeated",
                warnings=("section heading: not a finding",) if heading else (),
            )
        out = PreviewRow(
            row.number,
            Action.ADD,
            report_title=row.report,
            owner_name=row.owner,
            update=row.update,
            update_on=row.update_on,
            status_word=row.status_word,
            report_published=row.report_published,
            note=self._note(row),
        )
        errors, warnings = list(row.errors), list(row.warnings)
        if not row.text:
            errors.append("no finding text")
        if not row.report:
            errors.append("no report: map a Report column or choose a report for every row")
        report_id = ""
        if row.report:
            known = self.known.reports.get(_key(row.report))
            if known:
                report_id, out.report_title = known
            else:
                out.new_report = True
                report_id, out.report_title = self._new_report(row)
        reference = row.reference
        if not reference:
            reference = f"Row {row.number}"
            warnings.append(f"no reference: recorded as “{reference}”")
        owner_id = self._owner(row, out, warnings)
        reference_key = _key(reference)
        key = (_key(out.report_title), reference_key)
        if key in self.seen and row.report:
            errors.append(f"same report and reference as row {self.seen[key]}")
        elif row.report:
            self.seen[key] = row.number
        existing_id = (
            None if out.new_report else self.known.findings.get((report_id, reference_key))
        )
        if errors:
            return self._done(out, Action.ERROR, errors, warnings)
        kind = row.kind or self._kind_from_reference(reference) or self.mapping.default_kind
        if existing_id:
            return self._update(out, row, existing_id, reference, owner_id, kind, warnings)
        value = Finding(
            report_id=report_id,
            kind=kind,
            reference=reference,
            text=row.text,
            addressee=row.addressee or "",
            applies_to_force=True if row.applies_to_force is None else row.applies_to_force,
            not_applicable_reason=row.not_applicable_reason or "",
            level=row.level,
            due_on=row.due_on,
            due_immediate=row.due_immediate,
            owner_id=owner_id,
            department=row.department or "",
            chief_officer_lead=row.chief_officer_lead or "",
            rag=row.rag,
            cc_letter_ref=row.cc_letter_ref or "",
            cc_letter_on=row.cc_letter_on,
            submitted_on=row.submitted_on,
            closed_on=row.closed_on,
            closed_by=row.closed_by,
        )
        value = self._fill_reason(value, warnings)
        try:
            out.plan = lifecycle.plan_new(
                value, row.status or Status.OPEN, self.today, self._note(row)
            )
        except DomainError as exc:
            return self._done(out, Action.ERROR, lifecycle.describe(exc), warnings)
        warnings.extend(out.plan.warnings)
        return self._done(out, Action.ADD, [], warnings)

    def _update(self, out, row, existing_id, reference, owner_id, kind, warnings):  # type: ignore[no-untyped-def]
        out.existing_id = existing_id
        existing = out.before = self.existing[existing_id]
        if not self.mapping.update_duplicates:
            out.reason = "already recorded"
            out.plan = lifecycle.Plan(existing, (), [])
            return self._done(out, Action.SKIP, [], ["already recorded: skipped"])
        changes: dict[str, object] = {"text": row.text}
        for name in ("level", "rag", "cc_letter_on", "submitted_on", "closed_on", "closed_by"):
            if getattr(row, name) is not None:
                changes[name] = getattr(row, name)
        for name in (
            "addressee",
            "department",
            "chief_officer_lead",
            "not_applicable_reason",
            "cc_letter_ref",
        ):
            if getattr(row, name):
                changes[name] = getattr(row, name)
        if row.kind:
            changes["kind"] = kind
        if row.applies_to_force is not None:
            changes["applies_to_force"] = row.applies_to_force
        if row.due_given and (row.due_on or row.due_immediate):
            changes["due_on"], changes["due_immediate"] = row.due_on, row.due_immediate
        if owner_id:
            changes["owner_id"] = owner_id
        changed = self._fill_reason(replace(existing, **changes), warnings)  # type: ignore[arg-type]
        try:
            out.plan = lifecycle.plan_update(
                existing, changed, row.status, self.today, self._note(row)
            )
        except DomainError as exc:
            return self._done(out, Action.ERROR, lifecycle.describe(exc), warnings)
        warnings.extend(out.plan.warnings)
        if out.update and out.update.strip() == self.latest_note.get(existing_id, "").strip():
            out.update = ""
        if out.plan.final == existing and not out.update:
            out.reason = "no change"
            return self._done(out, Action.SKIP, [], [*warnings, "already recorded, no change"])
        return self._done(out, Action.UPDATE, [], warnings)

    def _kind_from_reference(self, reference: str) -> Kind | None:
        try:
            return self.kinds[reference]
        except KeyError:
            kind = self.kinds[reference] = _kind_from_reference(reference, self.vocabulary)
            return kind

    def _new_report(self, row: RowValues) -> tuple[str, str]:
        key = _key(row.report)
        if key not in self.new_reports:
            self.new_reports[key] = NewReport(new_id(), row.report, row.report_published)
        report = self.new_reports[key]
        if report.published_on is None and row.report_published:
            report.published_on = row.report_published
        return report.id, report.title

    def _owner(self, row: RowValues, out: PreviewRow, warnings: list[str]) -> str | None:
        if not row.owner:
            return None
        key = _key(row.owner)
        known = self.known.people.get(key)
        if known:
            return known
        if self.mapping.create_people:
            out.new_owner = True
            # Shown as "(new)" next to the owner and counted in the summary, not as a warning.
            if key not in self.new_people:
                self.new_people[key] = (new_id(), row.owner)
            return self.new_people[key][0]
        else:
            warnings.append(f"“{row.owner}” is not a known person: left unassigned")
            out.owner_name = ""
        return None

    def _fill_reason(self, value: Finding, warnings: list[str]) -> Finding:
        if not value.applies_to_force and not value.not_applicable_reason.strip():
            warnings.append("does not apply to the force: reason recorded as imported")
            reason = f"Marked as not applying in {self.source}"
            return replace(value, not_applicable_reason=reason)
        return value

    def _note(self, row: RowValues) -> str:
        word = f" (status “{row.status_word}”)" if row.status_word else ""
        return f"{self.note}, row {row.number}{word}"

    @staticmethod
    def _done(
        out: PreviewRow, action: Action, errors: list[str], warnings: list[str]
    ) -> PreviewRow:
        out.action = action
        out.errors = tuple(errors)
        out.warnings = tuple(warnings)
        return out


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a bulk step (reference counting still frees)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _kind_from_reference(reference: str, vocabulary: Vocabulary) -> Kind | None:
    words = normalise_word(reference).split()
    while words and words[-1].isdigit():
        words.pop()
    if not words:
        return None
    meaning = vocabulary.meaning("kind", " ".join(words))
    return Kind(meaning) if meaning else None


@lru_cache(maxsize=1 << 16)  # the same few reports, references and owners on many rows
def _key(text: str) -> str:
    return " ".join(str(text).casefold().split())


def _chunks(items: list[str], size: int):  # type: ignore[no-untyped-def]
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _some(names: list[str], n: int = 3) -> str:
    shown = ", ".join(names[:n])
    return shown + (f" and {len(names) - n} more" if len(names) > n else "")


def _header(value: object) -> str:
    return str(value) if value not in (None, "") else "(no name)"
