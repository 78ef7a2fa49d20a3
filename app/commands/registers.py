"""Register sub-commands: list findings with the register's filters, list saved views."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any, TextIO

from app.cli import EXIT_OK, CommandError, open_workspace
from app.domain.enums import Kind, Level, Rag, Status
from app.domain.filters import FindingFilter, SortOrder
from app.services.register_columns import COLUMNS_BY_KEY, FINDING_COLUMNS

_LEVELS = {"0": Level.BEFORE_LEVELS, "1": Level.L1, "2": Level.L2, "3": Level.L3, "4": Level.L4}
SHOWN = ("reference", "report", "kind", "level", "status", "owner", "due", "days_overdue")


def add_commands(sub: Any) -> None:
    """Register this module's sub-commands."""
    findings = sub.add_parser(
        "findings", help="list findings, filtered and sorted as in the findings register"
    )
    findings.add_argument("--view", metavar="NAME", help="start from a saved view")
    findings.add_argument("--kind", action="append", choices=[k.value for k in Kind])
    findings.add_argument(
        "--level", action="append", choices=[*_LEVELS, "none"], help="repeat for several"
    )
    findings.add_argument("--status", action="append", choices=[s.value for s in Status])
    findings.add_argument("--rag", action="append", choices=[*(r.value for r in Rag), "none"])
    findings.add_argument("--department", action="append", metavar="NAME")
    findings.add_argument("--applies", choices=["yes", "no"], help="applies to the force")
    findings.add_argument("--overdue", action="store_true", help="open and past the due date")
    findings.add_argument("--due-within", type=int, metavar="DAYS")
    findings.add_argument("--no-update-in", type=int, metavar="DAYS")
    findings.add_argument("--search", metavar="WORDS", help="text, references, progress notes")
    findings.add_argument(
        "--sort", choices=[c.key for c in FINDING_COLUMNS if c.sortable], help="column"
    )
    findings.add_argument("--desc", action="store_true", help="sort descending")
    findings.add_argument("--limit", type=int, default=50, metavar="N", help="rows (default 50)")
    sub.add_parser("views", help="list the saved views of the findings register")


def build_filter(args: argparse.Namespace, start: FindingFilter) -> FindingFilter:
    """The filter the options ask for, on top of ``start`` (a saved view's, or "any")."""
    changes: dict[str, Any] = {}
    if args.kind:
        changes["kinds"] = frozenset(Kind(k) for k in args.kind)
    if args.level:
        changes["levels"] = frozenset(None if v == "none" else _LEVELS[v] for v in args.level)
    if args.status:
        changes["statuses"] = frozenset(Status(s) for s in args.status)
    if args.rag:
        changes["rags"] = frozenset(None if r == "none" else Rag(r) for r in args.rag)
    if args.department:
        changes["departments"] = frozenset(args.department)
    if args.applies:
        changes["applies_to_force"] = args.applies == "yes"
    if args.overdue:
        changes["overdue"] = True
    for option, name in (("due_within", "due_within_days"), ("no_update_in", "no_update_in_days")):
        value = getattr(args, option)
        if value is not None:
            if value < 0:
                raise CommandError(
                    f"--{option.replace('_', '-')} needs a number of days, 0 or more"
                )
            changes[name] = value
    if args.search:
        changes["text"] = args.search
    return replace(start, **changes)


def _findings(args: argparse.Namespace, out: TextIO) -> int:
    from app.services.register import FindingRegister
    from app.services.saved_views import SavedViewService

    ws = open_workspace(args, create=False)
    try:
        start, sort = FindingFilter(), SortOrder("report", ascending=False)
        if args.view:
            view = SavedViewService(ws).get(args.view)
            if view is None:
                raise CommandError(f"there is no saved view called '{args.view}'")
            start, sort = view.filter, view.sort
        flt = build_filter(args, start)
        if args.sort:
            sort = SortOrder(args.sort, not args.desc)
        page = FindingRegister(ws).page(flt, sort, 0, max(0, args.limit))
    finally:
        ws.close()
    columns = [COLUMNS_BY_KEY[k] for k in SHOWN]
    table = [[c.heading for c in columns]] + [[c.text(r) for c in columns] for r in page.rows]
    widths = [min(max(len(row[i]) for row in table), 40) for i in range(len(columns))]
    for row in table:
        cells = [_fit(cell, width) for cell, width in zip(row, widths, strict=True)]
        print("  ".join(cells).rstrip(), file=out)
    print(
        f"\nShowing {len(page.rows):,} of {page.count:,} matching ({page.total:,} findings)",
        file=out,
    )
    return EXIT_OK


def _views(args: argparse.Namespace, out: TextIO) -> int:
    from app.services.saved_views import SavedViewService

    ws = open_workspace(args, create=False)
    try:
        views = SavedViewService(ws).list()
    finally:
        ws.close()
    for view in views:
        mark = " (shipped)" if SavedViewService.is_shipped(view.name) else ""
        print(f"{view.name}{mark}", file=out)
    return EXIT_OK


def _fit(text: str, width: int) -> str:
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)


HANDLERS = {"findings": _findings, "views": _views}
