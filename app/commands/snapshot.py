"""Snapshot and backup sub-commands: export, inspect, import; list, make and restore backups."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from app.cli import EXIT_OK, CommandError, open_workspace
from app.formatting import long_date


def add_commands(sub: Any) -> None:
    """Register ``snapshot`` and ``backup``."""
    snapshot = sub.add_parser("snapshot", help="export, inspect or import a handover snapshot")
    actions = snapshot.add_subparsers(dest="snapshot_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write a snapshot of the database to FILE")
    inspect = actions.add_parser("inspect", help="check a snapshot and show how it differs")
    load = actions.add_parser("import", help="replace the database with a snapshot, or merge it")
    for parser in (export, inspect, load):
        parser.add_argument("file", metavar="FILE", type=Path)
        parser.add_argument(
            "--passphrase-file",
            metavar="F",
            type=Path,
            help="read the passphrase from the first line of F (export: encrypt with it)",
        )
    load.add_argument("--mode", choices=("replace", "merge"), required=True)
    load.add_argument("--dry-run", action="store_true", help="check and report; change nothing")
    load.add_argument(
        "--prefer",
        choices=("mine", "theirs"),
        help="settle every merge conflict this way (otherwise a merge with conflicts stops)",
    )
    backup = sub.add_parser("backup", help="list, make or restore automatic backups")
    backup_actions = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    backup_actions.add_parser("list", help="the backups, newest first")
    backup_actions.add_parser("now", help="make a backup now")
    restore = backup_actions.add_parser("restore", help="restore a backup (after backing up)")
    restore.add_argument("file", metavar="FILE", type=Path)


def _passphrase(args: argparse.Namespace) -> str | None:
    if args.passphrase_file is None:
        return None
    try:
        text = args.passphrase_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"cannot read the passphrase file {args.passphrase_file}") from exc
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise CommandError(f"the passphrase file {args.passphrase_file} is empty")
    return lines[0]


def _snapshot(args: argparse.Namespace, out: TextIO) -> int:
    from app.snapshots.errors import SnapshotError
    from app.snapshots.service import SnapshotService

    passphrase = _passphrase(args)
    ws = open_workspace(args, create=args.snapshot_command != "inspect")
    try:
        service = SnapshotService(ws)
        if args.snapshot_command == "export":
            result = service.export(args.file, passphrase=passphrase)
            lock = " (encrypted)" if result.encrypted else ""
            print(f"Wrote {result.path}{lock}: {result.size:,} bytes", file=out)
            for line in _counts(result.manifest.counts):
                print(line, file=out)
            return EXIT_OK
        with service.open(args.file, passphrase=passphrase) as session:
            if args.snapshot_command == "inspect":
                session.require_healthy()
                _print_inspection(session, out, checked=True)
                return EXIT_OK
            return _import(session, args, out)
    except SnapshotError as exc:
        verb = {"export": "cannot export", "inspect": "cannot read", "import": "cannot import"}
        raise CommandError(f"{verb[args.snapshot_command]} {args.file.name}: {exc}") from exc
    finally:
        ws.close()


def _import(session: Any, args: argparse.Namespace, out: TextIO) -> int:
    from app.snapshots.errors import ConflictsUnresolved

    _print_inspection(session, out, checked=False)
    if args.mode == "replace":
        outcome = session.replace(dry_run=args.dry_run)
        if outcome.dry_run:
            print("Dry run: the database would be replaced by the snapshot.", file=out)
        else:
            print(f"Replaced the database (backup: {outcome.backup}).", file=out)
        return EXIT_OK
    prefer = {"mine": "mine", "theirs": "theirs"}.get(args.prefer or "")
    try:
        outcome = session.merge(prefer=prefer, dry_run=args.dry_run)
    except ConflictsUnresolved as exc:
        _print_conflicts(exc.conflicts, session.linked_names(), out)
        raise CommandError(f"{exc}; run again with --prefer mine or --prefer theirs") from exc
    merged = outcome.merge
    head = "Dry run: the merge would add" if outcome.dry_run else "Merged:"
    from app.snapshots.tables import label

    added = ", ".join(f"{n:,} {label(t).lower()}" for t, n in merged.added.items())
    updated = ", ".join(f"{n:,} {label(t).lower()}" for t, n in merged.updated.items())
    added, updated = added or "no records", updated or "no records"
    print(
        f"{head} added {added}; updated {updated}; {merged.history_added:,} history "
        f"entries and {merged.files_added:,} files; {merged.decisions:,} conflicts settled.",
        file=out,
    )
    if outcome.backup:
        print(f"Backup made first: {outcome.backup}", file=out)
    return EXIT_OK


def _print_inspection(session: Any, out: TextIO, *, checked: bool) -> None:
    from app.clock import utc_to_london

    m = session.manifest
    if session.is_database_file:
        print("A Liaison Desk database file (not a snapshot)", file=out)
    else:
        made = utc_to_london(m.created_at)
        print(
            f"Snapshot made by {m.created_by or '(unknown)'} on {long_date(made.date())} "
            f"at {made:%H:%M} with Liaison Desk {m.app_version}",
            file=out,
        )
    print(
        f"Schema: {m.schema_revision}"
        + (f" (upgraded from {session.upgraded_from})" if session.upgraded_from else "")
        + ("; encrypted" if session.encrypted else "")
        + ("; integrity: ok" if checked else ""),
        file=out,
    )
    plan = session.plan
    print(
        f"{'':<24}{'snapshot':>9}{'here':>9}  added there/here  changed there/here  "
        "deleted there/here  conflicts",
        file=out,
    )
    for e in plan.entities:
        print(
            f"{e.label:<24}{e.in_snapshot:>9,}{e.here:>9,}"
            f"  {e.added_theirs:>7,} /{e.added_mine:>7,}"
            f"  {e.changed_theirs:>8,} /{e.changed_mine:>7,}  {e.deleted_theirs:>8,} /"
            f"{e.deleted_mine:>7,}  {e.conflicts:>9,}",
            file=out,
        )
    print(
        f"History entries only in the snapshot: {plan.their_history:,}; only here: "
        f"{plan.my_history:,}; new files: {plan.new_files:,}",
        file=out,
    )
    if plan.identical:
        print("The snapshot holds exactly what this database holds.", file=out)


def _print_conflicts(conflicts: list[Any], names: dict[object, str], out: TextIO) -> None:
    from app.snapshots.describe import field_name, value_text, who

    print(f"{len(conflicts)} conflicts:", file=out)
    for c in conflicts:
        print(f"- {c.entity} “{c.record}” — {field_name(c.field)}", file=out)
        print(f"    theirs: {value_text(c.field, c.theirs, names)}  ({who(c.theirs_by)})", file=out)
        print(f"    mine:   {value_text(c.field, c.mine, names)}  ({who(c.mine_by)})", file=out)


def _counts(counts: dict[str, dict[str, int]]) -> list[str]:
    from app.snapshots.tables import label

    return [f"  {v['live']:>9,} {label(t).lower()}" for t, v in counts.items() if v["rows"]]


def _backup(args: argparse.Namespace, out: TextIO) -> int:
    from app.clock import utc_to_london
    from app.snapshots.errors import SnapshotError
    from app.snapshots.service import SnapshotService

    ws = open_workspace(args, create=False)
    try:
        service = SnapshotService(ws)
        if args.backup_command == "list":
            for b in service.backups.list():
                made = utc_to_london(b.made_at)
                print(
                    f"{long_date(made.date())} {made:%H:%M}  {b.reason_label:<34} "
                    f"{b.findings if b.findings is not None else '?':>7} findings  {b.path}",
                    file=out,
                )
        elif args.backup_command == "now":
            print(f"Backed up to {service.backups.make('manual')}", file=out)
        else:
            outcome = service.restore(args.file)
            print(f"Restored {args.file.name} (the state before is in {outcome.backup}).", file=out)
    except SnapshotError as exc:
        raise CommandError(f"cannot restore {args.file.name}: {exc}") from exc
    finally:
        ws.close()
    return EXIT_OK


HANDLERS = {"snapshot": _snapshot, "backup": _backup}
