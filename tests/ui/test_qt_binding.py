"""The Qt binding in use does not corrupt Python's reference counts (PySide6 6.12.0 did)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_leave_none_alone(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        label.setVisible(False)
    # Each call must give back the None it returns; 6.12.0 under Python 3.11 lost one per call
    # and the app aborted ("deallocating None") after some thousands of calls.
    assert abs(sys.getrefcount(None) - before) < 100
