"""Replacing the live database of an open workspace: close, replace atomically, reopen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.snapshots.errors import SnapshotError
from db.live_file import FileInUse, release_wal, replace_file
from db.sqlite_tools import use_wal
from db.store import Store

if TYPE_CHECKING:
    from app.workspace import Workspace


def swap_live_database(ws: Workspace, replacement: Path) -> None:
    """Put ``replacement`` (a vetted file in the same folder tree) in place of the live file.

    Every pooled connection is closed and the -wal folded in first, so no old log can be
    replayed onto the new file; ``os.replace`` then swaps the file in one step. A crash
    leaves either the old file or the new one, never a mixture. The workspace's services
    carry on with the new file.
    """
    live = ws.database_path
    ws.store.close()
    try:
        release_wal(live)
        replace_file(replacement, live)
    except FileInUse as exc:
        raise SnapshotError(f"{exc}; nothing was changed") from exc
    finally:
        use_wal(live)
        store = Store(live)
        ws.store = store
        ws.ctx.store = store
