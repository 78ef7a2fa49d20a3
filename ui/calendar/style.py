"""Colours and glyphs of the event types: Okabe-Ito colours, each with its own shape.

Colour never works alone: every type has a distinct glyph, outlined in the palette's text
colour so that a yellow star still shows on white and a black hexagon on a dark theme.
Chip text always uses the palette's text colour on a light tint of the type colour.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

from app.calendar.events import EventType

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form of
# colour blindness. Expected and actual publication share a colour: hollow vs filled circle.
COLOURS: dict[EventType, str] = {
    EventType.FIELDWORK: "#0072B2",  # blue
    EventType.REVISIT: "#CC79A7",  # reddish purple
    EventType.HOT_DEBRIEF: "#E69F00",  # orange
    EventType.EXPECTED_PUBLICATION: "#009E73",  # bluish green
    EventType.PUBLICATION: "#009E73",
    EventType.PCC_RESPONSE_DUE: "#56B4E9",  # sky blue
    EventType.FINDING_DUE: "#D55E00",  # vermillion
    EventType.COMMITTEE_MEETING: "#F0E442",  # yellow
    EventType.OVERSIGHT_BOARD: "#000000",  # black
}
GLYPHS: dict[EventType, str] = {
    EventType.FIELDWORK: "square",
    EventType.REVISIT: "diamond",
    EventType.HOT_DEBRIEF: "triangle",
    EventType.EXPECTED_PUBLICATION: "ring",
    EventType.PUBLICATION: "circle",
    EventType.PCC_RESPONSE_DUE: "hourglass",
    EventType.FINDING_DUE: "cross",
    EventType.COMMITTEE_MEETING: "star",
    EventType.OVERSIGHT_BOARD: "hexagon",
}
TINT = 0.28


def colour(etype: EventType) -> QColor:
    return QColor(COLOURS[etype])


def chip_fill(etype: EventType, palette: QPalette) -> QColor:
    """A light (or, on a dark theme, dark) tint of the type colour over the base colour."""
    return blend(colour(etype), palette.color(QPalette.ColorRole.Base), TINT)


def chip_border(etype: EventType, palette: QPalette) -> QColor:
    """The type colour, or the text colour where the type colour would vanish on the base."""
    base = palette.color(QPalette.ColorRole.Base)
    own = colour(etype)
    return own if contrast(own, base) >= 1.8 else palette.color(QPalette.ColorRole.Text)


def blend(top: QColor, bottom: QColor, amount: float) -> QColor:
    """``amount`` of ``top`` over ``bottom``."""
    return QColor(
        round(top.red() * amount + bottom.red() * (1 - amount)),
        round(top.green() * amount + bottom.green() * (1 - amount)),
        round(top.blue() * amount + bottom.blue() * (1 - amount)),
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def draw_glyph(
    painter: QPainter, rect: QRectF, etype: EventType, palette: QPalette, hole: QColor | None = None
) -> None:
    """The type's shape in its colour, outlined in the palette's text colour."""
    shape = GLYPHS[etype]
    fill = colour(etype)
    outline = QPen(palette.color(QPalette.ColorRole.Text), 1.0)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(outline)
    painter.setBrush(fill)
    r = rect.adjusted(1, 1, -1, -1)
    if shape == "ring":
        painter.drawEllipse(r)
        inner = r.adjusted(r.width() * 0.3, r.height() * 0.3, -r.width() * 0.3, -r.height() * 0.3)
        painter.setBrush(hole or palette.color(QPalette.ColorRole.Base))
        painter.drawEllipse(inner)
    elif shape == "circle":
        painter.drawEllipse(r)
    else:
        painter.drawPath(_path(shape, r))
    painter.restore()


def _path(shape: str, r: QRectF) -> QPainterPath:
    path = QPainterPath()
    cx, cy, w, h = r.center().x(), r.center().y(), r.width(), r.height()
    if shape == "square":
        path.addRect(r.adjusted(w * 0.05, h * 0.05, -w * 0.05, -h * 0.05))
        return path
    if shape == "diamond":
        points = [(cx, r.top()), (r.right(), cy), (cx, r.bottom()), (r.left(), cy)]
    elif shape == "triangle":
        points = [(cx, r.top()), (r.right(), r.bottom()), (r.left(), r.bottom())]
    elif shape == "hourglass":
        points = [
            (r.left(), r.top()),
            (r.right(), r.top()),
            (cx, cy),
            (r.right(), r.bottom()),
            (r.left(), r.bottom()),
            (cx, cy),
        ]
    elif shape == "cross":
        t = w * 0.2  # half the bar thickness, then rotated 45 degrees
        arm = [
            (-t, -w / 2),
            (t, -w / 2),
            (t, -t),
            (w / 2, -t),
            (w / 2, t),
            (t, t),
            (t, w / 2),
            (-t, w / 2),
            (-t, t),
            (-w / 2, t),
            (-w / 2, -t),
            (-t, -t),
        ]
        c, s = math.cos(math.pi / 4), math.sin(math.pi / 4)
        points = [(cx + x * c - y * s, cy + x * s + y * c) for x, y in arm]
        points = [(cx + (x - cx) * 0.85, cy + (y - cy) * 0.85) for x, y in points]
    elif shape == "star":
        points = []
        for i in range(10):
            radius = (w / 2) if i % 2 == 0 else (w / 5)
            angle = -math.pi / 2 + i * math.pi / 5
            points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    else:  # hexagon
        points = [
            (cx + (w / 2) * math.cos(math.pi / 3 * i), cy + (h / 2) * math.sin(math.pi / 3 * i))
            for i in range(6)
        ]
    path.moveTo(QPointF(*points[0]))
    for point in points[1:]:
        path.lineTo(QPointF(*point))
    path.closeSubpath()
    return path


def glyph_icon(etype: EventType, palette: QPalette, size: int = 16) -> QIcon:
    """The type's glyph as an icon (legend, agenda, menus)."""
    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.scale(scale, scale)
        draw_glyph(painter, QRectF(1, 1, size - 2, size - 2), etype, palette)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        icon.addPixmap(pixmap)
    return icon
