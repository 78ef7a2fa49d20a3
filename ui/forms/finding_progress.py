"""A finding's progress updates: a dated, authored timeline that is only ever added to."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.formatting import long_date
from app.workspace import Workspace
from ui.forms.fields import DateField, ErrorLabel


class ProgressPanel(QWidget):
    """Newest update first; write below and press Ctrl+Enter (or "Add update") to add one."""

    sig_added = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.finding_id: str | None = None
        self.timeline = QTextBrowser()
        self.timeline.setObjectName("progressTimeline")
        self.timeline.setAccessibleName(self.tr("Progress updates, newest first"))
        self.timeline.setOpenLinks(False)
        self._entries: list[str] = []
        self.empty_label = QLabel(self.tr("No progress updates yet."))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("progressText")
        self.text_edit.setAccessibleName(self.tr("New progress update"))
        self.text_edit.setPlaceholderText(
            self.tr("Write an update… (Ctrl+Enter adds it; updates are never overwritten)")
        )
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(80)
        self.date_field = DateField(ws.ctx.clock.today())
        self.date_field.setAccessibleName(self.tr("Update written on"))
        self.add_button = QPushButton(self.tr("&Add update"))
        self.add_button.clicked.connect(self.add_update)
        self.error = ErrorLabel()
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.text_edit)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.add_update)
        when = QFormLayout()
        written = QLabel(self.tr("&Written on"))
        written.setBuddy(self.date_field)
        when.addRow(written, self.date_field)
        row = QHBoxLayout()
        row.addLayout(when)
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.text_edit)
        layout.addWidget(self.error)
        layout.addLayout(row)

    def set_finding(self, finding_id: str | None) -> None:
        self.finding_id = finding_id
        for widget in (self.text_edit, self.date_field, self.add_button):
            widget.setEnabled(finding_id is not None)
        if finding_id is None:
            self.text_edit.setPlaceholderText(self.tr("Save the finding first, then add updates."))
        self.refresh()

    def refresh(self) -> None:
        updates = self.ws.findings.progress(self.finding_id) if self.finding_id else []
        self._entries = [
            f"{long_date(u.written_on)} — {u.author}\n{u.text}" for u in reversed(updates)
        ]
        blocks = []
        for update in reversed(updates):
            text = html.escape(update.text).replace("\n", "<br/>")
            blocks.append(
                f"<p><b>{long_date(update.written_on)}</b> — {html.escape(update.author)}"
                f"<br/>{text}</p>"
            )
        self.timeline.setHtml("<hr/>".join(blocks))
        self.empty_label.setVisible(not updates)
        self.timeline.setVisible(bool(updates))

    def entries(self) -> list[str]:
        """The timeline as shown, newest first ("date — author\ntext")."""
        return list(self._entries)

    def focus_new_update(self) -> None:
        self.text_edit.setFocus()

    def add_update(self) -> None:
        if self.finding_id is None:
            return
        self.error.clear_message()
        try:
            day = self.date_field.value()
        except ValueError as exc:
            self.error.show_message(str(exc))
            self.date_field.setFocus()
            return
        try:
            self.ws.findings.add_progress(
                self.finding_id, self.text_edit.toPlainText(), on=day or self.ws.ctx.clock.today()
            )
        except DomainError as exc:
            self.error.show_message(exc.message)
            self.text_edit.setFocus()
            return
        self.text_edit.clear()
        self.refresh()
        self.sig_added.emit()
