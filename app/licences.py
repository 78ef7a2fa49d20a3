"""The licences of everything shipped with Liaison Desk, for Help → About.

Libraries, Qt and Python come from resources/licences/third-party.json (written from the
installed packages' metadata by scripts/make_licences.py); fonts are read from
resources/fonts (each LICENSE-<Family>.txt beside its font files).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

APP_LICENCE = "MIT"
FONT_SUFFIXES = (".ttf", ".otf")


@dataclass(frozen=True)
class LicenceText:
    """One licence file: where it came from, and its text."""

    source: str
    text: str


@dataclass(frozen=True)
class Component:
    """A shipped component with its licence."""

    name: str
    version: str
    licence: str
    url: str
    texts: tuple[LicenceText, ...]
    kind: str = "library"  # "library", "font" or "native"


def _folder(name: str) -> Traversable:
    return resources.files("resources") / name


def library_components() -> list[Component]:
    """Qt, Python and every bundled Python package, as listed in the generated file."""
    source = _folder("licences") / "third-party.json"
    document = json.loads(source.read_text(encoding="utf-8"))
    texts = document["texts"]
    found = []
    for entry in document["components"]:
        found.append(
            Component(
                entry["name"],
                entry["version"],
                entry["licence"],
                entry["url"],
                tuple(LicenceText(t["file"], texts[t["text"]]) for t in entry["texts"]),
                kind="library" if entry["texts"] else "native",
            )
        )
    return found


def font_components(fonts: Traversable | None = None) -> list[Component]:
    """One component per LICENSE-<Family>.txt in resources/fonts (or ``fonts``)."""
    fonts = fonts if fonts is not None else _folder("fonts")
    if not fonts.is_dir():
        return []
    entries = sorted(fonts.iterdir(), key=lambda e: e.name)
    found = []
    for entry in entries:
        match = re.fullmatch(r"(?:LICEN[CS]E|OFL)[-_ ]?(.+)\.(?:txt|md)", entry.name, re.I)
        if not match:
            continue
        family = match.group(1)
        text = entry.read_text(encoding="utf-8")
        found.append(
            Component(
                _spaced(family),
                "",
                _licence_of(text),
                "",
                (LicenceText(entry.name, text),),
                kind="font",
            )
        )
    return found


def _spaced(name: str) -> str:
    # "LiberationSans" -> "Liberation Sans"
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).replace("_", " ").replace("-", " ")


def _licence_of(text: str) -> str:
    head = text[:3000]
    if "SIL OPEN FONT LICENSE" in head.upper():
        version = re.search(r"Version\s+(\d\.\d)", head)
        return f"OFL-{version.group(1)}" if version else "OFL"
    if "Apache License" in head:
        return "Apache-2.0"
    if "Bitstream Vera" in head:
        return "Bitstream-Vera"
    return "see licence text"


def bundled_components() -> list[Component]:
    """Everything shipped: libraries, fonts, and the native libraries inside Python and Qt."""
    libraries = library_components()
    return (
        [c for c in libraries if c.kind == "library"]
        + font_components()
        + [c for c in libraries if c.kind == "native"]
    )
