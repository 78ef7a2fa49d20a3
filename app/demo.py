"""Load the demo data by replaying its history through the services, day by day."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from typing import Any

from app.clock import Clock, FixedClock
from app.domain import rules
from app.domain.enums import (
    ClosedBy,
    Grade,
    InspectionStatus,
    InspectionType,
    Kind,
    Level,
    MonitoringStage,
    Rag,
    ReportScope,
    Status,
)
from app.domain.values import (
    Finding,
    ForceSettings,
    Grading,
    Inspection,
    Meeting,
    MonitoringPeriod,
    Person,
    Report,
)
from app.workspace import Workspace

Progress = Callable[[int, int], None]


class DemoRefused(Exception):
    """The database already holds data."""


@dataclass(frozen=True, slots=True)
class _Event:
    on: date
    order: int
    apply: Callable[[], None]


def demo_document() -> dict[str, Any]:
    """The shipped demo data."""
    text = (resources.files("resources") / "demo" / "demo.json").read_text(encoding="utf-8")
    return json.loads(text)


def load_demo(
    ws: Workspace,
    *,
    force: bool = False,
    progress: Progress | None = None,
    document: dict[str, Any] | None = None,
) -> dict[str, int]:
    """Replay the demo history into ``ws``; refuses a non-empty database unless ``force``."""
    if not ws.is_empty() and not force:
        raise DemoRefused("the database already holds data; the demo loads into an empty one")
    doc = document or demo_document()
    replay = _Replay(ws, doc)
    replay.run(progress)
    return ws.counts()


class _Replay:
    """Turns the document into dated events and performs them in order."""

    def __init__(self, ws: Workspace, doc: dict[str, Any]) -> None:
        self.ws = ws
        self.doc = doc
        self.clock = FixedClock(Clock().now())
        self.keys: dict[str, str] = {}
        self.events: list[_Event] = []

    def run(self, progress: Progress | None) -> None:
        self._plan()
        self.events.sort(key=lambda e: (e.on, e.order))
        real_clock, actor = self.ws.ctx.clock, self.ws.ctx.actor
        self.ws.ctx.clock = self.clock
        try:
            self._replay_all(progress)
        finally:
            self.ws.ctx.clock, self.ws.ctx.actor = real_clock, actor

    def _replay_all(self, progress: Progress | None) -> None:
        with self.ws.store.batch():
            total = len(self.events)
            for done, event in enumerate(self.events, start=1):
                self.clock.set_day(event.on)
                event.apply()
                if progress and (done % 50 == 0 or done == total):
                    progress(done, total)

    def _at(self, on: date, action: Callable[[], None], order: int) -> None:
        self.events.append(_Event(on, order, action))

    # --- planning -----------------------------------------------------------------------
    def _plan(self) -> None:
        doc = self.doc
        first = min(_d(r["published_on"]) for r in doc["reports"] if r.get("published_on"))
        self._at(first, lambda: self._settings(doc["settings"]), 0)
        for person in doc["people"]:
            self._at(first, lambda p=person: self._person(p), 1)
        for period in doc.get("monitoring", []):
            self._at(_d(period["from"]), lambda p=period: self._monitoring(p), 2)
        for meeting in doc.get("meetings", []):
            self._at(min(_d(meeting["date"]), _TODAY_CAP), lambda m=meeting: self._meeting(m), 2)
        for insp in doc.get("inspections", []):
            self._at(_inspection_recorded_on(insp), lambda i=insp: self._inspection(i), 3)
        for report in doc["reports"]:
            self._plan_report(report)

    def _plan_report(self, report: dict[str, Any]) -> None:
        published = _d(report["published_on"])
        self._at(published, lambda r=report: self._report(r), 4)
        # Causes of concern first, so recommendations can point at them.
        ordered = sorted(report.get("findings", []), key=lambda f: f["kind"] != "coc")
        for finding in ordered:
            created = _d(finding.get("created_on") or report["published_on"])
            self._at(created, lambda f=finding, r=report: self._finding(f, r), 5)
            for event in finding.get("history", []):
                self._at(_d(event["on"]), lambda f=finding, e=event: self._history(f, e), 6)
            for update in finding.get("updates", []):
                self._at(_d(update["on"]), lambda f=finding, u=update: self._update(f, u), 7)

    # --- performing ---------------------------------------------------------------------
    def _settings(self, s: dict[str, Any]) -> None:
        self.ws.ctx.actor = s.get("contact_name") or "Liaison officer"
        values = dict(s)
        if "process_change_date" in values:
            values["process_change_date"] = _d(values["process_change_date"])
        self.ws.settings.save(ForceSettings(**values))

    def _person(self, p: dict[str, Any]) -> None:
        made = self.ws.people.create(
            Person(p["name"], p.get("title", ""), p.get("department", ""), p.get("email", ""))
        )
        self.keys[p["key"]] = made.id

    def _monitoring(self, p: dict[str, Any]) -> None:
        self.ws.monitoring.create(
            MonitoringPeriod(
                MonitoringStage(p["stage"]), _d(p["from"]), _d(p.get("to")), p.get("note", "")
            )
        )

    def _meeting(self, m: dict[str, Any]) -> None:
        self.ws.meetings.create(Meeting(_d(m["date"]), m["committee"], m.get("agenda_item", "")))

    def _inspection(self, i: dict[str, Any]) -> None:
        made = self.ws.inspections.create(
            Inspection(
                type=InspectionType(i["type"]),
                title=i["title"],
                status=InspectionStatus(i["status"]),
                partners=tuple(i.get("partners") or ()),
                fieldwork_start=_d(i.get("fieldwork_start")),
                fieldwork_end=_d(i.get("fieldwork_end")),
                hot_debrief_on=_d(i.get("hot_debrief")),
                expected_publication_on=_d(i.get("expected_publication")),
                force_lead_id=self.keys.get(i.get("force_lead_key") or ""),
                notes=i.get("notes") or "",
            )
        )
        self.keys[i["key"]] = made.id

    def _report(self, r: dict[str, Any]) -> None:
        made = self.ws.reports.create(
            Report(
                title=r["title"],
                scope=ReportScope(r["scope"]),
                published_on=_d(r["published_on"]),
                inspection_id=self.keys.get(r.get("inspection_key") or ""),
                summary=r.get("summary") or "",
                reference=r.get("reference") or "",
                url=r.get("url") or "",
                response_published_on=_d(r.get("response_published_on")),
                gradings=tuple(
                    Grading(g["area"], Grade(g["grade"])) for g in r.get("gradings", [])
                ),
            )
        )
        self.keys[r["key"]] = made.id

    def _finding(self, f: dict[str, Any], r: dict[str, Any]) -> None:
        due = f.get("due")
        status = Status(f.get("initial_status") or "open")
        made = self.ws.findings.create(
            Finding(
                report_id=self.keys[r["key"]],
                kind=Kind(f["kind"]),
                reference=f["reference"],
                text=f["text"],
                addressee=f.get("addressee") or "",
                applies_to_force=bool(f.get("applies", True)),
                not_applicable_reason=f.get("not_applicable_reason") or "",
                parent_id=self.keys.get(f.get("parent_key") or ""),
                level=None if f.get("level") is None else Level(f["level"]),
                status=status,
                due_on=None if due in (None, "immediate") else _d(due),
                due_immediate=due == "immediate",
                owner_id=self.keys.get(f.get("owner_key") or ""),
                department=f.get("department") or "",
                chief_officer_lead=f.get("chief_officer_lead") or "",
                rag=Rag(f["rag"]) if f.get("rag") else None,
                closed_on=_d(f.get("created_on") or r["published_on"])
                if status is Status.CLOSED
                else None,
            )
        )
        self.keys[f["key"]] = made.id

    def _history(self, f: dict[str, Any], e: dict[str, Any]) -> None:
        finding_id = self.keys[f["key"]]
        if "status" in e:
            target = Status(e["status"])
            before = self.ws.findings.get(finding_id).status
            note = e.get("note") or (
                _default_note(e["status"]) if rules.needs_reason(before, target) else ""
            )
            self.ws.findings.change_status(
                finding_id,
                target,
                note=note,
                cc_letter_ref=e.get("cc_letter_ref"),
                cc_letter_on=_d(e.get("cc_letter_date")),
                closed_by=ClosedBy(e["closed_by"]) if e.get("closed_by") else None,
            )
        changes = {k: v for k, v in e.items() if k in _FIELD_EVENTS}
        if "owner_key" in changes:
            changes["owner_key"] = self.keys.get(changes["owner_key"] or "")
        if changes:
            current = self.ws.findings.get(finding_id)
            values = {_FIELD_EVENTS[k][0]: _FIELD_EVENTS[k][1](v) for k, v in changes.items()}
            self.ws.findings.update(replace(current, **values))

    def _update(self, f: dict[str, Any], u: dict[str, Any]) -> None:
        author_id = self.keys.get(u.get("author_key") or "")
        author = self.ws.people.get(author_id).name if author_id else self.ws.ctx.actor
        self.ws.findings.add_progress(self.keys[f["key"]], u["text"], author=author, on=_d(u["on"]))


_FIELD_EVENTS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "rag": ("rag", lambda v: Rag(v) if v else None),
    "level": ("level", lambda v: None if v is None else Level(v)),
    "due": ("due_on", lambda v: _d(v)),
    "owner_key": ("owner_id", lambda v: v),
}
_TODAY_CAP = date(2026, 11, 23)


def _default_note(status: str) -> str:
    return {
        "in_progress": "Returned for further work",
        "not_applicable": "Does not apply to the force",
        "superseded": "Superseded by a later recommendation",
    }.get(status, "")


def _inspection_recorded_on(i: dict[str, Any]) -> date:
    start = _d(i.get("fieldwork_start"))
    if start is None:
        return _TODAY_CAP
    # Planned activity is recorded when it is announced, a few weeks ahead.
    return min(start, _TODAY_CAP)


def _d(value: Any) -> Any:
    return None if value in (None, "") else date.fromisoformat(value)
