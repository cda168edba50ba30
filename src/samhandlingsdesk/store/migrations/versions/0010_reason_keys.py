"""reasons stored as keys, with a comment for a reason the desk does not offer

Revision ID: 0010
Revises: 0005
Create Date: 2026-11-29 06:00:00

Until now a closing move stored its reason's label (`case.reason = "Dublett av en annen
sak"`), and so did the events that undo writes back. This revision stores the key
(`dublett`; the labels live in the text catalogue) in `case.reason` and in the `old`/`new`
of every `reason` event, and adds `case.reason_comment`.

Every label the desk has ever written is mapped (a key, as a file may carry one, maps to
itself; case and spacing do not matter). Any other text — a reason imported from a file,
or stored by an older desk — is kept as the legacy reason `annet` with the text as the
case's comment (DOMAIN.md, veiledning). An event keeps no comment: its free text becomes
`annet`, and the case's own comment holds the text of the reason it has now.

Frozen: the map below is a copy, never the live catalogue, so this revision means the
same thing whatever the catalogue says later.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OTHER = "annet"

# key -> the label this version shows (the downgrade writes these back).
LABELS = {
    "organisatorisk": "Gjelder organisatoriske eller administrative endringer",
    "ikke_helse": "Gjelder ikke helsemessige forhold",
    "ikke_nodvendig": "Veiledningen er ikke nødvendig",
    "soker_trekker": "Søkeren eller parten trekker henvendelsen",
    "omgjort": "Omgjort til en annen sakstype",
    "dublett": "Dublett av en annen sak",
    "for_fa_deltakere": "For få deltakere",
    "kommunen_trakk": "Kommunen trakk seg",
    "endret_plan": "Endret utdanningsplan eller tidspunkt",
    "annet": "Annet",
}
# Labels earlier versions wrote (git history of domain/lifecycle.py): «Annet (se
# kommentar)» until the reason dialog stopped promising a comment field.
FORMER = {
    "Annet (se kommentar)": "annet",
}


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


KNOWN = {
    **{_fold(k): k for k in LABELS},
    **{_fold(label): k for k, label in LABELS.items()},
    **{_fold(label): k for label, k in FORMER.items()},
}


def read(text: str | None) -> tuple[str | None, str | None]:
    """A stored reason -> (key, comment): free text is `annet` with the text as comment."""
    if text is None or not text.strip():
        return None, None
    key = KNOWN.get(_fold(text))
    return (key, None) if key is not None else (OTHER, text.strip())


def upgrade() -> None:
    # Plain ALTER TABLE (no batch copy): the search view reads the case table.
    op.add_column("case", sa.Column("reason_comment", sa.String(), nullable=True))
    conn = op.get_bind()
    cases = conn.execute(sa.text('SELECT id, reason FROM "case" WHERE reason IS NOT NULL')).all()
    updates = []
    for case_id, text in cases:
        key, comment = read(text)
        if (key, comment) != (text, None):
            updates.append({"id": case_id, "key": key, "comment": comment})
    if updates:
        conn.execute(
            sa.text('UPDATE "case" SET reason = :key, reason_comment = :comment WHERE id = :id'),
            updates,
        )
    events = conn.execute(sa.text("SELECT id, old, new FROM event WHERE field = 'reason'")).all()
    changed = []
    for event_id, old, new in events:
        old_key, new_key = read(old)[0], read(new)[0]
        if (old_key, new_key) != (old, new):
            changed.append({"id": event_id, "old": old_key, "new": new_key})
    if changed:
        conn.execute(sa.text("UPDATE event SET old = :old, new = :new WHERE id = :id"), changed)


def _label(value: str | None) -> str | None:
    return LABELS.get(value, value) if value is not None else None


def downgrade() -> None:
    conn = op.get_bind()
    cases = conn.execute(
        sa.text('SELECT id, reason, reason_comment FROM "case" WHERE reason IS NOT NULL')
    ).all()
    if cases:
        conn.execute(
            sa.text('UPDATE "case" SET reason = :text WHERE id = :id'),
            [
                {"id": case_id, "text": comment if key == OTHER and comment else _label(key)}
                for case_id, key, comment in cases
            ],
        )
    events = conn.execute(sa.text("SELECT id, old, new FROM event WHERE field = 'reason'")).all()
    if events:
        conn.execute(
            sa.text("UPDATE event SET old = :old, new = :new WHERE id = :id"),
            [{"id": i, "old": _label(old), "new": _label(new)} for i, old, new in events],
        )
    conn.execute(sa.text("DELETE FROM event WHERE field = 'reason_comment'"))
    # SQLite >= 3.35 drops a column in place; a batch copy would break the search view.
    op.execute('ALTER TABLE "case" DROP COLUMN reason_comment')
