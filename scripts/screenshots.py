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


def export_snapshot_dialog(window: MainWindow) -> QWidget:
    from ui.snapshots.export_dialog import ExportSnapshotDialog

    dialog = ExportSnapshotDialog(Path.home() / "Liaison Desk snapshot 2024-06-27.ldsnap", window)
    dialog.protect.setChecked(True)
    dialog.passphrase.setText("correct horse")
    dialog.adjustSize()
    return dialog


_SESSION: list[object] = []


def _diverged_session(window: MainWindow):  # type: ignore[no-untyped-def]
    """A colleague's snapshot that differs from the window's data, with conflicts."""
    from dataclasses import replace

    from app.clock import FixedClock
    from app.snapshots.service import SnapshotService

    if _SESSION:
        return _SESSION[0]
    ws = window.ws
    folder = Path(tempfile.mkdtemp())
    SnapshotService(ws).export(folder / "base.ldsnap")
    theirs = Workspace.open(folder / "theirs", clock=FixedClock(ws.ctx.clock.now()))
    theirs.set_actor("DI Priya Shah")
    with SnapshotService(theirs).open(folder / "base.ldsnap") as session:
        session.replace()
    findings = ws.findings.list()[:3]
    for n, finding in enumerate(findings):
        theirs.findings.update(replace(finding, text=finding.text + " (their wording)"))
        if n < 2:
            ws.findings.update(replace(finding, text=finding.text + " (my wording)"))
    theirs.findings.add_progress(findings[0].id, "Evidence pack sent to HMICFRS.")
    SnapshotService(theirs).export(folder / "handover.ldsnap")
    theirs.close()
    session = SnapshotService(ws).open(folder / "handover.ldsnap")
    session.require_healthy()
    _SESSION.append(session)
    return session


def inspect_snapshot_dialog(window: MainWindow) -> QWidget:
    from ui.snapshots.inspect_dialog import InspectSnapshotDialog

    return InspectSnapshotDialog(_diverged_session(window), "handover.ldsnap", window)


def conflict_dialog(window: MainWindow) -> QWidget:
    from ui.snapshots.conflict_dialog import ConflictDialog

    session = _diverged_session(window)
    dialog = ConflictDialog(session.plan.conflicts, session.linked_names(), window)
    dialog.choices[0].setCurrentIndex(0)
    return dialog


def restore_backup_dialog(window: MainWindow) -> QWidget:
    from app.snapshots.service import SnapshotService
    from ui.snapshots.restore_dialog import RestoreBackupDialog

    backups = SnapshotService(window.ws).backups
    for reason in ("daily", "before-merge", "manual"):
        backups.make(reason)
    return RestoreBackupDialog(backups, window)


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
    ("snapshot-export", export_snapshot_dialog),
    ("snapshot-inspect", inspect_snapshot_dialog),  # changes the data: keep these last
    ("snapshot-conflicts", conflict_dialog),
    ("restore-from-backup", restore_backup_dialog),
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
