"""Export: a consistent copy of the open database (backup API) in one .ldsnap file."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app import __version__
from app.snapshots.container import write_snapshot
from app.snapshots.errors import NotEnoughSpace, SnapshotError
from app.snapshots.manifest import Manifest
from app.snapshots.source import disk_full
from app.snapshots.tables import count_rows
from db.live_file import FileInUse, replace_file
from db.sqlite_tools import backup_database
from db.untrusted import open_untrusted, read_revision

SUFFIX = ".ldsnap"
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportResult:
    """The file written and what it says about itself."""

    path: Path
    manifest: Manifest
    size: int
    encrypted: bool


def export_snapshot(
    database: Path,
    work_root: Path,
    target: Path,
    *,
    created_by: str,
    created_at: datetime,
    passphrase: str | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write a snapshot of ``database`` to ``target`` (temporary file, then replace)."""
    report = progress or (lambda _d, _t: None)
    if target.is_dir():
        raise SnapshotError(f"{target} is a folder; give the snapshot a file name")
    if not target.parent.is_dir():
        raise SnapshotError(f"the folder {target.parent} does not exist")
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=work_root))
    partial = target.with_name(f".{target.name}.partial")
    try:
        copy = work / "snapshot.sqlite3"
        backup_database(database, copy, lambda done, total: report(done, total * 2))
        with contextlib.closing(open_untrusted(copy)) as conn:
            counts = count_rows(conn)
            revision = read_revision(conn) or ""
        size = copy.stat().st_size
        written = 0

        def moved(n: int) -> None:
            nonlocal written
            written += n
            report(size + written, size * 2)

        def manifest_for(sha: str, db_size: int, compression: str) -> Manifest:
            return Manifest(
                app_version=__version__,
                schema_revision=revision,
                created_at=created_at,
                created_by=created_by,
                counts=counts,
                database_size=db_size,
                database_sha256=sha,
                compression=compression,
            )

        with partial.open("wb") as out:
            manifest = write_snapshot(
                copy, manifest_for, out, passphrase=passphrase, progress=moved
            )
        replace_file(partial, target)
        return ExportResult(target, manifest, target.stat().st_size, passphrase is not None)
    except FileInUse as exc:
        raise SnapshotError(str(exc)) from exc
    except (OSError, sqlite3.OperationalError) as exc:
        if disk_full(exc):
            raise NotEnoughSpace("the disk is full; the snapshot was not written") from exc
        raise SnapshotError(f"the snapshot could not be written ({exc})") from exc
    finally:
        partial.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
