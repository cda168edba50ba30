"""LIS3 queued_on: the day a candidate was first put in the queue

Revision ID: 0008
Revises: 0002
Create Date: 2026-11-29 02:50:00

Adds `lis3.queued_on` (DOMAIN.md «Dates that statistics and retention count from»: LIS3
also stores `queued_on`, set by the move to «I kø»; statistics count the months waited
from it). Backfilled from the first move to «I kø» that was not undone, else, for a case
in the queue now, from its `status_since`.
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OSLO = ZoneInfo("Europe/Oslo")


def _local_day(value: object) -> date | None:
    if value is None:
        return None
    text = str(value).replace(" ", "T")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(OSLO).date()


def upgrade() -> None:
    # Plain ALTER TABLE (no batch copy): the search view reads the lis3 table.
    op.add_column("lis3", sa.Column("queued_on", sa.Date(), nullable=True))

    conn = op.get_bind()
    first_queued = dict(
        conn.execute(
            sa.text(
                'SELECT e.case_id, min(e.at) FROM event e JOIN "case" c ON c.id = e.case_id '
                "WHERE c.kind = 'lis3' AND e.field = 'status' AND e.new = 'i_ko' "
                "AND e.undone_by IS NULL GROUP BY e.case_id"
            )
        ).all()
    )
    rows = conn.execute(
        sa.text("SELECT id, status, status_since FROM \"case\" WHERE kind = 'lis3'")
    ).all()
    updates = []
    for case_id, status, status_since in rows:
        queued = _local_day(first_queued.get(case_id))
        if queued is None and status == "i_ko" and status_since:
            queued = date.fromisoformat(str(status_since)[:10])
        if queued is not None:
            updates.append({"id": case_id, "queued": queued})
    if updates:
        conn.execute(
            sa.text("UPDATE lis3 SET queued_on = :queued WHERE case_id = :id"),
            updates,
        )


def downgrade() -> None:
    # SQLite >= 3.35 drops a column in place; a batch copy would break the search view.
    op.execute("ALTER TABLE lis3 DROP COLUMN queued_on")
