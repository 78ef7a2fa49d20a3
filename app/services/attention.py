"""What needs the liaison officer's attention today, each count with the filter behind it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain.filters import FindingFilter, InspectionFilter, ReportFilter
from app.domain.values import PCC_RESPONSE_DAYS
from app.services.inspection_register import InspectionRegister
from app.services.register import FindingRegister
from app.services.report_register import ReportRegister

if TYPE_CHECKING:
    from app.workspace import Workspace

DUE_SOON_DAYS = 30
STALE_DAYS = 90


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """One count on the Overview; ``filter`` opens the register that lists what it counts."""

    key: str
    label: str
    description: str
    count: int
    filter: FindingFilter | ReportFilter | InspectionFilter


class AttentionService:
    """Overdue, due soon, gone quiet, coming up, and PCC responses due, as at today."""

    def __init__(self, ws: Workspace) -> None:
        self.findings = FindingRegister(ws)
        self.reports = ReportRegister(ws)
        self.inspections = InspectionRegister(ws)

    def items(self) -> tuple[AttentionItem, ...]:
        """Every count, in the order the Overview shows them."""
        overdue = FindingFilter(overdue=True, applies_to_force=True)
        due_soon = FindingFilter(due_within_days=DUE_SOON_DAYS, applies_to_force=True)
        stale = FindingFilter(no_update_in_days=STALE_DAYS, applies_to_force=True)
        forthcoming = InspectionFilter(forthcoming=True)
        responses = ReportFilter(response_due_within_days=PCC_RESPONSE_DAYS)
        return (
            AttentionItem(
                "overdue",
                "Overdue findings",
                "Open and past their due date",
                self.findings.count(overdue),
                overdue,
            ),
            AttentionItem(
                "due_soon",
                f"Due in the next {DUE_SOON_DAYS} days",
                "Open findings falling due",
                self.findings.count(due_soon),
                due_soon,
            ),
            AttentionItem(
                "stale",
                f"No update in {STALE_DAYS} days",
                "Open findings without a recent progress update",
                self.findings.count(stale),
                stale,
            ),
            AttentionItem(
                "forthcoming",
                "Forthcoming inspection activity",
                "Fieldwork, debriefs and publications to come",
                self.inspections.count(forthcoming),
                forthcoming,
            ),
            AttentionItem(
                "pcc_responses",
                "PCC responses due",
                f"Reports published in the last {PCC_RESPONSE_DAYS} days with no response yet",
                self.reports.count(responses),
                responses,
            ),
        )
