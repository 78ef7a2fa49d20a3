"""Write resources/licences/third-party.json from the installed packages' metadata.

    .venv/bin/python scripts/make_licences.py          # rewrite the file
    .venv/bin/python scripts/make_licences.py --check  # exit 1 if it is out of date

Lists every runtime dependency of liaison-desk (followed through their own requirements),
Qt, Python and the PyInstaller bootloader, each with its licence and the full licence texts.
Help → About shows it; fonts in resources/fonts are added at run time (app/licences.py).
Run it after changing dependencies; the standalone build ships what it writes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "licences" / "third-party.json"
PROJECT = "liaison-desk"
# Licence texts for packages whose wheels carry none (Qt for Python): Debian's copies.
COMMON_LICENCES = Path("/usr/share/common-licenses")
QT_TEXTS = ("LGPL-3", "GPL-3")
QT_LICENCE = "LGPL-3.0-only (or GPL-2.0 / GPL-3.0)"
QT_THIRD_PARTY = "https://doc.qt.io/qt-6/licenses-used-in-qt.html"
_LICENCE_WORDS = ("licen", "copying", "notice", "copyright")
_URL_LABELS = ("homepage", "home", "source", "source code", "repository", "documentation")
# Native libraries inside Python and Qt, listed with their licences (full texts: their sites
# and Qt's list above).
NATIVE = (
    ("SQLite (in Python)", "public domain", "https://sqlite.org/copyright.html"),
    ("OpenSSL (in Python)", "Apache-2.0", "https://www.openssl.org/source/license.html"),
    ("zlib", "Zlib", "https://zlib.net/zlib_license.html"),
    ("libffi (in Python)", "MIT", "https://github.com/libffi/libffi/blob/master/LICENSE"),
    ("Expat (in Python)", "MIT", "https://github.com/libexpat/libexpat/blob/master/COPYING"),
    ("bzip2 (in Python)", "bzip2-1.0.6", "https://sourceware.org/bzip2/"),
    ("XZ Utils liblzma (in Python)", "0BSD", "https://tukaani.org/xz/"),
    ("ICU (in Qt)", "Unicode-3.0", "https://github.com/unicode-org/icu/blob/main/LICENSE"),
    ("HarfBuzz (in Qt)", "MIT-Modern-Variant", "https://github.com/harfbuzz/harfbuzz"),
    ("FreeType (in Qt)", "FTL", "https://freetype.org/license.html"),
    ("libpng (in Qt)", "libpng-2.0", "http://www.libpng.org/pub/png/src/libpng-LICENSE.txt"),
    ("PCRE2 (in Qt)", "BSD-3-Clause WITH PCRE2-exception", "https://pcre2project.github.io/"),
    ("double-conversion (in Qt)", "BSD-3-Clause", "https://github.com/google/double-conversion"),
)


def runtime_distributions(project: str = PROJECT) -> list[metadata.Distribution]:
    """The project's runtime requirements, recursively, for this platform (no extras)."""
    seen: dict[str, metadata.Distribution] = {}

    def walk(name: str) -> None:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key in seen:
            return
        seen[key] = dist
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                walk(req.name)

    walk(project)
    seen.pop(project, None)
    return sorted(seen.values(), key=lambda d: d.metadata["Name"].lower())


def licence_name(dist: metadata.Distribution) -> str:
    """A short licence name from the metadata (expression, short field, or classifier)."""
    meta = dist.metadata
    if meta.get("License-Expression"):
        return meta["License-Expression"]
    short = (meta.get("License") or "").strip()
    if short and "\n" not in short and len(short) <= 60:
        return short
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License")
    ]
    return ", ".join(classifiers) or short.split("\n")[0][:60] or "see licence text"


def home_page(dist: metadata.Distribution) -> str:
    """The project's home page (or source, or documentation) from the metadata."""
    urls = {}
    for entry in dist.metadata.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    for label in _URL_LABELS:
        if label in urls:
            return urls[label]
    return dist.metadata.get("Home-page") or next(iter(urls.values()), "")


def licence_files(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """(file name, text) of the licence files the distribution installs."""
    found = []
    for file in dist.files or []:
        name = file.name.lower()
        if any(word in name for word in _LICENCE_WORDS) and not name.endswith((".py", ".pyc")):
            path = Path(str(file.locate()))
            if path.is_file():
                found.append((str(file), path.read_text(encoding="utf-8", errors="replace")))
    return found


def _common_text(name: str) -> tuple[str, str]:
    path = COMMON_LICENCES / name
    if not path.is_file():
        sys.exit(f"make_licences: {path} is missing (Debian's base-files provides it)")
    return (name, path.read_text(encoding="utf-8"))


def _python_licence() -> tuple[str, str]:
    for candidate in (
        Path(sysconfig.get_path("stdlib")) / "LICENSE.txt",
        Path(sys.base_prefix) / "LICENSE.txt",
    ):
        if candidate.is_file():
            return ("Python LICENSE.txt", candidate.read_text(encoding="utf-8"))
    sys.exit("make_licences: cannot find Python's LICENSE.txt")


def build() -> dict[str, object]:
    """The whole document: components (name, version, licence, url, text ids) and texts."""
    texts: dict[str, str] = {}
    components = []

    def add(name: str, version: str, licence: str, url: str, files: list[tuple[str, str]]) -> None:
        ids = []
        for title, text in files:
            digest = hashlib.sha256(text.encode()).hexdigest()[:12]
            texts.setdefault(digest, text)
            ids.append({"file": title, "text": digest})
        components.append(
            {"name": name, "version": version, "licence": licence, "url": url, "texts": ids}
        )

    from PySide6.QtCore import qVersion

    qt_texts = [_common_text(n) for n in QT_TEXTS]
    add("Qt", qVersion(), QT_LICENCE, QT_THIRD_PARTY, qt_texts)
    add(
        "Python",
        platform.python_version(),
        "PSF-2.0",
        "https://www.python.org",
        [_python_licence()],
    )
    for dist in runtime_distributions():
        meta = dist.metadata
        files = licence_files(dist)
        if not files and meta["Name"].lower().replace("_", "-") in {
            "pyside6-essentials",
            "shiboken6",
        }:
            files = qt_texts
        if not files:
            sys.exit(f"make_licences: {meta['Name']} installs no licence file")
        add(meta["Name"], dist.version, licence_name(dist), home_page(dist), files)
    pyinstaller = metadata.distribution("pyinstaller")
    add(
        "PyInstaller bootloader",
        pyinstaller.version,
        "GPL-2.0-or-later WITH Bootloader-exception",
        "https://pyinstaller.org",
        licence_files(pyinstaller),
    )
    for name, licence, url in NATIVE:
        add(name, "", licence, url, [])
    return {
        "generated_by": "scripts/make_licences.py",
        "platform": f"{platform.system()} {platform.machine()}",
        "components": components,
        "texts": texts,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = parser.parse_args()
    text = json.dumps(build(), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run scripts/make_licences.py")
            return 1
        print(f"{TARGET.relative_to(ROOT)} is up to date")
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
