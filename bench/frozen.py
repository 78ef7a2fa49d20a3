"""The standalone build, measured: python bench/frozen.py [dist/LiaisonDesk]

Needs the bundle (packaging/build_linux.sh). Measures its size on disk, the archive, and the
frozen program's cold start to the main window shown (offscreen, on the demo data), next to
the same start from source. Prints a Markdown table for the README and writes
bench/out/frozen.json. Targets: window shown <= 1.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = ".exe" if sys.platform == "win32" else ""
START_TARGET = 1.5


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything under ``folder``."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_DESK")}
    env.update(QT_QPA_PLATFORM="offscreen", LIAISON_DESK_EXIT_WHEN_SHOWN="1")
    return env


def time_to_window(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting the process to its "shown" line (the window on screen)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None
    for raw in process.stdout:
        if raw.startswith(b"shown"):
            elapsed = time.perf_counter() - started
            process.wait(timeout=60)
            return elapsed
    raise RuntimeError(f"no window: {process.stderr.read().decode() if process.stderr else ''}")


def time_command(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=_env())
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "LiaisonDesk"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bundle = Path(args.bundle).resolve()
    gui, cli = bundle / f"LiaisonDesk{EXE}", bundle / f"liaison-desk{EXE}"
    # The windowed Windows program has no stdout to say "shown": time the console one there
    # (the same start-up, the same files).
    timed = cli if sys.platform == "win32" else gui
    if not gui.exists():
        print(f"No bundle at {bundle}: run packaging/build_linux.sh first", file=sys.stderr)
        return 2
    size, files = folder_size(bundle)
    archives = sorted((bundle.parent).glob("LiaisonDesk-*.tar.gz"))

    data = Path(tempfile.mkdtemp(prefix="ld-bench-")) / "data"
    subprocess.run([str(cli), "--data-dir", str(data), "demo"], check=True, capture_output=True)
    env = _env()
    first = time_to_window([str(timed), "--data-dir", str(data)], env)
    frozen = [time_to_window([str(timed), "--data-dir", str(data)], env) for _ in range(args.runs)]
    source_cmd = [sys.executable, "-m", "ui.launcher", "--data-dir", str(data)]
    source_env = dict(env, PYTHONPATH=str(ROOT))
    source = [time_to_window(source_cmd, source_env) for _ in range(args.runs)]
    version = [time_command([str(cli), "--version"]) for _ in range(args.runs)]

    rows: list[tuple[str, str, str]] = [
        ("Bundle on disk (onedir)", f"{size / 1e6:,.0f} MB, {files} files", ""),
    ]
    for archive in archives:
        rows.append((f"Archive {archive.name}", f"{archive.stat().st_size / 1e6:,.0f} MB", ""))
    start = statistics.median(frozen)
    rows += [
        ("Frozen: start to window shown, first run", f"{first * 1000:,.0f} ms", ""),
        (
            "Frozen: start to window shown (median)",
            f"{start * 1000:,.0f} ms",
            f"{START_TARGET * 1000:,.0f} ms {'ok' if start <= START_TARGET else '**over**'}",
        ),
        (
            "From source: start to window shown (median)",
            f"{statistics.median(source) * 1000:,.0f} ms",
            "",
        ),
        ("Frozen: `liaison-desk --version`", f"{statistics.median(version) * 1000:,.0f} ms", ""),
    ]
    print(f"Standalone build ({sys.platform}, demo data, offscreen, {args.runs} runs)\n")
    print("| measure | value | target |")
    print("|---|---:|---|")
    for name, value, target in rows:
        print(f"| {name} | {value} | {target} |")
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "frozen.json").write_text(
        json.dumps(
            {
                "bundle_bytes": size,
                "bundle_files": files,
                "archives": {a.name: a.stat().st_size for a in archives},
                "window_shown_first_s": first,
                "window_shown_s": frozen,
                "source_window_shown_s": source,
                "version_s": version,
                "target_s": START_TARGET,
            },
            indent=1,
        )
    )
    return 0 if start <= START_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
