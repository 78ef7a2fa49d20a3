"""Speed targets, measured: python bench/run.py [--findings 50000]

Prints a Markdown table (paste it into the README) and writes bench/out/results.json.
Targets are checked here, never as timed assertions in tests.
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
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import build  # noqa: E402


def timed(fn: Callable[[], object], repeat: int = 7) -> float:
    """Median seconds of ``repeat`` runs after one warm-up."""
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def cold_start(folder: Path) -> float:
    """Seconds from starting a fresh Python process to the main window shown."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "startup_probe.py"), str(folder)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        assert "shown" in out.stdout, out.stderr
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def registers(folder: Path) -> list[tuple[str, float, float]]:
    """The registers through their real widgets, in a fresh process (its memory is the app's)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "registers_probe.py"), str(folder)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    m = json.loads(out.stdout.strip().splitlines()[-1])
    return [
        ("Findings page opened (first query and paint)", m["open_findings_page"], 0.300),
        ("Filter change to repainted view, median", m["filter_median"], 0.050),
        ("Search keystroke to repainted view, median", m["keystroke_median"], 0.050),
        (f"Sort, slowest column ({m['sort_slowest']})", m["sort_max"], 0.100),
        ("Sort, median over every column both ways", m["sort_median"], 0.100),
        ("Jump deep into the list straight after a sort", m["scroll_jump_after_sort"], 0.100),
        ("Scroll to any row once settled, slowest", m["scroll_max"], 0.100),
        ("Memory of the running app, peak (MB)", m["peak_memory_mb"] / 1000, 0.300),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--findings", type=int, default=50_000)
    parser.add_argument("--data", type=Path, help="measure a database built earlier (skip build)")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.data:
        folder = args.data
        from app.workspace import Workspace

        ws = Workspace.open(folder, create=False)
        args.findings = ws.live_count("findings")
    else:
        folder = Path(tempfile.mkdtemp()) / "data"
        ws = build(folder, args.findings)
    build_s = time.perf_counter() - started
    results: list[tuple[str, float, float]] = []  # name, seconds, target seconds
    results.append(
        ("Summary as at today", timed(lambda: ws.figures.summary_as_at(date(2026, 11, 23))), 0.100)
    )
    results.append(
        (
            "Summary as at 28 Sep 2023",
            timed(lambda: ws.figures.summary_as_at(date(2023, 9, 28))),
            0.100,
        )
    )
    results.append(
        (
            "Submissions since Aug 2023",
            timed(
                lambda: ws.figures.submissions_since(
                    date(2023, 8, 1), date(2026, 11, 23), date(2026, 9, 1)
                )
            ),
            0.100,
        )
    )
    ws.close()
    results.append(("Cold start to window shown", cold_start(folder), 1.5))
    results += registers(folder)

    print(f"Synthetic database: {args.findings:,} findings, built in {build_s:.1f} s\n")
    print("| measure | median | target | |")
    print("|---|---:|---:|---|")
    for name, seconds, target in results:
        verdict = "ok" if seconds <= target else "**over**"
        if name.endswith("(MB)"):  # stored as thousands of MB so one table holds it
            value, goal = f"{seconds * 1000:,.0f} MB", f"{target * 1000:,.0f} MB"
            name = name.removesuffix(" (MB)")
        else:
            value, goal = f"{seconds * 1000:,.0f} ms", f"{target * 1000:,.0f} ms"
        print(f"| {name} | {value} | {goal} | {verdict} |")
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(
        json.dumps(
            {
                "findings": args.findings,
                "results": [{"name": n, "seconds": s, "target": t} for n, s, t in results],
            },
            indent=1,
        )
    )
    return 0 if all(s <= t for _, s, t in results) else 1


if __name__ == "__main__":
    sys.exit(main())
