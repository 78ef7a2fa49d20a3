"""The form dialog every record form is built on: fields with their own error messages."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, InvalidValues
from ui.forms.fields import DateField, ErrorLabel, sentence

W = TypeVar("W", bound=QWidget)


class FormDialog(QDialog):
    """A dialog of labelled fields; problems from the domain appear under the field concerned.

    Subclasses add fields with ``add_field(name, label, widget)`` where ``name`` is the
    dataclass field the domain names in its errors, and implement ``save()``.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general_error = ErrorLabel()
        self.general_error.setObjectName("generalError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)

    def finish_layout(self, *before_buttons: QWidget) -> None:
        """Lay out the form, any extra widgets, the general error and the buttons."""
        self.layout_.addLayout(self.form)
        for widget in before_buttons:
            self.layout_.addWidget(widget)
        self.layout_.addWidget(self.general_error)
        self.layout_.addWidget(self.buttons)

    def add_field(
        self,
        name: str,
        label: str,
        widget: W,
        *,
        form: QFormLayout | None = None,
        caption: QWidget | None = None,
    ) -> W:
        """Add ``widget`` under ``label`` (with its mnemonic) and an error line beneath it."""
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        error = ErrorLabel()
        error.setObjectName(f"{name}Error")
        box.addWidget(error)
        if caption is None:
            caption = QLabel(label)
            caption.setBuddy(widget)
        widget.setObjectName(name)
        widget.setAccessibleName(label.replace("&", ""))
        (form or self.form).addRow(caption, holder)
        self.fields[name] = widget
        self.errors[name] = error
        return widget

    # --- problems -------------------------------------------------------------------------
    def clear_problems(self) -> None:
        for error in self.errors.values():
            error.clear_message()
        self.general_error.clear_message()

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show each message under its field; focus the first field that is wrong."""
        self.clear_problems()
        general = []
        first: QWidget | None = None
        for name, message in problems.items():
            if name in self.errors:
                self.errors[name].show_message(message)
                first = first or self.fields[name]
            else:
                general.append(sentence(message))
        if general:
            self.general_error.show_message(" ".join(general))
        if first is not None:
            self.reveal(first)
            first.setFocus()

    def show_error(self, exc: DomainError) -> None:
        """A domain refusal, placed next to the field it names."""
        if isinstance(exc, InvalidValues):
            self.show_problems(dict(exc.problems))
        else:
            self.show_problems({exc.field or "": exc.message})

    def reveal(self, widget: QWidget) -> None:
        """Make ``widget`` visible (a subclass with tabs switches to its tab)."""

    def read_dates(self, *names: str) -> tuple[dict[str, object], dict[str, str]]:
        """The values of the named DateFields, and a problem for each that is not a date."""
        values: dict[str, object] = {}
        problems: dict[str, str] = {}
        for name in names:
            field = self.fields[name]
            assert isinstance(field, DateField)
            try:
                values[name] = field.value()
            except ValueError as exc:
                problems[name] = str(exc)
        return values, problems

    # --- saving ---------------------------------------------------------------------------
    def _on_buttons_accepted(self) -> None:
        self.clear_problems()
        try:
            ok = self.save()
        except DomainError as exc:
            self.show_error(exc)
            return
        if ok:
            self.accept()

    def save(self) -> bool:
        """Build the value and hand it to the service; False (with problems shown) to stay."""
        raise NotImplementedError
