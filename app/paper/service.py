"""The committee paper use cases: build it for a meeting, check the data, produce and archive it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.clock import end_of_day_utc
from app.domain.enums import ReportScope
from app.domain.values import Meeting
from app.formatting import long_date
from app.paper.archive import ArchivedPaper, PaperArchive
from app.paper.builder import TITLE, PaperBuilder
from app.paper.checks import PreflightItem, PreflightProblem, run_checks
from app.paper.diff import figures_changes
from app.paper.facts import (
    MeetingFacts,
    ReportFacts,
    activity_as_at,
    findings_as_at,
    period_start,
    rag_as_at,
    reports_as_at,
    split_activity,
)
from app.paper.files import FileWriteError, write_atomic
from app.paper.model import Paper, paper_filename
from app.paper.narrative import FIELD_KEYS

if TYPE_CHECKING:
    from app.workspace import Workspace

FORMATS = ("pdf", "docx")
PAPERS_FOLDER = "papers"


class PaperError(Exception):
    """The paper cannot be produced; the message says why in one line."""


@dataclass(frozen=True)
class Produced:
    """A paper written to a file and archived with its meeting."""

    paper: Paper
    path: Path
    format: str
    pages: int | None
    archived: ArchivedPaper | None
    earlier: ArchivedPaper | None  # the last paper produced for the meeting before this one
    changes: tuple[str, ...]  # figures that differ from ``earlier``


class PaperService:
    """The HMICFRS Update for a meeting, from the data as it stood at the meeting."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.archive = PaperArchive(ws.ctx)

    # --- meetings --------------------------------------------------------------------------
    def meeting_on(self, day: date, committee: str | None = None) -> Meeting:
        """The meeting held on ``day`` (of ``committee``, or of the force's committee first)."""
        meetings = self.ws.meetings.list()
        same_day = [m for m in meetings if m.meets_on == day]
        if committee:
            same_day = [m for m in same_day if m.committee.lower() == committee.lower()]
        if not same_day:
            hint = ""
            if meetings:
                nearest = min(meetings, key=lambda m: abs((m.meets_on - day).days))
                hint = f"; the nearest is on {long_date(nearest.meets_on)} ({nearest.meets_on})"
            raise PaperError(f"there is no committee meeting on {long_date(day)}{hint}")
        ours = self.ws.settings.get().committee_name
        same_day.sort(key=lambda m: m.committee != ours)
        return same_day[0]

    def save_narrative(self, meeting_id: str, narrative: dict[str, str]) -> Meeting:
        """Keep the officer's words with the meeting (logged like every change)."""
        meeting = self.ws.meetings.get(meeting_id)
        kept = {k: v for k, v in meeting.narrative.items() if k not in FIELD_KEYS}
        kept.update({k: v.strip() for k, v in narrative.items() if k in FIELD_KEYS and v.strip()})
        return self.ws.meetings.update(replace(meeting, narrative=kept), note="Paper narrative")

    # --- the paper -------------------------------------------------------------------------
    def facts(self, meeting: Meeting) -> MeetingFacts:
        """Everything the paper states, as the data stood at the end of the meeting day."""
        ws = self.ws
        day = meeting.meets_on
        previous = ws.meetings.previous(meeting)
        if previous is not None and previous.meets_on >= day:
            previous = None  # an override pointing forward would make "since" meaningless
        start = period_start(meeting, previous)
        settings = ws.settings.get()
        moment = end_of_day_utc(day)
        with ws.store.read() as session:
            rag = rag_as_at(session, day)
            report_rows = reports_as_at(session, moment, start, day)
            findings = findings_as_at(session, moment, [str(r["id"]) for r in report_rows])
            activity = activity_as_at(session, moment)
        reports = tuple(
            ReportFacts(
                id=str(r["id"]),
                title=str(r["title"]),
                published_on=r["published_on"],  # type: ignore[arg-type]
                scope=ReportScope(str(r["scope"])),
                summary=str(r["summary"] or ""),
                reference=str(r["reference"] or ""),
                url=str(r["url"] or ""),
                gradings=ws.reports.get(str(r["id"])).gradings,
                findings=tuple(findings.get(str(r["id"]), ())),
            )
            for r in report_rows
        )
        hosted, coming = split_activity(activity, start, day)
        return MeetingFacts(
            meeting=meeting,
            previous=previous,
            period_start=start,
            settings=settings,
            stage=ws.monitoring.stage_on(day),
            summary=ws.figures.summary_as_at(day),
            previous_summary=ws.figures.summary_as_at(previous.meets_on) if previous else None,
            submissions=ws.figures.submissions_since(
                settings.process_change_date, day, previous.meets_on if previous else None
            ),
            rag=rag,
            reports=reports,
            activity=hosted,
            forthcoming=coming,
        )

    def build(self, meeting: Meeting) -> Paper:
        """The paper model for ``meeting``."""
        return PaperBuilder(self.facts(meeting), self.ws.actor).build()

    def render(self, paper: Paper, fmt: str = "pdf") -> tuple[bytes, int | None]:
        """The file bytes in ``fmt`` (pdf or docx), and the page count when known."""
        if fmt == "pdf":
            from app.paper.pdf import render_pdf

            data, pages = render_pdf(paper)
            return data, pages
        if fmt == "docx":
            from app.paper.word import render_docx

            return render_docx(paper), None
        raise PaperError(f"unknown paper format '{fmt}'; use pdf or docx")

    def preflight(self, meeting: Meeting) -> list[PreflightProblem]:
        """Data problems to fix before producing the paper (current data, not as at)."""
        ws = self.ws
        previous = ws.meetings.previous(meeting)
        start = period_start(meeting, previous)
        moment = end_of_day_utc(meeting.meets_on)
        with ws.store.read() as session:
            rows = reports_as_at(session, moment, start, meeting.meets_on)
            unsummarised = [
                (str(r["id"]), str(r["title"])) for r in rows if not str(r["summary"]).strip()
            ]
            problems = run_checks(
                session, today=ws.ctx.clock.today(), since=start, reports_since=unsummarised
            )
        settings = ws.settings.get()
        if not settings.contact_name.strip():
            problems.append(
                PreflightProblem(
                    "no_contact",
                    "No contact officer named (Edit → Force settings)",
                    1,
                    (PreflightItem("setting", "contact_name", "The paper ends with their name"),),
                )
            )
        return problems

    def filename_for(self, meeting: Meeting, fmt: str) -> str:
        """The paper's file name, without building it."""
        return paper_filename(meeting.meets_on, meeting.committee, TITLE, fmt)

    def default_path(self, paper: Paper, fmt: str) -> Path:
        """Where one-click papers go: the data folder's papers/ folder."""
        return self.ws.folder / PAPERS_FOLDER / paper.filename(fmt)

    def produce(
        self, meeting: Meeting, fmt: str = "pdf", path: Path | None = None, *, archive: bool = True
    ) -> Produced:
        """Build, render and write the paper (whole or not at all), then archive it."""
        if fmt not in FORMATS:
            raise PaperError(f"unknown paper format '{fmt}'; use pdf or docx")
        paper = self.build(meeting)
        data, pages = self.render(paper, fmt)
        target = path or self.default_path(paper, fmt)
        if path is None:
            target.parent.mkdir(parents=True, exist_ok=True)
        try:
            write_atomic(target, data)
        except FileWriteError as exc:
            raise PaperError(str(exc)) from exc
        earlier = self.archive.latest(meeting.id)
        changes = tuple(figures_changes(earlier.figures, paper.figures)) if earlier else ()
        archived = (
            self.archive.store(meeting.id, fmt, target.name, data, paper.figures)
            if archive
            else None
        )
        return Produced(paper, target, fmt, pages, archived, earlier, changes)

    def export_archived(self, paper_id: str, path: Path) -> Path:
        """Write an archived paper, byte for byte, to ``path``."""
        try:
            write_atomic(path, self.archive.content(paper_id))
        except FileWriteError as exc:
            raise PaperError(str(exc)) from exc
        return path
