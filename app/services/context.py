"""What every service shares: the store, the clock and who is making the changes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.clock import Clock
from app.services.codec import encode
from db.records import ChangeRecord
from db.store import Store


@dataclass
class ServiceContext:
    """Shared by the services of one open database."""

    store: Store
    clock: Clock = field(default_factory=Clock)
    actor: str = "Liaison Desk"

    def log(
        self,
        session: Session,
        *,
        entity: str,
        entity_id: str,
        action: str,
        changes: dict[str, tuple[object, object]],
        note: str = "",
        at: datetime | None = None,
    ) -> None:
        """Append one change-log entry per changed field."""
        moment = at or self.clock.now()
        # A Core insert: the log is written far more often than any record, and never read
        # back through the session.
        session.execute(
            insert(ChangeRecord),
            [
                {
                    "id": new_id(),
                    "at": moment,
                    "actor": self.actor,
                    "entity": entity,
                    "entity_id": entity_id,
                    "action": action,
                    "field": name,
                    "old_value": encode(old),
                    "new_value": encode(new),
                    "note": note,
                }
                for name, (old, new) in changes.items()
            ],
        )


def new_id() -> str:
    """A new stable record id."""
    return str(uuid.uuid4())
