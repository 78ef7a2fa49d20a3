"""Bad input: each refused with one clear message, the local database byte-for-byte unchanged."""

from __future__ import annotations

import contextlib
import errno
import io
import sqlite3
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.snapshots import container, errors
from app.snapshots.manifest import Manifest
from app.snapshots.service import SnapshotService
from db.migrate import SCHEMA_HEAD
from tests.app.snapshot_helpers import file_digest, open_workspace, populate

PASS = "the right passphrase"


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory):
    """A populated source's snapshots, plain and encrypted (made once: scrypt is slow)."""
    folder = tmp_path_factory.mktemp("source")
    clock = FixedClock(datetime(2024, 1, 15, 10))
    source = open_workspace(folder / "data", clock, "Source Officer")
    populate(source, clock)
    plain, sealed = folder / "plain.ldsnap", folder / "sealed.ldsnap"
    SnapshotService(source).export(plain)
    SnapshotService(source).export(sealed, passphrase=PASS)
    source.close()
    return plain, sealed


@pytest.fixture
def setup(snapshots, clock, tmp_path):
    """The snapshots, and a local workspace with data of its own."""
    local = open_workspace(tmp_path / "local", clock, "Local Officer")
    populate(local, clock)
    yield (*snapshots, local)
    local.close()


def _database_of(snapshot: Path, folder: Path) -> Path:
    with zipfile.ZipFile(snapshot) as archive:
        path = folder / "inner.sqlite3"
        path.write_bytes(archive.read(container.DATABASE))
    return path


def _repack(db: Path, target: Path, **overrides: object) -> Path:
    def manifest_for(sha: str, size: int, compression: str) -> Manifest:
        values = {
            "app_version": "0.1.0",
            "schema_revision": SCHEMA_HEAD,
            "created_at": datetime(2024, 1, 1),
            "created_by": "Someone",
            "counts": {},
            "database_size": size,
            "database_sha256": sha,
            "compression": compression,
        }
        return Manifest(**{**values, **overrides})  # type: ignore[arg-type]

    with target.open("wb") as out:
        container.write_snapshot(db, manifest_for, out)
    return target


def _altered_db(plain: Path, tmp_path: Path, sql: str, **overrides: object) -> Path:
    db = _database_of(plain, tmp_path)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.executescript(sql)
    return _repack(db, tmp_path / "altered.ldsnap", **overrides)


