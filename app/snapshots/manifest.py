"""What a snapshot says about itself: who made it, when, with which version, what it holds."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from app.snapshots.errors import DamagedSnapshot, NewerSnapshot, NotASnapshot

FORMAT = "liaison-desk-snapshot"
FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = 1 << 20
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Manifest:
    """The snapshot's description; ``database_sha256`` is the SHA-256 of the database bytes."""

    app_version: str
    schema_revision: str
    created_at: datetime  # naive UTC
    created_by: str
    counts: dict[str, dict[str, int]]  # table -> {"rows": n, "live": n not deleted}
    database_size: int
    database_sha256: str
    compression: str = "none"  # of the database bytes inside an encrypted stream
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    source: str = field(default="snapshot", compare=False)  # or "database file"

    def to_json(self) -> bytes:
        """The manifest as UTF-8 JSON."""
        data = asdict(self)
        data.pop("source")
        data["created_at"] = self.created_at.isoformat()
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        """Parse and validate a manifest; refuses one from a newer format."""
        if len(raw) > MAX_MANIFEST_BYTES:
            raise DamagedSnapshot("its description (manifest) is far too large")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DamagedSnapshot("its description (manifest) is unreadable") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise NotASnapshot("it is not a Liaison Desk snapshot")
        version = data.get("format_version")
        if not isinstance(version, int):
            raise DamagedSnapshot("its description (manifest) is incomplete")
        if version > FORMAT_VERSION:
            raise NewerSnapshot(
                f"it was made by Liaison Desk {data.get('app_version', '(newer)')}; "
                "please update Liaison Desk to import it"
            )
        try:
            return cls(
                app_version=_text(data, "app_version"),
                schema_revision=_text(data, "schema_revision"),
                created_at=datetime.fromisoformat(_text(data, "created_at")),
                created_by=_text(data, "created_by"),
                counts=_counts(data.get("counts")),
                database_size=_count(data.get("database_size")),
                database_sha256=_sha(data.get("database_sha256")),
                compression=_choice(data.get("compression", "none"), ("none", "deflate")),
                format_version=version,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DamagedSnapshot("its description (manifest) is incomplete") from exc

    def live(self, table: str) -> int:
        """Records of a table that are not deleted."""
        return self.counts.get(table, {}).get("live", 0)


def _text(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or len(value) > 500:
        raise ValueError(key)
    return value


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("count")
    return value


def _sha(value: Any) -> str:
    if not isinstance(value, str) or not _SHA256.match(value):
        raise ValueError("sha256")
    return value


def _choice(value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(value)
    return str(value)


def _counts(value: Any) -> dict[str, dict[str, int]]:
    if not isinstance(value, dict):
        raise TypeError("counts")
    out: dict[str, dict[str, int]] = {}
    for table, numbers in value.items():
        if not isinstance(table, str) or not isinstance(numbers, dict):
            raise TypeError("counts")
        out[table] = {str(k): _count(v) for k, v in numbers.items()}
    return out
