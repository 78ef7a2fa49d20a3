"""Errors the domain raises; each names the field a person has to correct."""

from __future__ import annotations


class DomainError(Exception):
    """A change the rules do not allow, or a value that is not valid."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message if field is None else f"{field}: {message}")
        self.field = field
        self.message = message


class InvalidValues(DomainError):
    """Several fields are wrong at once (a form shows each next to its field)."""

    def __init__(self, problems: dict[str, str]) -> None:
        first_field, first_message = next(iter(problems.items()))
        super().__init__(first_field, first_message)
        self.problems = problems
        self.args = ("; ".join(f"{field}: {msg}" for field, msg in problems.items()),)


class NotFound(DomainError):
    """No record with that id."""

    def __init__(self, entity: str, record_id: str) -> None:
        super().__init__(None, f"no {entity} with id {record_id}")
        self.entity = entity
        self.record_id = record_id
