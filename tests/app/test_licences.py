"""Help → About lists every shipped component with its licence text."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from app.licences import bundled_components, font_components, library_components

ROOT = Path(__file__).resolve().parents[2]


def _make_licences():  # type: ignore[no-untyped-def]
    path = ROOT / "scripts" / "make_licences.py"
    spec = importlib.util.spec_from_file_location("make_licences", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_runtime_dependency_is_listed_with_a_licence_text():
    # Fails when a dependency is added without running scripts/make_licences.py.
    listed = {c.name.lower().replace("_", "-"): c for c in library_components()}
    for dist in _make_licences().runtime_distributions():
        name = dist.metadata["Name"].lower().replace("_", "-")
        assert name in listed, f"{name}: run scripts/make_licences.py"
        assert listed[name].texts and listed[name].licence
    for name in ("qt", "python", "pyinstaller bootloader"):
        assert listed[name].texts
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in listed["qt"].texts[0].text


def test_fonts_are_read_from_their_licence_files(tmp_path):
    (tmp_path / "LiberationSans-Regular.ttf").write_bytes(b"\0\1\0\0")
    (tmp_path / "LICENSE-LiberationSans.txt").write_text(
        "License: SIL-OFL-1.1\n This Font Software is licensed under the SIL Open Font License,\n"
        " Version 1.1.\n"
    )
    (tmp_path / "README.md").write_text("# Fonts\n")
    [font] = font_components(tmp_path)
    assert (font.name, font.licence, font.kind) == ("Liberation Sans", "OFL-1.1", "font")
    assert "SIL Open Font License" in font.texts[0].text
    assert font_components(tmp_path / "missing") == []


def test_components_are_libraries_then_fonts_then_native_libraries():
    kinds = [c.kind for c in bundled_components()]
    assert kinds == sorted(kinds, key=["library", "font", "native"].index)
    assert "native" in kinds
