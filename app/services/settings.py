"""Force-wide settings, kept in the database so that snapshots carry them."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

from sqlalchemy import select

from app.domain.values import ForceSettings
from app.services.context import ServiceContext
from db.records import SettingRecord

_DATES = {"process_change_date"}


class SettingsService:
    """Reads and writes ForceSettings; every change is logged."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def get(self) -> ForceSettings:
        """The force settings, with defaults for anything never set."""
        with self.ctx.store.read() as session:
            stored = {r.key: json.loads(r.value) for r in session.scalars(select(SettingRecord))}
        values = {}
        for f in dataclasses.fields(ForceSettings):
            if f.name in stored:
                raw = stored[f.name]
                values[f.name] = date.fromisoformat(raw) if f.name in _DATES else raw
        return ForceSettings(**values)

    def save(self, settings: ForceSettings) -> ForceSettings:
        """Store the settings that changed."""
        current = self.get()
        with self.ctx.store.write() as session:
            for f in dataclasses.fields(ForceSettings):
                old, new = getattr(current, f.name), getattr(settings, f.name)
                if old == new:
                    continue
                text = json.dumps(new.isoformat() if isinstance(new, date) else new)
                record = session.get(SettingRecord, f.name)
                if record is None:
                    session.add(SettingRecord(key=f.name, value=text))
                else:
                    record.value = text
                self.ctx.log(
                    session,
                    entity="setting",
                    entity_id=f.name,
                    action="update",
                    changes={f.name: (old, new)},
                )
        return settings

    def is_configured(self) -> bool:
        """True once any setting has been saved."""
        with self.ctx.store.read() as session:
            return session.scalars(select(SettingRecord).limit(1)).first() is not None
