"""The vocabularies of the domain, each value with the label a person reads."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Kind(StrEnum):
    """What a finding is."""

    COC = "coc"
    RECOMMENDATION = "recommendation"
    AFI = "afi"

    @property
    def label(self) -> str:
        return {
            "coc": "Cause of Concern",
            "recommendation": "Recommendation",
            "afi": "Area for Improvement",
        }[self.value]

    @property
    def short(self) -> str:
        return {"coc": "CoC", "recommendation": "Rec", "afi": "AFI"}[self.value]


class Level(IntEnum):
    """HMICFRS monitoring level; 0 stands for items closed before levels existed."""

    BEFORE_LEVELS = 0
    L1 = 1
    L2 = 2
    L3 = 3
    L4 = 4

    @property
    def label(self) -> str:
        return "Closed before levels" if self is Level.BEFORE_LEVELS else f"Level {self.value}"

    @property
    def definition(self) -> str:
        return LEVEL_DEFINITIONS[self]


LEVEL_DEFINITIONS = {
    Level.L1: "Closed and archived by HMICFRS.",
    Level.L2: "Forces are able to close records when they have completed the work, including "
    "uploading a letter signed by the Chief Constable.",
    Level.L3: "Forces self-certify that the recommendation is complete, including uploading a "
    "letter signed by the Chief Constable. HMICFRS follow-up/verification via the next relevant "
    "planned inspection.",
    Level.L4: "No force self-certification. HMICFRS follow-up work conducted via further bespoke "
    "fieldwork, with additional support / inspection when appropriate. In most cases this will "
    "be for forces moved to the Engage status.",
    Level.BEFORE_LEVELS: "Closed before HMICFRS introduced monitoring levels.",
}


class Status(StrEnum):
    """Where a finding is in its lifecycle."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    INTERNAL_REVIEW = "internal_review"
    SUBMITTED = "submitted"
    CLOSED = "closed"
    NOT_APPLICABLE = "not_applicable"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return {
            "open": "Open",
            "in_progress": "In progress",
            "internal_review": "Internal review",
            "submitted": "Submitted for closure",
            "closed": "Closed",
            "not_applicable": "Not applicable",
            "superseded": "Superseded",
        }[self.value]

    @property
    def is_open(self) -> bool:
        """Counted as open in the committee figures."""
        return self in OPEN_STATUSES


OPEN_STATUSES = frozenset(
    {Status.OPEN, Status.IN_PROGRESS, Status.INTERNAL_REVIEW, Status.SUBMITTED}
)


class Rag(StrEnum):
    """Red / Amber / Green progress rating from internal reviews."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ClosedBy(StrEnum):
    """Who closed a finding: the force self-certifying, or HMICFRS."""

    FORCE = "force"
    HMICFRS = "hmicfrs"

    @property
    def label(self) -> str:
        return "The force" if self is ClosedBy.FORCE else "HMICFRS"


class InspectionType(StrEnum):
    """The kind of inspection activity."""

    PEEL = "peel"
    THEMATIC = "thematic"
    JOINT = "joint"
    REGIONAL = "regional"
    REVISIT = "revisit"
    SUPER_COMPLAINT = "super_complaint"
    CRIME_DATA_INTEGRITY = "crime_data_integrity"
    CUSTODY = "custody"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "peel": "PEEL",
            "thematic": "National thematic",
            "joint": "Joint inspection",
            "regional": "Regional (ROCU / SOC)",
            "revisit": "Re-visit",
            "super_complaint": "Super-complaint",
            "crime_data_integrity": "Crime data integrity",
            "custody": "Custody (no notice)",
            "other": "Other",
        }[self.value]


class InspectionStatus(StrEnum):
    """Where an inspection activity is."""

    PLANNED = "planned"
    FIELDWORK = "fieldwork"
    DEBRIEFED = "debriefed"
    AWAITING_REPORT = "awaiting_report"
    PUBLISHED = "published"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class ReportScope(StrEnum):
    """Whom a report is about."""

    FORCE = "force"
    NATIONAL = "national"
    REGIONAL = "regional"
    JOINT = "joint"

    @property
    def label(self) -> str:
        return {
            "force": "Force-specific",
            "national": "National thematic",
            "regional": "Regional",
            "joint": "Joint",
        }[self.value]


class Grade(StrEnum):
    """HMICFRS graded judgement."""

    OUTSTANDING = "outstanding"
    GOOD = "good"
    ADEQUATE = "adequate"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    INADEQUATE = "inadequate"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class MonitoringStage(StrEnum):
    """The force's HMICFRS monitoring stage."""

    SCAN = "scan"
    ENGAGE = "engage"

    @property
    def label(self) -> str:
        return self.value.capitalize()
