"""Import snapshot, step 1: what the snapshot is and how it differs; then replace or merge."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import utc_to_london
from app.formatting import long_date
from app.snapshots.errors import SnapshotError
from app.snapshots.service import ImportSession

COLUMNS = (
    "Records",
    "In the snapshot",
    "Here",
    "Added there",
    "Added here",
    "Changed there",
    "Changed here",
    "Deleted there",
    "Deleted here",
    "Conflicts",
)


class InspectSnapshotDialog(QDialog):
    """Shows the inspection; ``choice`` is "merge", "replace" or None when closed."""

    def __init__(self, session: ImportSession, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.choice: str | None = None
        self.setWindowTitle(self.tr("Import snapshot — {name}").format(name=file_name))
        layout = QVBoxLayout(self)
        self.heading = QLabel(self._heading())
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        self.integrity = QLabel(self.tr("Checking the snapshot's integrity…"))
        self.integrity.setObjectName("integrity")
        layout.addWidget(self.integrity)
        self.table = self._table()
        layout.addWidget(self.table, 1)
        self.summary = QLabel(self._summary())
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox()
        self.merge_button = QPushButton(self.tr("&Merge…"))
        self.merge_button.setToolTip(
            self.tr("Bring the snapshot's work into this database; nothing here is lost.")
        )
        self.replace_button = QPushButton(self.tr("&Replace my data…"))
        self.replace_button.setToolTip(
            self.tr("Make this database exactly the snapshot (a backup is made first).")
        )
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.replace_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.merge_button.clicked.connect(lambda: self._choose("merge"))
        self.replace_button.clicked.connect(lambda: self._choose("replace"))
        self.merge_button.setDefault(True)
        layout.addWidget(buttons)
        self.resize(980, 560)
        self._timer = QTimer(self)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()
        self._on_timer_timeout()

    def _heading(self) -> str:
        m = self.session.manifest
        made = utc_to_london(m.created_at)
        if self.session.is_database_file:
            text = self.tr("A Liaison Desk database file, last changed {date} at {time}.")
        else:
            text = self.tr(
                "Made by <b>{who}</b> on <b>{date}</b> at {time} with Liaison Desk {version}."
            )
        text = text.format(
            who=m.created_by or self.tr("an unknown officer"),
            date=long_date(made.date()),
            time=f"{made:%H:%M}",
            version=m.app_version,
        )
        notes = []
        if self.session.encrypted:
            notes.append(self.tr("Encrypted with a passphrase."))
        if self.session.upgraded_from:
            notes.append(
                self.tr("Made with an older version; brought up to date on a private copy.")
            )
        return " ".join([text, *notes])

    def _table(self) -> QTableWidget:
        entities = self.session.plan.entities
        table = QTableWidget(len(entities), len(COLUMNS))
        table.setAccessibleName(self.tr("Differences by kind of record"))
        table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        for row, e in enumerate(entities):
            values = (
                e.in_snapshot,
                e.here,
                e.added_theirs,
                e.added_mine,
                e.changed_theirs,
                e.changed_mine,
                e.deleted_theirs,
                e.deleted_mine,
                e.conflicts,
            )
            table.setItem(row, 0, QTableWidgetItem(self.tr(e.label)))
            for col, value in enumerate(values, start=1):
                item = QTableWidgetItem(f"{value:,}" if value else "·")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, col, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _summary(self) -> str:
        plan = self.session.plan
        if plan.identical:
            return self.tr("The snapshot holds exactly what this database holds.")
        parts = [
            self.tr(
                "History entries only in the snapshot: {theirs:,}; only here: {mine:,}. "
                "New evidence files: {files:,}."
            ).format(theirs=plan.their_history, mine=plan.my_history, files=plan.new_files)
        ]
        if plan.conflicts:
            parts.append(
                self.tr(
                    "{n} fields were changed differently on both sides: merging asks you "
                    "to choose for each."
                ).format(n=len(plan.conflicts))
            )
        if plan.my_history:
            parts.append(
                self.tr(
                    "Replacing would set aside {n} changes made only here (they stay in "
                    "the automatic backup); merging keeps them."
                ).format(n=plan.my_history)
            )
        return " ".join(parts)

    def _on_timer_timeout(self) -> None:
        if not self.session.integrity_known():
            self._set_buttons(False)
            return
        self._timer.stop()
        try:
            self.session.require_healthy()
        except SnapshotError as exc:
            self.integrity.setText(
                self.tr("This snapshot cannot be imported: {error}").format(error=exc)
            )
            self._set_buttons(False)
            return
        self.integrity.setText(self.tr("Integrity check passed."))
        self._set_buttons(True)

    def _set_buttons(self, enabled: bool) -> None:
        self.merge_button.setEnabled(enabled)
        self.replace_button.setEnabled(enabled)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
