"""Sub-commands import and export: trackers in with a preview, any view out to Excel or CSV."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from app.cli import EXIT_FAILED, EXIT_OK, CommandError, open_workspace
from app.domain.enums import Kind, Level, Status


def add_commands(sub: Any) -> None:
    """Register this module's sub-commands."""
    imp = sub.add_parser(
        "import",
        help="import findings from an Excel tracker (.xlsx, .xls, .ods) or a .csv file",
        description="Reads the sheet, maps its columns and words, prints the preview and, "
        "unless --dry-run, imports every row without errors in one transaction.",
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first)")
    imp.add_argument(
        "--mapping", type=Path, metavar="MAPPING.json", help="a mapping saved from the wizard"
    )
    imp.add_argument("--dry-run", action="store_true", help="print the preview; write nothing")
    exp = sub.add_parser(
        "export",
        help="export findings, reports or inspections to .xlsx or .csv",
        description="The format follows FILE's extension (.xlsx or .csv).",
    )
    exp.add_argument("file", type=Path, metavar="FILE")
    exp.add_argument("--what", choices=("findings", "reports", "inspections"), default="findings")
    exp.add_argument(
        "--level",
        type=_level,
        action="append",
        metavar="N",
        help="only this level (0-4; repeat for several)",
    )
    exp.add_argument(
        "--status",
        type=_status,
        action="append",
        metavar="S",
        help="only this status, e.g. open, in_progress, closed (repeatable)",
    )
    exp.add_argument(
        "--kind",
        type=_kind,
        action="append",
        metavar="K",
        help="only this kind: coc, recommendation or afi (repeatable)",
    )
    exp.add_argument("--overdue", action="store_true", help="only open findings past due")


def _level(text: str) -> Level:
    try:
        return Level(int(text.lower().removeprefix("l")))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a level (0-4)") from None


def _status(text: str) -> Status:
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    for status in Status:
        if key in (status.value, status.label.lower().replace(" ", "_")):
            return status
    choices = ", ".join(s.value for s in Status)
    raise argparse.ArgumentTypeError(f"'{text}' is not a status ({choices})")


def _kind(text: str) -> Kind:
    key = text.strip().lower()
    for kind in Kind:
        if key in (kind.value, kind.short.lower(), kind.label.lower()):
            return kind
    raise argparse.ArgumentTypeError(f"'{text}' is not a kind (coc, recommendation, afi)")


def _import(args: argparse.Namespace, out: TextIO) -> int:
    from app.importer.mapping import ImportMapping, MappingFileError
    from app.importer.preview import PreviewError
    from app.importer.service import ImportService
    from app.importer.source import ImportFileError

    try:
        mapping = ImportMapping.load(args.mapping) if args.mapping else ImportMapping()
    except MappingFileError as exc:
        raise CommandError(str(exc)) from exc
    if args.sheet:
        mapping.sheet = args.sheet
    if not args.file.is_file():
        raise CommandError(f"{args.file} does not exist")
    ws = open_workspace(args, create=True)
    try:
        service = ImportService(ws)
        try:
            preview = service.preview(args.file, mapping)
        except (ImportFileError, PreviewError) as exc:
            raise CommandError(str(exc)) from exc
        for line in preview.summary_lines():
            print(line, file=out)
        if args.dry_run:
            print("Dry run: nothing was written.", file=out)
            return EXIT_OK
        if not preview.will_write():
            print("Nothing to import.", file=out)
            return EXIT_FAILED if preview.errors() else EXIT_OK
        result = service.write(preview)
    finally:
        ws.close()
    for line in result.lines():
        print(line, file=out)
    return EXIT_OK


def _export(args: argparse.Namespace, out: TextIO) -> int:
    from app.domain.filters import FindingFilter
    from app.exports import views
    from app.exports.table import ExportError

    path: Path = args.file
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise CommandError(f"{path.name}: the file must end .xlsx or .csv")
    narrowed = args.level or args.status or args.kind or args.overdue
    if args.what != "findings" and narrowed:
        raise CommandError("--level, --status, --kind and --overdue apply to findings only")
    ws = open_workspace(args, create=False)
    try:
        if args.what == "findings":
            flt = FindingFilter(
                kinds=frozenset(args.kind or ()),
                levels=frozenset(args.level or ()),
                statuses=frozenset(args.status or ()),
                overdue=args.overdue,
            )
            count = views.export_findings(ws, path, flt)
        elif args.what == "reports":
            count = views.export_reports(ws, path)
        else:
            count = views.export_inspections(ws, path)
    except ExportError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        ws.close()
    print(f"Exported {count:,} {args.what} to {path}", file=out)
    return EXIT_OK


HANDLERS = {"import": _import, "export": _export}
