"""Paths of shipped files the window needs (icons), found through importlib.resources."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def app_icon_path() -> Path:
    """The application icon (SVG)."""
    return Path(str(resources.files("resources") / "icons" / "liaison-desk.svg"))
