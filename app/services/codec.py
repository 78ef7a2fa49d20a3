"""Turns domain values into record columns and back, and column values into log text."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any, Generic, TypeVar

V = TypeVar("V")


class Codec(Generic[V]):
    """Maps the fields of a frozen dataclass onto the same-named columns of a record."""

    def __init__(
        self,
        value_type: type[V],
        *,
        enums: dict[str, Callable[[Any], Any]] | None = None,
        lists: frozenset[str] = frozenset(),
        json_fields: frozenset[str] = frozenset(),
        skip: frozenset[str] = frozenset(),
    ) -> None:
        self.value_type = value_type
        self.enums = enums or {}
        self.lists = lists
        self.json_fields = json_fields
        names = [f.name for f in dataclasses.fields(value_type)]  # type: ignore[arg-type]
        self.columns = tuple(n for n in names if n not in skip and n not in _META)
        self.readable = tuple(n for n in names if n not in skip)

    def to_columns(self, value: V) -> dict[str, Any]:
        """Column values for ``value`` (without id and timestamps)."""
        out: dict[str, Any] = {}
        for name in self.columns:
            item = getattr(value, name)
            if name in self.lists:
                item = "; ".join(item)
            elif name in self.json_fields:
                item = json.dumps(item, ensure_ascii=False, sort_keys=True)
            elif isinstance(item, Enum):
                item = item.value
            out[name] = item
        return out

    def to_value(self, record: Any, **extra: Any) -> V:
        """The domain value for a record."""
        kwargs: dict[str, Any] = {}
        for name in self.readable:
            if name in extra:
                continue
            item = getattr(record, name)
            if name in self.lists:
                item = tuple(part.strip() for part in item.split(";") if part.strip())
            elif name in self.json_fields:
                item = json.loads(item or "{}")
            elif name in self.enums and item is not None:
                item = self.enums[name](item)
            kwargs[name] = item
        kwargs.update(extra)
        return self.value_type(**kwargs)


_META = frozenset({"id", "created_at", "updated_at", "deleted_at"})


def encode(value: Any) -> str | None:
    """A column value as change-log text (JSON), None for no value."""
    if value is None:
        return None
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, datetime | date):
        value = value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def decode(text: str | None) -> Any:
    """The inverse of ``encode`` (dates stay ISO strings)."""
    return None if text is None else json.loads(text)
