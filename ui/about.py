"""Help → About: what this is, and the versions support will ask for."""

from __future__ import annotations

import platform
import sqlite3
from importlib import metadata

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from app import __version__


def versions() -> dict[str, str]:
    """Versions of the app and the parts it is built on."""
    return {
        "Liaison Desk": __version__,
        "Python": platform.python_version(),
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "SQLAlchemy": metadata.version("SQLAlchemy"),
        "SQLite": sqlite3.sqlite_version,
        "Operating system": f"{platform.system()} {platform.release()}",
    }


def show_about(parent: QWidget) -> None:
    """The About box."""
    rows = "".join(f"<tr><td>{k}</td><td>&nbsp;{v}</td></tr>" for k, v in versions().items())
    QMessageBox.about(
        parent,
        parent.tr("About Liaison Desk"),
        parent.tr(
            "<h3>Liaison Desk</h3>"
            "<p>HMICFRS inspections, findings and the committee paper, for a force's "
            "liaison office. Works offline; your data stays on this computer.</p>"
            "<table>{rows}</table>"
            "<p>Qt and PySide6 are used under the LGPL v3.</p>"
        ).format(rows=rows),
    )
