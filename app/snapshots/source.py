"""Turning a file someone hands over into a private, vetted database copy at this schema.

The pipeline (see ENGINEERING.md): a private folder; the snapshot's description checked
(format, newer version); the database streamed out with size, ratio and SHA-256 checked;
header and application_id; read-only with trusted_schema=OFF; exactly our triggers, no
views, exactly our tables; a full integrity check; a known revision (membership, never
order); an older copy upgraded. The integrity check of an up-to-date copy runs in the
background while the differences are worked out (for a large file in two worker processes,
started as the import begins: db/integrity.py), and every write to the live database
waits for it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from app.snapshots.container import CHUNK, SnapshotReader, write_chunk
from app.snapshots.errors import (
    DamagedSnapshot,
    NewerSnapshot,
    NotASnapshot,
    NotEnoughSpace,
    SnapshotError,
    UnsafeSnapshot,
)
from app.snapshots.manifest import Manifest
from app.snapshots.tables import count_rows
from db import migrate
from db.base import APPLICATION_ID
from db.integrity import BackgroundIntegrityCheck, Workers, workers_for
from db.migrate import MigrationFailed, NewerSchema, known_revisions, upgrade_to_head
from db.sqlite_tools import SQLITE_HEADER
from db.triggers import TRIGGERS
from db.untrusted import (
    Schema,
    UnsafeDatabase,
    check_schema,
    open_untrusted,
    schema_at,
    schema_of,
    use_rollback_journal,
    vet,
)

ZIP_MAGIC = b"PK\x03\x04"
WORK_PREFIX = ".import-"
_MARGIN = 16 << 20


@dataclass
class OpenedSource:
    """A vetted private copy of the handed-over database, at this version's schema."""

    file: Path
    manifest: Manifest
    encrypted: bool
    folder: Path
    database: Path
    upgraded_from: str | None = None
    check: BackgroundIntegrityCheck | None = field(default=None, repr=False)
    _problems: list[str] | None = None

    def integrity_known(self) -> bool:
        """True once the integrity check has finished."""
        return self.check is None or self.check.done()

    def require_healthy(self) -> None:
        """Wait for the integrity check; DamagedSnapshot if it found anything."""
        if self._problems is None:
            self._problems = self.check.problems() if self.check else []
        if self._problems:
            raise DamagedSnapshot(
                f"its database is damaged ({_one_line(self._problems[0])}); nothing was imported"
            )

    def close(self) -> None:
        """Remove the private copy."""
        if self.check is not None:
            self.check.problems()
        shutil.rmtree(self.folder, ignore_errors=True)


def open_source(
    file: Path,
    work_root: Path,
    live_schema: Schema,
    *,
    passphrase: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> OpenedSource:
    """Open, check and privately copy ``file`` (a .ldsnap snapshot or a database file)."""
    clear_leftovers(work_root)
    try:
        head = _first_bytes(file)
    except OSError as exc:
        raise NotASnapshot(f"it cannot be read ({exc.strerror})") from exc
    if head is None:
        raise NotASnapshot("there is no such file")
    if not head:
        raise NotASnapshot("it is empty, not a Liaison Desk snapshot")
    if not head.startswith(ZIP_MAGIC) and head != SQLITE_HEADER:
        raise NotASnapshot("it is not a Liaison Desk snapshot")
    folder = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=work_root))
    copy = folder / "snapshot.sqlite3"
    # The integrity check's worker processes start now, while the file is extracted (a
    # large database is stored uncompressed, so the file's size tells).
    workers = workers_for(file.stat().st_size)
    try:
        if head.startswith(ZIP_MAGIC):
            manifest, encrypted = _extract_snapshot(file, copy, work_root, passphrase, progress)
        else:
            manifest, encrypted = _copy_database(file, copy, work_root, progress), False
        opened = OpenedSource(file, manifest, encrypted, folder, copy)
        _vet_and_upgrade(opened, live_schema, workers)
        return opened
    except BaseException:
        if workers is not None:
            workers.close()  # (closing twice, after the check has them, is harmless)
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _one_line(problem: str) -> str:
    text = " ".join(problem.replace("*** in database main ***", "").split())
    return text if len(text) <= 160 else text[:157] + "…"


def _first_bytes(file: Path) -> bytes | None:
    if not file.is_file():
        return None
    with file.open("rb") as handle:
        return handle.read(16)


