"""status dates, rule keys and weights, hidden cases, the start that made an event

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 02:40:00

Adds to `case`: `status_since`, `closed_on` (backfilled from the history, DOMAIN.md «Dates
that statistics and retention count from»), `due_key`/`due_params` (the rule behind
`due_on`), `critical_on` (DOMAIN.md «Weights»), `deleted_at` (a creation undone); to
`event`: `session_id` (the start of the desk that wrote it). The due columns are filled by
the desk's recompute on the next open (the stored reminder lengths are set to none so that
it runs).
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OSLO = ZoneInfo("Europe/Oslo")

# Terminal statuses as they were when this revision was written (frozen on purpose).
TERMINAL: dict[str, frozenset[str]] = {
    "hospitering": frozenset({"evaluert", "tilbakemeldt_avslag", "trukket"}),
    "veiledning": frozenset({"lukket", "avvist", "trukket"}),
    "lis1": frozenset({"avsluttet", "trukket"}),
    "lis3": frozenset({"fullfort", "avlyst"}),
    "nettverk": frozenset({"rapportert", "avlyst"}),
}


def _local_day(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        dt = value
    else:
        text = str(value).replace(" ", "T")
        try:
            dt = datetime.fromisoformat(text)
        except ValueError:
            return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(OSLO).date()


def upgrade() -> None:
    with op.batch_alter_table("case") as batch:
        batch.add_column(sa.Column("due_key", sa.String(), nullable=True))
        batch.add_column(sa.Column("due_params", sa.String(), nullable=True))
        batch.add_column(sa.Column("critical_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("status_since", sa.Date(), nullable=True))
        batch.add_column(sa.Column("closed_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))
    op.create_index(
        "ix_case_critical",
        "case",
        ["critical_on", "pk"],
        sqlite_where=sa.text("is_open = 1"),
    )
    with op.batch_alter_table("event") as batch:
        batch.add_column(sa.Column("session_id", sa.String(), nullable=True))

    conn = op.get_bind()
    # The last status event of each case (undone moves do not count).
    last_move = dict(
        conn.execute(
            sa.text(
                "SELECT case_id, max(at) FROM event "
                "WHERE field = 'status' AND undone_by IS NULL GROUP BY case_id"
            )
        ).all()
    )
    rows = conn.execute(
        sa.text('SELECT id, kind, status, received_on, updated_at FROM "case"')
    ).all()
    updates = []
    for case_id, kind, status, received_on, updated_at in rows:
        moved = _local_day(last_move.get(case_id))
        received = date.fromisoformat(str(received_on)[:10]) if received_on else None
        since = moved or received
        closed = None
        if status in TERMINAL.get(kind, frozenset()):
            closed = moved or _local_day(updated_at) or received
            since = closed
        updates.append({"id": case_id, "since": since, "closed": closed})
    if updates:
        conn.execute(
            sa.text('UPDATE "case" SET status_since = :since, closed_on = :closed WHERE id = :id'),
            updates,
        )
    # Make the desk recompute every open case's due date (and its key and weight) on open.
    if rows:
        conn.execute(sa.text("INSERT OR REPLACE INTO meta (key, value) VALUES ('reminders', '{}')"))


def downgrade() -> None:
    op.drop_index("ix_case_critical", table_name="case")
    with op.batch_alter_table("event") as batch:
        batch.drop_column("session_id")
    with op.batch_alter_table("case") as batch:
        for name in ("deleted_at", "closed_on", "status_since", "critical_on"):
            batch.drop_column(name)
        batch.drop_column("due_params")
        batch.drop_column("due_key")
