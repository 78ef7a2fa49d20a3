"""Ask a service what it would refuse about a value, without storing anything."""

from __future__ import annotations

from typing import Any

from app.domain.errors import DomainError, InvalidValues
from app.services.entity import EntityService


def problems_for(service: EntityService[Any], value: Any, before: Any = None) -> dict[str, str]:
    """Field -> message for everything ``service`` would refuse in ``value`` (empty when fine).

    A form uses this to show every problem at once, e.g. when a date could not be read and the
    value cannot be saved anyway.
    """
    with service.ctx.store.read() as session:
        try:
            service._validate(session, value, before, "")
        except InvalidValues as exc:
            return dict(exc.problems)
        except DomainError as exc:
            return {exc.field or "": exc.message}
    return {}
