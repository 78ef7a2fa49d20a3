"""What the month view draws that a click can hit, and the shapes it draws them with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath

from app.calendar.events import CalendarEvent
from app.calendar.layout import Placement


@dataclass(frozen=True, slots=True)
class MonthItem:
    """Something drawn that a click can hit: an event's bar or chip, or a "+N more" link."""

    rect: QRectF
    day: date
    event: CalendarEvent | None = None
    hidden: tuple[CalendarEvent, ...] = ()
    starts: bool = True  # the event begins in this piece (round left end)
    ends: bool = True  # the event finishes in this piece (round right end)


def visible_runs(p: Placement, visible_lanes: list[int]) -> list[tuple[int, int]]:
    """The contiguous columns of a placement on which its lane is shown."""
    runs: list[tuple[int, int]] = []
    start = None
    for col in range(p.first_col, p.last_col + 2):
        shown = col <= p.last_col and p.lane < visible_lanes[col]
        if shown and start is None:
            start = col
        elif not shown and start is not None:
            runs.append((start, col - 1))
            start = None
    return runs


def chip_path(rect: QRectF, round_left: bool, round_right: bool) -> QPainterPath:
    """A rounded chip; a side that continues into the next week is square with a notch."""
    path = QPainterPath()
    r = min(4.0, rect.height() / 3)
    notch = rect.height() / 4
    mid = rect.center().y()
    path.moveTo(rect.left() + (r if round_left else 0), rect.top())
    if round_right:
        path.lineTo(rect.right() - r, rect.top())
        path.quadTo(rect.right(), rect.top(), rect.right(), rect.top() + r)
        path.lineTo(rect.right(), rect.bottom() - r)
        path.quadTo(rect.right(), rect.bottom(), rect.right() - r, rect.bottom())
    else:
        path.lineTo(rect.right(), rect.top())
        path.lineTo(rect.right() - notch, mid)
        path.lineTo(rect.right(), rect.bottom())
    if round_left:
        path.lineTo(rect.left() + r, rect.bottom())
        path.quadTo(rect.left(), rect.bottom(), rect.left(), rect.bottom() - r)
        path.lineTo(rect.left(), rect.top() + r)
        path.quadTo(rect.left(), rect.top(), rect.left() + r, rect.top())
    else:
        path.lineTo(rect.left(), rect.bottom())
        path.lineTo(rect.left() + notch, mid)
        path.lineTo(rect.left(), rect.top())
    path.closeSubpath()
    return path
