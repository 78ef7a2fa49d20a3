"""Write tests/db/fixtures/rev_<head>.sqlite3: a small database at the current schema.

Run once after adding a migration (existing fixtures are never overwritten: they are what
users' files of that release look like, and a test upgrades each of them).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.clock import FixedClock  # noqa: E402
from app.domain.enums import ClosedBy, Kind, Level, ReportScope, Status  # noqa: E402
from app.domain.filters import FindingFilter, SavedView, SortOrder  # noqa: E402
from app.domain.values import Finding, Meeting, Person, Report  # noqa: E402
from app.services.saved_views import SavedViewService  # noqa: E402
from app.workspace import Workspace  # noqa: E402
from db.migrate import head_revision  # noqa: E402


def main() -> int:
    target = ROOT / "tests" / "db" / "fixtures" / f"rev_{head_revision()}.sqlite3"
    if target.exists():
        print(f"{target.name} exists already; fixtures of released schemas are never rewritten")
        return 0
    folder = Path(tempfile.mkdtemp())
    clock = FixedClock(datetime(2024, 1, 10, 10))
    ws = Workspace.open(folder, clock=clock)
    ws.set_actor("Fixture Officer")
    owner = ws.people.create(Person("Sam Owner", "Chief Inspector", "Custody"))
    report = ws.reports.create(Report("Fixture report", ReportScope.FORCE, date(2023, 8, 16)))
    coc = ws.findings.create(
        Finding(
            report.id,
            Kind.COC,
            "Cause of concern 1",
            "Leadership",
            level=Level.L4,
            owner_id=owner.id,
        )
    )
    rec = ws.findings.create(
        Finding(
            report.id,
            Kind.RECOMMENDATION,
            "Recommendation 1",
            "Strengthen oversight.",
            level=Level.L2,
            parent_id=coc.id,
            owner_id=owner.id,
            due_on=date(2024, 3, 31),
        )
    )
    for status in (Status.IN_PROGRESS, Status.INTERNAL_REVIEW):
        ws.findings.change_status(rec.id, status)
    ws.findings.change_status(
        rec.id, Status.SUBMITTED, cc_letter_ref="CC/24/1", cc_letter_on=date(2024, 1, 9)
    )
    ws.findings.change_status(rec.id, Status.CLOSED, closed_by=ClosedBy.FORCE)
    ws.findings.add_progress(coc.id, "Custody governance board established.")
    ws.meetings.create(Meeting(date(2024, 3, 21), "Joint Audit Committee", "06"))
    SavedViewService(ws).save(
        SavedView("Fixture view", FindingFilter(levels=frozenset({Level.L2})), SortOrder("due"))
    )
    ws.close()
    source = folder / "liaison-desk.sqlite3"
    with sqlite3.connect(source) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
