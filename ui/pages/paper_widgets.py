"""The parts of the Committee papers page: narrative editor, pre-flight, archive, new meeting."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.values import Meeting
from app.formatting import long_date
from app.paper.checks import PreflightProblem
from app.paper.narrative import NARRATIVE_FIELDS
from app.workspace import Workspace
from ui.widgets import british_date_edit


class NarrativeEditor(QScrollArea):
    """One text box per narrative section; blank boxes show the standard wording."""

    sig_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.edits: dict[str, QPlainTextEdit] = {}
        for field in NARRATIVE_FIELDS:
            label = QLabel(f"<b>{self.tr(field.label)}</b>")
            hint = QLabel(self.tr(field.hint))
            hint.setWordWrap(True)
            hint.setObjectName("hint")
            hint.setEnabled(False)  # drawn in the style's muted colour, high contrast included
            edit = QPlainTextEdit()
            edit.setObjectName(f"narrative_{field.key}")
            edit.setAccessibleName(self.tr(field.label))
            edit.setAccessibleDescription(self.tr(field.hint))
            edit.setPlaceholderText(field.default or self.tr("Nothing is added when left empty."))
            edit.setTabChangesFocus(True)
            tall = field.key in ("position", "findings")
            edit.setMinimumHeight(110 if tall else 64)
            edit.setMaximumHeight(220 if tall else 120)
            edit.textChanged.connect(self.sig_edited.emit)
            label.setBuddy(edit)
            layout.addWidget(label)
            layout.addWidget(hint)
            layout.addWidget(edit)
            self.edits[field.key] = edit
        layout.addStretch(1)
        self.setWidget(inner)

    def set_meeting(self, meeting: Meeting | None) -> None:
        """Show a meeting's narrative (without signalling an edit)."""
        for key, edit in self.edits.items():
            edit.blockSignals(True)
            edit.setPlainText("" if meeting is None else str(meeting.narrative.get(key, "")))
            edit.blockSignals(False)
            edit.setEnabled(meeting is not None)

    def narrative(self) -> dict[str, str]:
        return {key: edit.toPlainText() for key, edit in self.edits.items()}


class PreflightTree(QTreeWidget):
    """Problems grouped by kind, with how many records have each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setAccessibleName(self.tr("Pre-flight: data problems to fix first"))
        self.setUniformRowHeights(True)

    def set_checking(self) -> None:
        self.clear()
        QTreeWidgetItem(self, [self.tr("Checking the data…")])

    def set_failed(self, error: str) -> None:
        self.clear()
        QTreeWidgetItem(
            self, [self.tr("The data could not be checked: {error}").format(error=error)]
        )

    def set_problems(self, problems: list[PreflightProblem]) -> None:
        self.clear()
        if not problems:
            QTreeWidgetItem(self, [self.tr("No data problems found. The paper is ready.")])
            return
        for problem in problems:
            group = QTreeWidgetItem(self, [f"{self.tr(problem.title)} ({problem.count})"])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for item in problem.items:
                child = QTreeWidgetItem(group, [item.text])
                child.setToolTip(0, item.text)
                child.setData(0, Qt.ItemDataRole.UserRole, (item.entity, item.record_id))
            if problem.count > len(problem.items):
                more = problem.count - len(problem.items)
                QTreeWidgetItem(group, [self.tr("…and {n} more").format(n=more)])
            group.setExpanded(True)


class NewMeetingDialog(QDialog):
    """Date, committee and agenda item of a new meeting; the service stores it."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.meeting: Meeting | None = None
        self.setWindowTitle(self.tr("New committee meeting"))
        self.date_edit = british_date_edit(ws.ctx.clock.today())
        self.date_edit.setAccessibleName(self.tr("Meeting date"))
        self.committee_edit = QLineEdit(ws.settings.get().committee_name)
        self.committee_edit.setAccessibleName(self.tr("Committee"))
        self.agenda_edit = QLineEdit()
        self.agenda_edit.setAccessibleName(self.tr("Agenda item"))
        self.agenda_edit.setPlaceholderText(self.tr("e.g. 06"))
        form = QFormLayout()
        form.addRow(self.tr("Meeting &date"), self.date_edit)
        form.addRow(self.tr("&Committee"), self.committee_edit)
        form.addRow(self.tr("&Agenda item"), self.agenda_edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def chosen_date(self) -> date:
        return self.date_edit.date().toPython()  # type: ignore[no-any-return]

    def accept(self) -> None:
        day = self.chosen_date()
        committee = self.committee_edit.text().strip()
        if any(m.meets_on == day and m.committee == committee for m in self.ws.meetings.list()):
            self.error_label.setText(
                self.tr("The {committee} already meets on {day}.").format(
                    committee=committee, day=long_date(day)
                )
            )
            return
        try:
            self.meeting = self.ws.meetings.create(
                Meeting(day, committee, self.agenda_edit.text().strip())
            )
        except DomainError as exc:
            self.error_label.setText(exc.message)
            return
        super().accept()
