"""Who am I: the officer's name, asked once per user on this computer, author of every change."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.workspace import Workspace
from ui.forms.fields import ErrorLabel

NAME_KEY = "officer/name"


def app_settings() -> QSettings:
    """This user's settings for Liaison Desk on this computer (not in the shared database)."""
    return QSettings("Liaison Desk", "Liaison Desk")


def stored_name(settings: QSettings | None = None) -> str:
    value = (settings or app_settings()).value(NAME_KEY, "")
    return str(value or "").strip()


class NameDialog(QDialog):
    """Asks for the name that goes on every change made on this computer."""

    def __init__(self, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your name"))
        intro = QLabel(
            self.tr(
                "Liaison Desk records who made every change. Enter your name as colleagues "
                "should see it in the history (e.g. “Insp Rachel Jones-Burns”). It is kept "
                "for you on this computer; change it with Edit → Your name."
            )
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(current)
        self.name_edit.setObjectName("officerName")
        self.name_edit.setMinimumWidth(320)
        self.name_edit.setMaxLength(200)
        self.error = ErrorLabel()
        form = QFormLayout()
        label = QLabel(self.tr("Your &name"))
        label.setBuddy(self.name_edit)
        form.addRow(label, self.name_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def name(self) -> str:
        return " ".join(self.name_edit.text().split())

    def accept(self) -> None:
        if not self.name():
            self.error.show_message(self.tr("enter your name"))
            self.name_edit.setFocus()
            return
        super().accept()


def ensure_actor(parent: QWidget, ws: Workspace, settings: QSettings | None = None) -> str:
    """Set the author of changes from the stored name, asking for it the first time."""
    settings = settings or app_settings()
    name = stored_name(settings)
    if not name:
        dialog = NameDialog(ws.actor, parent)
        accepted = dialog.exec()
        dialog.deleteLater()
        if accepted:
            name = dialog.name()
            settings.setValue(NAME_KEY, name)
            settings.sync()
    if name:
        ws.set_actor(name)
    return ws.actor


def change_name(parent: QWidget, ws: Workspace, settings: QSettings | None = None) -> bool:
    """Edit → Your name…: change the stored name and the author of changes from now on."""
    settings = settings or app_settings()
    dialog = NameDialog(stored_name(settings) or ws.actor, parent)
    accepted = dialog.exec()
    dialog.deleteLater()
    if not accepted:
        return False
    settings.setValue(NAME_KEY, dialog.name())
    settings.sync()
    ws.set_actor(dialog.name())
    return True
