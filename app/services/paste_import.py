"""Saving the findings proposed from pasted text: all of them, under one report, or none."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from app.domain.errors import DomainError
from app.domain.values import Finding
from app.field_labels import describe_problem
from app.paste_splitter import ProposedFinding
from app.services.findings import FindingService


class ProposalProblems(DomainError):
    """Some proposed findings cannot be saved; ``rows`` maps each row index to what is wrong."""

    def __init__(self, rows: dict[int, str]) -> None:
        first = next(iter(rows))
        super().__init__(None, f"row {first + 1}: {rows[first]}")
        self.rows = rows


class PasteImportService:
    """Creates findings from checked proposals, linking recommendations to their CoCs."""

    def __init__(self, findings: FindingService) -> None:
        self.findings = findings

    def save(self, report_id: str, proposals: Sequence[ProposedFinding]) -> list[Finding]:
        """Create every proposal under ``report_id`` in one transaction; a problem in any row
        saves none and says which rows need correcting."""
        created: list[Finding] = []
        problems: dict[int, str] = {}
        with self.findings.ctx.store.write() as session:
            for index, proposal in enumerate(proposals):
                parent_id = None
                if proposal.parent is not None and proposal.parent < index:
                    parent = created[proposal.parent] if proposal.parent < len(created) else None
                    parent_id = parent.id if parent else None
                value = Finding(
                    report_id=report_id,
                    kind=proposal.kind,
                    reference=proposal.reference.strip(),
                    text=proposal.text.strip(),
                    addressee=proposal.addressee.strip(),
                    applies_to_force=proposal.applies_to_force,
                    not_applicable_reason=proposal.not_applicable_reason.strip(),
                    parent_id=parent_id,
                    due_on=proposal.due_on,
                    due_immediate=proposal.due_immediate and proposal.due_on is None,
                )
                savepoint = session.begin_nested()
                try:
                    finding = self.findings.create_in(session, value, note="Added from pasted text")
                except DomainError as exc:
                    savepoint.rollback()
                    problems[index] = describe_problem(exc)
                    created.append(replace(value, id=""))
                    continue
                savepoint.commit()
                created.append(finding)
            if problems:
                raise ProposalProblems(problems)  # leaving the block rolls everything back
        return created
