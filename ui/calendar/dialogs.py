"""The calendar's small dialogs: a day's events, a new inspection, export to Outlook."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.calendar.events import CalendarEvent
from app.domain.enums import InspectionStatus, InspectionType
from app.domain.errors import DomainError, InvalidValues
from app.domain.values import Inspection
from app.formatting import long_date
from app.workspace import Workspace
from ui.calendar import style
from ui.calendar.describe import describe_event, when
from ui.widgets import british_date_edit


class DayEventsDialog(QDialog):
    """Every event of one day, for when the month view had no room ("+3 more")."""

    sig_event_activated = Signal(object)  # CalendarEvent

    def __init__(self, day: date, events: list[CalendarEvent], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("{day}").format(day=long_date(day)))
        self.events = list(events)  # by row; see AgendaView on why not in item data
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Events on {day}").format(day=long_date(day)))
        for event in events:
            item = QListWidgetItem(
                style.glyph_icon(event.type, self.palette()),
                f"{event.type.label}: {event.title} ({when(event)})",
            )
            item.setToolTip(describe_event(event))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._on_list_item_activated)
        heading = QLabel(
            self.tr("<b>{n} events on {day}</b>").format(n=len(events), day=long_date(day))
        )
        hint = QLabel(self.tr("Double-click or press Enter to open one."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(520, 320)

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.sig_event_activated.emit(self.events[self.list.row(item)])
        self.accept()


class NewInspectionDialog(QDialog):
    """Record a planned inspection whose fieldwork starts on the chosen day."""

    sig_created = Signal(object)  # Inspection

    def __init__(self, ws: Workspace, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(self.tr("New inspection"))
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. PEEL 2025–27"))
        self.type_combo = QComboBox()
        for kind in InspectionType:
            self.type_combo.addItem(kind.label, kind)
        self.start_edit = british_date_edit(day)
        self.end_edit = british_date_edit(day)
        self.start_edit.dateChanged.connect(self._on_start_edit_date_changed)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("errorLabel")
        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("T&ype:"), self.type_combo)
        form.addRow(self.tr("Fieldwork &starts:"), self.start_edit)
        form.addRow(self.tr("Fieldwork &ends:"), self.end_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The inspection is recorded as planned.")))
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.title_edit.setFocus()

    def value(self) -> Inspection:
        return Inspection(
            type=self.type_combo.currentData(),
            title=self.title_edit.text().strip(),
            status=InspectionStatus.PLANNED,
            fieldwork_start=self.start_edit.date().toPython(),
            fieldwork_end=self.end_edit.date().toPython(),
        )

    def accept(self) -> None:
        try:
            created = self.ws.inspections.create(self.value())
        except InvalidValues as exc:
            self.error_label.setText("; ".join(exc.problems.values()).capitalize() + ".")
            return
        except DomainError as exc:
            self.error_label.setText(exc.message)
            return
        self.sig_created.emit(created)
        super().accept()

    def _on_start_edit_date_changed(self) -> None:
        if self.end_edit.date() < self.start_edit.date():
            self.end_edit.setDate(self.start_edit.date())


class ExportDialog(QDialog):
    """What to send to Outlook: a range of days, the filters or everything, meeting times."""

    def __init__(self, first: date, last: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export to Outlook"))
        self.from_edit = british_date_edit(first)
        self.to_edit = british_date_edit(last)
        self.filtered_check = QCheckBox(self.tr("Only the kinds of date and findings now shown"))
        self.filtered_check.setChecked(True)
        self.timed_check = QCheckBox(self.tr("Give committee and board &meetings a time:"))
        self.start_time = QTimeEdit(QTime(10, 0))
        self.end_time = QTimeEdit(QTime(12, 0))
        for edit, name in ((self.start_time, "Meetings start"), (self.end_time, "Meetings end")):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(self.tr(name))
            edit.setEnabled(False)
        self.timed_check.toggled.connect(self.start_time.setEnabled)
        self.timed_check.toggled.connect(self.end_time.setEnabled)
        times = QHBoxLayout()
        times.addWidget(self.timed_check)
        times.addWidget(self.start_time)
        times.addWidget(QLabel(self.tr("to")))
        times.addWidget(self.end_time)
        times.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&From:"), self.from_edit)
        form.addRow(self.tr("&To:"), self.to_edit)
        self.error_label = QLabel()
        note = QLabel(
            self.tr(
                "Outlook keeps one entry per date: importing a later export updates the entries "
                "already there instead of adding copies. Times are London time."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Choose file…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.filtered_check)
        layout.addLayout(times)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def first(self) -> date:
        return self.from_edit.date().toPython()  # type: ignore[no-any-return]

    def last(self) -> date:
        return self.to_edit.date().toPython()  # type: ignore[no-any-return]

    def meeting_time(self) -> tuple[time, time] | None:
        if not self.timed_check.isChecked():
            return None
        return self.start_time.time().toPython(), self.end_time.time().toPython()

    def accept(self) -> None:
        if self.last() < self.first():
            self.error_label.setText(self.tr("The last day is before the first."))
            return
        span = self.meeting_time()
        if span and span[1] <= span[0]:
            self.error_label.setText(self.tr("The meetings end before they start."))
            return
        super().accept()
