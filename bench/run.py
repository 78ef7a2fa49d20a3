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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--findings", type=int, default=50_000)
    parser.add_argument("--skip-snapshots", action="store_true", help="leave out the snapshot runs")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp()) / "data"
    started = time.perf_counter()
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
    if not args.skip_snapshots:
        from bench.snapshots import measure

        results += measure(ws)
    ws.close()
    results.append(("Cold start to window shown", cold_start(folder), 1.5))

    print(f"Synthetic database: {args.findings:,} findings, built in {build_s:.1f} s\n")
    print("| measure | median | target | |")
    print("|---|---:|---:|---|")
    for name, seconds, target in results:
        verdict = "ok" if seconds <= target else "**over**"
        print(f"| {name} | {seconds * 1000:,.0f} ms | {target * 1000:,.0f} ms | {verdict} |")
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
