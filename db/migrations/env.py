"""Alembic environment: runs on the connection db.migrate hands in, inside its transaction."""

from alembic import context

from db import records  # noqa: F401  (registers the tables on Base.metadata)
from db.base import Base
from db.search import is_fts_table


def include_name(name, type_, parent_names):  # type: ignore[no-untyped-def]
    """Leave the FTS5 table and its shadow tables out of autogenerate: they are not modelled."""
    return not (type_ == "table" and is_fts_table(name))


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
