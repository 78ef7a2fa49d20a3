"""Handing files to the desktop: open in the default viewer, or print with the system."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_path(path: Path) -> bool:
    """Open a file (or folder) with the program the desktop uses for it."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def can_print_directly() -> bool:
    """True when the system can send a PDF to the default printer without a viewer."""
    if sys.platform == "win32":
        return True
    return shutil.which("lp") is not None


def print_pdf(path: Path) -> bool:
    """Send a PDF to the default printer; False when the system would not take it (the
    caller then opens it in the viewer instead)."""
    try:
        if sys.platform == "win32":
            # The PDF handler's "print" verb (Adobe Reader, SumatraPDF, Edge on recent Windows).
            os.startfile(str(path), "print")  # type: ignore[attr-defined]
            return True
        lp = shutil.which("lp")
        if lp is None:
            return False
        result = subprocess.run([lp, "--", str(path)], capture_output=True, timeout=30, check=False)
        return result.returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False
