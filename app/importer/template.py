"""The template workbook shipped for offices starting a tracker from scratch."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

TEMPLATE = ("templates", "liaison-desk-import-template.xlsx")


def template_path() -> Path:
    """Where the shipped template workbook is (resources/templates)."""
    return Path(str(resources.files("resources").joinpath(*TEMPLATE)))
