"""Declarative base with a naming convention, and the columns every shared record carries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# "LDSK" — written to the SQLite header so a foreign file is recognised before it is read.
APPLICATION_ID = 0x4C44534B


class Base(DeclarativeBase):
    """Base of every record; constraints are named so batch migrations can find them."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SharedColumns:
    """Stable UUID plus created/updated/deleted times: what snapshots and merges match on."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
