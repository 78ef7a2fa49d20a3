"""The .ldsnap file: a zip that any zip tool can list, written and read defensively.

Plain:      manifest.json, database.sqlite3 (deflated when small, stored when large)
Encrypted:  envelope.json (scrypt parameters, key check), manifest.json.enc,
            database.sqlite3.enc (see crypto.py; the database is deflated inside when small)

Nothing is ever extracted by member name: the two expected members are streamed into files
this code names, with sizes, ratios and hashes checked as they go.
"""

from __future__ import annotations

import hashlib
import queue
import threading
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app.snapshots import crypto
from app.snapshots.errors import (
    DamagedSnapshot,
    NotASnapshot,
    PassphraseNeeded,
    UnsafeSnapshot,
)
from app.snapshots.manifest import MAX_MANIFEST_BYTES, Manifest

MANIFEST, DATABASE = "manifest.json", "database.sqlite3"
ENVELOPE, MANIFEST_ENC, DATABASE_ENC = "envelope.json", "manifest.json.enc", "database.sqlite3.enc"
PLAIN_MEMBERS = frozenset({MANIFEST, DATABASE})
ENCRYPTED_MEMBERS = frozenset({ENVELOPE, MANIFEST_ENC, DATABASE_ENC})
COMPRESS_UP_TO = 64 << 20  # above this, speed wins over size (deflate runs at ~100 MB/s)
MAX_RATIO = 200  # a SQLite file deflates ~3-30x; a decompression bomb ~1000x
# 1 MiB blocks: with 4 MiB ones glibc maps and unmaps fresh memory for each block, and the
# first import in a process streamed 427 MB in 0.9-1.3 s instead of 0.4 s (measured).
CHUNK = 1 << 20

Progress = Callable[[int], None]  # bytes handled since the last call


def write_chunk(handle: BinaryIO, data: bytes) -> None:
    """Every byte an import or export writes goes through here (tests simulate a full disk)."""
    handle.write(data)


