"""Produce the demo data's committee papers (PDF and Word), and PNGs of each PDF page:
scripts/demo_papers.py OUTDIR [YYYY-MM-DD ...]

Where LibreOffice is installed (Debian: libreoffice-writer-nogui), the Word paper is also
rendered to PNGs (``DAY-word-N.png``), as a secretariat would see it. Look at the PNGs next
to the seed papers before calling a change to the paper done.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.demo import load_demo  # noqa: E402
from app.paper import PaperService  # noqa: E402
from app.workspace import Workspace  # noqa: E402

MEETINGS = ("2017-03-30", "2020-12-17", "2022-12-15", "2023-09-28", "2024-06-27", "2026-12-10")


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "demo-papers")
    days = [date.fromisoformat(d) for d in (argv[2:] or MEETINGS)]
    out.mkdir(parents=True, exist_ok=True)
    ws = Workspace.open(Path(tempfile.mkdtemp()) / "data")
    try:
        load_demo(ws)
        papers = PaperService(ws)
        for day in days:
            meeting = papers.meeting_on(day)
            for fmt in ("pdf", "docx"):
                produced = papers.produce(meeting, fmt, out / f"{day.isoformat()}.{fmt}")
                print(produced.path, f"({produced.pages} pages)" if produced.pages else "")
            if shutil.which("pdftoppm"):
                pdf = out / f"{day.isoformat()}.pdf"
                _pngs(pdf, out / day.isoformat())
                if shutil.which("soffice"):
                    _word_pngs(out / f"{day.isoformat()}.docx", out / f"{day.isoformat()}-word")
    finally:
        ws.close()
    return 0


def _pngs(pdf: Path, prefix: Path) -> None:
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(prefix)], check=True)


def _word_pngs(docx: Path, prefix: Path) -> None:
    """The Word paper as LibreOffice lays it out (a private profile, so it runs headless)."""
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work, "profile").as_uri()
        command = ["soffice", f"-env:UserInstallation={profile}", "--headless"]
        subprocess.run(
            [*command, "--convert-to", "pdf", "--outdir", work, str(docx)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        _pngs(Path(work, docx.with_suffix(".pdf").name), prefix)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
