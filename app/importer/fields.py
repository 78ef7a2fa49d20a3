"""What a tracker column can mean, and finding the header row and the mapping from its names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Field:
    """A thing a column can hold, with the header names trackers use for it."""

    key: str
    label: str
    aliases: tuple[str, ...]
    help: str = ""


FIELDS: tuple[Field, ...] = (
    Field(
        "report",
        "Report",
        (
            "report",
            "report title",
            "report name",
            "inspection report",
            "publication",
            "source",
            "source report",
            "inspection",
            "report inspection",
            "hmicfrs report",
        ),
        "The report the finding comes from; reports not yet recorded are created.",
    ),
    Field(
        "report_published",
        "Report published",
        (
            "report date",
            "published",
            "publication date",
            "date published",
            "report published",
            "date of report",
            "published on",
        ),
        "The report's publication date (used when the report is created).",
    ),
    Field(
        "reference",
        "Reference",
        (
            "ref",
            "reference",
            "ref no",
            "ref number",
            "reference number",
            "no",
            "number",
            "id",
            "rec no",
            "rec ref",
            "rec number",
            "recommendation number",
            "item",
            "item no",
        ),
        "The finding's reference in its report, e.g. “Recommendation 3”.",
    ),
    Field(
        "kind",
        "Kind",
        (
            "type",
            "kind",
            "category",
            "finding type",
            "rec type",
            "type of finding",
            "recommendation type",
        ),
        "Cause of Concern, Recommendation or Area for Improvement.",
    ),
    Field(
        "text",
        "Finding text",
        (
            "recommendation",
            "recommendations",
            "finding",
            "finding text",
            "description",
            "text",
            "detail",
            "details",
            "recommendation text",
            "area for improvement",
            "afi",
            "cause of concern",
            "recommendation afi",
            "recommendation detail",
            "wording",
        ),
        "The finding's text as published.",
    ),
    Field(
        "level",
        "Level",
        (
            "level",
            "hmic level",
            "hmicfrs level",
            "monitoring level",
            "hmicfrs monitoring level",
            "lvl",
        ),
        "HMICFRS monitoring level: 1–4.",
    ),
    Field(
        "status",
        "Status",
        ("status", "current status", "progress status", "state", "position"),
        "Where the finding is: open, in progress, internal review, submitted, closed…",
    ),
    Field(
        "rag",
        "RAG",
        ("rag", "rag status", "rag rating", "rating", "brag", "rag rating current"),
        "Red / Amber / Green.",
    ),
    Field(
        "due",
        "Due",
        (
            "due",
            "due date",
            "target date",
            "target",
            "deadline",
            "target completion",
            "target completion date",
            "date due",
            "completion target",
            "timescale",
        ),
        "A date, or “With immediate effect”.",
    ),
    Field(
        "owner",
        "Owner",
        (
            "owner",
            "lead",
            "lead officer",
            "responsible officer",
            "action owner",
            "officer",
            "owner name",
            "responsible",
            "responsible lead",
            "accountable officer",
            "action lead",
        ),
        "The person responsible; unknown names can be added as people.",
    ),
    Field(
        "department",
        "Department",
        (
            "department",
            "dept",
            "portfolio",
            "business area",
            "directorate",
            "area",
            "command",
            "unit",
            "department portfolio",
        ),
    ),
    Field(
        "chief_officer_lead",
        "Chief officer lead",
        (
            "chief officer lead",
            "chief officer",
            "co lead",
            "executive lead",
            "exec lead",
            "acpo lead",
            "cot lead",
            "chief officer portfolio",
            "strategic lead",
        ),
    ),
    Field(
        "addressee",
        "Addressee",
        ("addressee", "addressed to", "recipient", "directed to", "for"),
    ),
    Field(
        "applies",
        "Applies to force",
        (
            "applies to force",
            "applies",
            "applicable",
            "relevant to force",
            "applicable to force",
            "relevant",
            "in scope",
        ),
        "Yes / No; a No needs a reason.",
    ),
    Field(
        "not_applicable_reason",
        "Reason not applicable",
        ("reason not applicable", "not applicable reason", "why not applicable", "na reason"),
    ),
    Field(
        "update",
        "Progress update",
        (
            "update",
            "latest update",
            "progress",
            "progress update",
            "comments",
            "commentary",
            "notes",
            "current update",
            "update comments",
            "latest position",
            "progress to date",
        ),
        "Becomes a dated progress note on the finding.",
    ),
    Field(
        "update_on",
        "Update date",
        ("update date", "date of update", "last updated", "updated", "date updated"),
    ),
    Field(
        "cc_letter_ref",
        "CC letter reference",
        ("cc letter", "cc letter ref", "cc letter reference", "letter reference", "letter ref"),
        "The Chief Constable's letter, needed to record an L2/L3 submission.",
    ),
    Field(
        "cc_letter_on",
        "CC letter date",
        ("cc letter date", "letter date", "date of cc letter"),
    ),
    Field(
        "submitted_on",
        "Submitted on",
        (
            "submitted",
            "submitted on",
            "date submitted",
            "submission date",
            "date submitted for closure",
        ),
    ),
    Field(
        "closed_on",
        "Closed on",
        (
            "closed on",
            "date closed",
            "closure date",
            "closed date",
            "date completed",
            "completion date",
            "date of closure",
        ),
    ),
    Field(
        "closed_by",
        "Closed by",
        ("closed by", "closure by", "closed by whom"),
        "The force or HMICFRS.",
    ),
)

FIELD_KEYS = tuple(f.key for f in FIELDS)
BY_KEY = {f.key: f for f in FIELDS}
REQUIRED = ("text",)  # reference is made up from the row number when missing

_ALIASES = {alias: f.key for f in FIELDS for alias in f.aliases}
SCAN_ROWS = 30  # rows looked at for the header


def normalise_header(value: object) -> str:
    """ "HMIC Level (1-4)" → "hmic level 1 4": lower case, words only."""
    text = str(value or "").lower().replace("&", " and ").replace("_", " ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def match_header(value: object) -> tuple[str | None, float]:
    """The field a header names, and how sure (1.0 exact, less for a near miss)."""
    if not isinstance(value, str):
        return None, 0.0
    return _match_name(normalise_header(value))


@lru_cache(maxsize=4096)
def _match_name(name: str) -> tuple[str | None, float]:
    if not name or len(name) > 60:
        return None, 0.0
    if name in _ALIASES:
        return _ALIASES[name], 1.0
    best: tuple[str | None, float] = (None, 0.0)
    words = name.split()
    for alias, key in _ALIASES.items():
        alias_words = alias.split()
        # A header that starts or ends with a whole alias: "Target Date (agreed)", "Lead".
        if len(alias_words) >= 1 and len(alias) >= 3 and _contains(words, alias_words):
            score = 0.7 + 0.2 * len(alias) / max(len(name), 1)
        elif abs(len(alias) - len(name)) <= 3:
            score = SequenceMatcher(None, name, alias).ratio()
            score = score * 0.9 if score >= 0.85 else 0.0
        else:
            score = 0.0
        if score > best[1]:
            best = (key, score)
    return best if best[1] >= 0.7 else (None, 0.0)


def _quick_key(value: object) -> str | None:
    """The field a cell names exactly or by a whole leading / trailing alias (no fuzziness)."""
    if not isinstance(value, str) or len(value) > 60:
        return None
    name = normalise_header(value)
    if name in _ALIASES:
        return _ALIASES[name]
    words = name.split()
    for n in (3, 2, 1):
        for part in (" ".join(words[:n]), " ".join(words[-n:])):
            if len(part) >= 3 and part in _ALIASES:
                return _ALIASES[part]
    return None


def _contains(words: list[str], alias: list[str]) -> bool:
    n = len(alias)
    return words[:n] == alias or words[-n:] == alias


def auto_mapping(headers: Sequence[object]) -> dict[int, str]:
    """Column index → field key, each field used once, the surest column winning."""
    candidates = []
    for index, header in enumerate(headers):
        key, score = match_header(header)
        if key:
            candidates.append((score, -index, index, key))
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for _score, _neg, index, key in sorted(candidates, reverse=True):
        if key not in taken:
            mapping[index] = key
            taken.add(key)
    return dict(sorted(mapping.items()))


def find_header_row(rows: Sequence[Sequence[object]]) -> int | None:
    """Index of the row that looks most like a header (two or more known names), or None."""
    best, best_score = None, 1
    for index, row in enumerate(rows[:SCAN_ROWS]):
        score = len({_quick_key(cell) for cell in row} - {None})
        if score > best_score:
            best, best_score = index, score
    return best
