"""The live database: sessions for reading and for writing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from db.engine import IMMEDIATE, make_engine


class Store:
    """An open Liaison Desk database file."""

    def __init__(self, path: Path, engine: Engine | None = None) -> None:
        self.path = path
        self._local = threading.local()
        self.engine = engine or make_engine(path)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(**{IMMEDIATE: True}), expire_on_commit=False
        )

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; nothing it does is committed."""
        batch = getattr(self._local, "batch", None)
        if batch is not None:
            yield batch
            return
        with self._reader() as session:
            yield session
            session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is committed whole at the end, or not at all."""
        batch = getattr(self._local, "batch", None)
        if batch is not None:
            yield batch
            return
        with self._writer() as session, session.begin():
            yield session

    @contextmanager
    def batch(self) -> Iterator[Session]:
        """One transaction for everything this thread reads and writes inside it: a bulk
        load commits once (fast) and, if anything fails, leaves nothing behind."""
        with self._writer() as session, session.begin():
            self._local.batch = session
            try:
                yield session
            finally:
                self._local.batch = None

    def close(self) -> None:
        """Release every pooled connection (and with it the WAL files)."""
        self.engine.dispose()
