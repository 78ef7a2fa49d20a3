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

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.demo import load_demo  # noqa: E402
from app.workspace import Workspace  # noqa: E402
from scripts.form_shots import FORM_SHOTS  # noqa: E402
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


def calendar_month(year: int, month: int) -> Callable[[MainWindow], QWidget]:
    def shot(window: MainWindow) -> QWidget:
        window.show_page("calendar").show_date(date(year, month, 1), agenda=False)  # type: ignore[attr-defined]
        return window

    return shot


def calendar_agenda(day: date) -> Callable[[MainWindow], QWidget]:
    def shot(window: MainWindow) -> QWidget:
        window.show_page("calendar").show_date(day, agenda=True)  # type: ignore[attr-defined]
        return window

    return shot


def calendar_small_window(window: MainWindow) -> QWidget:
    """A laptop-sized window on the busiest month: days overflow into "+N more"."""
    window.resize(1024, 640)
    window.show_page("calendar").show_date(date(2026, 12, 1), agenda=False)  # type: ignore[attr-defined]
    return window


def calendar_today(window: MainWindow) -> QWidget:
    window.resize(1280, 800)
    page = window.show_page("calendar")
    page.show_date(window.ws.ctx.clock.today(), agenda=False)  # type: ignore[attr-defined]
    page.month_view.setFocus()  # type: ignore[attr-defined]
    return window


def calendar_record(window: MainWindow) -> QWidget:
    page = window.show_page("calendar")
    page.show_date(date(2024, 6, 1), agenda=False)  # type: ignore[attr-defined]
    events = page.month_view.events()  # type: ignore[attr-defined]
    inspection = next(e for e in events if e.entity == "inspection")
    window.open_record(inspection.entity, inspection.entity_id)
    dialog = window.record_dialog
    assert dialog is not None
    dialog.adjustSize()
    return dialog


def about_dialog(window: MainWindow) -> QWidget:
    from ui.about import AboutDialog

    return AboutDialog(window, window.ws.folder)


def about_licences(window: MainWindow) -> QWidget:
    from ui.about import AboutDialog

    dialog = AboutDialog(window, window.ws.folder)
    dialog.show_component("Qt")
    return dialog


def crash_dialog(window: MainWindow) -> QWidget:
    from app import paths
    from ui.crash import CrashDialog, describe, summary_of

    try:
        {"findings": []}["finding"]  # a bug, as the officer would meet it
    except KeyError as exc:
        details = describe(type(exc), exc, exc.__traceback__)
        dialog = CrashDialog(summary_of(exc), details, paths.logs_dir(window.ws.folder), window)
    dialog.toggle_button.setChecked(True)
    dialog.resize(640, 460)
    return dialog


def location_warning(window: MainWindow) -> QWidget:
    from app.data_location import location_risk
    from ui.location_warning import warning_box

    path = r"C:\Users\a.officer\OneDrive - West Midlands Police\Documents\LiaisonDesk"
    risk = location_risk(path, windows=True)
    assert risk is not None
    return warning_box(window, risk)


SHOTS: list[tuple[str, Callable[[MainWindow], QWidget]]] = [
    ("overview", overview),
    ("overview-as-at-2023-09-28", overview_at_meeting),
    ("force-settings", settings_dialog),
    ("calendar-month-2024-06", calendar_month(2024, 6)),
    ("calendar-month-2023-09", calendar_month(2023, 9)),
    ("calendar-agenda-2024-06", calendar_agenda(date(2024, 6, 1))),
    ("calendar-agenda-2023-09", calendar_agenda(date(2023, 9, 1))),
    ("calendar-small-window-2026-12", calendar_small_window),
    ("calendar-today", calendar_today),
    ("calendar-record", calendar_record),
    *FORM_SHOTS,
    ("about", about_dialog),
    ("about-licences", about_licences),
    ("crash-dialog", crash_dialog),
    ("location-warning", location_warning),
]


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
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
