"""The import preview as a table: one line per spreadsheet row, its action and its problems."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from app.formatting import long_date
from app.importer.preview import Action, Preview, PreviewRow

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    "Row",
    "Action",
    "Report",
    "Reference",
    "Kind",
    "Level",
    "Status",
    "Owner",
    "Due",
    "Problems",
)
SHOW_ALL, SHOW_ERRORS, SHOW_WARNINGS = "all", "errors", "warnings"


class PreviewTableModel(QAbstractTableModel):
    """Rows of a Preview, optionally only those with errors or warnings."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[PreviewRow] = []
        self._rows: list[PreviewRow] = []
        self._show = SHOW_ALL

    def set_preview(self, preview: Preview | None) -> None:
        self.beginResetModel()
        self._all = [] if preview is None else preview.rows
        self._apply()
        self.endResetModel()

    def set_show(self, show: str) -> None:
        """Show every row, only rows in error, or only rows with warnings."""
        self.beginResetModel()
        self._show = show
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        if self._show == SHOW_ERRORS:
            self._rows = [r for r in self._all if r.action is Action.ERROR]
        elif self._show == SHOW_WARNINGS:
            self._rows = [r for r in self._all if r.warnings and r.action is not Action.ERROR]
        else:
            self._rows = self._all

    def row_at(self, row: int) -> PreviewRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([*row.errors, *row.warnings]) or None
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return _icon(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _cell(row: PreviewRow, column: int) -> str:
    finding = row.finding
    if column == 0:
        return str(row.number)
    if column == 1:
        detail = f" ({row.reason})" if row.reason else ""
        return row.action.label + detail
    if column == 2:
        return row.report_title + (" (new)" if row.new_report else "")
    if column == 9:
        return "; ".join([*row.errors, *row.warnings])
    if finding is None:
        return ""
    if column == 3:
        return finding.reference
    if column == 4:
        return finding.kind.short
    if column == 5:
        return finding.level.label if finding.level is not None else ""
    if column == 6:
        return finding.status.label
    if column == 7:
        return row.owner_name + (" (new)" if row.new_owner else "")
    if column == 8:
        return "With immediate effect" if finding.due_immediate else long_date(finding.due_on)
    return ""


def _icon(row: PreviewRow) -> object:
    style = QApplication.style()
    if row.action is Action.ERROR:
        return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
    if row.warnings and row.action is not Action.SKIP:
        return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    return None
