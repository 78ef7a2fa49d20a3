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
EVENT_ROLE = Qt.ItemDataRole.UserRole + 1


class AgendaView(QTreeWidget):
    """Days with events from ``first`` for some weeks; Enter or double-click opens a record."""

    sig_event_activated = Signal(object)  # CalendarEvent

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaView")
        self.setAccessibleName(self.tr("Agenda"))
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Kind of date"), self.tr("What"), self.tr("When")])
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.itemActivated.connect(self._on_item_activated)
        self._first = date.today()
        self._last = self._first

    def set_events(self, first: date, last: date, events: list[CalendarEvent]) -> None:
        """Show ``events`` between ``first`` and ``last``: each on the day it starts (or on
        ``first``, for one already under way)."""
        self._first, self._last = first, last
        self.clear()
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
            self.addTopLevelItem(heading)
            heading.setFirstColumnSpanned(True)
            for event in by_day[day]:
                under_way = event.start < day
                title = ("✓ " if event.done else "") + event.title
                span = when(event)
                if under_way:
                    span = self.tr("continues: {span}").format(span=span)
                item = QTreeWidgetItem([event.type.label, title, span])
                item.setIcon(0, style.glyph_icon(event.type, pal))
                item.setData(0, EVENT_ROLE, event)
                item.setToolTip(1, describe_event(event))
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, describe_event(event))
                if event.overdue:
                    font = QFont(self.font())
                    font.setBold(True)
                    item.setFont(1, font)
                self.addTopLevelItem(item)
        if not by_day:
            empty = QTreeWidgetItem(
                [
                    self.tr(
                        "Nothing in the calendar from {first} to {last} with these filters."
                    ).format(first=long_date(first), last=long_date(last))
                ]
            )
            empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(empty)
            empty.setFirstColumnSpanned(True)
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(2)
        first_event = self._first_event_item()
        if first_event is not None:
            self.setCurrentItem(first_event)

    def event_items(self) -> list[QTreeWidgetItem]:
        """The rows that stand for events (not day headings)."""
        rows = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        return [r for r in rows if r.data(0, EVENT_ROLE) is not None]

    def day_headings(self) -> list[str]:
        rows = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        return [r.text(0) for r in rows if r.data(0, EVENT_ROLE) is None]

    def _first_event_item(self) -> QTreeWidgetItem | None:
        items = self.event_items()
        return items[0] if items else None

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        event = item.data(0, EVENT_ROLE)
        if event is not None:
            self.sig_event_activated.emit(event)


def weeks_after(first: date, weeks: int) -> date:
    """The last day of ``weeks`` weeks starting on ``first``."""
    return first + timedelta(days=7 * weeks - 1)
