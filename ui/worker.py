"""Run long work off the GUI thread; the work gets services, never widgets."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    sig_progressed = Signal(int, int)
    sig_finished = Signal(object)
    sig_failed = Signal(object, str)


class Job(QRunnable):
    """A function run on the thread pool; ``progress(done, total)`` is passed in when asked."""

    def __init__(self, work: Callable[..., Any], *, wants_progress: bool = False) -> None:
        super().__init__()
        self.signals = _Signals()
        self._work = work
        self._wants_progress = wants_progress

    def run(self) -> None:
        try:
            if self._wants_progress:
                result = self._work(self.signals.sig_progressed.emit)
            else:
                result = self._work()
        except Exception as exc:
            self.signals.sig_failed.emit(exc, traceback.format_exc())
        else:
            self.signals.sig_finished.emit(result)


def start(job: Job) -> Job:
    """Queue the job on the global pool."""
    QThreadPool.globalInstance().start(job)
    return job
