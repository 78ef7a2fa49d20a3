"""Edit → Force settings: the force, its committee, its contact officer, the paper's marking."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.workspace import Workspace
from ui.widgets import british_date_edit


class ForceSettingsDialog(QDialog):
    """A form over ForceSettings; the service stores and logs the changes."""

    FIELDS = (
        ("force_name", "&Force name"),
        ("pcc_office", "&PCC office (paper heading)"),
        ("committee_name", "&Committee"),
        ("contact_name", "Contact &officer"),
        ("contact_title", "Contact officer's &title"),
        ("protective_marking", "Protective &marking"),
    )

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(self.tr("Force settings"))
        self.settings = ws.settings.get()
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for name, label in self.FIELDS:
            edit = QLineEdit(getattr(self.settings, name))
            edit.setObjectName(name)
            edit.setMinimumWidth(480)
            self.edits[name] = edit
            form.addRow(self.tr(label), edit)
        self.process_change = british_date_edit(self.settings.process_change_date)
        form.addRow(self.tr("Count submissions for closure &since"), self.process_change)
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

    def accept(self) -> None:
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        if not values["force_name"]:
            self.error_label.setText(self.tr("Enter the force's name."))
            self.edits["force_name"].setFocus()
            return
        updated = replace(
            self.settings, process_change_date=self.process_change.date().toPython(), **values
        )
        try:
            self.ws.settings.save(updated)
        except DomainError as exc:
            self.error_label.setText(exc.message)
            return
        super().accept()
