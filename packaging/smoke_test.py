"""Smoke-test the BUILT bundle: python packaging/smoke_test.py [dist/LiaisonDesk]

Runs the frozen program (not the source) against a new, empty data folder, the way a user's
first start does: version, migrate, demo data, summary, check, the committee paper as PDF
(text checked with pypdf), a bad date refused, and the window shown offscreen. This is what
catches a data file, hidden import or Qt plugin missing from the bundle. Exit 0 when all pass.

Features are exercised when the source tree has them (demo data, the `paper` command), so
the test grows with the app; when the source has them, the bundle must too.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
sys.path.insert(0, str(ROOT))

import layout  # noqa: E402

EXE = ".exe" if sys.platform == "win32" else ""
SUMMARY_DATE = "2023-09-28"
LARGE_ROWS = 6_000  # ~44 MB: past db.integrity.SPLIT_FROM_BYTES
TIMEOUT = 180


class SmokeFailure(Exception):
    """A check of the frozen program failed."""


def run(exe: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the frozen program; print what ran and how long it took."""
    started = time.perf_counter()
    result = subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env or _env(),
        timeout=TIMEOUT,
    )
    took = time.perf_counter() - started
    print(f"  $ {shlex.join([exe.name, *args])}  -> exit {result.returncode} in {took:.2f} s")
    return result


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIAISON_DESK", "PYTHON"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def expect(result: subprocess.CompletedProcess, code: int, *texts: str) -> str:
    """The output, after checking the exit code and that each text appears in it."""
    output = result.stdout + result.stderr
    if result.returncode != code:
        raise SmokeFailure(f"exit {result.returncode}, expected {code}:\n{output}")
    for text in texts:
        if text not in output:
            raise SmokeFailure(f"{text!r} missing from the output:\n{output}")
    return output


def demo_meeting() -> str | None:
    """The date of the last committee meeting in the demo data (None without demo data)."""
    demo = ROOT / "resources" / "demo" / "demo.json"
    if not demo.exists():
        return None
    meetings = json.loads(demo.read_text(encoding="utf-8")).get("meetings", [])
    dates = sorted(str(m.get("date") or m.get("held_on") or "") for m in meetings)
    dates = [d for d in dates if d]
    return SUMMARY_DATE if SUMMARY_DATE in dates else (dates[-1] if dates else None)


def source_has_command(name: str) -> bool:
    """True when the source tree's command line has the sub-command ``name``."""
    from app import cli
    from ui.launcher import _command_names

    return name in _command_names(cli.build_parser())


def check_bundle_layout(bundle: Path) -> None:
    """The bundle holds what the spec promised, and none of what it trims."""
    internal = bundle / "_internal"
    for name in (layout.GUI_NAME + EXE, layout.CLI_NAME + EXE):
        if not (bundle / name).is_file():
            raise SmokeFailure(f"{name} is missing from {bundle}")
    for source, dest in layout.data_files():
        shipped = internal / dest / Path(source).name
        if not shipped.is_file():
            raise SmokeFailure(f"data file {dest}/{Path(source).name} is missing")
    shipped_metadata = {
        p.name.split("-")[0].lower().replace("_", "-") for p in internal.glob("*.dist-info")
    }
    for name in layout.runtime_distributions():
        if name.lower().replace("_", "-") not in shipped_metadata:
            raise SmokeFailure(f"no {name} metadata in the bundle (versions in About)")
    inside = [p.relative_to(internal).as_posix() for p in internal.rglob("*")]
    trimmed = [name for name in inside if not layout.keep(name)]
    if trimmed:
        raise SmokeFailure(f"files the spec trims are in the bundle: {trimmed[:5]}")
    print(f"  layout ok: {len(layout.data_files())} data files, nothing trimmed left over")


