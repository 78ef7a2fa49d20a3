"""The month view: six Monday-first weeks drawn by hand, with bars, chips and "+N more"."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.calendar.events import CalendarEvent
from app.calendar.layout import (
    DAYS_PER_WEEK,
    WEEKS_SHOWN,
    add_months,
    day_overflow,
    month_grid,
    place_week,
)
from app.formatting import MONTHS, long_date
from ui.calendar import style
from ui.calendar.describe import describe_event
from ui.calendar.month_items import MonthItem, chip_path, visible_runs

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class MonthView(QWidget):
    """A month of events. Clicking an event emits ``sig_event_activated``; double-clicking
    free space in a day emits ``sig_new_inspection_requested``."""

    sig_event_activated = Signal(object)  # CalendarEvent
    sig_new_inspection_requested = Signal(object)  # date
    sig_more_requested = Signal(object, object)  # date, list[CalendarEvent]
    sig_selected_date_changed = Signal(object)  # date
    sig_month_changed = Signal(int, int)  # year, month

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthView")
        self.setAccessibleName(self.tr("Month calendar"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._today = date.today()
        self._selected = self._today
        self._year, self._month = self._today.year, self._today.month
        self._events: list[CalendarEvent] = []
        self._focused: CalendarEvent | None = None
        self._items: list[MonthItem] | None = None
        self._pressed: MonthItem | None = None
        self._update_description()

    # --- state ------------------------------------------------------------------------------
    def set_today(self, today: date) -> None:
        self._today = today
        self.update()

    def today(self) -> date:
        return self._today

    def month(self) -> tuple[int, int]:
        return self._year, self._month

    def grid(self) -> list[date]:
        """The 42 days on show."""
        return month_grid(self._year, self._month)

    def set_events(self, events: list[CalendarEvent]) -> None:
        """The events to draw (those touching the grid; others are ignored)."""
        self._events = list(events)
        if self._focused is not None:
            same = [e for e in self._events if e.id == self._focused.id]
            self._focused = same[0] if same and same[0].covers(self._selected) else None
        self._invalidate()
        self._update_description()

    def events(self) -> list[CalendarEvent]:
        return list(self._events)

    def selected_date(self) -> date:
        return self._selected

    def focused_event(self) -> CalendarEvent | None:
        """The event chosen with Tab (Enter opens it), if any."""
        return self._focused

    def set_selected_date(self, day: date, *, turn: bool = True) -> None:
        """Select ``day``, turning to its month when it is another (unless ``turn`` is False
        and the day is on show: a click on a greyed day must not move what is under it)."""
        changed = day != self._selected
        self._selected = day
        self._focused = None
        on_show = self.grid()[0] <= day <= self.grid()[-1]
        if (day.year, day.month) != (self._year, self._month) and (turn or not on_show):
            self._year, self._month = day.year, day.month
            self._invalidate()
            self.sig_month_changed.emit(self._year, self._month)
        self.update()
        self._update_description()
        if changed:
            self.sig_selected_date_changed.emit(day)

    def events_on(self, day: date) -> list[CalendarEvent]:
        """The day's events in the order they are drawn (lane by lane)."""
        week_start = day - timedelta(days=day.weekday())
        placed = place_week(self._events, week_start)
        col = day.weekday()
        return [p.event for p in sorted(placed, key=lambda p: p.lane) if p.covers(col)]

    # --- hit testing (also used by tests and screen readers) ----------------------------------
    def event_rects(self, event_id: str) -> list[QRect]:
        """Where an event is drawn (one rectangle per week it crosses)."""
        return [i.rect.toRect() for i in self._layout() if i.event and i.event.id == event_id]

    def more_rect(self, day: date) -> QRect | None:
        """Where the day's "+N more" link is, if the day overflows."""
        for item in self._layout():
            if item.hidden and item.day == day:
                return item.rect.toRect()
        return None

    def day_rect(self, day: date) -> QRect:
        grid = self.grid()
        index = (day - grid[0]).days
        return self._cell(index // DAYS_PER_WEEK, index % DAYS_PER_WEEK).toRect()

    def visible_event_ids(self) -> set[str]:
        return {i.event.id for i in self._layout() if i.event}

    def item_at(self, pos: QPointF) -> MonthItem | None:
        for item in self._layout():
            if item.rect.contains(pos):
                return item
        return None

    def day_at(self, pos: QPointF) -> date | None:
        top, left = self._header_height(), self._week_column_width()
        if pos.y() < top or pos.x() < left:
            return None
        col = int((pos.x() - left) // self._cell_width())
        row = int((pos.y() - top) // self._cell_height())
        if not (0 <= col < DAYS_PER_WEEK and 0 <= row < WEEKS_SHOWN):
            return None
        return self.grid()[row * DAYS_PER_WEEK + col]

    # --- geometry -------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(7 * 120 + self._week_column_width(), 6 * 110 + self._header_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(7 * 56 + self._week_column_width(), 6 * 52 + self._header_height())

    def _header_height(self) -> int:
        return self.fontMetrics().height() + 8

    def _week_column_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("W53") + 12

    def _cell_width(self) -> float:
        return (self.width() - self._week_column_width()) / DAYS_PER_WEEK

    def _cell_height(self) -> float:
        return (self.height() - self._header_height()) / WEEKS_SHOWN

    def _cell(self, row: int, col: int) -> QRectF:
        w, h = self._cell_width(), self._cell_height()
        return QRectF(self._week_column_width() + col * w, self._header_height() + row * h, w, h)

    def _day_number_height(self) -> int:
        return self.fontMetrics().height() + 6

    def _lane_height(self) -> int:
        return self.fontMetrics().height() + 4

    def _capacity(self) -> int:
        """Lines of events a day cell has room for."""
        room = self._cell_height() - self._day_number_height() - 3
        return max(1, int(room // (self._lane_height() + 2)))

    def _invalidate(self) -> None:
        self._items = None
        self.update()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._items = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._items = None
        super().changeEvent(event)

    # --- layout ---------------------------------------------------------------------------
    def _layout(self) -> list[MonthItem]:
        """Every bar, chip and "+N more" link with its rectangle, computed once per change."""
        if self._items is not None:
            return self._items
        items: list[MonthItem] = []
        grid = self.grid()
        capacity, lane_h = self._capacity(), self._lane_height()
        for row in range(WEEKS_SHOWN):
            week_start = grid[row * DAYS_PER_WEEK]
            placed = place_week(self._events, week_start)
            overflow = [day_overflow(placed, col, capacity) for col in range(DAYS_PER_WEEK)]
            for p in placed:
                for first, last in visible_runs(p, [o.visible_lanes for o in overflow]):
                    left, right = self._cell(row, first), self._cell(row, last)
                    rect = QRectF(
                        left.left() + (0 if first == p.first_col and p.continues_before else 3),
                        left.top() + self._day_number_height() + p.lane * (lane_h + 2),
                        0,
                        lane_h,
                    )
                    end = right.right() - (0 if last == p.last_col and p.continues_after else 3)
                    rect.setRight(end)
                    items.append(
                        MonthItem(
                            rect,
                            week_start + timedelta(days=first),
                            p.event,
                            starts=first == p.first_col and not p.continues_before,
                            ends=last == p.last_col and not p.continues_after,
                        )
                    )
            for col, o in enumerate(overflow):
                if o.hidden:
                    cell = self._cell(row, col)
                    rect = QRectF(
                        cell.left() + 3,
                        cell.top() + self._day_number_height() + o.visible_lanes * (lane_h + 2),
                        cell.width() - 6,
                        lane_h,
                    )
                    items.append(MonthItem(rect, week_start + timedelta(days=col), hidden=o.hidden))
        self._items = items
        return items

    # --- painting -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        self._paint_header(painter, pal)
        grid = self.grid()
        for index, day in enumerate(grid):
            self._paint_cell(painter, pal, index // DAYS_PER_WEEK, index % DAYS_PER_WEEK, day)
        for row in range(WEEKS_SHOWN):
            self._paint_week_number(painter, pal, row, grid[row * DAYS_PER_WEEK])
        for item in self._layout():
            if item.event is not None:
                self._paint_event(painter, pal, item)
            else:
                self._paint_more(painter, pal, item)
        self._paint_selection(painter, pal)
        painter.end()

    def _paint_header(self, painter: QPainter, pal: QPalette) -> None:
        painter.setPen(pal.color(QPalette.ColorRole.WindowText))
        h = self._header_height()
        week_rect = QRectF(0, 0, self._week_column_width(), h)
        painter.drawText(week_rect, Qt.AlignmentFlag.AlignCenter, self.tr("Wk"))
        for col, name in enumerate(DAY_NAMES):
            cell = self._cell(0, col)
            rect = QRectF(cell.left(), 0, cell.width(), h)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr(name))

    def _paint_week_number(self, painter: QPainter, pal: QPalette, row: int, monday: date) -> None:
        cell = self._cell(row, 0)
        rect = QRectF(0, cell.top() + 3, self._week_column_width() - 4, self._day_number_height())
        painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            f"{monday.isocalendar().week}",
        )

    def _paint_cell(self, painter: QPainter, pal: QPalette, row: int, col: int, day: date) -> None:
        cell = self._cell(row, col)
        in_month = day.month == self._month
        role = QPalette.ColorRole.Base if in_month else QPalette.ColorRole.AlternateBase
        painter.fillRect(cell, pal.color(role))
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(cell)
        label = str(day.day) if day.day != 1 else f"1 {MONTHS[day.month - 1][:3]}"
        fm = self.fontMetrics()
        number = QRectF(cell.left() + 4, cell.top() + 2, cell.width() - 8, fm.height() + 2)
        if day == self._today:
            width = fm.horizontalAdvance(label) + 10
            badge = QRectF(number.left() - 2, number.top(), width, number.height())
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(badge, 4, 4)
            painter.setPen(pal.color(QPalette.ColorRole.HighlightedText))
            bold = QFont(self.font())
            bold.setBold(True)
            painter.setFont(bold)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
            painter.restore()
            return
        text_role = QPalette.ColorRole.Text if in_month else QPalette.ColorRole.PlaceholderText
        painter.setPen(pal.color(text_role))
        painter.drawText(number, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)

    def _paint_event(self, painter: QPainter, pal: QPalette, item: MonthItem) -> None:
        event = item.event
        assert event is not None
        rect = item.rect
        focused = self._focused is not None and self._focused.id == event.id
        starts_here, ends_here = item.starts, item.ends
        fill = (
            pal.color(QPalette.ColorRole.Highlight) if focused else style.chip_fill(event.type, pal)
        )
        border = (
            pal.color(QPalette.ColorRole.Text) if focused else style.chip_border(event.type, pal)
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(border, 2 if focused else 1))
        painter.setBrush(fill)
        painter.drawPath(chip_path(rect.adjusted(0.5, 0.5, -0.5, -0.5), starts_here, ends_here))
        glyph = QRectF(rect.left() + 3, rect.top() + 2, rect.height() - 4, rect.height() - 4)
        style.draw_glyph(painter, glyph, event.type, pal, hole=fill)
        font = QFont(self.font())
        font.setBold(event.overdue)
        font.setStrikeOut(event.cancelled)
        painter.setFont(font)
        text_role = QPalette.ColorRole.HighlightedText if focused else QPalette.ColorRole.Text
        painter.setPen(pal.color(text_role))
        text_rect = rect.adjusted(glyph.width() + 7, 0, -4, 0)
        text = ("✓ " if event.done else "") + event.title
        if not starts_here:
            text = "… " + text
        elided = QFontMetrics(font).elidedText(
            text, Qt.TextElideMode.ElideRight, int(text_rect.width())
        )
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
        )
        painter.restore()

    def _paint_more(self, painter: QPainter, pal: QPalette, item: MonthItem) -> None:
        font = QFont(self.font())
        font.setUnderline(True)
        painter.setFont(font)
        painter.setPen(pal.color(QPalette.ColorRole.Link))
        text = self.tr("+{n} more").format(n=len(item.hidden))
        elided = QFontMetrics(font).elidedText(
            text, Qt.TextElideMode.ElideRight, int(item.rect.width())
        )
        painter.drawText(
            item.rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
        )
        painter.setFont(self.font())

    def _paint_selection(self, painter: QPainter, pal: QPalette) -> None:
        grid = self.grid()
        if not grid[0] <= self._selected <= grid[-1]:
            return
        colour = pal.color(QPalette.ColorRole.Highlight)
        pen = QPen(colour, 2.5 if self.hasFocus() else 1.5)
        if not self.hasFocus():
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.day_rect(self._selected)).adjusted(1.5, 1.5, -1.5, -1.5))

    # --- mouse ----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position()
        self._pressed = self.item_at(pos)
        day = self._pressed.day if self._pressed else self.day_at(pos)
        if self._pressed and self._pressed.event:
            # Select the clicked day of a bar, not its first day.
            day = self.day_at(pos) or day
        if day is not None:
            self.set_selected_date(day, turn=False)
        if self._pressed and self._pressed.event:
            self._focused = self._pressed.event
            self._update_description()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._pressed is None:
            return super().mouseReleaseEvent(event)
        # The layout may have changed (a month turned): only act on what is still there.
        item = self.item_at(event.position())
        pressed, self._pressed = self._pressed, None
        if item is None or item.event != pressed.event or item.day != pressed.day:
            return
        if item.event is not None:
            self.sig_event_activated.emit(item.event)
        elif item.hidden:
            self.sig_more_requested.emit(item.day, list(self.events_on(item.day)))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mouseDoubleClickEvent(event)
        pos = event.position()
        if self.item_at(pos) is None:
            day = self.day_at(pos)
            if day is not None:
                self.sig_new_inspection_requested.emit(day)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        item = self.item_at(event.position())
        shape = Qt.CursorShape.PointingHandCursor if item else Qt.CursorShape.ArrowCursor
        self.setCursor(shape)
        super().mouseMoveEvent(event)

    # --- keyboard -------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and shift):
                if self._step_event(-1):
                    return True
            elif key == Qt.Key.Key_Tab and self._step_event(+1):
                return True
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            item = self.item_at(QPointF(event.pos()))
            if item and item.event:
                QToolTip.showText(event.globalPos(), describe_event(item.event), self)
            elif item and item.hidden:
                QToolTip.showText(event.globalPos(), self._more_tooltip(item), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        moves = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -7,
            Qt.Key.Key_Down: 7,
        }
        if key in moves:
            self.set_selected_date(self._selected + timedelta(days=moves[key]))
        elif key == Qt.Key.Key_PageUp:
            self.set_selected_date(add_months(self._selected, -1))
        elif key == Qt.Key.Key_PageDown:
            self.set_selected_date(add_months(self._selected, 1))
        elif key == Qt.Key.Key_Home:
            self.set_selected_date(self._today)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_enter()
        elif key == Qt.Key.Key_Insert:
            self.sig_new_inspection_requested.emit(self._selected)
        elif key == Qt.Key.Key_Escape and self._focused is not None:
            self._focused = None
            self._update_description()
            self.update()
        else:
            super().keyPressEvent(event)

    def _on_enter(self) -> None:
        if self._focused is not None:
            self.sig_event_activated.emit(self._focused)
        elif self.events_on(self._selected):
            self._step_event(+1)
        else:
            self.sig_new_inspection_requested.emit(self._selected)

    def _step_event(self, step: int) -> bool:
        """Move the focus to the day's next (or previous) event; False past either end."""
        events = self.events_on(self._selected)
        if not events:
            return False
        ids = [e.id for e in events]
        if self._focused is None or self._focused.id not in ids:
            index = 0 if step > 0 else len(events) - 1
        else:
            index = ids.index(self._focused.id) + step
        if not 0 <= index < len(events):
            self._focused = None
            self._update_description()
            self.update()
            return False
        self._focused = events[index]
        self._update_description()
        self.update()
        return True

    def focusInEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.update()
        super().focusOutEvent(event)

    # --- words for screen readers and tooltips --------------------------------------------
    def _update_description(self) -> None:
        day_events = self.events_on(self._selected)
        text = self.tr("{day}: {n} events.").format(
            day=long_date(self._selected), n=len(day_events)
        )
        if self._focused is not None:
            text += " " + describe_event(self._focused)
        self.setAccessibleDescription(text)

    def _more_tooltip(self, item: MonthItem) -> str:
        return "\n".join(f"{e.type.label}: {e.title}" for e in item.hidden)
