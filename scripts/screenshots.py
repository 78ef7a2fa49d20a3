"""Save a PNG of every main screen, offscreen, on the demo data: scripts/screenshots.py OUTDIR

Features add their screens to SHOTS. Look at every PNG before calling a screen done.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.demo import load_demo  # noqa: E402
from app.workspace import Workspace  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402


def overview(window: MainWindow) -> QWidget:
    window.show_page("overview")
    return window


def overview_at_meeting(window: MainWindow) -> QWidget:
    window.show_page("overview").set_as_at(date(2023, 9, 28))  # type: ignore[attr-defined]
    return window


def settings_dialog(window: MainWindow) -> QWidget:
    from ui.settings_dialog import ForceSettingsDialog

    dialog = ForceSettingsDialog(window.ws, window)
    dialog.adjustSize()
    return dialog


def findings_filtered(window: MainWindow) -> QWidget:
    from app.domain.enums import OPEN_STATUSES, Level
    from app.domain.filters import FindingFilter, SortOrder

    page = window.show_page("findings")
    flt = FindingFilter(levels=frozenset({Level.L2, Level.L3}), statuses=OPEN_STATUSES)
    page.set_filter(flt, SortOrder("due"))  # type: ignore[attr-defined]
    # A column choice as an officer might save it with the view
    page.table.show_columns(  # type: ignore[attr-defined]
        ("reference", "report", "level", "status", "rag", "owner", "due", "days_overdue")
    )
    return window


def findings_search_detail(window: MainWindow) -> QWidget:
    from app.domain.filters import FindingFilter, SortOrder

    page = window.show_page("findings")
    page.table.reset_columns()  # type: ignore[attr-defined]
    page.set_filter(FindingFilter(text="custody"), SortOrder("report", False))  # type: ignore[attr-defined]
    finding_id = page.model.finding_id(0)  # type: ignore[attr-defined]
    if finding_id:
        window.open_finding(finding_id)
    return window


def findings_none_match(window: MainWindow) -> QWidget:
    from app.domain.filters import FindingFilter

    page = window.show_page("findings")
    page.detail.close_panel()  # type: ignore[attr-defined]
    page.set_filter(FindingFilter(text="no such words anywhere"))  # type: ignore[attr-defined]
    return window


def reports(window: MainWindow) -> QWidget:
    window.show_page("reports")
    return window


def inspections(window: MainWindow) -> QWidget:
    window.show_page("inspections")
    return window


SHOTS: list[tuple[str, Callable[[MainWindow], QWidget]]] = [
    ("overview", overview),
    ("overview-as-at-2023-09-28", overview_at_meeting),
    ("findings-open-l2-l3-by-due-date", findings_filtered),
    ("findings-search-with-detail", findings_search_detail),
    ("findings-none-match", findings_none_match),
    ("reports", reports),
    ("inspections", inspections),
    ("force-settings", settings_dialog),
]


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    # Column layouts come from a fresh settings folder, not this user's preferences.
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    ws = Workspace.open(Path(tempfile.mkdtemp()) / "data")
    load_demo(ws)
    window = MainWindow(ws)
    window.resize(1280, 800)
    window.show()
    for name, make in SHOTS:
        widget = make(window)
        widget.show()
        app.processEvents()
        widget.grab().save(str(out / f"{name}.png"))
        if widget is not window:
            widget.close()
        print(out / f"{name}.png")
    ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
