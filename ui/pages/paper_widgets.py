"""The parts of the Committee papers page: narrative editor, pre-flight, archive, new meeting."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.values import Meeting
from app.paper.checks import PreflightProblem
from app.paper.narrative import NARRATIVE_FIELDS


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
