"""Import snapshot, step 2 of a merge: decide each field changed differently on both sides."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.snapshots.describe import field_name, value_text, who
from app.snapshots.plan import MINE, THEIRS, Change
from app.snapshots.tables import record_label

HEADERS = ("Record", "Field", "In the snapshot", "In this database", "Keep")


class ConflictDialog(QDialog):
    """One row per conflicting field with both values and who changed them when."""

    def __init__(
        self, conflicts: list[Change], names: dict[object, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.conflicts = conflicts
        self.setWindowTitle(self.tr("Merge — choose what to keep"))
        intro = QLabel(
            self.tr(
                "These fields were changed differently in the snapshot and here. Choose which "
                "value to keep for each. Both changes stay in the history either way."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(conflicts), len(HEADERS))
        self.table.setAccessibleName(self.tr("Conflicting changes"))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.choices: list[QComboBox] = []
        for row, c in enumerate(conflicts):
            record = QTableWidgetItem(f"{self.tr(record_label(c.entity))}: {c.record}")
            self.table.setItem(row, 0, record)
            self.table.setItem(row, 1, QTableWidgetItem(self.tr(field_name(c.field))))
            theirs = f"{value_text(c.field, c.theirs, names)}\n{who(c.theirs_by)}"
            mine = f"{value_text(c.field, c.mine, names)}\n{who(c.mine_by)}"
            self.table.setItem(row, 2, QTableWidgetItem(theirs))
            self.table.setItem(row, 3, QTableWidgetItem(mine))
            choice = QComboBox()
            choice.addItem(self.tr("The snapshot's"), THEIRS)
            choice.addItem(self.tr("This database's"), MINE)
            choice.setCurrentIndex(-1)
            choice.setPlaceholderText(self.tr("Choose…"))
            choice.setAccessibleName(self.tr("Keep for {field}").format(field=field_name(c.field)))
            choice.currentIndexChanged.connect(self._on_choice_current_index_changed)
            # A combo box as the cell itself stretches to the row's height: hold it centred.
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(6, 0, 6, 0)
            holder_layout.addWidget(choice, 0, Qt.AlignmentFlag.AlignVCenter)
            self.table.setCellWidget(row, 4, holder)
            self.choices.append(choice)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(0, 220)
        self.table.resizeRowsToContents()
        all_theirs = QPushButton(self.tr("Keep all from the &snapshot"))
        all_mine = QPushButton(self.tr("Keep all of &mine"))
        all_theirs.clicked.connect(lambda: self.choose_all(THEIRS))
        all_mine.clicked.connect(lambda: self.choose_all(MINE))
        quick = QHBoxLayout()
        quick.addWidget(all_theirs)
        quick.addWidget(all_mine)
        quick.addStretch(1)
        self.remaining = QLabel()
        self.remaining.setObjectName("remaining")
        quick.addWidget(self.remaining)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText(self.tr("&Merge"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(quick)
        layout.addWidget(self.buttons)
        self.resize(1000, 520)
        self._on_choice_current_index_changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Only now are the stretched columns their real width: wrap the values to that.
        self.table.resizeRowsToContents()

    def choose_all(self, side: str) -> None:
        for choice in self.choices:
            choice.setCurrentIndex(choice.findData(side))

    def decisions(self) -> dict[tuple[str, str, str], str]:
        """The officer's choice per conflict (only those chosen)."""
        return {
            c.key: box.currentData()
            for c, box in zip(self.conflicts, self.choices, strict=True)
            if box.currentIndex() >= 0
        }

    def _on_choice_current_index_changed(self, _index: int = 0) -> None:
        left = len(self.conflicts) - len(self.decisions())
        self.remaining.setText(
            self.tr("{n} still to choose").format(n=left) if left else self.tr("All chosen")
        )
        self.merge_button.setEnabled(left == 0)
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignRight)
