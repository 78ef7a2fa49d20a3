"""The pinned versions every install goes through (packaging/constraints.txt) cover and satisfy
what pyproject.toml asks for, so a dependency added without re-pinning fails here."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]


def pins() -> dict[str, Version]:
    pinned = {}
    for line in (ROOT / "packaging" / "constraints.txt").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not an exact pin: {line}"
            pinned[canonicalize_name(name)] = Version(version)
    return pinned


def requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted += extra
    return [Requirement(r) for r in wanted]


def test_every_dependency_is_pinned_to_a_version_pyproject_allows():
    pinned = pins()
    for requirement in requirements():
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement.name} is not pinned: run scripts/lock_dependencies.sh"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"{requirement.name}=={pinned[name]} does not satisfy {requirement.specifier}"
        )


def test_the_pins_are_what_this_environment_runs():
    from importlib.metadata import PackageNotFoundError, version

    pinned = pins()
    for requirement in requirements():
        try:
            installed = Version(version(requirement.name))
        except PackageNotFoundError:
            continue  # an extra this environment was not set up with
        assert installed == pinned[canonicalize_name(requirement.name)], requirement.name
