"""One tracker row read through the mapping and vocabulary: values, and what is wrong with them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.domain.enums import ClosedBy, Kind, Level, Rag, Status
from app.importer.dates import parse_date
from app.importer.fields import BY_KEY
from app.importer.vocabulary import IGNORE, Vocabulary

_NOUNS = {
    "kind": "kind of finding",
    "level": "level",
    "status": "status",
    "rag": "RAG rating",
    "applies": "yes / no answer",
    "closed_by": "closer (the force or HMICFRS)",
}
_DATE_FIELDS = ("report_published", "cc_letter_on", "submitted_on", "closed_on", "update_on")


@dataclass
class RowValues:
    """What a row says, in domain terms; ``None`` means the sheet says nothing."""

    number: int
    report: str = ""
    report_published: date | None = None
    reference: str = ""
    kind: Kind | None = None
    text: str = ""
    level: Level | None = None
    status: Status | None = None
    status_word: str = ""
    rag: Rag | None = None
    due_on: date | None = None
    due_immediate: bool = False
    due_given: bool = False
    owner: str = ""
    department: str | None = None
    chief_officer_lead: str | None = None
    addressee: str | None = None
    applies_to_force: bool | None = None
    not_applicable_reason: str | None = None
    update: str = ""
    update_on: date | None = None
    cc_letter_ref: str | None = None
    cc_letter_on: date | None = None
    submitted_on: date | None = None
    closed_on: date | None = None
    closed_by: ClosedBy | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def text_of(value: object) -> str:
    """A cell as text: 3.0 → "3", dates the British way."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        from app.formatting import long_date

        return long_date(value)
    return str(value).strip()


def read_row(
    number: int, cells: dict[str, object], vocabulary: Vocabulary, unknown: dict[str, set[str]]
) -> RowValues:
    """Values of one row; ``cells`` is field key → raw cell. Unknown words are collected."""
    row = RowValues(number)
    get = cells.get
    row.report = text_of(get("report"))
    row.reference = text_of(get("reference"))
    row.text = text_of(get("text"))
    row.owner = " ".join(text_of(get("owner")).split())
    row.update = text_of(get("update"))
    for key in (
        "department",
        "chief_officer_lead",
        "addressee",
        "not_applicable_reason",
        "cc_letter_ref",
    ):
        if key in cells:
            setattr(row, key, text_of(cells[key]))
    row.kind = _word(row, "kind", get("kind"), vocabulary, unknown, Kind, error=True)
    level = _word(row, "level", get("level"), vocabulary, unknown, str)
    row.level = Level(int(level)) if level else None
    row.status = _word(row, "status", get("status"), vocabulary, unknown, Status, error=True)
    row.status_word = text_of(get("status"))
    row.rag = _word(row, "rag", get("rag"), vocabulary, unknown, Rag)
    applies = _word(row, "applies", get("applies"), vocabulary, unknown, str)
    row.applies_to_force = None if not applies else applies == "yes"
    row.closed_by = _word(row, "closed_by", get("closed_by"), vocabulary, unknown, ClosedBy)
    if "due" in cells:
        due = parse_date(cells["due"])
        row.due_given = cells["due"] is not None
        row.due_on, row.due_immediate = due.day, due.immediate
        _note_date(row, "due", due)
    for key in _DATE_FIELDS:
        if key in cells:
            parsed = parse_date(cells[key])
            setattr(row, key, parsed.day)
            _note_date(row, key, parsed)
    return row


def _word(row, key, value, vocabulary, unknown, kind, *, error=False):  # type: ignore[no-untyped-def]
    if value is None or vocabulary.is_blank(value):
        return None
    meaning = vocabulary.meaning(key, value)
    if meaning is None:
        unknown.setdefault(key, set()).add(text_of(value))
        message = f"“{text_of(value)}” is not a {_NOUNS[key]} this import knows"
        if error:
            row.errors.append(message + " (say what it means under Vocabulary)")
        else:
            row.warnings.append(message + ": left empty")
        return None
    if meaning == IGNORE:
        return None
    try:
        return _MEMBERS[kind, meaning]
    except KeyError:
        member = _MEMBERS[kind, meaning] = kind(meaning)
        return member


_MEMBERS: dict[tuple[type, str], object] = {}  # (enum, value) → member: Enum(value) is slow


def _note_date(row: RowValues, key: str, parsed) -> None:  # type: ignore[no-untyped-def]
    label = BY_KEY[key].label.lower()
    if parsed.error:
        row.warnings.append(f"{label}: {parsed.error}; left empty")
    elif parsed.warning:
        row.warnings.append(f"{label}: {parsed.warning}")
    if parsed.immediate and key != "due":
        row.warnings.append(f"{label}: “immediately” is not a date here; left empty")
