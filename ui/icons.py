"""Small drawn icons for RAG and overdue: a shape as well as a colour, and plain in high contrast.

Red is a square, amber a triangle, green a circle, so the rating never rests on colour
alone; the text beside the icon says it too. When the system asks for high contrast the
shapes are drawn in the palette's text colour.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)

from app.domain.enums import Rag

SIZE = 14
_COLOURS = {Rag.RED: "#c62828", Rag.AMBER: "#e69500", Rag.GREEN: "#2e7d32"}
OVERDUE_COLOUR = "#b71c1c"


def high_contrast() -> bool:
    """True when the platform asks for high contrast."""
    try:
        hints = QGuiApplication.styleHints()  # kept: a chained temporary is deleted too soon
        accessibility = hints.accessibility()
        preference = accessibility.contrastPreference()
        high = Qt.ContrastPreference.HighContrast
    except AttributeError:  # Qt before 6.10 cannot tell
        return False
    return bool(preference == high)


def _ink(colour: str) -> QColor:
    if high_contrast():
        return QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    return QColor(colour)


@cache
def rag_icon(rag: Rag) -> QIcon:
    """The icon shown beside a RAG rating."""
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = _ink(_COLOURS[rag])
    painter.setBrush(ink)
    painter.setPen(QPen(ink.darker(140), 1))
    box = QRectF(2, 2, SIZE - 4, SIZE - 4)
    if rag is Rag.RED:
        painter.drawRect(box)
    elif rag is Rag.AMBER:
        painter.drawPolygon(
            QPolygonF(
                [QPointF(SIZE / 2, 1.5), QPointF(SIZE - 1.5, SIZE - 2), QPointF(1.5, SIZE - 2)]
            )
        )
    else:
        painter.drawEllipse(box)
    painter.end()
    return QIcon(pixmap)


@cache
def overdue_icon() -> QIcon:
    """A clock-face warning shown beside days overdue."""
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = _ink(OVERDUE_COLOUR)
    painter.setPen(QPen(ink, 1.6))
    painter.drawEllipse(QRectF(1.5, 1.5, SIZE - 3, SIZE - 3))
    centre = QPointF(SIZE / 2, SIZE / 2)
    painter.drawLine(centre, QPointF(SIZE / 2, 3.5))
    painter.drawLine(centre, QPointF(SIZE - 4, SIZE / 2))
    painter.end()
    return QIcon(pixmap)


def overdue_colour() -> QColor | None:
    """Text colour for overdue cells, or None to keep the palette's (high contrast)."""
    return None if high_contrast() else QColor(OVERDUE_COLOUR)
