"""From a meeting's facts and the officer's words to the paper model, in the seeds' shape."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain.enums import Kind, Level, MonitoringStage
from app.formatting import long_date
from app.paper import wording as w
from app.paper.facts import ActivityFacts, FindingFacts, MeetingFacts, ReportFacts
from app.paper.model import (
    Block,
    Contact,
    FindingText,
    Header,
    ItemList,
    Paper,
    Para,
    Run,
    Section,
    Subheading,
    Table,
)
from app.paper.narrative import narrative_text
from app.services.figures import SummaryRow

TITLE = "HMICFRS Update"


class PaperBuilder:
    """Writes one paper; every number comes from ``facts``, every opinion from the officer."""

    def __init__(self, facts: MeetingFacts, author: str) -> None:
        self.f = facts
        self.author = author
        self.figures: dict[str, Any] = {}

    def build(self) -> Paper:
        """The whole paper."""
        f = self.f
        settings = f.settings
        header = Header(
            organisation=settings.pcc_office or settings.force_name,
            agenda_item=f.meeting.agenda_item,
            committee=f.meeting.committee,
            meeting_date=f.meeting.meets_on,
            title=TITLE,
            force_name=settings.force_name,
            protective_marking=settings.protective_marking.strip(),
        )
        self.figures = {
            "meeting": f.meeting.meets_on.isoformat(),
            "committee": f.meeting.committee,
            "previous_meeting": f.previous.meets_on.isoformat() if f.previous else None,
        }
        sections = (
            Section(1, "purpose", "Purpose of Report", self._text("purpose")),
            Section(
                2,
                "findings",
                "Recommendations, Causes of Concern and Areas for Improvement",
                self._findings_section(),
            ),
            Section(3, "reports", "National and Force Published Reports", self._reports()),
            Section(4, "activity", "Inspection Activity", self._activity()),
            Section(5, "asks", "Action for the Committee", self._text("asks")),
        )
        return Paper(
            meeting_id=f.meeting.id,
            header=header,
            sections=sections,
            contact=Contact(settings.contact_name, settings.contact_title, self._background()),
            author=settings.contact_name or self.author,
            figures=self.figures,
        )

    # --- helpers ---------------------------------------------------------------------------
    def _text(self, key: str) -> tuple[Block, ...]:
        return w.prose(narrative_text(self.f.meeting, key))

    @property
    def _since(self) -> str:
        previous = self.f.previous
        if previous is None:
            return "in the three months before this meeting"
        return f"since the last meeting on {long_date(previous.meets_on)}"

    # --- 2. the force's position and the figures ---------------------------------------------
    def _findings_section(self) -> tuple[Block, ...]:
        f = self.f
        blocks: list[Block] = []
        stage = f.stage
        if stage is not None:
            blocks.append(Para.of(_stage_sentence(f.settings.force_name, stage.stage, stage)))
            self.figures["monitoring_stage"] = stage.stage.value
            self.figures["monitoring_since"] = stage.start_on.isoformat()
        blocks += self._text("position")
        blocks.append(Subheading("Monitoring levels"))
        blocks.append(Para.of("HMICFRS apply a level to each recommendation. These levels are:"))
        for level in (Level.L1, Level.L2, Level.L3, Level.L4):
            blocks.append(Para((Run(f"{level.label} – ", bold=True), Run(level.definition))))
        blocks += self._summary_blocks()
        blocks += self._submission_blocks()
        blocks += self._rag_blocks()
        blocks += self._text("findings")
        return tuple(blocks)

    def _summary_blocks(self) -> list[Block]:
        f = self.f
        summary = f.summary
        day = long_date(f.meeting.meets_on)
        rows = [(r.label, str(r.open), str(r.closed), str(r.total)) for r in summary.rows]
        rows.append(("Total", str(summary.open), str(summary.closed), str(summary.total)))
        self.figures["summary"] = [
            {"row": r.label, "open": r.open, "closed": r.closed, "total": r.total}
            for r in summary.rows
        ]
        self.figures["summary_total"] = _totals(summary.open, summary.closed)
        blocks: list[Block] = [
            Subheading(f"Figures as at {day}"),
            Para.of(
                f"The figures held for {f.settings.force_name} as at {day}, for the findings "
                "that apply to the force, are:"
            ),
            Table(
                ("", "Open", "Closed", "Total"),
                tuple(rows),
                (0.55, 0.15, 0.15, 0.15),
                numeric=(1, 2, 3),
                total_row=True,
                caption=f"Findings open, closed and in total by kind and level as at {day}",
            ),
        ]
        before = f.previous_summary
        if before is not None and f.previous is not None:
            self.figures["previous_summary_total"] = _totals(before.open, before.closed)
            blocks.append(
                Para.of(
                    f"At the last meeting on {long_date(f.previous.meets_on)} there were "
                    f"{before.open} open and {before.closed} closed findings ({before.total} in "
                    f"total). Since then {_moved('open', before.open, summary.open)} and "
                    f"{_moved('closed', before.closed, summary.closed)}."
                )
            )
        return blocks

    def _submission_blocks(self) -> list[Block]:
        f = self.f
        since = f.settings.process_change_date
        counts = [c for c in f.submissions if c.count or c.change]
        total = sum(c.count for c in counts)
        change = sum(c.change or 0 for c in counts) if f.previous else None
        self.figures["submissions_since"] = since.isoformat()
        self.figures["submissions"] = [
            {"row": _label(c.kind, c.level), "count": c.count, "change": c.change} for c in counts
        ]
        self.figures["submissions_total"] = {"count": total, "change": change}
        blocks: list[Block] = [Subheading("Submissions for closure")]
        if not counts:
            blocks.append(
                Para.of(
                    f"No findings have been submitted to HMICFRS for closure since the change "
                    f"of process ({w.month_year(since)})."
                )
            )
            return blocks
        lead = (
            f"Total submissions for closure since the change of HMICFRS process "
            f"({w.month_year(since)}) across all portfolios"
        )
        if f.previous is not None:
            lead += (
                f"; the change since the last meeting on {long_date(f.previous.meets_on)} "
                "is shown in brackets"
            )
        rows = [(_label(c.kind, c.level), w.with_change(c.count, c.change)) for c in counts]
        rows.append(("Total", w.with_change(total, change)))
        blocks += [
            Para.of(lead + ":"),
            Table(
                (f"Submitted for closure (since {w.month_year(since)})", "Total number submitted"),
                tuple(rows),
                (0.6, 0.4),
                numeric=(1,),
                total_row=True,
                caption="Findings submitted for closure by kind and level",
            ),
        ]
        return blocks

    def _rag_blocks(self) -> list[Block]:
        rag = self.f.rag
        if rag is None:
            return []
        self.figures["rag"] = {
            "red": rag.red,
            "amber": rag.amber,
            "green": rag.green,
            "unrated": rag.unrated,
        }
        day = long_date(self.f.meeting.meets_on)
        text = (
            f"Of the findings open at {day}, {rag.rated} carry a RAG rating from internal "
            f"review: {rag.red} red, {rag.amber} amber and {rag.green} green."
        )
        if rag.unrated:
            text += f" {rag.unrated} {'is' if rag.unrated == 1 else 'are'} not yet rated."
        return [Subheading("RAG ratings"), Para.of(text)]

    # --- 3. reports --------------------------------------------------------------------------
    def _reports(self) -> tuple[Block, ...]:
        reports = self.f.reports
        self.figures["reports"] = []
        if not reports:
            blocks: list[Block] = [
                Para.of(f"No HMICFRS reports have been published {self._since}.")
            ]
            return (*blocks, *self._text("reports"))
        n = len(reports)
        blocks = [
            Para.of(
                f"{n} {'report has' if n == 1 else 'reports have'} been published {self._since}."
            )
        ]
        blocks += self._text("reports")
        for i, report in enumerate(reports, start=1):
            blocks += self._report(i, report)
        return tuple(blocks)

    def _report(self, number: int, report: ReportFacts) -> list[Block]:
        applying = report.applying
        self.figures["reports"].append(
            {
                "title": report.title,
                "published_on": report.published_on.isoformat(),
                "issued": {k.value: n for k, n in report.issued.items()},
                "apply": len(applying),
                "findings": [f.reference for f in applying],
            }
        )
        heading = f"{w.roman(number)}. {report.title} – Published {long_date(report.published_on)}"
        note = [report.scope.label + " report"]
        if report.reference:
            note.append(report.reference)
        blocks: list[Block] = [Subheading(heading), Para.of(" · ".join(note), style="note")]
        blocks += w.prose(report.summary)
        if report.gradings:
            blocks.append(
                Table(
                    ("Graded area", "Grade"),
                    tuple((g.area, g.grade.label) for g in report.gradings),
                    (0.65, 0.35),
                    caption=f"Graded judgements in {report.title}",
                )
            )
        blocks.append(Para.of(w.issued_line(report.issued, len(applying))))
        blocks += [_finding_text(f, child) for f, child in _in_reading_order(applying)]
        return blocks

    # --- 4. inspection activity ----------------------------------------------------------------
    def _activity(self) -> tuple[Block, ...]:
        f = self.f
        force = f.settings.force_name
        self.figures["activity"] = [_activity_figure(a) for a in f.activity]
        self.figures["forthcoming"] = [_activity_figure(a) for a in f.forthcoming]
        blocks: list[Block] = []
        if f.activity:
            blocks.append(
                Para.of(f"{_first_upper(self._since)}, {force} has hosted the following activity:")
            )
            hosted = tuple(_activity_item(a, f.meeting.meets_on) for a in f.activity)
            blocks.append(ItemList(hosted, "letter"))
        else:
            blocks.append(
                Para.of(f"No inspection activity has taken place in force {self._since}.")
            )
        blocks.append(Subheading("Forthcoming HMICFRS Activity & Inspections"))
        if f.forthcoming:
            coming = tuple(_activity_item(a, f.meeting.meets_on) for a in f.forthcoming)
            blocks.append(ItemList(coming, "letter"))
        else:
            blocks.append(Para.of("There are no further inspections currently in the calendar."))
        blocks += self._text("activity")
        return tuple(blocks)

    def _background(self) -> tuple[str, ...]:
        written = narrative_text(self.f.meeting, "background")
        if written:
            return tuple(line.strip() for line in written.splitlines() if line.strip())
        listed = tuple(f"{w.month_year(r.published_on)} – {r.title}" for r in self.f.reports)
        return listed or ("None",)


def _label(kind: Kind, level: Level | None) -> str:
    return SummaryRow(kind, level, 0, 0).label


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _moved(what: str, before: int, now: int) -> str:
    """ "open findings have risen by 5 (to 125)"."""
    if now == before:
        return f"{what} findings are unchanged"
    verb = "risen" if now > before else "fallen"
    return f"{what} findings have {verb} by {abs(now - before)} (to {now})"


def _totals(open_: int, closed: int) -> dict[str, int]:
    return {"open": open_, "closed": closed, "total": open_ + closed}


def _stage_sentence(force: str, stage: MonitoringStage, period: Any) -> str:
    since = long_date(period.start_on)
    if stage is MonitoringStage.ENGAGE:
        text = f"{force} has been in Engage, HMICFRS's enhanced monitoring, since {since}."
    else:
        text = f"{force} has been in Scan, HMICFRS's routine monitoring, since {since}."
    if period.note.strip():
        text += " " + period.note.strip()
    return text


def _in_reading_order(findings: tuple[FindingFacts, ...]) -> list[tuple[FindingFacts, bool]]:
    """Causes of concern each followed by the recommendations that address them."""
    ids = {f.id for f in findings}
    children: dict[str, list[FindingFacts]] = {}
    for f in findings:
        if f.parent_id in ids:
            children.setdefault(f.parent_id, []).append(f)  # type: ignore[arg-type]
    ordered: list[tuple[FindingFacts, bool]] = []
    for f in findings:
        if f.parent_id in ids:
            continue
        ordered.append((f, False))
        ordered += [(child, True) for child in children.get(f.id, [])]
    return ordered


def _finding_text(f: FindingFacts, child: bool) -> FindingText:
    detail = [w.level_phrase(f.level)]
    if f.due_immediate:
        detail.append("with immediate effect")
    elif f.due_on is not None:
        detail.append(f"due {long_date(f.due_on)}")
    return FindingText(f.reference, " · ".join(detail), w.prose(f.text), child)


def _activity_item(a: ActivityFacts, meeting_day: date) -> Para:
    when = w.date_range(a.start, a.end) or "Date to be confirmed"
    runs = [Run(f"{when} – "), Run(a.title, bold=True)]
    extra = []
    if a.partners:
        extra.append(f"With {w.join_words(a.partners)}.")
    if a.notes.strip():
        note = a.notes.strip()
        extra.append(note if note.endswith((".", "!", "?")) else note + ".")
    if a.hot_debrief_on:
        due = " due" if a.hot_debrief_on > meeting_day else ""
        extra.append(f"Hot debrief{due} {long_date(a.hot_debrief_on)}.")
    if a.expected_publication_on:
        extra.append(f"Report expected {w.month_year(a.expected_publication_on)}.")
    if extra:
        runs.append(Run(". " + " ".join(extra)))
    return Para(tuple(runs))


def _activity_figure(a: ActivityFacts) -> dict[str, Any]:
    return {"title": a.title, "when": w.date_range(a.start, a.end)}