def check_pdf(pdf: Path, meeting: str) -> None:
    """The paper is a real PDF whose text says what it is."""
    from pypdf import PdfReader

    if not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
        raise SmokeFailure(f"{pdf} is not a PDF")
    reader = PdfReader(str(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    from app.formatting import long_date

    for wanted in ("HMICFRS", long_date(date.fromisoformat(meeting))):
        if wanted not in text:
            raise SmokeFailure(f"the paper's text does not mention {wanted}:\n{text[:500]}")
    fonts = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont"))] = embedded
    shipped = sorted((ROOT / "resources" / "fonts").glob("*.ttf"))
    if shipped and not all(fonts.values()):
        raise SmokeFailure(f"fonts not embedded in the paper: {fonts}")
    print(
        f"  paper ok: {len(reader.pages)} pages, {len(text):,} characters of text, "
        f"fonts {', '.join(sorted(f.split('+')[-1] for f in fonts))} embedded"
    )


def check_docx(docx: Path) -> None:
    """The Word version is a real .docx whose text says what it is."""
    import zipfile

    with zipfile.ZipFile(docx) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    if "HMICFRS" not in body:
        raise SmokeFailure(f"{docx.name} does not mention HMICFRS")
    print(f"  word ok: {len(body):,} characters of document XML")


def check_large_snapshot(cli: Path, tmp: Path) -> None:
    """A handover big enough for the integrity check's spawned workers (db/integrity.py):
    in the frozen program they start the executable again, which must hand them over
    (multiprocessing.freeze_support) instead of starting the app."""
    from bench.excel import make_tracker
    from db.integrity import SPLIT_FROM_BYTES, WORKERS

    tracker = make_tracker(tmp / "big tracker.xlsx", LARGE_ROWS)
    big, fresh, snap = tmp / "big", tmp / "fresh", tmp / "big.ldsnap"
    expect(run(cli, "--data-dir", str(big), "import", str(tracker)), 0, f"{LARGE_ROWS:,} added")
    size = (big / "liaison-desk.sqlite3").stat().st_size
    if size < SPLIT_FROM_BYTES:
        raise SmokeFailure(f"{size:,} bytes is too small to exercise the split integrity check")
    expect(run(cli, "--data-dir", str(big), "snapshot", "export", str(snap)), 0)
    started = time.perf_counter()
    replace = ("snapshot", "import", str(snap), "--mode", "replace")
    expect(run(cli, "--data-dir", str(fresh), *replace), 0, "Replaced the database")
    seconds = time.perf_counter() - started
    expect(run(cli, "--data-dir", str(fresh), "check"), 0, "Integrity: ok", f"{LARGE_ROWS:,}")
    how = "two worker processes" if (os.cpu_count() or 1) >= WORKERS else "one thread (one core)"
    print(f"    large snapshot ok: {size / 1e6:.0f} MB checked by {how}, in {seconds:.1f} s")


def smoke(bundle: Path) -> list[str]:
    """Every check; returns the names of the checks that were skipped (feature not in source)."""
    skipped = []
    cli = bundle / (layout.CLI_NAME + EXE)
    gui = bundle / (layout.GUI_NAME + EXE)
    version = layout.project()["version"]
    check_bundle_layout(bundle)
    with tempfile.TemporaryDirectory(prefix="ld-smoke-") as tmp:
        data = Path(tmp) / "data folder"  # a space, as in "C:\Users\A Person\..."
        expect(run(cli, "--version"), 0, f"Liaison Desk {version}")
        expect(run(cli, "--data-dir", str(data), "check"), 2, "does not exist")
        if data.exists():
            raise SmokeFailure("check created the data folder it refused")

        meeting = demo_meeting()
        if meeting:
            out = expect(run(cli, "--data-dir", str(data), "demo"), 0, "Loaded the demo data")
            print("   ", out.strip().splitlines()[-1].strip())
        else:
            skipped.append("demo (no resources/demo/demo.json in this source tree)")
            data.mkdir()
        out = expect(
            run(cli, "--data-dir", str(data), "summary", "--as-at", SUMMARY_DATE),
            0,
            "28 September 2023",
            "Total",
        )
        total = int(out.strip().splitlines()[-1].split()[-1])
        if meeting and total == 0:
            raise SmokeFailure(f"the demo data gave no findings as at {SUMMARY_DATE}:\n{out}")
        print(f"    {total} findings as at {SUMMARY_DATE}")
        expect(run(cli, "--data-dir", str(data), "check"), 0, "Integrity: ok", "Schema revision")
        expect(
            run(cli, "--data-dir", str(data), "summary", "--as-at", "2023-13-45"),
            2,
            "liaison-desk:",
        )

        if meeting and source_has_command("paper"):
            pdf = Path(tmp) / "paper.pdf"
            paper = ("paper", "--meeting", meeting, "--out", str(pdf))
            expect(run(cli, "--data-dir", str(data), *paper), 0)
            check_pdf(pdf, meeting)
            docx = Path(tmp) / "paper.docx"
            expect(run(cli, "--data-dir", str(data), *paper[:-1], str(docx)), 0)
            check_docx(docx)
        else:
            skipped.append("paper (no `paper` command or no demo data in this source tree)")

        if meeting and source_has_command("calendar"):
            # Zone-aware London times: the bundle must carry tzdata's zoneinfo files.
            ics = Path(tmp) / "dates.ics"
            cal = ("calendar", "--ics", str(ics), "--meeting-time", "10:00-12:00")
            expect(run(cli, "--data-dir", str(data), *cal), 0)
            text = ics.read_text(encoding="utf-8")
            if "BEGIN:VCALENDAR" not in text or "TZID=Europe/London" not in text:
                raise SmokeFailure(f"{ics.name} is not a calendar in London time:\n{text[:400]}")
            print(f"    calendar ok: {text.count('BEGIN:VEVENT')} events")
        else:
            skipped.append("calendar (no `calendar` command or no demo data in this source tree)")

        if meeting and source_has_command("export") and source_has_command("import"):
            # Excel out and back in (a dry run): the .xlsx writer and the calamine reader.
            xlsx = Path(tmp) / "findings.xlsx"
            expect(run(cli, "--data-dir", str(data), "export", str(xlsx)), 0)
            if xlsx.read_bytes()[:2] != b"PK":
                raise SmokeFailure(f"{xlsx.name} is not an .xlsx file")
            out = expect(run(cli, "--data-dir", str(data), "import", "--dry-run", str(xlsx)), 0)
            print(f"    excel ok: {out.strip().splitlines()[-1].strip()}")
        else:
            skipped.append("excel (no `export`/`import` command or no demo data)")

        if meeting and source_has_command("snapshot"):
            # Encrypted handover snapshot out, then inspected: cryptography's native library.
            snap, secret = Path(tmp) / "handover.ldsnap", Path(tmp) / "passphrase.txt"
            secret.write_text("correct horse battery staple\n", encoding="utf-8")
            key = ("--passphrase-file", str(secret))
            expect(run(cli, "--data-dir", str(data), "snapshot", "export", str(snap), *key), 0)
            expect(run(cli, "--data-dir", str(data), "snapshot", "inspect", str(snap), *key), 0)
            print(f"    snapshot ok: {snap.stat().st_size:,} bytes, encrypted and inspected")
            check_large_snapshot(cli, Path(tmp))
        else:
            skipped.append("snapshot (no `snapshot` command or no demo data)")

        shown = run(gui, "--data-dir", str(data), env=_env(LIAISON_DESK_EXIT_WHEN_SHOWN="1"))
        # The windowed Windows program has no stdout: there "shown" is in the log only.
        expect(shown, 0, *([] if sys.platform == "win32" else ["shown"]))
        log_file = data / "logs" / "liaison-desk.log"
        if "Window shown" not in log_file.read_text(encoding="utf-8"):
            raise SmokeFailure(f"{log_file} does not record the window being shown")
        print(f"  window ok: {shown.stdout.strip() or 'shown'}; log written to {log_file.name}")
    return skipped


def main(argv: Sequence[str]) -> int:
    bundle = Path(argv[1] if len(argv) > 1 else ROOT / "dist" / layout.BUNDLE_NAME).resolve()
    print(f"Smoke test of the frozen Liaison Desk in {bundle}")
    try:
        skipped = smoke(bundle)
    except (SmokeFailure, subprocess.TimeoutExpired, OSError) as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    for name in skipped:
        print(f"  skipped: {name}")
    print("Smoke test passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
