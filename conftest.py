"""Set before anything imports Qt: tests draw offscreen, never on a screen."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("LIAISON_DESK_HOME", None)
