"""The Calendar page: month and agenda views of every date that matters, and Outlook export."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.calendar.events import CalendarEvent, CalendarFilter, EventType
from app.calendar.layout import add_months, days_in_month
from app.calendar.service import CalendarService
from app.formatting import MONTHS
from app.workspace import Workspace
from ui.calendar import style
from ui.calendar.agenda_view import AgendaView, weeks_after
from ui.calendar.describe import date_span
from ui.calendar.dialogs import DayEventsDialog, NewInspectionDialog
from ui.calendar.export import CalendarExporter
from ui.calendar.month_view import MonthView
from ui.widgets import british_date_edit, to_qdate

if TYPE_CHECKING:  # icalendar is imported when an export starts, not at start-up
    from app.calendar.ics import ExportResult

MONTH_TAB, AGENDA_TAB = 0, 1


class CalendarPage(QWidget):
    """Fieldwork, debriefs, publications, PCC responses, finding deadlines and meetings."""

    key = "calendar"
    title = "Calendar"

    sig_record_requested = Signal(str, str)  # entity, id
    sig_new_inspection_requested = Signal(object)  # date

    def __init__(self, ws: Workspace, window: QWidget | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.window_ = window
        self.service = CalendarService(ws)
        self.setObjectName("calendarPage")
        self._selected = ws.ctx.clock.today()
        self._loaded = False

        self.month_view = MonthView()
        self.agenda_view = AgendaView()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.month_view, self.tr("&Month"))
        self.tabs.addTab(self._agenda_panel(), self.tr("&Agenda"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        side = QVBoxLayout()
        side.addWidget(self.new_button)
        side.addWidget(self.export_button)
        side.addWidget(self._filter_panel(), 1)
        body = QHBoxLayout()
        body.addWidget(self.tabs, 1)
        body.addLayout(side)
        layout.addLayout(body, 1)

        self.month_view.sig_event_activated.connect(self._on_event_activated)
        self.month_view.sig_more_requested.connect(self._on_month_view_more_requested)
        self.month_view.sig_new_inspection_requested.connect(self.sig_new_inspection_requested)
        self.month_view.sig_selected_date_changed.connect(self._on_month_view_date_changed)
        self.month_view.sig_month_changed.connect(self._on_month_view_month_changed)
        self.agenda_view.sig_event_activated.connect(self._on_event_activated)
        self.sig_new_inspection_requested.connect(self._on_new_inspection_requested)
        if window is not None and hasattr(window, "open_record"):
            self.sig_record_requested.connect(window.open_record)
        self.month_view.set_today(self._selected)
        self.month_view.set_selected_date(self._selected)
        self._dialog: QWidget | None = None
        self.exporter = CalendarExporter(ws, self)
        self.exporter.sig_finished.connect(self._on_exporter_finished)

    # --- building -------------------------------------------------------------------------
    def _toolbar(self) -> QHBoxLayout:
        self.previous_button = _tool_button("◀", self.tr("Previous month"), self._on_previous)
        self.next_button = _tool_button("▶", self.tr("Next month"), self._on_next)
        self.today_button = QPushButton(self.tr("&Today"))
        self.today_button.setToolTip(self.tr("Go to today (Home in the month view)"))
        self.today_button.clicked.connect(self._on_today_clicked)
        self.heading = QLabel()
        self.heading.setObjectName("calendarHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.heading.setFont(font)
        self.jump_edit = british_date_edit(self._selected)
        self.jump_edit.setAccessibleName(self.tr("Go to date"))
        jump_label = QLabel(self.tr("&Go to:"))
        jump_label.setBuddy(self.jump_edit)
        self.jump_button = QPushButton(self.tr("Show"))
        self.jump_button.setAccessibleName(self.tr("Show the chosen date"))
        self.jump_button.clicked.connect(self._on_jump_clicked)
        self.jump_edit.editingFinished.connect(self._on_jump_clicked)
        self.new_button = QPushButton(self.tr("&New inspection…"))
        self.new_button.setToolTip(
            self.tr("A new inspection starting on the selected day (Insert in the month view)")
        )
        self.new_button.clicked.connect(
            lambda: self.sig_new_inspection_requested.emit(self._selected)
        )
        self.export_button = QPushButton(self.tr("&Export to Outlook…"))
        self.export_button.setToolTip(self.tr("Save the calendar as an .ics file"))
        self.export_button.clicked.connect(self.export)
        for keys, slot in (("Ctrl+PgUp", self._on_previous), ("Ctrl+PgDown", self._on_next)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        row = QHBoxLayout()
        row.addWidget(self.previous_button)
        row.addWidget(self.today_button)
        row.addWidget(self.next_button)
        row.addSpacing(12)
        row.addWidget(self.heading)
        row.addStretch(1)
        row.addWidget(jump_label)
        row.addWidget(self.jump_edit)
        row.addWidget(self.jump_button)
        return row

    def _agenda_panel(self) -> QWidget:
        panel = QWidget()
        self.weeks_spin = QSpinBox()
        self.weeks_spin.setRange(1, 52)
        self.weeks_spin.setValue(8)
        self.weeks_spin.setSuffix(self.tr(" weeks"))
        self.weeks_spin.setAccessibleName(self.tr("Weeks shown in the agenda"))
        self.weeks_spin.valueChanged.connect(lambda _n: self._reload())
        label = QLabel(self.tr("&Show the next"))
        label.setBuddy(self.weeks_spin)
        self.agenda_caption = QLabel()
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.weeks_spin)
        row.addSpacing(12)
        row.addWidget(self.agenda_caption, 1)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.agenda_view, 1)
        return panel

    def _filter_panel(self) -> QWidget:
        box = QGroupBox(self.tr("Show (legend)"))
        box.setObjectName("calendarLegend")
        layout = QVBoxLayout(box)
        self.type_checks: dict[EventType, QCheckBox] = {}
        for etype in EventType:
            check = QCheckBox(etype.label)
            check.setIcon(style.glyph_icon(etype, self.palette()))
            check.setChecked(True)
            check.setToolTip(self.tr("Show or hide: {kind}").format(kind=etype.label))
            check.toggled.connect(self._on_filter_changed)
            layout.addWidget(check)
            self.type_checks[etype] = check
        layout.addSpacing(8)
        findings = QLabel(self.tr("<b>Finding due dates</b>"))
        layout.addWidget(findings)
        self.overdue_check = QCheckBox(self.tr("Only &overdue"))
        self.overdue_check.toggled.connect(self._on_filter_changed)
        layout.addWidget(self.overdue_check)
        self.owner_combo = QComboBox()
        self.owner_combo.setAccessibleName(self.tr("Finding owner"))
        self.owner_combo.currentIndexChanged.connect(self._on_filter_changed)
        owner_label = QLabel(self.tr("Only this o&wner's:"))
        owner_label.setBuddy(self.owner_combo)
        layout.addWidget(owner_label)
        layout.addWidget(self.owner_combo)
        layout.addSpacing(8)
        self.cancelled_check = QCheckBox(self.tr("&Cancelled inspections"))
        self.cancelled_check.toggled.connect(self._on_filter_changed)
        layout.addWidget(self.cancelled_check)
        layout.addStretch(1)
        hint = QLabel(
            self.tr(
                "Click a date to open its record. Double-click a day for a new inspection. "
                "Keys: arrows, Page Up/Down, Home, Tab, Enter."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        box.setMaximumWidth(260)
        return box

    # --- data -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read people and events (after any change elsewhere)."""
        self._fill_owners()
        self.month_view.set_today(self.ws.ctx.clock.today())
        self._loaded = True
        self._reload()

    def current_filter(self) -> CalendarFilter:
        """The filter the legend and finding options describe."""
        types = frozenset(t for t, check in self.type_checks.items() if check.isChecked())
        return CalendarFilter(
            types=types,
            overdue_findings_only=self.overdue_check.isChecked(),
            finding_owner_id=self.owner_combo.currentData() or None,
            include_cancelled=self.cancelled_check.isChecked(),
        )

    def _fill_owners(self) -> None:
        current = self.owner_combo.currentData()
        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem(self.tr("Anyone"), "")
        for person in self.ws.people.list():
            self.owner_combo.addItem(person.name, person.id)
        index = self.owner_combo.findData(current) if current else 0
        self.owner_combo.setCurrentIndex(max(index, 0))
        self.owner_combo.blockSignals(False)

    def _reload(self) -> None:
        if not self._loaded:
            return  # the window refreshes every page once it is built
        flt = self.current_filter()
        if self.tabs.currentIndex() == MONTH_TAB:
            grid = self.month_view.grid()
            self.month_view.set_events(self._events(grid[0], grid[-1], flt))
            year, month = self.month_view.month()
            self.heading.setText(f"{MONTHS[month - 1]} {year}")
            self.previous_button.setToolTip(self.tr("Previous month (Page Up)"))
            self.next_button.setToolTip(self.tr("Next month (Page Down)"))
        else:
            first = self._selected
            last = weeks_after(first, self.weeks_spin.value())
            self.agenda_view.set_events(first, last, self._events(first, last, flt))
            self.heading.setText(date_span(first, last))
            count = len(self.agenda_view.event_items())
            self.agenda_caption.setText(self.tr("{n} dates").format(n=count))
            self.previous_button.setToolTip(self.tr("Previous weeks"))
            self.next_button.setToolTip(self.tr("Next weeks"))
        self.previous_button.setAccessibleName(self.previous_button.toolTip())
        self.next_button.setAccessibleName(self.next_button.toolTip())

    def _events(self, first: date, last: date, flt: CalendarFilter) -> list[CalendarEvent]:
        # No box ticked shows nothing (an empty type set in a filter means every type).
        return self.service.events(first, last, flt) if flt.types else []

    # --- navigation -----------------------------------------------------------------------
    def show_date(self, day: date, *, agenda: bool | None = None) -> None:
        """Select ``day`` (turning to its month), optionally switching views."""
        if agenda is not None:
            self.tabs.setCurrentIndex(AGENDA_TAB if agenda else MONTH_TAB)
        self._selected = day
        self.month_view.set_selected_date(day)
        self.jump_edit.setDate(to_qdate(day))
        self._reload()

    def _on_previous(self) -> None:
        self._step(-1)

    def _on_next(self) -> None:
        self._step(+1)

    def _step(self, direction: int) -> None:
        if self.tabs.currentIndex() == MONTH_TAB:
            # From the month on show (the selected day may be a greyed day of the next one).
            year, month = self.month_view.month()
            shown = date(year, month, min(self._selected.day, days_in_month(year, month)))
            self.show_date(add_months(shown, direction))
        else:
            self.show_date(self._selected + timedelta(weeks=direction * self.weeks_spin.value()))

    def _on_today_clicked(self) -> None:
        self.show_date(self.ws.ctx.clock.today())

    def _on_jump_clicked(self) -> None:
        day = self.jump_edit.date().toPython()
        if day != self._selected:
            self.show_date(day)

    def _on_month_view_date_changed(self, day: date) -> None:
        self._selected = day
        self.jump_edit.blockSignals(True)
        self.jump_edit.setDate(QDate(day.year, day.month, day.day))
        self.jump_edit.blockSignals(False)

    def _on_month_view_month_changed(self, _year: int, _month: int) -> None:
        self._reload()

    def _on_tabs_current_changed(self, _index: int) -> None:
        self._reload()

    def _on_filter_changed(self, *_args: object) -> None:
        self._reload()

    # --- events ---------------------------------------------------------------------------
    def _on_event_activated(self, event: CalendarEvent) -> None:
        self.sig_record_requested.emit(event.entity, event.entity_id)

    def _on_month_view_more_requested(self, day: date, events: list[CalendarEvent]) -> None:
        dialog = DayEventsDialog(day, events, self)
        dialog.sig_event_activated.connect(self._on_event_activated)
        self._dialog = dialog
        dialog.open()

    def _on_new_inspection_requested(self, day: date) -> None:
        dialog = NewInspectionDialog(self.ws, day, self)
        dialog.sig_created.connect(self._on_inspection_created)
        self._dialog = dialog
        dialog.open()

    def _on_inspection_created(self, _inspection: object) -> None:
        if self.window_ is not None and hasattr(self.window_, "refresh"):
            self.window_.refresh()
        else:
            self.refresh()

    # --- export ---------------------------------------------------------------------------
    def export(self) -> bool:
        """Export to Outlook: ask what and where, then write the file in the background."""
        year, month = self.month_view.month()
        last = add_months(self.month_view.grid()[-1], 12)
        return self.exporter.start(date(year, month, 1), last, self.current_filter())

    def _on_exporter_finished(self, result: ExportResult) -> None:
        message = self.tr("Saved {n} calendar entries to {path}").format(
            n=result.events, path=result.path
        )
        status = getattr(self.window_, "statusBar", None)
        if status is not None:
            status().showMessage(message, 8000)


def _tool_button(text: str, name: str, slot) -> QToolButton:  # type: ignore[no-untyped-def]
    button = QToolButton()
    button.setText(text)
    button.setToolTip(name)
    button.setAccessibleName(name)
    button.clicked.connect(slot)
    return button
