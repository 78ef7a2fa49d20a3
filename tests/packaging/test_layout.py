"""The bundle's contents as the spec declares them: every file the app opens at run time."""

from __future__ import annotations

import importlib.util
import re
import struct
import sys
from pathlib import Path

import pytest

from app import __version__, paths

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _load(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(f"_test_{name}", PACKAGING / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


layout = _load("layout")


def shipped() -> set[str]:
    """Bundle-relative paths of the data files the spec ships."""
    return {f"{dest}/{Path(source).name}" for source, dest in layout.data_files()}


def test_every_data_file_the_spec_lists_exists():
    pairs = layout.data_files()
    assert pairs
    for source, dest in pairs:
        assert Path(source).is_file(), source
        assert not Path(dest).is_absolute()
        assert "__pycache__" not in source and not source.endswith(".pyc")


def test_the_files_the_app_opens_at_run_time_are_shipped():
    from app.licences import library_components
    from db.migrate import script_directory

    needed = {
        "db/migrations/env.py",
        "db/migrations/__init__.py",
        "resources/__init__.py",
        "resources/icons/liaison-desk.svg",
        "resources/licences/third-party.json",
    }
    # Alembic reads every revision script as a file: each must be in the bundle.
    for script in script_directory().walk_revisions():
        needed.add(Path(script.path).relative_to(ROOT).as_posix())
    # Demo data and fonts, once the source tree has them.
    for folder in ("resources/demo", "resources/fonts"):
        for path in (ROOT / folder).glob("*"):
            if path.suffix in {".json", ".ttf", ".otf", ".txt"}:
                needed.add(path.relative_to(ROOT).as_posix())
    assert needed <= shipped(), needed - shipped()
    assert library_components()  # the licences file parses


def test_modules_only_migrations_or_resources_use_are_hidden_imports():
    hidden = set(layout.hidden_imports())
    assert {"resources", "db.migrations", "alembic.op", "alembic.context"} <= hidden
    assert "sqlalchemy" in hidden


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/translations/qt_fr.qm",
        "PySide6/opengl32sw.dll",
        "PySide6/plugins/imageformats/qjpeg.dll",
        "PySide6/Qt/plugins/imageformats/libqwebp.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/networkinformation/libqglib.so",
        "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
    ],
)
def test_unused_qt_is_trimmed(dest):
    assert not layout.keep(dest)
    assert not layout.keep(dest.replace("/", "\\"))


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt6Network.dll",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "resources/icons/liaison-desk.svg",
        "db/migrations/env.py",
        "reportlab/fonts/Vera.ttf",
    ],
)
def test_what_the_app_needs_is_kept(dest):
    assert layout.keep(dest)


def test_version_comes_from_the_app():
    assert layout.project()["version"] == __version__
    assert layout.numeric_version("1.2.3") == (1, 2, 3, 0)
    assert layout.numeric_version("0.1.0rc1") == (0, 1, 0, 0)


def test_the_spec_is_python_and_never_uses_upx():
    text = (PACKAGING / "liaison-desk.spec").read_text(encoding="utf-8")
    compile(text, "liaison-desk.spec", "exec")
    assert "upx=True" not in text and text.count("upx=False") >= 2


def test_the_installer_names_match_the_bundle_and_the_data_folder():
    nsi = (PACKAGING / "installer.nsi").read_text(encoding="utf-8")
    defines = dict(re.findall(r'^!define (\w+) "([^"]*)"', nsi, re.M))
    assert defines["GUI_EXE"] == layout.GUI_NAME + "${EXE_SUFFIX}"
    assert defines["CLI_EXE"] == layout.CLI_NAME + "${EXE_SUFFIX}"
    # The uninstaller keeps, and the installer never installs into, the real data folder.
    assert defines["APP_ID"] == paths.APP_NAME
    assert "RequestExecutionLevel user" in nsi
    assert "HKLM" not in nsi
    assert 'RMDir /r "$INSTDIR"' not in nsi  # only our own sub-folder is ever removed


def test_icon_is_rendered_and_packed_into_an_ico(tmp_path, qapp):
    make_icons = _load("make_icons")
    made = make_icons.make_icons(tmp_path)
    ico = made["ico"].read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1) and count == 6
    sizes = []
    for i in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * i)
        assert ico[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(ico)
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 256]
    from PySide6.QtGui import QImage

    image = QImage(str(made["png"]))
    assert (image.width(), image.height()) == (256, 256)
    assert image.pixelColor(128, 128).alpha() == 255  # drawn, not blank
    assert image.pixelColor(1, 1).alpha() == 0  # transparent corners
