"""The store: SQLAlchemy records, SQLite engine, Alembic migrations. Imports no app/ or ui/."""
