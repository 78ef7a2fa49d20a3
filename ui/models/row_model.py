"""A table model over a list of plain rows (reports, inspections); sorting asks the page for SQL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RowColumn:
    """How one column shows a row."""

    key: str
    heading: str
    text: Callable[[Any], str]
    sortable: bool = True
    numeric: bool = False
    shown_by_default: bool = True
    tooltip: Callable[[Any], str | None] | None = None
    icon: Callable[[Any], QIcon | None] | None = None
    colour: Callable[[Any], QColor | None] | None = None


class RowTableModel(QAbstractTableModel):
    """Rows already filtered and sorted by a service; header clicks become sort requests."""

    sig_sort_requested = Signal(str, bool)  # column key, ascending

    def __init__(self, columns: Sequence[RowColumn], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns) and self.columns[column].sortable:
            ascending = order == Qt.SortOrder.AscendingOrder
            self.sig_sort_requested.emit(self.columns[column].key, ascending)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].heading
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.DecorationRole and column.icon:
            return column.icon(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour:
            return column.colour(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
