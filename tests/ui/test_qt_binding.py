"""The Qt binding keeps Python's books: a void Qt call must not drop a reference to None.

PySide6 6.12.0 did, on Python 3.11 (where None is not immortal): every QPainter call in a
paint event took one reference away, and after enough repaints the interpreter aborted with
"deallocating None". pyproject.toml excludes that release; this test catches any other.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPixmap


def test_void_qt_calls_keep_the_reference_count_of_none(qapp):
    pixmap = QPixmap(20, 20)
    painter = QPainter(pixmap)
    colour, rect = QColor("red"), QRectF(0, 0, 5, 5)
    before = sys.getrefcount(None)
    for _ in range(500):
        painter.setBrush(colour)
        painter.drawRect(rect)
        painter.save()
        painter.restore()
    drift = sys.getrefcount(None) - before
    painter.end()
    assert drift > -100, f"None lost {-drift} references over 2,000 void Qt calls"
