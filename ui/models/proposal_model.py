"""The findings proposed from pasted text, as an editable Qt table for the preview."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.date_input import parse_typed_date
from app.domain.enums import Kind
from app.formatting import long_date
from app.paste_splitter import ProposedFinding

Index = QModelIndex | QPersistentModelIndex
SAVE, KIND, REFERENCE, DUE, APPLIES, ADDRESSEE, ADDRESSES, TEXT, PROBLEM = range(9)
IMMEDIATELY = "Immediately"


@dataclass
class ProposalRow:
    """One proposed finding, whether to save it, and what is wrong with it."""

    proposal: ProposedFinding
    include: bool = True
    problem: str = ""


class ProposalTableModel(QAbstractTableModel):
    """Rows a person checks and corrects before the findings are saved."""

    HEADERS = (
        "Save",
        "Kind",
        "Reference",
        "Due",
        "Applies",
        "Addressed to",
        "Addresses",
        "Text",
        "Problem",
    )
    sig_edited = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ProposalRow] = []

    def set_proposals(self, proposals: list[ProposedFinding], existing: set[str]) -> None:
        """Show new proposals; those whose reference the report already has start unticked."""
        self.beginResetModel()
        self.rows = []
        for proposal in proposals:
            duplicate = proposal.reference.casefold() in existing
            self.rows.append(
                ProposalRow(
                    proposal,
                    include=not duplicate,
                    problem="The report already has a finding with this reference."
                    if duplicate
                    else "",
                )
            )
        self.endResetModel()

    def included(self) -> list[tuple[int, ProposedFinding]]:
        """(row, proposal) of the rows to save, parents renumbered to this selection."""
        chosen = [i for i, row in enumerate(self.rows) if row.include]
        position = {row: n for n, row in enumerate(chosen)}
        out = []
        for i in chosen:
            proposal = self.rows[i].proposal
            parent = position.get(proposal.parent) if proposal.parent is not None else None
            out.append((i, replace(proposal, parent=parent)))
        return out

    def has_problems(self) -> bool:
        return any(row.problem for row in self.rows)

    def has_links(self) -> bool:
        return any(row.proposal.parent is not None for row in self.rows)

    def set_problems(self, problems: dict[int, str]) -> None:
        for i, row in enumerate(self.rows):
            row.problem = problems.get(i, "")
        self.dataChanged.emit(self.index(0, PROBLEM), self.index(len(self.rows) - 1, PROBLEM))

    # --- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (SAVE, APPLIES):
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (KIND, REFERENCE, DUE, ADDRESSEE, TEXT):
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        p = row.proposal
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole:
            if column == SAVE:
                return _check(row.include)
            if column == APPLIES:
                return _check(p.applies_to_force)
            return None
        if role == Qt.ItemDataRole.EditRole:
            return {
                KIND: p.kind,
                REFERENCE: p.reference,
                DUE: self._due_text(p),
                ADDRESSEE: p.addressee,
                TEXT: p.text,
            }.get(column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TEXT:
                return " ".join(p.text.split())
            if column == ADDRESSES:
                if p.parent is None or p.parent >= len(self.rows):
                    return ""
                return self.rows[p.parent].proposal.reference
            return {
                KIND: self.tr(p.kind.short),
                REFERENCE: p.reference,
                DUE: self._due_text(p),
                ADDRESSEE: p.addressee,
                PROBLEM: row.problem,
                APPLIES: "" if p.applies_to_force else self.tr("No"),
            }.get(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TEXT:
                return p.text
            if column == KIND:
                return self.tr(p.kind.label)
            if column == APPLIES and not p.applies_to_force:
                return p.not_applicable_reason
            if column == PROBLEM:
                return row.problem or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row = self.rows[index.row()]
        p = row.proposal
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            if column == SAVE:
                row.include = checked
            elif column == APPLIES:
                reason = "" if checked else (p.not_applicable_reason or "Not for the force.")
                row.proposal = replace(p, applies_to_force=checked, not_applicable_reason=reason)
            else:
                return False
        elif role == Qt.ItemDataRole.EditRole:
            if column == KIND:
                row.proposal = replace(p, kind=Kind(value))
            elif column == REFERENCE:
                row.proposal = replace(p, reference=str(value).strip())
            elif column == ADDRESSEE:
                row.proposal = replace(p, addressee=str(value).strip())
            elif column == TEXT:
                row.proposal = replace(p, text=str(value).strip())
            elif column == DUE:
                if not self._set_due(row, str(value)):
                    self.dataChanged.emit(
                        index.siblingAtColumn(PROBLEM), index.siblingAtColumn(PROBLEM)
                    )
                    return False
            else:
                return False
        else:
            return False
        self.dataChanged.emit(index.siblingAtColumn(0), index.siblingAtColumn(PROBLEM))
        self.sig_edited.emit()
        return True

    def _set_due(self, row: ProposalRow, text: str) -> bool:
        if text.strip().casefold() in ("immediately", "immediate", "with immediate effect"):
            row.proposal = replace(row.proposal, due_on=None, due_immediate=True)
            return True
        try:
            day = parse_typed_date(text)
        except ValueError as exc:
            row.problem = f"Due: {exc}"
            return False
        row.proposal = replace(row.proposal, due_on=day, due_immediate=False)
        if row.problem.startswith("Due:"):
            row.problem = ""
        return True

    def _due_text(self, p: ProposedFinding) -> str:
        return self.tr(IMMEDIATELY) if p.due_immediate else long_date(p.due_on)


def _check(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
