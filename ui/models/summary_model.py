"""The open / closed / total table as a Qt model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.domain.enums import Kind, Level
from app.services.figures import Summary

Index = QModelIndex | QPersistentModelIndex


class SummaryTableModel(QAbstractTableModel):
    """Rows by kind and level, then a total row; the total column is computed, never typed."""

    HEADERS = ("Findings", "Open", "Closed", "Total")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._summary: Summary | None = None

    def set_summary(self, summary: Summary) -> None:
        self.beginResetModel()
        self._summary = summary
        self.endResetModel()

    def kind_level(self, row: int) -> tuple[Kind, Level | None] | None:
        """The kind and level a row counts (None for the total row)."""
        if self._summary is None or not 0 <= row < len(self._summary.rows):
            return None
        found = self._summary.rows[row]
        return found.kind, found.level

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._summary is None:
            return 0
        return len(self._summary.rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._summary is None:
            return None
        is_total = index.row() == len(self._summary.rows)
        if role == Qt.ItemDataRole.DisplayRole:
            if is_total:
                s = self._summary
                return (self.tr("Total"), s.open, s.closed, s.total)[index.column()]
            row = self._summary.rows[index.row()]
            return (row.label, row.open, row.closed, row.total)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and is_total:
            font = QFont()
            font.setBold(True)
            return font
        return None
