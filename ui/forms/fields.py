"""Form building blocks: a typed-or-picked British date field, and field-level error labels."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from app.date_input import parse_typed_date
from app.formatting import long_date
from ui.widgets import BRITISH, to_qdate


class DateField(QWidget):
    """A date typed ("27/06/2024", "27 June 2024") or picked from a calendar; may be empty."""

    sig_changed = Signal()

    def __init__(self, day: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("e.g. 27/06/2024"))
        self.edit.setClearButtonEnabled(True)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setAccessibleName(self.tr("Pick a date"))
        self.button.setToolTip(self.tr("Pick a date from a calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(BRITISH)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._on_menu_about_to_show)
        self.button.setMenu(menu)
        self._menu = menu
        self.calendar.clicked.connect(self._on_calendar_clicked)
        self.calendar.activated.connect(self._on_calendar_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self._on_edit_editing_finished)
        self.edit.textChanged.connect(lambda _text: self.sig_changed.emit())
        self.set_value(day)

    def value(self) -> date | None:
        """The date, None when empty; ValueError (saying how to write it) when not a date."""
        return parse_typed_date(self.edit.text())

    def set_value(self, day: date | None) -> None:
        self.edit.setText(long_date(day))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def _on_edit_editing_finished(self) -> None:
        try:
            day = self.value()
        except ValueError:
            return  # left as typed; the form says what is wrong when saving
        if day is not None:
            self.edit.setText(long_date(day))

    def _on_menu_about_to_show(self) -> None:
        try:
            day = self.value()
        except ValueError:
            day = None
        self.calendar.setSelectedDate(to_qdate(day) if day else QDate.currentDate())

    def _on_calendar_clicked(self, picked: QDate) -> None:
        self.set_value(picked.toPython())  # type: ignore[arg-type]
        self._menu.close()
        self.edit.setFocus()


class ErrorLabel(QLabel):
    """The message under a field that is wrong (hidden while the field is fine)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        font = QFont(self.font())
        font.setBold(True)
        self.setFont(font)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(f"⚠ {sentence(message)}")
        self.setVisible(bool(message))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def sentence(message: str) -> str:
    """A domain message ("give the inspection a title") as a sentence for the screen."""
    message = message.strip()
    if not message:
        return ""
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else f"{message}."


class ValueCombo(QComboBox):
    """A combo box whose items carry Python values, given back exactly (an enum stays an enum;
    Qt's own item data would hand back a plain str or int). Qt's methods are left alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[object] = []

    def add_value(self, label: str, value: object) -> None:
        self._values.append(value)
        self.addItem(label)

    def remove_values(self) -> None:
        self._values = []
        self.clear()

    def value_at(self, index: int) -> object:
        return self._values[index] if 0 <= index < len(self._values) else None

    def value(self) -> object:
        """The value of the current item (None when nothing is chosen)."""
        return self.value_at(self.currentIndex())

    def index_of(self, value: object) -> int:
        for index, item in enumerate(self._values):
            if item == value and type(item) is type(value):
                return index
        return -1

    def select_value(self, value: object) -> None:
        """Select the item holding ``value`` (the first item when none does)."""
        index = self.index_of(value)
        self.setCurrentIndex(index if index >= 0 else (0 if self.count() else -1))


def combo_with(
    options: list[tuple[object, str]], current: object = None, *, editable: bool = False
) -> ValueCombo:
    """A combo box of (value, label) options with ``current`` selected."""
    combo = ValueCombo()
    combo.setEditable(editable)
    for value, label in options:
        combo.add_value(label, value)
    combo.select_value(current)
    return combo


def ensure_option(combo: ValueCombo, value: object, label: str) -> None:
    """Select ``value``, adding it under ``label`` if the list lacks it (a deleted record)."""
    if value is not None and combo.index_of(value) < 0:
        combo.add_value(label, value)
    combo.select_value(value)
