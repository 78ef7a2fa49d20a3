"""What goes into the standalone bundle: names, version, data files, hidden imports, trimming.

Read by packaging/liaison-desk.spec (PyInstaller) and by tests/packaging, so the list of data
files is tested without running a build. No PyInstaller import here.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent

BUNDLE_NAME = "LiaisonDesk"  # the folder in dist/, and the install folder on Windows
GUI_NAME = "LiaisonDesk"  # windowed executable (Start menu, file association)
CLI_NAME = "liaison-desk"  # console executable (command line)
ENTRY_SCRIPT = ROOT / "packaging" / "entry.py"  # calls ui.launcher:main

# Trees shipped as data, found at run time with importlib.resources. Alembic reads the
# migration scripts as files, so they are data as well as code.
DATA_TREES = ("db/migrations", "resources")
_SKIP_PARTS = {"__pycache__"}
_SKIP_SUFFIXES = {".pyc", ".pyo"}

# Packages imported only through importlib.resources or by Alembic from files.
BASE_HIDDEN_IMPORTS = ("resources", "db.migrations", "logging.handlers")

# python-docx opens its templates as "docx/parts/../templates/…": the docx/parts folder must
# exist on disk, so that package is shipped as source files too (the modules still load from
# the archive).
MODULE_COLLECTION_MODE = {"docx.parts": "pyz+py"}

# Qt that a desktop app of ours never uses: dropped from the collected binaries and data.
# (excludes alone does not remove Qt's shared libraries and plugins.)
EXCLUDED_MODULES = (
    "tkinter",
    "pygments",  # Mako highlights template errors with it if present; a dev-only package
    "mako.ext.pygmentplugin",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtDBus",
    "PySide6.QtConcurrent",
    "PySide6.QtXml",
)
# Qt plugin folders we keep; every other plugin folder is dropped.
KEPT_PLUGIN_FOLDERS = {
    "platforms",  # windows, xcb, wayland, offscreen
    "platformthemes",  # native file dialogs on Linux desktops
    "platforminputcontexts",  # input methods (compose keys, IMEs)
    "styles",  # the native Windows style
    "iconengines",  # SVG icons
    "imageformats",  # trimmed further below
    "xcbglintegrations",
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "wayland-shell-integration",
}
KEPT_IMAGE_FORMATS = ("qsvg", "qico")  # PNG is built into QtGui
DROPPED_FILE_NAMES = {
    "opengl32sw.dll",  # software OpenGL (20 MB); we draw widgets, not OpenGL
    "d3dcompiler_47.dll",
    "libqt6eglfsdeviceintegration.so.6",  # embedded-device (no window system) support
    "libqt6eglfskmssupport.so.6",
}
_DROPPED_PLATFORMS = (
    "qminimal",
    "qvnc",
    "qlinuxfb",
    "qeglfs",
    "qminimalegl",
    "qdirect2d",
    "qvkkhrdisplay",
)


def project() -> dict[str, str]:
    """Name, version and description from pyproject.toml (the version from app.__version__)."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    attr = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["dynamic"]["version"]["attr"]
    module, _, name = attr.rpartition(".")
    source = (ROOT / module.replace(".", "/") / "__init__.py").read_text(encoding="utf-8")
    match = re.search(rf'^{name}\s*=\s*"([^"]+)"', source, re.M)
    if not match:
        raise ValueError(f"no {attr} in {module}")
    return {"name": meta["name"], "version": match.group(1), "description": meta["description"]}


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """A four-part number for Windows version resources ("0.1.0rc1" -> (0, 1, 0, 0))."""
    numbers = [re.match(r"\d+", part) for part in version.split(".")[:4]]
    parts = [int(m.group()) for m in numbers if m]
    return tuple([*parts, 0, 0, 0, 0][:4])  # type: ignore[return-value]


def _shipped(path: Path) -> bool:
    return (
        path.is_file()
        and not _SKIP_PARTS & set(path.parts)
        and path.suffix not in _SKIP_SUFFIXES
        and not path.name.startswith(".")
    )


def data_files() -> list[tuple[str, str]]:
    """(source file, destination folder in the bundle) for every data file, sorted."""
    pairs = []
    for tree in DATA_TREES:
        for path in sorted((ROOT / tree).rglob("*")):
            if _shipped(path):
                dest = path.parent.relative_to(ROOT).as_posix()
                pairs.append((str(path), dest))
    return pairs


def migration_imports() -> set[str]:
    """Modules the migration scripts import: PyInstaller cannot see them (they are data)."""
    found: set[str] = set()
    for path in sorted((ROOT / "db" / "migrations").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if _importable(name)}


def _importable(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def runtime_distributions(project: str = "liaison-desk") -> list[str]:
    """The project and its runtime requirements, recursively (no extras), as installed.

    Their metadata is shipped so that importlib.metadata (versions in Help → About and the
    diagnostics) works in the frozen program too.
    """
    from importlib import metadata

    from packaging.requirements import Requirement

    seen: dict[str, str] = {}

    def walk(name: str) -> None:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key in seen:
            return
        seen[key] = dist.metadata["Name"]
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                walk(req.name)

    walk(project)
    return sorted(seen.values(), key=str.lower)


def hidden_imports() -> list[str]:
    """Everything PyInstaller must collect although no code imports it statically."""
    return sorted(set(BASE_HIDDEN_IMPORTS) | migration_imports())


def keep(dest: str) -> bool:
    """False for a collected binary or data file (bundle-relative path) we trim away."""
    path = PurePosixPath(dest.replace("\\", "/"))
    name = path.name.lower()
    if name in DROPPED_FILE_NAMES:
        return False
    parts = [p.lower() for p in path.parts]
    if "translations" in parts and ("pyside6" in parts or "qt" in parts):
        return False
    if "plugins" in parts:
        at = parts.index("plugins")
        folder = parts[at + 1] if len(parts) > at + 2 else ""
        if folder and folder not in KEPT_PLUGIN_FOLDERS:
            return False
        if folder == "imageformats" and not any(fmt in name for fmt in KEPT_IMAGE_FORMATS):
            return False
        if folder == "platforms" and any(p in name for p in _DROPPED_PLATFORMS):
            return False
    return True
