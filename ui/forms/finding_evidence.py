"""A finding's evidence tab: attach files (also by dropping them), open, save a copy, remove."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.field_labels import file_size
from app.formatting import long_date
from app.services.attachments import MAX_ATTACHMENT_BYTES, Attachment, AttachmentService
from app.services.undo import CREATE, DELETE, UndoStep
from app.workspace import Workspace

_viewing_folder: tempfile.TemporaryDirectory[str] | None = None


def viewing_folder() -> Path:
    """A private folder for the copies handed to the system viewer, removed when the app ends."""
    global _viewing_folder
    if _viewing_folder is None:
        _viewing_folder = tempfile.TemporaryDirectory(
            prefix="liaison-desk-view-", ignore_cleanup_errors=True
        )
    return Path(_viewing_folder.name)


def open_with_system_viewer(path: Path) -> bool:
    """Hand a file to the viewer the system associates with its type (never run by us)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class EvidencePanel(QWidget):
    """The files attached to one finding."""

    sig_changed = Signal(object)  # UndoStep of what changed

    COLUMNS = ("File", "Size", "Added", "By", "Description")

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = AttachmentService(ws.ctx)
        self.finding_id: str | None = None
        self.items: list[Attachment] = []
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("evidenceTable")
        self.table.setAccessibleName(self.tr("Evidence files"))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.hint = QLabel(
            self.tr(
                "Attach the CC letter, a policy, a presentation… Files are kept inside the "
                "database (up to {limit} each) and open in your usual viewer. You can also drop "
                "files here."
            ).format(limit=file_size(MAX_ATTACHMENT_BYTES))
        )
        self.hint.setWordWrap(True)
        self.attach_button = QPushButton(self.tr("A&ttach files…"))
        self.open_button = QPushButton(self.tr("&Open"))
        self.save_button = QPushButton(self.tr("Save a &copy…"))
        self.remove_button = QPushButton(self.tr("Re&move…"))
        self.attach_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for button in (self.attach_button, self.open_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setAcceptDrops(True)

    # --- showing --------------------------------------------------------------------------
    def set_finding(self, finding_id: str | None) -> None:
        self.finding_id = finding_id
        self.attach_button.setEnabled(finding_id is not None)
        if finding_id is None:
            self.hint.setText(self.tr("Save the finding first, then attach evidence."))
        self.refresh()

    def refresh(self) -> None:
        self.items = self.service.for_finding(self.finding_id) if self.finding_id else []
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            added = long_date(item.added_at.date()) if item.added_at else ""
            name = item.filename if item.can_open else f"{item.filename} ⚠"
            for column, text in enumerate(
                (name, item.size_text, added, item.added_by, item.description)
            ):
                cell = QTableWidgetItem(text)
                if not item.can_open:
                    cell.setToolTip(self.tr("A program: Liaison Desk will not open it."))
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(4, not any(item.description for item in self.items))
        self._update_buttons()

    def selected(self) -> Attachment | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        for button in (self.open_button, self.save_button, self.remove_button):
            button.setEnabled(chosen is not None)

    # --- actions --------------------------------------------------------------------------
    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Attach evidence"))
        self.attach_paths([Path(n) for n in names])

    def attach_paths(self, paths: list[Path]) -> list[Attachment]:
        """Attach each file; the ones refused are listed together, with why."""
        if self.finding_id is None or not paths:
            return []
        added, refused = [], []
        for path in paths:
            try:
                added.append(self.service.add_file(self.finding_id, path))
            except DomainError as exc:
                refused.append(exc.message)
            except OSError as exc:
                refused.append(
                    self.tr("“{name}” could not be read: {error}").format(
                        name=path.name, error=exc.strerror or exc
                    )
                )
        self.refresh()
        if added:
            self.sig_changed.emit(
                UndoStep(
                    self.tr("Attach {n} file(s)").format(n=len(added)),
                    "attachment",
                    CREATE,
                    ids=tuple(a.id for a in added),
                )
            )
        if refused:
            QMessageBox.warning(self, self.tr("Not attached"), "\n\n".join(refused))
        return added

    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        try:
            copy = self.service.copy_for_viewing(chosen.id, _unique_folder())
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Not opened"), exc.message)
            return
        if not open_with_system_viewer(copy):
            QMessageBox.information(
                self,
                self.tr("No viewer"),
                self.tr("No program on this computer opens “{name}”. Use “Save a copy…”.").format(
                    name=chosen.filename
                ),
            )

    def save_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        target, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy"), str(Path.home() / chosen.filename)
        )
        if not target:
            return
        try:
            self.service.save_copy(chosen.id, Path(target))
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Not saved"),
                self.tr("The copy could not be saved: {error}").format(error=exc.strerror or exc),
            )

    def remove_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove evidence"),
            self.tr(
                "Remove “{name}” from this finding?\n\nThe removal is recorded in the history "
                "and can be undone."
            ).format(name=chosen.filename),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.service.remove(chosen.id)
        self.refresh()
        self.sig_changed.emit(
            UndoStep(
                self.tr("Remove {name}").format(name=chosen.filename),
                "attachment",
                DELETE,
                ids=(chosen.id,),
            )
        )

    # --- dropping files -------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.finding_id and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        self.attach_paths([p for p in paths if p.is_file()])
        event.acceptProposedAction()


def _unique_folder() -> Path:
    # One folder per opening, so two files of the same name never overwrite each other.
    return Path(tempfile.mkdtemp(dir=viewing_folder()))
