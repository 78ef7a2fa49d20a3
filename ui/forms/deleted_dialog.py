"""Edit → Recently deleted: what was deleted, when and by whom, and a way to bring it back."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import utc_to_london
from app.domain.errors import DomainError
from app.formatting import long_date
from app.services.deletion import DeletedItem, DeletionService
from app.workspace import Workspace


class RecentlyDeletedDialog(QDialog):
    """Deleted findings, reports (with their findings), inspections and meetings."""

    COLUMNS = ("Deleted", "What", "Name", "By", "Note")

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recently deleted"))
        self.service = DeletionService(ws.ctx)
        self.items: list[DeletedItem] = []
        self.restored = 0
        intro = QLabel(
            self.tr(
                "Deleted records stay in the database and in its history. Restore brings one "
                "back as it was (a report comes back with the findings deleted with it)."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("deletedTable")
        self.table.setAccessibleName(self.tr("Recently deleted records"))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.empty_label = QLabel(self.tr("Nothing has been deleted."))
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.resize(860, 440)
        self.refresh()

    def refresh(self) -> None:
        self.items = self.service.recently_deleted()
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            local = utc_to_london(item.deleted_at)
            name = item.label
            if item.findings_with_it:
                name += self.tr(" (and {n} findings)").format(n=item.findings_with_it)
            cells = (
                f"{long_date(local.date())}, {local:%H:%M}",
                self.tr(item.kind_label),
                name,
                item.deleted_by,
                item.note,
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(bool(self.items))
        self.empty_label.setVisible(not self.items)
        self._update_buttons()

    def _selected(self) -> list[DeletedItem]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.items[r] for r in rows]

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self._selected()))

    def restore_selected(self) -> None:
        problems = []
        for item in self._selected():
            try:
                self.restored += self.service.restore(item.entity, item.id)
            except DomainError as exc:
                problems.append(f"{item.label}: {exc.message}")
        self.refresh()
        if problems:
            QMessageBox.warning(self, self.tr("Not restored"), "\n".join(problems))
