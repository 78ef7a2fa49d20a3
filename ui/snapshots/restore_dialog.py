"""File → Restore from backup: the automatic backups with their date and counts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import utc_to_london
from app.formatting import long_date
from app.snapshots.backups import BackupService

HEADERS = ("Made", "Why", "Findings", "Reports", "Size")


class RestoreBackupDialog(QDialog):
    """Pick a backup; ``chosen`` is its path when the officer asks to restore it."""

    def __init__(self, backups: BackupService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups = backups
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("Restore from backup"))
        intro = QLabel(
            self.tr(
                "Liaison Desk backs up the database before every import, merge and upgrade, "
                "and once a day while you use it. Restoring puts the chosen backup in place of "
                "the current data, after backing up the current data too."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.table.doubleClicked.connect(lambda _index: self._on_restore_clicked())
        self.empty = QLabel(self.tr("There are no backups yet."))
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setValue(backups.keep())
        self.keep.setAccessibleName(self.tr("Backups to keep"))
        self.keep.editingFinished.connect(self._on_keep_editing_finished)
        keep_label = QLabel(self.tr("&Keep the last"))
        keep_label.setBuddy(self.keep)
        self.now_button = QPushButton(self.tr("&Back up now"))
        self.now_button.clicked.connect(self._on_now_clicked)
        row = QHBoxLayout()
        row.addWidget(keep_label)
        row.addWidget(self.keep)
        row.addWidget(QLabel(self.tr("backups")))
        row.addStretch(1)
        row.addWidget(self.now_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("&Restore…"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self.refresh()

    def refresh(self) -> None:
        self.items = self.backups.list()
        self.table.setRowCount(len(self.items))
        for row, b in enumerate(self.items):
            made = utc_to_london(b.made_at)
            cells = (
                f"{long_date(made.date())}, {made:%H:%M}",
                self.tr(b.reason_label),
                "?" if b.findings is None else f"{b.findings:,}",
                "?" if b.reports is None else f"{b.reports:,}",
                f"{b.size / 1e6:,.1f} MB",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        self.empty.setVisible(not self.items)
        self.table.setVisible(bool(self.items))
        if self.items:
            self.table.selectRow(0)
        self._on_table_item_selection_changed()

    def _on_table_item_selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _on_keep_editing_finished(self) -> None:
        self.backups.set_keep(self.keep.value())
        self.refresh()

    def _on_now_clicked(self) -> None:
        self.backups.make("manual")
        self.refresh()

    def _on_restore_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.chosen = self.items[rows[0].row()].path
            self.accept()
