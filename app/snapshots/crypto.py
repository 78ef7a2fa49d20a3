"""Passphrase encryption: scrypt (memory-hard) and AES-256-GCM over 1 MiB segments.

A stream is a 7-byte random nonce prefix followed by segments of at most 1 MiB of
ciphertext, each with its 16-byte tag. Segment ``i`` uses the nonce
``prefix || i (4 bytes) || last (1 byte)`` and the stream's name and the envelope as
associated data, so a segment cannot be altered, dropped, reordered, moved to the other
stream, or the stream cut short, without the tag failing. A separate key check tells a
wrong passphrase from an altered file.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.snapshots.errors import DamagedSnapshot, TamperedSnapshot, WrongPassphrase

SEGMENT = 1 << 20
TAG = 16
PREFIX = 7
CIPHER = "AES-256-GCM/1MiB-segments"
KDF = "scrypt"
# 2**17 x 8 x 128 bytes = 128 MiB of memory per guess; well under a second here.
DEFAULT_N, DEFAULT_R, DEFAULT_P = 1 << 17, 8, 1
_CHECK_LABEL = b"liaison-desk snapshot key check"


@dataclass(frozen=True)
class Envelope:
    """The public, unencrypted part of an encrypted snapshot."""

    salt: bytes
    n: int
    r: int
    p: int
    key_check: str

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "format": "liaison-desk-snapshot",
                "encrypted": True,
                "cipher": CIPHER,
                "kdf": {
                    "name": KDF,
                    "salt": self.salt.hex(),
                    "n": self.n,
                    "r": self.r,
                    "p": self.p,
                },
                "key_check": self.key_check,
            },
            sort_keys=True,
        ).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Envelope:
        """Parse an envelope; refuse parameters that would exhaust memory or time."""
        try:
            data = json.loads(raw.decode("utf-8"))
            kdf = data["kdf"]
            envelope = cls(
                bytes.fromhex(kdf["salt"]),
                int(kdf["n"]),
                int(kdf["r"]),
                int(kdf["p"]),
                str(data["key_check"]),
            )
            ok = data["cipher"] == CIPHER and kdf["name"] == KDF
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise DamagedSnapshot("its encryption header is unreadable") from exc
        n, r, p = envelope.n, envelope.r, envelope.p
        sane = (1 << 14) <= n <= (1 << 20) and n & (n - 1) == 0 and 1 <= r <= 16 and 1 <= p <= 4
        if not ok or not sane or len(envelope.salt) < 16:
            raise DamagedSnapshot("its encryption header is not one Liaison Desk writes")
        return envelope


def new_envelope(passphrase: str) -> tuple[Envelope, bytes]:
    """A fresh envelope (random salt) and the key it derives from ``passphrase``."""
    salt = os.urandom(16)
    key, check = _derive(passphrase, salt, DEFAULT_N, DEFAULT_R, DEFAULT_P)
    return Envelope(salt, DEFAULT_N, DEFAULT_R, DEFAULT_P, check), key


def unlock(envelope: Envelope, passphrase: str) -> bytes:
    """The key for ``envelope``, or WrongPassphrase."""
    key, check = _derive(passphrase, envelope.salt, envelope.n, envelope.r, envelope.p)
    if not hmac.compare_digest(check, envelope.key_check):
        raise WrongPassphrase("the passphrase is not the one this snapshot was protected with")
    return key


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, str]:
    material = Scrypt(salt=salt, length=64, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
    check = hmac.new(material[32:], _CHECK_LABEL, hashlib.sha256).hexdigest()
    return material[:32], check


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


class SegmentWriter:
    """Encrypts what is written to it onto ``out``; ``close()`` writes the last segment."""

    def __init__(self, out: BinaryIO, key: bytes, aad: bytes) -> None:
        self._out = out
        self._aead = AESGCM(key)
        self._aad = aad
        self._prefix = os.urandom(PREFIX)
        self._buffer = bytearray()
        self._index = 0
        out.write(self._prefix)

    def write(self, data: bytes) -> None:
        self._buffer += data
        while len(self._buffer) > SEGMENT:
            self._emit(bytes(self._buffer[:SEGMENT]), last=False)
            del self._buffer[:SEGMENT]

    def close(self) -> None:
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()

    def _emit(self, chunk: bytes, *, last: bool) -> None:
        if self._index >= 0xFFFFFFFF:
            raise ValueError("stream too long")
        nonce = _nonce(self._prefix, self._index, last)
        self._out.write(self._aead.encrypt(nonce, chunk, self._aad))
        self._index += 1


def read_segments(
    source: BinaryIO, key: bytes, aad: bytes, progress: Callable[[int], None] | None = None
) -> Iterator[bytes]:
    """Decrypt a stream segment by segment; TamperedSnapshot on any altered or missing part."""
    aead = AESGCM(key)
    prefix = source.read(PREFIX)
    if len(prefix) != PREFIX:
        raise TamperedSnapshot("its encrypted content is cut short")
    index = 0
    block = source.read(SEGMENT + TAG)
    while True:
        following = source.read(SEGMENT + TAG) if len(block) == SEGMENT + TAG else b""
        last = not following
        if len(block) < TAG:
            raise TamperedSnapshot("its encrypted content is cut short")
        try:
            plain = aead.decrypt(_nonce(prefix, index, last), block, aad)
        except InvalidTag as exc:
            raise TamperedSnapshot(
                "its encrypted content was altered or damaged after it was made"
            ) from exc
        yield plain
        if progress:
            progress(len(block))
        if last:
            return
        index += 1
        block = following
