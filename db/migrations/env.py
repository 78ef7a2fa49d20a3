"""Alembic environment: runs on the connection db.migrate hands in, inside its transaction."""

from alembic import context

from db import records  # noqa: F401  (registers the tables on Base.metadata)
from db.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