def _rezip(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    """Copy a zip, replacing (or with None dropping) members and adding new ones."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename in change:
                continue
            new.writestr(info, old.read(info.filename))
        for name, data in change.items():
            if data is not None:
                new.writestr(name, data)
    return target


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x5A]) + data[at + 1 :]


# --- the bad files ------------------------------------------------------------------------
def truncated(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    data = plain.read_bytes()
    (tmp_path / "cut.ldsnap").write_bytes(data[: len(data) // 2])
    return tmp_path / "cut.ldsnap", None


def flipped(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    data = plain.read_bytes()
    with zipfile.ZipFile(plain) as archive:
        info = archive.getinfo(container.DATABASE)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    (tmp_path / "flipped.ldsnap").write_bytes(_flip(data, start + info.compress_size // 2))
    return tmp_path / "flipped.ldsnap", None


def wrong_passphrase(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    return sealed, "not the passphrase"


def tampered_database(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(sealed) as archive:
        data = archive.read(container.DATABASE_ENC)
    target = tmp_path / "tampered.ldsnap"
    return _rezip(sealed, target, {container.DATABASE_ENC: _flip(data, len(data) // 2)}), PASS


def tampered_manifest(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(sealed) as archive:
        data = archive.read(container.MANIFEST_ENC)
    target = tmp_path / "tampered.ldsnap"
    return _rezip(sealed, target, {container.MANIFEST_ENC: _flip(data, 20)}), PASS


def pdf(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "minutes.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
    return tmp_path / "minutes.pdf", None


def empty(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "empty.ldsnap").write_bytes(b"")
    return tmp_path / "empty.ldsnap", None


def other_apps_database(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "contacts.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('x')")
        conn.commit()
    return path, None


def word_document(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "paper.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return path, None


def with_trigger(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    sql = "CREATE TRIGGER evil AFTER INSERT ON person BEGIN DELETE FROM finding; END;"
    return _altered_db(plain, tmp_path, sql), None


def with_altered_trigger(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    sql = (
        "DROP TRIGGER change_log_no_delete; CREATE TRIGGER change_log_no_delete BEFORE DELETE "
        "ON change_log BEGIN SELECT 1; END;"
    )
    return _altered_db(plain, tmp_path, sql), None


def with_view(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    return _altered_db(plain, tmp_path, "CREATE VIEW open_items AS SELECT * FROM finding;"), None


def with_extra_table(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    return _altered_db(plain, tmp_path, "CREATE TABLE extra (x CHECK (load_extension('x')));"), None


def corrupt_inside(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    db = _database_of(plain, tmp_path)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'ix_change_log_entity_id'"
        ).fetchone()[0]
    data = bytearray(db.read_bytes())
    offset = (root - 1) * page_size
    data[offset + page_size - 300 : offset + page_size - 200] = b"\x07" * 100  # garble cells
    db.write_bytes(bytes(data))
    return _repack(db, tmp_path / "corrupt.ldsnap"), None


def unsafe_path(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    return _rezip(plain, tmp_path / "slip.ldsnap", {"../../x": b"owned"}), None


def bomb(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    size = 64 << 20
    path = tmp_path / "bomb.ldsnap"
    manifest = Manifest(
        "0.1.0", "0001_initial", datetime(2024, 1, 1), "x", {}, size, "0" * 64
    ).to_json()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(container.MANIFEST, manifest)
        info = zipfile.ZipInfo(container.DATABASE)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w") as out:
            block = bytes(1 << 20)
            for _ in range(size >> 20):
                out.write(block)
    return path, None


def newer_schema(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    sql = "UPDATE alembic_version SET version_num = '0999_future';"
    return _altered_db(
        plain, tmp_path, sql, schema_revision="0999_future", app_version="9.9.0"
    ), None


def newer_format(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(plain) as archive:
        text = archive.read(container.MANIFEST).decode()
    text = text.replace('"format_version": 1', '"format_version": 7')
    text = text.replace('"app_version": "0.1.0"', '"app_version": "3.0.0"')
    return _rezip(plain, tmp_path / "v7.ldsnap", {container.MANIFEST: text.encode()}), None


def newer_database_file(plain, sealed, tmp_path):  # type: ignore[no-untyped-def]
    db = _database_of(plain, tmp_path)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999_future'")
        conn.commit()
    return db, None


CASES = [
    (truncated, errors.DamagedSnapshot, "incomplete or damaged"),
    (flipped, errors.DamagedSnapshot, "damaged"),
    (wrong_passphrase, errors.WrongPassphrase, "passphrase is not the one"),
    (tampered_database, errors.TamperedSnapshot, "altered"),
    (tampered_manifest, errors.TamperedSnapshot, "altered"),
    (pdf, errors.NotASnapshot, "not a Liaison Desk snapshot"),
    (empty, errors.NotASnapshot, "empty"),
    (other_apps_database, errors.NotASnapshot, "another application"),
    (word_document, errors.NotASnapshot, "not a Liaison Desk snapshot"),
    (with_trigger, errors.UnsafeSnapshot, "triggers (evil)"),
    (with_altered_trigger, errors.UnsafeSnapshot, "triggers (change_log_no_delete)"),
    (with_view, errors.UnsafeSnapshot, "views (open_items)"),
    (with_extra_table, errors.UnsafeSnapshot, "tables are not those of Liaison Desk"),
    (corrupt_inside, errors.DamagedSnapshot, "damaged"),
    (unsafe_path, errors.UnsafeSnapshot, "unsafe path (../../x)"),
    (bomb, errors.UnsafeSnapshot, "decompression bomb"),
    (newer_schema, errors.NewerSnapshot, "made by Liaison Desk 9.9.0; please update"),
    (newer_format, errors.NewerSnapshot, "made by Liaison Desk 3.0.0; please update"),
    (newer_database_file, errors.NewerSnapshot, "newer Liaison Desk; please update"),
]


@pytest.mark.parametrize(("make", "error", "words"), CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_input_is_refused_and_the_database_is_untouched(setup, tmp_path, make, error, words):
    plain, sealed, local = setup
    bad, passphrase = make(plain, sealed, tmp_path)
    before = file_digest(local.database_path)
    service = SnapshotService(local)
    with pytest.raises(error) as refused, service.open(bad, passphrase=passphrase) as session:
        session.merge(prefer="theirs")
    message = str(refused.value)
    assert words in message
    assert "\n" not in message and "Traceback" not in message
    assert file_digest(local.database_path) == before
    assert not list(local.folder.glob(".import-*"))
    if make is not corrupt_inside:  # that one is found while the backup is being made
        assert not (local.folder / "backups").exists()


def test_a_damaged_database_is_never_put_in_place_by_replace(setup, tmp_path):
    plain, sealed, local = setup
    bad, _ = corrupt_inside(plain, sealed, tmp_path)
    before = file_digest(local.database_path)
    with SnapshotService(local).open(bad) as session, pytest.raises(errors.DamagedSnapshot):
        session.replace()
    assert file_digest(local.database_path) == before


def test_an_encrypted_snapshot_without_a_passphrase_asks_for_one(setup):
    _plain, sealed, local = setup
    with pytest.raises(errors.PassphraseNeeded, match="passphrase"):
        SnapshotService(local).open(sealed)


# --- a disk that fills up -----------------------------------------------------------------
def _full_after(limit: int):  # type: ignore[no-untyped-def]
    written = 0
    real = container.write_chunk

    def write(handle: io.BufferedWriter, data: bytes) -> None:
        nonlocal written
        written += len(data)
        if written > limit:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(handle, data)

    return write


@pytest.mark.parametrize("snapshot", ["plain", "sealed"])
def test_a_disk_that_fills_while_the_snapshot_is_read_refuses_cleanly(setup, monkeypatch, snapshot):
    plain, sealed, local = setup
    before = file_digest(local.database_path)
    monkeypatch.setattr(container, "write_chunk", _full_after(30_000))
    with pytest.raises(errors.NotEnoughSpace, match="disk became full"):
        SnapshotService(local).open(
            plain if snapshot == "plain" else sealed,
            passphrase=PASS if snapshot == "sealed" else None,
        )
    assert file_digest(local.database_path) == before
    assert not list(local.folder.glob(".import-*"))


def test_a_disk_too_full_for_the_backup_refuses_before_importing(setup, monkeypatch):
    import app.snapshots.backups as backups

    plain, _sealed, local = setup
    before = file_digest(local.database_path)

    def no_space(*_args: object, **_kw: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "backup_database", no_space)
    with SnapshotService(local).open(plain) as session, pytest.raises(errors.NotEnoughSpace):
        session.replace()
    assert file_digest(local.database_path) == before


def test_a_disk_that_fills_during_the_merge_rolls_it_back_whole(setup, monkeypatch):
    import app.snapshots.service as service_module

    plain, _sealed, local = setup
    before = file_digest(local.database_path)
    real = service_module.connect_with_snapshot

    def nearly_full(live: Path, snapshot: Path) -> sqlite3.Connection:
        conn = real(live, snapshot)
        pages = conn.execute("PRAGMA main.page_count").fetchone()[0]
        conn.execute(f"PRAGMA main.max_page_count = {pages}")  # SQLite: "disk is full"
        return conn

    monkeypatch.setattr(service_module, "connect_with_snapshot", nearly_full)
    full = pytest.raises(errors.NotEnoughSpace, match="during the merge; nothing was changed")
    with SnapshotService(local).open(plain) as session, full:
        session.merge(prefer="theirs")
    assert file_digest(local.database_path) == before
    assert local.check().healthy


def test_the_decompression_check_never_inflates_the_bomb(setup, tmp_path, monkeypatch):
    plain, sealed, local = setup
    path, _ = bomb(plain, sealed, tmp_path)
    inflated = []
    monkeypatch.setattr(zlib, "decompressobj", lambda *a: inflated.append(a))
    with pytest.raises(errors.UnsafeSnapshot):
        SnapshotService(local).open(path)
    assert inflated == []


# --- damage the split integrity check finds (db/integrity.py) ------------------------------
def _damaged_register_row(plain: Path, tmp_path: Path) -> Path:
    """A snapshot whose derived finding_register has one row that its unique index lacks:
    the file's structure is sound (quick_check passes), only the per-table check sees it."""
    db = _database_of(plain, tmp_path)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'finding_register'"
        ).fetchone()[0]
        finding_id = conn.execute("SELECT finding_id FROM finding_register").fetchone()[0]
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    data = bytearray(db.read_bytes())
    page = (root - 1) * page_size
    assert data[page] == 0x0D  # a table leaf: every register row is on this page
    at = page + bytes(data[page : page + page_size]).find(finding_id.encode())
    data[at] = ord("0") if data[at] != ord("0") else ord("1")
    db.write_bytes(bytes(data))
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    return _repack(db, tmp_path / "register.ldsnap")


