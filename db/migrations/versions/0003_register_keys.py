"""Index the register copy by owner and by report.

Revision ID: 0003_register_keys
Revises: 0002_search
Create Date: 2026-12-08 01:00:00

The triggers that copy a person's name or a report's date into ``finding_register`` look
rows up by ``owner_id`` and ``report_id``: without these indexes every new person or report
scanned the whole register (7 ms each at 50,000 findings, seconds for an import naming
hundreds of reports; 0.05 ms with them). The owner and report filters use them too.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003_register_keys"
down_revision: str | None = "0002_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_finding_register_owner_id", "finding_register", ["owner_id"])
    op.create_index("ix_finding_register_report_id", "finding_register", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_finding_register_report_id", table_name="finding_register")
    op.drop_index("ix_finding_register_owner_id", table_name="finding_register")
