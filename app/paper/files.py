"""Writing a finished file safely: a temporary file in the same folder, fsync, then replace."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path


class FileWriteError(Exception):
    """The file could not be written; the message says why in one line."""


def write_atomic(path: Path, data: bytes, *, retries: int = 5) -> None:
    """Put ``data`` at ``path`` whole or not at all: a reader never sees half a paper, and a
    failure leaves no partial file (and any earlier file untouched)."""
    folder = path.parent
    if not folder.is_dir():
        raise FileWriteError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise FileWriteError(f"cannot write {path}: it is a folder")
    try:
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise FileWriteError(f"cannot write in {folder}: {exc.strerror or exc}") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        _replace(temp, path, retries)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise FileWriteError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise


def _replace(temp: Path, path: Path, retries: int) -> None:
    # On Windows a viewer or an antivirus scan may hold the old file for a moment.
    for attempt in range(retries):
        try:
            os.replace(temp, path)
            return
        except PermissionError:
            if attempt == retries - 1:
                raise PermissionError(
                    13, "the file is open in another program; close it and try again"
                ) from None
            time.sleep(0.2 * (attempt + 1))
