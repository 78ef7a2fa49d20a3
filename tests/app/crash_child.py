"""For the crash test: a process that loads Liaison Desk once, then forks one child per line
"OP DATA_DIR FILE" read from stdin. A child prints "go PID", runs the snapshot operation and
prints "done"; the server then prints "exit STATUS"."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.clock import FixedClock
from app.snapshots.service import SnapshotService
from app.workspace import Workspace


def run(op: str, folder: str, snapshot: str) -> None:
    """One operation, as a person would run it ("…-split": with the integrity check in
    worker processes, as for a large file on two cores)."""
    if op.endswith("-split"):
        from db import integrity

        integrity.SPLIT_FROM_BYTES = 0
        integrity.os.cpu_count = lambda: 2  # this child exits after the one operation
        op = op.removesuffix("-split")
    ws = Workspace.open(Path(folder), clock=FixedClock(datetime(2025, 1, 1, 12)))
    ws.set_actor("Crash Test")
    service = SnapshotService(ws)
    if op == "export":
        service.export(Path(snapshot))
    else:
        with service.open(Path(snapshot)) as session:
            if op == "replace":
                session.replace()
            else:
                session.merge(prefer="theirs")
    ws.close()


def serve() -> None:
    for line in sys.stdin:
        op, folder, snapshot = line.split()
        pid = os.fork()
        if pid == 0:
            print(f"go {os.getpid()}", flush=True)
            try:
                run(op, folder, snapshot)
                print("done", flush=True)
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        print(f"exit {status}", flush=True)


if __name__ == "__main__":
    serve()
