"""Time the registers through the real widgets on a big database: registers_probe.py FOLDER

Run by bench/run.py in a fresh process (so its memory is the app's own); prints one JSON
object of medians in seconds and the peak resident memory in MB.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import tempfile  # noqa: E402

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.domain.enums import Kind, Level, Rag, Status  # noqa: E402
from app.workspace import Workspace  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402


def peak_memory_mb() -> float:
    """This process's peak resident memory.

    VmHWM where Linux has it: ru_maxrss survives exec, so a probe started by a big bench
    process would report the parent's peak.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(folder: Path) -> int:
    app = QApplication.instance() or QApplication([])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    ws = Workspace.open(folder, create=False)
    window = MainWindow(ws)
    window.resize(1280, 800)
    window.show()
    app.processEvents()

    def timed(action: Callable[[], object]) -> float:
        start = time.perf_counter()
        action()
        app.processEvents()  # the view repaints with the new rows
        return time.perf_counter() - start

    opening = timed(lambda: window.show_page("findings"))
    page = window.pages["findings"]
    bar = page.filters
    assert page.model.count > 0

    # Each filter is applied then removed: both are a change the officer waits for.
    toggles: list[Callable[[], object]] = [
        lambda: bar.level.toggle(Level.L2),
        lambda: bar.level.toggle(Level.L3),
        lambda: bar.status.toggle(Status.IN_PROGRESS),
        lambda: bar.kind.toggle(Kind.AFI),
        lambda: bar.rag.toggle(Rag.RED),
        lambda: bar.overdue.setChecked(True),
        lambda: bar.department.toggle("Department 3"),
        lambda: bar.applies.setCurrentIndex(1),
        lambda: bar.no_update.setChecked(True),
    ]
    filters = [timed(t) for t in toggles]
    filters.append(timed(page.clear_filters))
    filters += [timed(t) for t in toggles[:4]]
    filters.append(timed(page.clear_filters))

    keystrokes = []
    for word in ("custody", "vulnerable", "recommendation 17"):
        for end in range(1, len(word) + 1):
            page.search_edit.setText(word[:end])
            keystrokes.append(timed(page.apply_filters))
        page.search_edit.clear()
        page.apply_filters()

    sorts = {}
    for column, spec in enumerate(page.model.columns):
        if not spec.sortable:
            continue
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            seconds = timed(lambda c=column, o=order: page.table.sortByColumn(c, o))
            sorts[f"{spec.key} {order.name}"] = seconds

    rows = page.model.rowCount()
    # Straight after a sort, a jump deep down reads that page with a top-N query…
    jump = timed(lambda: page.table.scrollTo(page.model.index(rows // 3, 0)))
    # …and once the query has settled (the keys are read ahead), any page is a lookup.
    settle = time.perf_counter() + 1.5
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.01)
    scrolls = [
        timed(lambda r=r: page.table.scrollTo(page.model.index(r, 0)))
        for r in (rows // 4, rows // 2, rows - 1, 300, rows * 3 // 4)
    ]
    peak_mb = peak_memory_mb()
    print(
        json.dumps(
            {
                "open_findings_page": opening,
                "filter_median": statistics.median(filters),
                "filter_max": max(filters),
                "keystroke_median": statistics.median(keystrokes),
                "keystroke_max": max(keystrokes),
                "sort_median": statistics.median(sorts.values()),
                "sort_max": max(sorts.values()),
                "sort_slowest": max(sorts, key=sorts.__getitem__),
                "scroll_jump_after_sort": jump,
                "scroll_max": max(scrolls),
                "peak_memory_mb": peak_mb,
                "rows": rows,
            }
        )
    )
    window.close()
    ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
