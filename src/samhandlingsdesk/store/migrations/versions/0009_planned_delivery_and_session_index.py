"""veiledning planned delivery date, and an index on the start that made an event

Revision ID: 0009
Revises: 0005
Create Date: 2026-11-29 05:50:00

Adds `veiledning.planned_delivery_on` (DOMAIN.md (b): the agreement may carry a planned
delivery date; the follow-up of «Avtalt» counts to it, else 15 working days after
`agreed_on`) and `ix_event_session` on `event.session_id`, so that undo finds this
start's newest change from the index instead of scanning the event table when the start
has made none. Open veiledning cases keep their due dates (no case has the date yet).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE (no batch copy): the search view reads the veiledning table.
    op.add_column("veiledning", sa.Column("planned_delivery_on", sa.Date(), nullable=True))
    op.create_index("ix_event_session", "event", ["session_id"])


def downgrade() -> None:
    op.drop_index("ix_event_session", table_name="event")
    # SQLite >= 3.35 drops a column in place; a batch copy would break the search view.
    op.execute("ALTER TABLE veiledning DROP COLUMN planned_delivery_on")
