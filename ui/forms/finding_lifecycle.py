"""The finding's status, the steps its level allows, and the small form each step asks for."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Status
from app.domain.values import Finding
from app.lifecycle import LifecycleStep, closure_rule, status_line, steps_for
from app.workspace import Workspace
from ui.forms.base import FormDialog
from ui.forms.fields import DateField, combo_with


class LifecyclePanel(QWidget):
    """Where the finding is, and one button per status change the rules allow now."""

    sig_step_requested = Signal(object)  # LifecycleStep

    def __init__(self, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLine")
        self.status_label.setWordWrap(True)
        font = self.status_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.status_label.setFont(font)
        self.rule_label = QLabel()
        self.rule_label.setObjectName("closureRule")
        self.rule_label.setWordWrap(True)
        self.buttons_row = QHBoxLayout()
        self.buttons_row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[Status, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_label)
        layout.addWidget(self.rule_label)
        layout.addLayout(self.buttons_row)

    def set_finding(self, finding: Finding | None) -> None:
        for button in self.buttons.values():
            self.buttons_row.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        while self.buttons_row.count():
            self.buttons_row.takeAt(0)
        if finding is None:
            self.status_label.setText(self.tr("Open (a new finding starts open)"))
            self.rule_label.setText(self.tr("Save the finding to move it through its lifecycle."))
            return
        self.status_label.setText(
            self.tr("Status: {line}").format(line=status_line(finding, self.today))
        )
        self.rule_label.setText(self.tr(closure_rule(finding.level)))
        for step in steps_for(finding):
            button = QPushButton(self.tr(step.label))
            button.setObjectName(f"step_{step.target.value}")
            button.setToolTip(
                self.tr("Move to “{status}”").format(status=self.tr(step.target.label))
            )
            button.clicked.connect(lambda _checked=False, s=step: self.sig_step_requested.emit(s))
            self.buttons_row.addWidget(button)
            self.buttons[step.target] = button
        self.buttons_row.addStretch(1)


class StatusChangeDialog(FormDialog):
    """Asks for what a step needs (CC letter, who closed it, a reason), then makes the step."""

    def __init__(
        self, ws: Workspace, finding: Finding, step: LifecycleStep, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr(_verb(step)), parent)
        self.ws = ws
        self.finding = finding
        self.step = step
        self.saved: Finding | None = None
        intro = QLabel(
            self.tr("Move {reference} from “{old}” to “{new}”.").format(
                reference=finding.reference,
                old=self.tr(finding.status.label),
                new=self.tr(step.target.label),
            )
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.letter_ref: QLineEdit | None = None
        self.letter_on: DateField | None = None
        if step.needs_letter:
            self.form.addRow(
                QLabel(
                    self.tr(
                        "A {level} submission needs the Chief Constable's signed letter."
                    ).format(level=finding.level.label if finding.level else "")
                )
            )
            self.letter_ref = self.add_field(
                "cc_letter_ref", self.tr("CC letter &reference"), QLineEdit(finding.cc_letter_ref)
            )
            self.letter_ref.setPlaceholderText(self.tr("e.g. CC/2024/017"))
            self.letter_on = self.add_field(
                "cc_letter_on", self.tr("CC letter &dated"), DateField(finding.cc_letter_on)
            )
        self.closer_combo = None
        if step.closers:
            rule = QLabel(self.tr(closure_rule(finding.level)))
            rule.setWordWrap(True)
            self.form.addRow(rule)
            self.closer_combo = self.add_field(
                "closed_by",
                self.tr("Closed &by"),
                combo_with([(c, self.tr(c.label)) for c in step.closers], step.closers[0]),
            )
        label = self.tr("&Reason (required)") if step.needs_reason else self.tr("&Note (optional)")
        self.note_edit = self.add_field("note", label, QPlainTextEdit())
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(80)
        if step.needs_reason:
            self.note_edit.setPlaceholderText(self.tr("Say why, for the record"))
        self.buttons.button(self.buttons.StandardButton.Save).setText(self.tr(_verb(step)))
        self.setMinimumWidth(460)
        self.finish_layout()
        (self.letter_ref or self.closer_combo or self.note_edit).setFocus()

    def save(self) -> bool:
        details: dict[str, object] = {}
        if self.letter_ref is not None and self.letter_on is not None:
            dates, problems = self.read_dates("cc_letter_on")
            if problems:
                self.show_problems(problems)
                return False
            details["cc_letter_ref"] = self.letter_ref.text().strip()
            details["cc_letter_on"] = dates["cc_letter_on"]
        if self.closer_combo is not None:
            details["closed_by"] = self.closer_combo.value()
        self.saved = self.ws.findings.change_status(
            self.finding.id,
            self.step.target,
            note=self.note_edit.toPlainText().strip(),
            **details,  # type: ignore[arg-type]
        )
        return True


def _verb(step: LifecycleStep) -> str:
    """The dialog's title and button: "Close the finding" rather than a bare "Close"."""
    if step.target is Status.CLOSED:
        return "Close the finding"
    return step.label.rstrip("…")
