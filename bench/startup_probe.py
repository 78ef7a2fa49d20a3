"""Started by bench/run.py: open the app on a data folder and say when the window is shown."""

import sys
import time

T0 = time.perf_counter()

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.workspace import Workspace  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

app = QApplication([])
ws = Workspace.open(__import__("pathlib").Path(sys.argv[1]))
window = MainWindow(ws)
window.show()
app.processEvents()
print(f"shown {time.perf_counter() - T0:.4f}", flush=True)
ws.close()