class _Background:
    """Hands blocks to ``sink`` on a thread of its own, so that reading, hashing and
    writing a database each take a core (streaming out 427 MB: ~0.6 s with the hash on
    the reading thread, ~0.35 s with it on a thread of its own)."""

    def __init__(self, sink: Callable[[bytes], object], name: str) -> None:
        self._sink = sink
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=16)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, daemon=True, name=name)
        self._thread.start()

    def _run(self) -> None:
        while (block := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._sink(block)
                except BaseException as exc:
                    self._error = exc

    def write(self, block: bytes) -> None:
        if self._error is not None:
            self.close()
        self._queue.put(block)

    def close(self) -> None:
        """Wait for every block; raise what the sink raised (a full disk…)."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        if self._error is not None:
            raise self._error


def _aad(name: str, envelope: bytes) -> bytes:
    return name.encode() + b"\x00" + envelope


def write_snapshot(
    database: Path,
    manifest_for: Callable[[str, int, str], Manifest],
    target: BinaryIO,
    *,
    passphrase: str | None = None,
    progress: Progress | None = None,
) -> Manifest:
    """Write the container to ``target``; ``manifest_for(sha256, size, compression)`` makes
    the manifest once the database has been hashed. Returns the manifest written."""
    size = database.stat().st_size
    compress = size <= COMPRESS_UP_TO
    digest = hashlib.sha256()
    with zipfile.ZipFile(target, "w", allowZip64=True) as archive:
        if passphrase is None:
            info = zipfile.ZipInfo(DATABASE, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            info.file_size = size
            with database.open("rb") as src, archive.open(info, "w", force_zip64=True) as out:
                _pump(src, lambda b: (digest.update(b), write_chunk(out, b)), progress)
            manifest = manifest_for(digest.hexdigest(), size, "none")
            archive.writestr(MANIFEST, manifest.to_json(), zipfile.ZIP_DEFLATED)
            return manifest
        envelope, key = crypto.new_envelope(passphrase)
        header = envelope.to_json()
        archive.writestr(ENVELOPE, header, zipfile.ZIP_STORED)
        info = zipfile.ZipInfo(DATABASE_ENC, date_time=(2024, 1, 1, 0, 0, 0))
        with database.open("rb") as src, archive.open(info, "w", force_zip64=True) as out:
            sealed = crypto.SegmentWriter(out, key, _aad(DATABASE_ENC, header))
            packer = zlib.compressobj(1, zlib.DEFLATED, -15) if compress else None

            def take(block: bytes) -> None:
                digest.update(block)
                sealed.write(packer.compress(block) if packer else block)

            _pump(src, take, progress)
            if packer:
                sealed.write(packer.flush())
            sealed.close()
        manifest = manifest_for(digest.hexdigest(), size, "deflate" if compress else "none")
        plain = bytearray()
        inner = _Collector(plain)
        sealed = crypto.SegmentWriter(inner, key, _aad(MANIFEST_ENC, header))  # type: ignore[arg-type]
        sealed.write(manifest.to_json())
        sealed.close()
        archive.writestr(MANIFEST_ENC, bytes(plain), zipfile.ZIP_STORED)
        return manifest


class _Collector:
    def __init__(self, buffer: bytearray) -> None:
        self.buffer = buffer

    def write(self, data: bytes) -> None:
        self.buffer += data


def _pump(src: BinaryIO, sink: Callable[[bytes], object], progress: Progress | None) -> None:
    while block := src.read(CHUNK):
        sink(block)
        if progress:
            progress(len(block))


class SnapshotReader:
    """An opened .ldsnap file; refuses anything Liaison Desk would not have written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
            raise DamagedSnapshot(
                "it is incomplete or damaged (was it copied completely?)"
            ) from exc
        names = [info.filename for info in infos]
        problem = _member_problem(names)
        if problem is not None:
            self._zip.close()
            raise problem
        self._infos = {info.filename: info for info in infos}
        self.encrypted = frozenset(names) == ENCRYPTED_MEMBERS
        self._key: bytes | None = None
        self._header = b""
        if self.encrypted:
            self._header = self._small(ENVELOPE)
            self.envelope = crypto.Envelope.from_json(self._header)

    def close(self) -> None:
        self._zip.close()

    def unlock(self, passphrase: str | None) -> None:
        """Derive the key (encrypted snapshots only)."""
        if not self.encrypted:
            return
        if not passphrase:
            raise PassphraseNeeded("it is protected with a passphrase; enter the passphrase")
        self._key = crypto.unlock(self.envelope, passphrase)

    def manifest(self) -> Manifest:
        """The snapshot's manifest (after ``unlock`` for an encrypted one)."""
        if not self.encrypted:
            return Manifest.from_json(self._small(MANIFEST))
        key = self._require_key()
        with self._open(MANIFEST_ENC) as stream:
            raw = b"".join(crypto.read_segments(stream, key, _aad(MANIFEST_ENC, self._header)))
        return Manifest.from_json(raw)

    def stored_size(self) -> int:
        """Bytes of the database member as stored in the zip."""
        return self._infos[DATABASE_ENC if self.encrypted else DATABASE].compress_size

    def extract_database(
        self, manifest: Manifest, out: BinaryIO, progress: Progress | None = None
    ) -> None:
        """Stream the database into ``out``, checking size, ratio and SHA-256."""
        expected = manifest.database_size
        name = DATABASE_ENC if self.encrypted else DATABASE
        info = self._infos[name]
        stored = max(info.compress_size, 1)
        if max(expected, info.file_size) / stored > MAX_RATIO:
            raise UnsafeSnapshot("it expands to far more than it holds (a decompression bomb)")
        if not self.encrypted and info.file_size != expected:
            raise DamagedSnapshot("its database is not the size its description gives")
        digest = hashlib.sha256()
        written = 0
        writer = _Background(lambda block: write_chunk(out, block), "snapshot-writer")
        hasher = _Background(digest.update, "snapshot-hash")

        def take(block: bytes) -> None:
            nonlocal written
            written += len(block)
            if written > expected:
                raise DamagedSnapshot("its database is larger than its description says")
            writer.write(block)
            hasher.write(block)

        try:
            self._stream_database(name, manifest, take, progress)
        finally:
            try:
                writer.close()
            finally:
                hasher.close()
        if written != expected or digest.hexdigest() != manifest.database_sha256:
            raise DamagedSnapshot("its database does not match its checksum (SHA-256)")

    def _stream_database(
        self,
        name: str,
        manifest: Manifest,
        take: Callable[[bytes], None],
        progress: Progress | None,
    ) -> None:
        with self._open(name) as stream:
            if not self.encrypted:
                _pump(stream, take, progress)  # type: ignore[arg-type]
            else:
                unpack = zlib.decompressobj(-15) if manifest.compression == "deflate" else None
                aad = _aad(DATABASE_ENC, self._header)
                for plain in crypto.read_segments(stream, self._require_key(), aad, progress):
                    if unpack is None:
                        take(plain)
                        continue
                    data = plain
                    while data:
                        take(unpack.decompress(data, CHUNK))
                        data = unpack.unconsumed_tail
                if unpack is not None:
                    take(unpack.flush())

    def _require_key(self) -> bytes:
        if self._key is None:
            raise PassphraseNeeded("it is protected with a passphrase; enter the passphrase")
        return self._key

    def _small(self, name: str) -> bytes:
        if self._infos[name].file_size > MAX_MANIFEST_BYTES:
            raise UnsafeSnapshot("its description is far too large")
        with self._open(name) as stream:
            return stream.read(MAX_MANIFEST_BYTES + 1)

    def _open(self, name: str):  # type: ignore[no-untyped-def]
        return _Guarded(self._zip.open(name))


class _Guarded:
    """A zip member stream whose read errors (bad CRC, cut short) say "damaged"."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def read(self, n: int = -1) -> bytes:
        try:
            return self._stream.read(n)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
            raise DamagedSnapshot(
                "it is damaged: part of it does not match its checksum (CRC)"
            ) from exc

    def __enter__(self) -> _Guarded:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.close()


def _member_problem(names: list[str]) -> Exception | None:
    found = frozenset(names)
    if not found & (PLAIN_MEMBERS | ENCRYPTED_MEMBERS):
        return NotASnapshot("it is a zip file, not a Liaison Desk snapshot")
    for name in names:
        if _unsafe(name):
            return UnsafeSnapshot(f"it contains a file with an unsafe path ({name})")
    if len(found) != len(names):
        return UnsafeSnapshot("it contains the same file twice")
    if found not in (PLAIN_MEMBERS, ENCRYPTED_MEMBERS):
        return UnsafeSnapshot("it contains files a Liaison Desk snapshot never holds")
    return None


def _unsafe(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return (
        name.startswith(("/", "\\"))
        or ".." in parts
        or ":" in name
        or "/" in name
        or "\\" in name
        or "\x00" in name
    )