@pytest.mark.parametrize("mode", ["replace", "merge"])
def test_a_damaged_derived_table_is_refused_by_the_split_check(setup, tmp_path, monkeypatch, mode):
    from db import integrity

    monkeypatch.setattr(integrity, "SPLIT_FROM_BYTES", 0)  # worker processes, as a large file
    monkeypatch.setattr(integrity.os, "cpu_count", lambda: 2)
    plain, _sealed, local = setup
    bad = _damaged_register_row(plain, tmp_path)
    before = file_digest(local.database_path)
    with pytest.raises(errors.DamagedSnapshot) as refused, SnapshotService(local).open(bad) as s:
        s.replace() if mode == "replace" else s.merge(prefer="theirs")
    assert "missing from index sqlite_autoindex_finding_register_1" in str(refused.value)
    assert file_digest(local.database_path) == before
    assert not list(local.folder.glob(".import-*"))


def test_a_refused_file_stops_the_workers_started_for_its_check(setup, tmp_path, monkeypatch):
    from db import integrity

    monkeypatch.setattr(integrity, "SPLIT_FROM_BYTES", 0)
    monkeypatch.setattr(integrity.os, "cpu_count", lambda: 2)
    started: list[integrity.Workers] = []
    closed: list[integrity.Workers] = []
    real_init, real_close = integrity.Workers.__init__, integrity.Workers.close

    def init(self: integrity.Workers) -> None:
        real_init(self)
        started.append(self)

    def close(self: integrity.Workers) -> None:
        closed.append(self)
        real_close(self)

    monkeypatch.setattr(integrity.Workers, "__init__", init)
    monkeypatch.setattr(integrity.Workers, "close", close)
    plain, sealed, local = setup
    bad, _ = with_view(plain, sealed, tmp_path)
    with pytest.raises(errors.UnsafeSnapshot):
        SnapshotService(local).open(bad)
    assert len(started) == 1 and closed == started
    with SnapshotService(local).open(plain) as session:  # a good one: the check closes them
        session.require_healthy()
    assert len(started) == 2 and closed[1:] == started[1:]
