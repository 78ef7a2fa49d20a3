"""The log files in the data folder, and somewhere for output to go when there is no console."""

from __future__ import annotations

import faulthandler
import io
import logging
import logging.handlers
import platform
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from app import __version__, paths

GUI_LOG = "liaison-desk.log"
CLI_LOG = "command-line.log"
FAULTS_LOG = "faults.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-8s %(name)s [%(threadName)s] %(message)s"

log = logging.getLogger("liaison_desk")


class LogStream(io.TextIOBase):
    """A stand-in for a missing stdout/stderr (windowed builds): each line goes to the log."""

    def __init__(self, logger: logging.Logger, level: int) -> None:
        super().__init__()
        self._logger = logger
        self._level = level
        self._pending = ""
        self._busy = threading.local()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if getattr(self._busy, "active", False):
            return len(text)  # logging itself failed and reports to stderr: do not recurse
        self._busy.active = True
        try:
            self._pending += text
            *lines, self._pending = self._pending.split("\n")
            for line in lines:
                if line.strip():
                    self._logger.log(self._level, line.rstrip())
        finally:
            self._busy.active = False
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self.write("\n")

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


@dataclass
class LogSession:
    """What setup_logging changed, so that it can be undone (tests, embedding)."""

    log_file: Path
    handler: logging.Handler
    fault_file: IO[str] | None = None
    replaced_streams: dict[str, object] = field(default_factory=dict)
    previous_level: int = logging.WARNING
    faults_were_enabled: bool = False

    def close(self) -> None:
        """Remove the handler, stop faulthandler writing to our file, restore the streams."""
        root = logging.getLogger()
        root.removeHandler(self.handler)
        root.setLevel(self.previous_level)
        self.handler.close()
        if self.fault_file is not None:
            faulthandler.disable()
            self.fault_file.close()
            if self.faults_were_enabled and sys.__stderr__ is not None:
                faulthandler.enable(file=sys.__stderr__, all_threads=True)
        for name, stream in self.replaced_streams.items():
            setattr(sys, name, stream)
        logging.captureWarnings(False)


def setup_logging(folder: Path, *, name: str = GUI_LOG, faults: bool = True) -> LogSession:
    """Log to a rotating file in the data folder's logs/; cover a missing stdout/stderr.

    With ``faults``, a hard crash (segfault, deadlock dump) writes the Python stacks to
    logs/faults.log. Raises OSError when the folder cannot be written.
    """
    logs = paths.logs_dir(folder)
    logs.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        logs / name, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    session = LogSession(logs / name, handler, previous_level=root.level)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    logging.captureWarnings(True)
    for stream_name, level in (("stdout", logging.INFO), ("stderr", logging.ERROR)):
        if getattr(sys, stream_name) is None:
            session.replaced_streams[stream_name] = None
            setattr(sys, stream_name, LogStream(logging.getLogger(stream_name), level))
    if faults:
        session.faults_were_enabled = faulthandler.is_enabled()
        session.fault_file = (logs / FAULTS_LOG).open("a", encoding="utf-8")
        faulthandler.enable(file=session.fault_file, all_threads=True)
    log.info(
        "Liaison Desk %s started (Python %s, %s, %s)",
        __version__,
        platform.python_version(),
        platform.platform(),
        "frozen" if getattr(sys, "frozen", False) else "from source",
    )
    return session


def log_files(folder: Path) -> list[Path]:
    """Every log file (current and rotated) in the data folder, oldest name first."""
    logs = paths.logs_dir(folder)
    if not logs.is_dir():
        return []
    return sorted(p for p in logs.iterdir() if p.is_file() and ".log" in p.name)
