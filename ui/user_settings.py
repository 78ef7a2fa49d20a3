"""Per-user preferences of the window (column widths and order): QSettings, never the database.

Tests point QSettings at a temporary folder (tests/ui/conftest.py) so nothing leaks into the
user's real settings.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings


def user_settings() -> QSettings:
    """This user's Liaison Desk preferences (an INI file in the user's config folder)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "LiaisonDesk", "LiaisonDesk"
    )
