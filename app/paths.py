"""Where the data lives: --data-dir, else $LIAISON_DESK_HOME, else the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "LiaisonDesk"
ENV_HOME = "LIAISON_DESK_HOME"
DATABASE_NAME = "liaison-desk.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder to use. Never roaming: on Windows this is %LOCALAPPDATA%."""
    if override:
        return Path(override).expanduser()
    if os.environ.get(ENV_HOME):
        return Path(os.environ[ENV_HOME]).expanduser()
    return default_data_dir()


def default_data_dir() -> Path:
    """The user's own, local (never roaming, never synced) data folder for the app."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def database_path(folder: Path) -> Path:
    """The live database inside a data folder."""
    return folder / DATABASE_NAME


def backups_dir(folder: Path) -> Path:
    """Automatic backups inside a data folder."""
    return folder / "backups"


def logs_dir(folder: Path) -> Path:
    """Log files inside a data folder."""
    return folder / "logs"
