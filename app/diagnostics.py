"""Help → Save diagnostics: a zip for support with logs, versions, OS and the database check.

Never the database: only the log files, and text written here, go into the zip.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import sqlite3
import sys
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__, logs
from app.data_location import current_location_risk

if TYPE_CHECKING:
    from app.workspace import Workspace

# Distributions whose versions support asks about when the project's own metadata is missing.
LIBRARIES = ("SQLAlchemy", "alembic", "reportlab", "platformdirs", "tzdata")
# Shown separately (the ui adds Qt and PySide6).
_NOT_LISTED = {"pyside6-essentials", "pyside6"}


@dataclass(frozen=True)
class DatabaseCheck:
    """What the full integrity check found (or why it could not run)."""

    revision: str
    problems: tuple[str, ...]
    counts: Mapping[str, int]
    error: str | None = None

    def as_text(self) -> str:
        """Human-readable report."""
        if self.error:
            return f"The database check could not run: {self.error}\n"
        lines = [
            f"Schema revision: {self.revision}",
            f"Integrity: {'ok' if not self.problems else 'PROBLEMS'}",
            *(f"  {p}" for p in self.problems),
            "Records:",
            *(f"  {n:>8,} {label}" for label, n in self.counts.items()),
        ]
        return "\n".join(lines) + "\n"


def environment_versions() -> dict[str, str]:
    """Versions of the app, Python, SQLite and the libraries (no Qt: the ui adds it)."""
    found = {
        "Liaison Desk": __version__,
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "SQLite": sqlite3.sqlite_version,
    }
    for name in direct_dependencies():
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def direct_dependencies() -> list[str]:
    """The runtime libraries the project names in pyproject.toml (from its metadata)."""
    try:
        requirements = metadata.requires("liaison-desk") or []
    except metadata.PackageNotFoundError:
        return list(LIBRARIES)
    names = []
    for text in requirements:
        if "extra ==" in text:
            continue
        name = re.split(r"[\s;<>=!~\[(]", text, maxsplit=1)[0]
        if name.lower() not in _NOT_LISTED:
            names.append(name)
    return names


def system_facts(folder: Path) -> dict[str, str]:
    """The operating system and where things are (paths, free space, frozen or not)."""
    facts = {
        "Operating system": platform.platform(),
        "Machine": platform.machine(),
        "Windows edition": getattr(platform, "win32_edition", lambda: None)() or "",
        "Program": sys.executable,
        "Build": "standalone" if getattr(sys, "frozen", False) else "from source",
        "Data folder": str(folder),
        "Time written": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    try:
        facts["Free space in data folder"] = f"{shutil.disk_usage(folder).free / 1e9:,.1f} GB"
    except OSError as exc:
        facts["Free space in data folder"] = f"unknown ({exc})"
    risk = current_location_risk(folder)
    facts["Data folder location"] = f"risky: {risk.service}" if risk else "local"
    return {k: v for k, v in facts.items() if v}


def _table(values: Mapping[str, str]) -> str:
    width = max((len(k) for k in values), default=0)
    return "".join(f"{k:<{width}}  {v}\n" for k, v in values.items())


def write_diagnostics(
    target: Path,
    *,
    folder: Path,
    versions: Mapping[str, str],
    check: DatabaseCheck,
) -> list[str]:
    """Write the zip to ``target`` (atomically); returns the names of its members."""
    members: dict[str, bytes | Path] = {
        "README.txt": (
            b"Liaison Desk diagnostics, for support. It holds the log files, versions, the "
            b"operating system and the result of the database check. It does not hold the "
            b"database or any record from it.\n"
        ),
        "versions.txt": _table(versions).encode(),
        "system.txt": _table(system_facts(folder)).encode(),
        "database-check.txt": check.as_text().encode(),
    }
    for path in logs.log_files(folder):
        members[f"logs/{path.name}"] = path
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            if isinstance(content, Path):
                archive.write(content, name)
            else:
                archive.writestr(name, content)
    os.replace(partial, target)
    return list(members)


def check_workspace(ws: Workspace) -> DatabaseCheck:
    """The full integrity check of an open workspace, never raising (for the diagnostics)."""
    try:
        health = ws.check()
    except Exception as exc:  # the zip is most wanted when something is broken
        return DatabaseCheck("", (), {}, error=f"{type(exc).__name__}: {exc}")
    return DatabaseCheck(health.revision, health.problems, dict(health.counts))
