"""The officer's words in a paper: which sections take them, and what they say by default."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.values import Meeting

STANDARD_PURPOSE = (
    "To provide members of the Committee with oversight of HMICFRS Inspection activity and "
    "recommendations."
)
STANDARD_ASK = "The Committee is asked to note the contents of the report."


@dataclass(frozen=True, slots=True)
class NarrativeField:
    """One piece of the officer's text, kept in ``meeting.narrative[key]``."""

    key: str
    label: str
    hint: str
    default: str = ""


NARRATIVE_FIELDS: tuple[NarrativeField, ...] = (
    NarrativeField(
        "purpose",
        "1. Purpose of report",
        "Why the paper is before the committee.",
        STANDARD_PURPOSE,
    ),
    NarrativeField(
        "position",
        "2. The force's position",
        "Monitoring, PEEL, oversight since the last meeting: what the committee should know "
        "first. The monitoring stage is added from the data.",
    ),
    NarrativeField(
        "findings",
        "2. About the figures",
        "Commentary after the figures: progress, who is driving closure, what comes next.",
    ),
    NarrativeField(
        "reports",
        "3. Published reports",
        "An introduction to the reports published since the last meeting (each report's own "
        "summary is kept with the report).",
    ),
    NarrativeField(
        "activity",
        "4. Inspection activity",
        "Anything to add about the inspection activity hosted and to come (each activity's "
        "notes are taken from the inspection).",
    ),
    NarrativeField(
        "asks",
        "5. What the committee is asked to do",
        "The decision or noting the committee is asked for.",
        STANDARD_ASK,
    ),
    NarrativeField(
        "background",
        "Background documents",
        "One document a line. Left empty, the reports published since the last meeting are listed.",
    ),
)

FIELD_KEYS = tuple(f.key for f in NARRATIVE_FIELDS)


def narrative_text(meeting: Meeting, key: str) -> str:
    """The officer's text for ``key``, or the standard wording when they wrote none."""
    field = next(f for f in NARRATIVE_FIELDS if f.key == key)
    written = str(meeting.narrative.get(key) or "").strip()
    return written or field.default