def clear_leftovers(work_root: Path, older_than_s: float = 3600) -> None:
    """Remove private copies a crashed import left behind (not one still being looked at)."""
    now = time.time()
    for stale in work_root.glob(WORK_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if now - stale.stat().st_mtime > older_than_s:
                shutil.rmtree(stale, ignore_errors=True)


def disk_full(exc: BaseException) -> bool:
    """True for the errors a full disk raises (from Python or from SQLite)."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return True
    return isinstance(exc, sqlite3.OperationalError) and "disk is full" in str(exc)


def _need_space(folder: Path, size: int) -> None:
    free = shutil.disk_usage(folder).free
    if free < size + _MARGIN:
        raise NotEnoughSpace(
            f"there is not enough free disk space to import it (needs {_mb(size + _MARGIN)}, "
            f"{_mb(free)} free); nothing was changed"
        )


def _mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB"


def _extract_snapshot(
    file: Path,
    copy: Path,
    work_root: Path,
    passphrase: str | None,
    progress: Callable[[int, int], None] | None,
) -> tuple[Manifest, bool]:
    reader = SnapshotReader(file)
    try:
        reader.unlock(passphrase)
        manifest = reader.manifest()
        _check_revision_known(manifest.schema_revision, manifest.app_version)
        _need_space(work_root, manifest.database_size)
        done = 0

        def moved(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress(done, max(reader.stored_size(), 1))

        try:
            with copy.open("wb") as out:
                reader.extract_database(manifest, out, moved)
        except OSError as exc:
            if disk_full(exc):
                raise NotEnoughSpace(
                    "the disk became full while reading it; nothing was changed"
                ) from exc
            raise
        return manifest, reader.encrypted
    finally:
        reader.close()


def _copy_database(
    file: Path, copy: Path, work_root: Path, progress: Callable[[int, int], None] | None
) -> Manifest:
    size = file.stat().st_size
    _need_space(work_root, size)
    digest = hashlib.sha256()
    done = 0
    try:
        with file.open("rb") as src, copy.open("wb") as out:
            while block := src.read(CHUNK):
                digest.update(block)
                write_chunk(out, block)
                done += len(block)
                if progress:
                    progress(done, max(size, 1))
    except OSError as exc:
        if disk_full(exc):
            raise NotEnoughSpace(
                "the disk became full while reading it; nothing was changed"
            ) from exc
        raise
    made = datetime.fromtimestamp(file.stat().st_mtime, UTC).replace(tzinfo=None)
    return Manifest(
        app_version="",
        schema_revision="",
        created_at=made,
        created_by="",
        counts={},
        database_size=size,
        database_sha256=digest.hexdigest(),
        source="database file",
    )


def _check_revision_known(revision: str, app_version: str) -> None:
    if revision == migrate.SCHEMA_HEAD or revision in known_revisions():
        return
    made_by = f"Liaison Desk {app_version}" if app_version else "a newer Liaison Desk"
    raise NewerSnapshot(f"it was made by {made_by}; please update Liaison Desk to import it")


def _vet_and_upgrade(opened: OpenedSource, live_schema: Schema, workers: Workers | None) -> None:
    copy = opened.database
    use_rollback_journal(copy)
    revision = _revision_of(copy)
    expected = opened.manifest.schema_revision
    if expected and revision != expected:
        raise DamagedSnapshot("its database is not the one its description names")
    _check_revision_known(revision, opened.manifest.app_version)
    try:
        if revision == migrate.SCHEMA_HEAD:
            vet(copy, TRIGGERS, live_schema)
        else:
            reference = schema_at(revision)
            triggers = {name: sql for (kind, name), sql in reference.items() if kind == "trigger"}
            vet(copy, triggers, reference)
    except UnsafeDatabase as exc:
        raise _refusal(exc) from exc
    if revision == migrate.SCHEMA_HEAD:
        opened.check = BackgroundIntegrityCheck(copy, workers)
    else:
        # An older copy is checked whole before the upgrade writes to it.
        problems = BackgroundIntegrityCheck(copy, workers).problems()
        if problems:
            raise DamagedSnapshot(f"its database is damaged ({_one_line(problems[0])})")
        _upgrade(copy)
        opened.upgraded_from = revision
        with contextlib.closing(open_untrusted(copy)) as conn:
            try:
                check_schema(schema_of(conn), TRIGGERS, live_schema)
            except UnsafeDatabase as exc:
                raise DamagedSnapshot(f"it could not be brought up to date ({exc})") from exc
    if not opened.manifest.counts or opened.manifest.source == "database file":
        with contextlib.closing(open_untrusted(copy)) as conn:
            counts = count_rows(conn)
        opened.manifest = _with(opened.manifest, counts, revision)


def _revision_of(copy: Path) -> str:
    try:
        with contextlib.closing(open_untrusted(copy)) as conn:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise NotASnapshot("it is the database of another application")
            row = conn.execute(
                "SELECT name FROM sqlite_master WHERE name = 'alembic_version'"
            ).fetchone()
            found = row and conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DamagedSnapshot(f"its database cannot be read ({exc})") from exc
    if not found:
        raise DamagedSnapshot("its database has no schema revision")
    return str(found[0])


def _upgrade(copy: Path) -> None:
    try:
        upgrade_to_head(copy, copy.parent / "backups")
    except NewerSchema as exc:
        raise NewerSnapshot("it was made by a newer Liaison Desk; please update") from exc
    except MigrationFailed as exc:
        raise DamagedSnapshot(f"it could not be brought up to date ({exc})") from exc
    with contextlib.closing(sqlite3.connect(copy, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")


def _refusal(exc: UnsafeDatabase) -> SnapshotError:
    text = str(exc)
    if "another application" in text or "does not hold a database" in text:
        return NotASnapshot(text)
    return UnsafeSnapshot(text)


def _with(manifest: Manifest, counts: dict[str, dict[str, int]], revision: str) -> Manifest:
    from dataclasses import replace

    return replace(
        manifest,
        counts=counts,
        schema_revision=manifest.schema_revision or revision,
    )
