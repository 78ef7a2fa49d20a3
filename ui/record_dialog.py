"""A read-only view of one record's facts, opened from the calendar; Edit… opens its form."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.calendar.details import RecordDetails


class RecordDialog(QDialog):
    """Heading and labelled facts; text can be selected and copied."""

    sig_edit_requested = Signal(str, str)  # entity, record id

    def __init__(self, details: RecordDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.setObjectName("recordDialog")
        self.setWindowTitle(
            self.tr("{kind} — {heading}").format(kind=details.kind_label, heading=details.heading)
        )
        heading = QLabel(details.heading)
        heading.setObjectName("recordHeading")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.value_labels: dict[str, QLabel] = {}
        for label, value in details.rows:
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setAccessibleName(label)
            form.addRow(QLabel(f"{label}:"), shown)
            self.value_labels[label] = shown
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.edit_button = buttons.addButton(
            self.tr("&Edit…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        kind = details.kind_label.lower()
        self.edit_button.setToolTip(self.tr("Open the {kind} form").format(kind=kind))
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(details.kind_label))
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _on_edit_button_clicked(self) -> None:
        self.close()
        self.sig_edit_requested.emit(self.details.entity, self.details.entity_id)
