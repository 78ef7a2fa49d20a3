"""The paper's typeface (Liberation Sans, shipped in resources/fonts) registered with reportlab."""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

FAMILY = "LiberationSans"
FACES = {
    "normal": ("LiberationSans", "LiberationSans-Regular.ttf"),
    "bold": ("LiberationSans-Bold", "LiberationSans-Bold.ttf"),
    "italic": ("LiberationSans-Italic", "LiberationSans-Italic.ttf"),
    "boldItalic": ("LiberationSans-BoldItalic", "LiberationSans-BoldItalic.ttf"),
}
REGULAR, BOLD, ITALIC = FACES["normal"][0], FACES["bold"][0], FACES["italic"][0]

_lock = threading.Lock()
_registered = False


def font_path(filename: str) -> Path:
    """A shipped font file."""
    return Path(str(resources.files("resources") / "fonts" / filename))


def register_fonts() -> None:
    """Register the four faces and their family once, so <b> and <i> pick the right face."""
    global _registered
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, filename in FACES.values():
            pdfmetrics.registerFont(TTFont(name, str(font_path(filename))))
        for (bold, italic), face in {
            (0, 0): "normal",
            (1, 0): "bold",
            (0, 1): "italic",
            (1, 1): "boldItalic",
        }.items():
            addMapping(FAMILY, bold, italic, FACES[face][0])
            addMapping(REGULAR, bold, italic, FACES[face][0])
        _registered = True
