"""The findings register: a narrow trigger-kept copy of each finding, and full-text search.

Revision ID: 0002_search
Revises: 0001_initial
Create Date: 2026-11-24 09:00:00

``finding_register`` holds what the registers filter and sort on; ``finding_search`` (FTS5)
indexes reference, text and progress notes. Triggers keep the first in step and queue
changed findings in ``search_queue``; db/search.py re-indexes the queue before a search
(SQLite will not let a trigger write to FTS5 while trusted_schema is OFF).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_search"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies: a migration never changes once released (db/search.py and db/triggers.py
# are current).
CREATE_FTS = "CREATE VIRTUAL TABLE finding_search USING fts5(reference, text, notes, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = column)"
TRIGGERS = {
    "finding_register_on_insert": (
        "CREATE TRIGGER finding_register_on_insert AFTER INSERT ON finding BEGIN INSERT INTO finding_register (finding_id, deleted, report_id, kind, kind_rank, level, status, rag, applies_to_force, due_on, due_immediate, owner_id, department, chief_officer_lead, reference, reference_key, addressee, created_at, last_update_on, owner_name, report_published_on, report_rank) SELECT NEW.id, NEW.deleted_at IS NOT NULL, NEW.report_id, NEW.kind, CASE NEW.kind WHEN 'coc' THEN 0 WHEN 'recommendation' THEN 1 ELSE 2 END, NEW.level, NEW.status, NEW.rag, NEW.applies_to_force, NEW.due_on, NEW.due_immediate, NEW.owner_id, NEW.department, NEW.chief_officer_lead, NEW.reference, CASE WHEN rtrim(NEW.reference, '0123456789') = NEW.reference THEN NEW.reference ELSE rtrim(NEW.reference, '0123456789') || printf('%010d', CAST(substr(NEW.reference, length(rtrim(NEW.reference, '0123456789')) + 1) AS INTEGER)) END, NEW.addressee, NEW.created_at, (SELECT max(written_on) FROM progress_update WHERE finding_id = NEW.id AND deleted_at IS NULL), coalesce((SELECT name FROM person WHERE id = NEW.owner_id), ''), (SELECT published_on FROM report WHERE id = NEW.report_id), coalesce(-CAST(replace((SELECT published_on FROM report WHERE id = NEW.report_id), '-', '') AS INTEGER), 99999999) WHERE NOT EXISTS (SELECT 1 FROM finding_register WHERE finding_id = NEW.id); UPDATE finding_register SET (deleted, report_id, kind, kind_rank, level, status, rag, applies_to_force, due_on, due_immediate, owner_id, department, chief_officer_lead, reference, reference_key, addressee, created_at, last_update_on, owner_name, report_published_on, report_rank) = (NEW.deleted_at IS NOT NULL, NEW.report_id, NEW.kind, CASE NEW.kind WHEN 'coc' THEN 0 WHEN 'recommendation' THEN 1 ELSE 2 END, NEW.level, NEW.status, NEW.rag, NEW.applies_to_force, NEW.due_on, NEW.due_immediate, NEW.owner_id, NEW.department, NEW.chief_officer_lead, NEW.reference, CASE WHEN rtrim(NEW.reference, '0123456789') = NEW.reference THEN NEW.reference ELSE rtrim(NEW.reference, '0123456789') || printf('%010d', CAST(substr(NEW.reference, length(rtrim(NEW.reference, '0123456789')) + 1) AS INTEGER)) END, NEW.addressee, NEW.created_at, (SELECT max(written_on) FROM progress_update WHERE finding_id = NEW.id AND deleted_at IS NULL), coalesce((SELECT name FROM person WHERE id = NEW.owner_id), ''), (SELECT published_on FROM report WHERE id = NEW.report_id), coalesce(-CAST(replace((SELECT published_on FROM report WHERE id = NEW.report_id), '-', '') AS INTEGER), 99999999)) WHERE finding_id = NEW.id AND deleted = 2; INSERT INTO search_queue (finding_id) SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE finding_id = NEW.id); END"
    ),
    "finding_register_on_update": (
        "CREATE TRIGGER finding_register_on_update AFTER UPDATE ON finding BEGIN UPDATE finding_register SET finding_id = NEW.id, (deleted, report_id, kind, kind_rank, level, status, rag, applies_to_force, due_on, due_immediate, owner_id, department, chief_officer_lead, reference, reference_key, addressee, created_at, last_update_on, owner_name, report_published_on, report_rank) = (NEW.deleted_at IS NOT NULL, NEW.report_id, NEW.kind, CASE NEW.kind WHEN 'coc' THEN 0 WHEN 'recommendation' THEN 1 ELSE 2 END, NEW.level, NEW.status, NEW.rag, NEW.applies_to_force, NEW.due_on, NEW.due_immediate, NEW.owner_id, NEW.department, NEW.chief_officer_lead, NEW.reference, CASE WHEN rtrim(NEW.reference, '0123456789') = NEW.reference THEN NEW.reference ELSE rtrim(NEW.reference, '0123456789') || printf('%010d', CAST(substr(NEW.reference, length(rtrim(NEW.reference, '0123456789')) + 1) AS INTEGER)) END, NEW.addressee, NEW.created_at, (SELECT max(written_on) FROM progress_update WHERE finding_id = NEW.id AND deleted_at IS NULL), coalesce((SELECT name FROM person WHERE id = NEW.owner_id), ''), (SELECT published_on FROM report WHERE id = NEW.report_id), coalesce(-CAST(replace((SELECT published_on FROM report WHERE id = NEW.report_id), '-', '') AS INTEGER), 99999999)) WHERE finding_id = OLD.id; END"
    ),
    "finding_register_on_delete": (
        "CREATE TRIGGER finding_register_on_delete AFTER DELETE ON finding BEGIN UPDATE finding_register SET deleted = 2 WHERE finding_id = OLD.id; INSERT INTO search_queue (finding_id) SELECT OLD.id WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE finding_id = OLD.id); END"
    ),
    "finding_search_on_finding_update": (
        "CREATE TRIGGER finding_search_on_finding_update AFTER UPDATE OF id, reference, text ON finding WHEN OLD.id IS NOT NEW.id OR OLD.reference IS NOT NEW.reference OR OLD.text IS NOT NEW.text BEGIN INSERT INTO search_queue (finding_id) SELECT OLD.id WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE finding_id = OLD.id); INSERT INTO search_queue (finding_id) SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE finding_id = NEW.id); END"
    ),
    "finding_register_on_progress_insert": (
        "CREATE TRIGGER finding_register_on_progress_insert AFTER INSERT ON progress_update BEGIN UPDATE finding_register SET last_update_on = (SELECT max(written_on) FROM progress_update WHERE finding_id = NEW.finding_id AND deleted_at IS NULL) WHERE finding_id = NEW.finding_id; INSERT INTO search_queue (finding_id) SELECT NEW.finding_id WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE finding_id = NEW.finding_id); END"
    ),
    "finding_register_on_progress_update": (
        "CREATE TRIGGER finding_register_on_progress_update AFTER UPDATE OF finding_id, written_on, text, deleted_at ON progress_update BEGIN UPDATE finding_register SET last_update_on = (SELECT max(written_on) FROM progress_update WHERE finding_id = OLD.finding_id AND deleted_at IS NULL) WHERE finding_id = OLD.finding_id; UPDATE finding_register SET last_update_on = (SELECT max(written_on) FROM progress_update WHERE finding_id = NEW.finding_id AND deleted_at IS NULL) WHERE finding_id = NEW.finding_id; INSERT INTO search_queue (finding_id) SELECT OLD.finding_id WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE finding_id = OLD.finding_id); INSERT INTO search_queue (finding_id) SELECT NEW.finding_id WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE finding_id = NEW.finding_id); END"
    ),
    "finding_register_on_progress_delete": (
        "CREATE TRIGGER finding_register_on_progress_delete AFTER DELETE ON progress_update BEGIN UPDATE finding_register SET last_update_on = (SELECT max(written_on) FROM progress_update WHERE finding_id = OLD.finding_id AND deleted_at IS NULL) WHERE finding_id = OLD.finding_id; INSERT INTO search_queue (finding_id) SELECT OLD.finding_id WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE finding_id = OLD.finding_id); END"
    ),
    "finding_register_on_person_name": (
        "CREATE TRIGGER finding_register_on_person_name AFTER UPDATE OF name ON person BEGIN UPDATE finding_register SET owner_name = NEW.name WHERE owner_id = NEW.id; END"
    ),
    "finding_register_on_person_insert": (
        "CREATE TRIGGER finding_register_on_person_insert AFTER INSERT ON person BEGIN UPDATE finding_register SET owner_name = NEW.name WHERE owner_id = NEW.id; END"
    ),
    "finding_register_on_report_date": (
        "CREATE TRIGGER finding_register_on_report_date AFTER UPDATE OF published_on ON report BEGIN UPDATE finding_register SET report_published_on = NEW.published_on, report_rank = coalesce(-CAST(replace(NEW.published_on, '-', '') AS INTEGER), 99999999) WHERE report_id = NEW.id; END"
    ),
    "finding_register_on_report_insert": (
        "CREATE TRIGGER finding_register_on_report_insert AFTER INSERT ON report BEGIN UPDATE finding_register SET report_published_on = NEW.published_on, report_rank = coalesce(-CAST(replace(NEW.published_on, '-', '') AS INTEGER), 99999999) WHERE report_id = NEW.id; END"
    ),
}
FILL = (
    "INSERT INTO finding_register (finding_id, deleted, report_id, kind, kind_rank, level, status, rag, applies_to_force, due_on, due_immediate, owner_id, department, chief_officer_lead, reference, reference_key, addressee, created_at, last_update_on, owner_name, report_published_on, report_rank) SELECT f.id, f.deleted_at IS NOT NULL, f.report_id, f.kind, CASE f.kind WHEN 'coc' THEN 0 WHEN 'recommendation' THEN 1 ELSE 2 END, f.level, f.status, f.rag, f.applies_to_force, f.due_on, f.due_immediate, f.owner_id, f.department, f.chief_officer_lead, f.reference, CASE WHEN rtrim(f.reference, '0123456789') = f.reference THEN f.reference ELSE rtrim(f.reference, '0123456789') || printf('%010d', CAST(substr(f.reference, length(rtrim(f.reference, '0123456789')) + 1) AS INTEGER)) END, f.addressee, f.created_at, (SELECT max(written_on) FROM progress_update WHERE finding_id = f.id AND deleted_at IS NULL), coalesce((SELECT name FROM person WHERE id = f.owner_id), ''), (SELECT published_on FROM report WHERE id = f.report_id), coalesce(-CAST(replace((SELECT published_on FROM report WHERE id = f.report_id), '-', '') AS INTEGER), 99999999) FROM finding f",
    "INSERT INTO search_queue (finding_id) SELECT id FROM finding",
    "DELETE FROM finding_search WHERE rowid IN (SELECT doc FROM finding_register WHERE finding_id IN (SELECT finding_id FROM search_queue))",
    "DELETE FROM finding_register WHERE finding_id IN (SELECT finding_id FROM search_queue) AND finding_id NOT IN (SELECT id FROM finding)",
    "INSERT INTO finding_search (rowid, reference, text, notes) SELECT r.doc, f.reference, f.text, coalesce((SELECT group_concat(p.text, char(10)) FROM progress_update p WHERE p.finding_id = f.id AND p.deleted_at IS NULL), '') FROM search_queue q JOIN finding_register r ON r.finding_id = q.finding_id JOIN finding f ON f.id = q.finding_id",
    "DELETE FROM search_queue",
)


def upgrade() -> None:
    op.create_table(
        "finding_register",
        sa.Column("doc", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("kind_rank", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("rag", sa.String(length=8), nullable=True),
        sa.Column("applies_to_force", sa.Boolean(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("due_immediate", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("chief_officer_lead", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("reference_key", sa.String(length=220), nullable=False),
        sa.Column("addressee", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_update_on", sa.Date(), nullable=True),
        sa.Column("owner_name", sa.String(length=200), nullable=False),
        sa.Column("report_published_on", sa.Date(), nullable=True),
        sa.Column("report_rank", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("doc", name=op.f("pk_finding_register")),
        sa.UniqueConstraint("finding_id", name=op.f("uq_finding_register_finding_id")),
    )
    with op.batch_alter_table("finding_register", schema=None) as batch_op:
        batch_op.create_index(
            "ix_finding_register_default_order",
            ["deleted", "report_rank", "report_id", "kind_rank", "reference_key", "doc"],
            unique=False,
        )
    op.create_table(
        "search_queue",
        sa.Column("finding_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("finding_id", name=op.f("pk_search_queue")),
    )
    op.execute(CREATE_FTS)
    for statement in (*TRIGGERS.values(), *FILL):
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS finding_search")
    op.drop_table("search_queue")
    op.drop_table("finding_register")
