"""A snapshot from an older schema is upgraded on a private copy before anything else."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

from app.snapshots.service import SnapshotService
from db import migrate
from tests.app.snapshot_helpers import content, file_digest, open_workspace, populate

NEXT = """
revision = "0002_test_nickname"
down_revision = "0001_initial"
branch_labels = depends_on = None
import sqlalchemy as sa
from alembic import op
def upgrade():
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("nickname", sa.String(50), nullable=False, server_default=""))
"""


def test_an_older_snapshot_is_upgraded_on_a_copy_then_imported(ws, clock, tmp_path, monkeypatch):
    ids = populate(ws, clock)
    snap = tmp_path / "old.ldsnap"
    SnapshotService(ws).export(snap)  # made at 0001_initial
    old_file = file_digest(snap)

    scripts = tmp_path / "scripts"
    shutil.copytree(Path(migrate._script_location()), scripts)
    (scripts / "versions" / "0002_test_nickname.py").write_text(NEXT)
    monkeypatch.setattr(migrate, "_script_location", lambda: str(scripts))
    monkeypatch.setattr(migrate, "SCHEMA_HEAD", "0002_test_nickname")

    local = open_workspace(tmp_path / "local", clock, "Local Officer")
    try:
        assert local.migration.after == "0002_test_nickname"
        with SnapshotService(local).open(snap) as session:
            assert session.upgraded_from == "0001_initial"
            session.replace()
        with contextlib.closing(sqlite3.connect(local.database_path)) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
                "0002_test_nickname",
            )
            names = {r[1] for r in conn.execute("PRAGMA table_info(person)")}
            assert "nickname" in names
        mine = content(local.database_path, skip=frozenset({"alembic_version", "person"}))
        theirs = content(ws.database_path, skip=frozenset({"alembic_version", "person"}))
        assert mine == theirs
        assert local.findings.get(ids["rec"]).reference == "Recommendation 1"
        assert local.check().healthy
    finally:
        local.close()
    assert file_digest(snap) == old_file  # the file handed over is never written to
