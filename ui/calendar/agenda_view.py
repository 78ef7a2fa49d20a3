"""The agenda: the coming weeks as a list, day by day, for reading and for screen readers."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from app.calendar.events import CalendarEvent
from app.formatting import long_date
from ui.calendar import style
from ui.calendar.describe import describe_event, when

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class AgendaView(QTreeWidget):
    """Days with events from ``first`` for some weeks; Enter or double-click opens a record."""

    sig_event_activated = Signal(object)  # CalendarEvent

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaView")
        self.setAccessibleName(self.tr("Agenda"))
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Kind of date"), self.tr("What"), self.tr("Details")])
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)
        # Breathing room between rows; colours still come from the palette.
        self.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.itemActivated.connect(self._on_item_activated)
        self._first = date.today()
        self._last = self._first
        # The event of each top-level row (None for a day heading). Kept here rather than in
        # item data: PySide6 on Python 3.11 mis-counts references to None read back from
        # item data, which crashed the interpreter at exit.
        self._row_events: list[CalendarEvent | None] = []

    def set_events(self, first: date, last: date, events: list[CalendarEvent]) -> None:
        """Show ``events`` between ``first`` and ``last``: each on the day it starts (or on
        ``first``, for one already under way)."""
        self._first, self._last = first, last
        self.clear()
        self._row_events = []
        by_day: dict[date, list[CalendarEvent]] = {}
        for event in events:
            if event.overlaps(first, last):
                by_day.setdefault(max(event.start, first), []).append(event)
        bold = QFont(self.font())
        bold.setBold(True)
        pal = self.palette()
        for day in sorted(by_day):
            heading = QTreeWidgetItem([f"{WEEKDAYS[day.weekday()]} {long_date(day)}"])
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self._add_row(heading, None)
            heading.setFirstColumnSpanned(True)
            for event in by_day[day]:
                title = ("✓ " if event.done else "") + event.title
                item = QTreeWidgetItem([event.type.label, title, self._details(event, day)])
                item.setIcon(0, style.glyph_icon(event.type, pal))
                item.setToolTip(1, describe_event(event))
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, describe_event(event))
                if event.overdue:
                    font = QFont(self.font())
                    font.setBold(True)
                    item.setFont(1, font)
                self._add_row(item, event)
        if not by_day:
            empty = QTreeWidgetItem(
                [
                    self.tr(
                        "Nothing in the calendar from {first} to {last} with these filters."
                    ).format(first=long_date(first), last=long_date(last))
                ]
            )
            empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self._add_row(empty, None)
            empty.setFirstColumnSpanned(True)
        self.resizeColumnToContents(0)
        self._share_columns()
        first_event = self._first_event_item()
        if first_event is not None:
            self.setCurrentItem(first_event)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._share_columns()

    def _share_columns(self) -> None:
        # Titles can be long: give them about half of what is left, details the rest.
        spare = self.viewport().width() - self.columnWidth(0)
        self.setColumnWidth(1, max(200, spare // 2))

    def _details(self, event: CalendarEvent, day: date) -> str:
        """How long it lasts (for a range) and what it is about."""
        parts = []
        if event.multi_day:
            if event.start < day:
                span = self.tr("Continues until {end} (day {n} of {days})").format(
                    end=long_date(event.end), n=(day - event.start).days + 1, days=event.days
                )
            else:
                span = self.tr("Until {end} ({days} days)").format(
                    end=long_date(event.end), days=event.days
                )
            parts.append(span)
        elif not event.all_day:
            parts.append(when(event))
        if event.overdue:
            parts.append(self.tr("Overdue"))
        if event.detail:
            parts.append(event.detail)
        return " · ".join(parts)

    def _add_row(self, item: QTreeWidgetItem, event: CalendarEvent | None) -> None:
        self.addTopLevelItem(item)
        self._row_events.append(event)

    def event_items(self) -> list[QTreeWidgetItem]:
        """The rows that stand for events (not day headings)."""
        return [self.topLevelItem(i) for i, e in enumerate(self._row_events) if e is not None]

    def event_of(self, item: QTreeWidgetItem) -> CalendarEvent | None:
        """The event a row stands for (None for a heading)."""
        row = self.indexOfTopLevelItem(item)
        return self._row_events[row] if 0 <= row < len(self._row_events) else None

    def day_headings(self) -> list[str]:
        return [self.topLevelItem(i).text(0) for i, e in enumerate(self._row_events) if e is None]

    def _first_event_item(self) -> QTreeWidgetItem | None:
        items = self.event_items()
        return items[0] if items else None

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        event = self.event_of(item)
        if event is not None:
            self.sig_event_activated.emit(event)


def weeks_after(first: date, weeks: int) -> date:
    """The last day of ``weeks`` weeks starting on ``first``."""
    return first + timedelta(days=7 * weeks - 1)
