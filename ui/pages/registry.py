"""The pages of the main window, in navigation order (Ctrl+1, Ctrl+2… follow this order).

Each page class has ``key`` and ``title`` attributes, is built as ``Page(ws, window)`` and
has ``refresh()``. Features add their page here.
"""

from __future__ import annotations

from typing import Any


def page_classes() -> list[Any]:
    """Page classes in the order they appear."""
    from ui.pages.calendar import CalendarPage
    from ui.pages.overview import OverviewPage
    from ui.pages.papers import PapersPage

    return [OverviewPage, CalendarPage, PapersPage]
