"""follow-ups: the last purring of a case, and a covering index for the inbox counts

Revision ID: 0005
Revises: 0008 (written on 0002; chained after the statistics revision at the merge)
Create Date: 2026-11-29 03:10:00

Adds `case.reminded_on` (the day of the last purring: the next reminder counts from it,
DOMAIN.md «Follow-ups») and `ix_case_counts`, a partial index over the open cases that
holds every column the inbox summary and the agenda count («3 kritiske · 57 forfalt ·
…»), and `ix_case_new` for the cases created since the desk was last opened, so the
counts read the indexes alone. The follow-up rules are new, so the desk recomputes every
open case's due date on the next open (the stored reminder lengths are set to none).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# kind: the agenda counts per kind; is_open: without it SQLite would look up each row to
# check the partial index's own term.
COUNT_COLUMNS = [
    "due_on",
    "critical_on",
    "snoozed_until",
    "created_at",
    "deleted_at",
    "kind",
    "is_open",
]

# The open cases created since a moment («Ny»), read from the index alone.
NEW_COLUMNS = ["created_at", "snoozed_until", "deleted_at", "is_open"]


def upgrade() -> None:
    # A plain ALTER TABLE (no batch copy: the search view reads `case`).
    op.add_column("case", sa.Column("reminded_on", sa.Date(), nullable=True))
    op.create_index("ix_case_counts", "case", COUNT_COLUMNS, sqlite_where=sa.text("is_open = 1"))
    op.create_index("ix_case_new", "case", NEW_COLUMNS, sqlite_where=sa.text("is_open = 1"))
    conn = op.get_bind()
    if conn.execute(sa.text('SELECT count(*) FROM "case"')).scalar():
        conn.execute(sa.text("INSERT OR REPLACE INTO meta (key, value) VALUES ('reminders', '{}')"))


def downgrade() -> None:
    op.drop_index("ix_case_new", table_name="case")
    op.drop_index("ix_case_counts", table_name="case")
    op.execute('ALTER TABLE "case" DROP COLUMN reminded_on')
