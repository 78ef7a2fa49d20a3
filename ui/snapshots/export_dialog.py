"""File → Export snapshot: where to write it and, optionally, a passphrase."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

MIN_PASSPHRASE = 8


class ExportSnapshotDialog(QDialog):
    """Asks for the file and the passphrase; the caller runs the export."""

    def __init__(self, suggested: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export snapshot"))
        intro = QLabel(
            self.tr(
                "A snapshot holds the whole database — every record, its history and the "
                "evidence files — for handing over to another officer. It is taken while "
                "you keep working."
            )
        )
        intro.setWordWrap(True)
        self.path_edit = QLineEdit(str(suggested))
        self.path_edit.setAccessibleName(self.tr("Snapshot file"))
        self.path_edit.setMinimumWidth(420)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.protect = QCheckBox(self.tr("&Protect with a passphrase (encrypted)"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("Passphrase again"))
        for edit in (self.passphrase, self.confirm):
            edit.setEnabled(False)
            self.protect.toggled.connect(edit.setEnabled)
        form = QFormLayout()
        file_label = QLabel(self.tr("&File"))
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, row)
        form.addRow("", self.protect)
        form.addRow(self.tr("Pass&phrase"), self.passphrase)
        form.addRow(self.tr("&Again"), self.confirm)
        hint = QLabel(
            self.tr("Give the passphrase to the other officer separately; it cannot be recovered.")
        )
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def _on_browse_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export snapshot"),
            self.path_edit.text(),
            self.tr("Liaison Desk snapshots (*.ldsnap)"),
        )
        if name:
            self.path_edit.setText(name)

    def target(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        return path if path.suffix else path.with_suffix(".ldsnap")

    def chosen_passphrase(self) -> str | None:
        return self.passphrase.text() if self.protect.isChecked() else None

    def accept(self) -> None:
        if not self.path_edit.text().strip():
            self.error_label.setText(self.tr("Choose where to save the snapshot."))
            return
        if not self.target().parent.is_dir():
            self.error_label.setText(self.tr("That folder does not exist."))
            return
        if self.protect.isChecked():
            if len(self.passphrase.text()) < MIN_PASSPHRASE:
                self.error_label.setText(
                    self.tr("Use a passphrase of at least {n} characters.").format(n=MIN_PASSPHRASE)
                )
                self.passphrase.setFocus()
                return
            if self.passphrase.text() != self.confirm.text():
                self.error_label.setText(self.tr("The two passphrases differ."))
                self.confirm.setFocus()
                return
        super().accept()
