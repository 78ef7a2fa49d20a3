"""Saved views of the findings register, kept in the database so that snapshots carry them."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any

from app.domain.enums import OPEN_STATUSES, Kind, Level, Rag, Status
from app.domain.errors import InvalidValues
from app.domain.filters import FindingFilter, SavedView, SortOrder
from db.records import SettingRecord

if TYPE_CHECKING:
    from app.workspace import Workspace

KEY = "findings.saved_views"
NAME_LENGTH = 80

DEFAULT_VIEWS: tuple[SavedView, ...] = (
    SavedView(
        "Open findings that apply to us",
        FindingFilter(statuses=OPEN_STATUSES, applies_to_force=True),
    ),
    SavedView(
        "Overdue by department",
        FindingFilter(overdue=True, applies_to_force=True),
        SortOrder("department"),
    ),
    SavedView(
        "L2 ready for CC letter",
        FindingFilter(levels=frozenset({Level.L2}), statuses=frozenset({Status.INTERNAL_REVIEW})),
        SortOrder("owner"),
    ),
    SavedView(
        "Engage items (L4 open)",
        FindingFilter(levels=frozenset({Level.L4}), statuses=OPEN_STATUSES),
        SortOrder("due"),
    ),
    SavedView(
        "Due in the next 30 days",
        FindingFilter(due_within_days=30, applies_to_force=True),
        SortOrder("due"),
    ),
    SavedView(
        "No update in 90 days",
        FindingFilter(no_update_in_days=90, applies_to_force=True),
        SortOrder("last_update"),
    ),
    SavedView("Red RAG", FindingFilter(rags=frozenset({Rag.RED}), statuses=OPEN_STATUSES)),
)

# How each FindingFilter field goes to JSON and back; unknown or bad values are dropped,
# so a view saved by a newer version still opens.
_ENUM_SETS: dict[str, Any] = {"kinds": Kind, "statuses": Status, "levels": Level, "rags": Rag}
_TEXT_SETS = ("owner_ids", "departments", "chief_officer_leads", "report_ids")


def filter_to_json(flt: FindingFilter) -> dict[str, Any]:
    """The fields of a filter that differ from "any", as JSON values."""
    out: dict[str, Any] = {}
    for f in fields(FindingFilter):
        value = getattr(flt, f.name)
        if value == getattr(FindingFilter(), f.name):
            continue
        if f.name in _ENUM_SETS:
            out[f.name] = sorted(
                (None if v is None else v.value for v in value), key=lambda v: (v is None, v)
            )
        elif f.name in _TEXT_SETS:
            out[f.name] = sorted(value)
        else:
            out[f.name] = value
    return out


def filter_from_json(data: dict[str, Any]) -> FindingFilter:
    """A filter from ``filter_to_json`` output, ignoring what it does not understand."""
    values: dict[str, Any] = {}
    for f in fields(FindingFilter):
        if f.name not in data:
            continue
        raw = data[f.name]
        if f.name in _ENUM_SETS:
            values[f.name] = frozenset(_enum_values(_ENUM_SETS[f.name], raw))
        elif f.name in _TEXT_SETS:
            values[f.name] = frozenset(str(v) for v in raw if isinstance(v, str))
        elif f.name in ("due_within_days", "no_update_in_days"):
            values[f.name] = raw if isinstance(raw, int) and raw >= 0 else None
        elif f.name == "applies_to_force":
            values[f.name] = raw if isinstance(raw, bool) else None
        elif f.name == "text":
            values[f.name] = str(raw)
        else:
            values[f.name] = bool(raw)
    return FindingFilter(**values)


def _enum_values(enum: Any, raw: Any) -> list[Any]:
    out = []
    for value in raw if isinstance(raw, list) else []:
        if value is None and enum in (Level, Rag):
            out.append(None)
            continue
        try:
            out.append(enum(value))
        except ValueError:
            continue
    return out


def view_to_json(view: SavedView) -> dict[str, Any]:
    """A saved view as JSON."""
    return {
        "name": view.name,
        "filter": filter_to_json(view.filter),
        "sort": {"column": view.sort.column, "ascending": view.sort.ascending},
        "columns": list(view.columns),
    }


def view_from_json(data: dict[str, Any]) -> SavedView:
    """A saved view from ``view_to_json`` output."""
    sort = data.get("sort") or {}
    return SavedView(
        str(data["name"]),
        filter_from_json(data.get("filter") or {}),
        SortOrder(str(sort.get("column", "reference")), bool(sort.get("ascending", True))),
        tuple(str(c) for c in data.get("columns") or ()),
    )


class SavedViewService:
    """The officer's named views plus a few shipped ones; every change is logged."""

    def __init__(self, ws: Workspace) -> None:
        self.ctx = ws.ctx

    def list(self) -> list[SavedView]:
        """Shipped views first (unless removed or replaced), then the officer's, by name."""
        stored, hidden = self._load()
        mine = {v.name.casefold(): v for v in stored}
        shipped = [
            mine.pop(v.name.casefold(), v)
            for v in DEFAULT_VIEWS
            if v.name.casefold() not in hidden or v.name.casefold() in mine
        ]
        return shipped + sorted(mine.values(), key=lambda v: v.name.casefold())

    def get(self, name: str) -> SavedView | None:
        """The view with this name (any case), if there is one."""
        return next((v for v in self.list() if v.name.casefold() == name.strip().casefold()), None)

    def save(self, view: SavedView) -> SavedView:
        """Store a view, replacing any of the same name."""
        name = " ".join(view.name.split())
        if not name:
            raise InvalidValues({"name": "give the view a name"})
        if len(name) > NAME_LENGTH:
            raise InvalidValues({"name": f"keep the name under {NAME_LENGTH} characters"})
        view = replace(view, name=name)
        stored, hidden = self._load()
        kept = [v for v in stored if v.name.casefold() != name.casefold()]
        self._store([*kept, view], hidden, f"saved view {name}")
        return view

    def delete(self, name: str) -> None:
        """Remove a view (a shipped one stays hidden until the defaults are restored)."""
        stored, hidden = self._load()
        key = name.strip().casefold()
        kept = [v for v in stored if v.name.casefold() != key]
        if any(v.name.casefold() == key for v in DEFAULT_VIEWS):
            hidden = hidden | {key}
        self._store(kept, hidden, f"deleted view {name.strip()}")

    def restore_defaults(self) -> None:
        """Bring back the shipped views as shipped; the officer's own views stay."""
        stored, _hidden = self._load()
        shipped = {v.name.casefold() for v in DEFAULT_VIEWS}
        self._store([v for v in stored if v.name.casefold() not in shipped], set(), "")

    @staticmethod
    def is_shipped(name: str) -> bool:
        """True for a view Liaison Desk ships."""
        return any(v.name.casefold() == name.strip().casefold() for v in DEFAULT_VIEWS)

    def _load(self) -> tuple[list[SavedView], set[str]]:
        with self.ctx.store.read() as session:
            record = session.get(SettingRecord, KEY)
            document = _document(record.value if record else None)
        views = []
        for item in document.get("views", []):
            try:
                views.append(view_from_json(item))
            except (KeyError, TypeError, ValueError, AttributeError):
                continue  # a damaged entry is skipped, not fatal
        return views, {str(n) for n in document.get("hidden_defaults", [])}

    def _store(self, views: list[SavedView], hidden: set[str], note: str) -> None:
        document = {
            "views": [view_to_json(v) for v in views],
            "hidden_defaults": sorted(hidden),
        }
        text = json.dumps(document, ensure_ascii=False, sort_keys=True)
        with self.ctx.store.write() as session:
            record = session.get(SettingRecord, KEY)
            old = _document(record.value if record else None)
            if record is None:
                session.add(SettingRecord(key=KEY, value=text))
            else:
                record.value = text
            self.ctx.log(
                session,
                entity="setting",
                entity_id=KEY,
                action="update",
                changes={"saved_views": (old or None, document)},
                note=note,
            )


def _document(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
