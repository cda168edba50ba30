"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 05:31:54.620052
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The full-text index as it was when this revision was written (frozen on purpose:
# see store/search_schema.py).
SEARCH_SQL: tuple[str, ...] = (
    "CREATE VIEW case_search_doc AS\nSELECT c.pk AS pk, c.ref AS ref, c.title AS title,\n  trim(coalesce(c.party, '') || ' ' || coalesce(c.contact_name, '') || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.archive_ref, '') || ' ' || coalesce(c.tags, '') || ' ' || coalesce(d_hospitering.applicant_name, '') || ' ' || coalesce(d_hospitering.workplace, '') || ' ' || coalesce(d_hospitering.profession, '') || ' ' || coalesce(d_hospitering.desired_host_unit, '') || ' ' || coalesce(d_hospitering.theme_goals, '') || ' ' || coalesce(d_hospitering.host_unit, '') || ' ' || coalesce(d_hospitering.host_contact, '') || ' ' || coalesce(d_hospitering.host_email, '') || ' ' || coalesce(d_veiledning.topic, '') || ' ' || coalesce(d_veiledning.unit_asked, '') || ' ' || coalesce(d_veiledning.grouping_key, '') || ' ' || coalesce(d_veiledning.agreement, '') || ' ' || coalesce(d_veiledning.related_ref, '') || ' ' || coalesce(d_lis1.doctor_name, '') || ' ' || coalesce(d_lis3.doctor_name, '') || ' ' || coalesce(d_lis3.specialty, '') || ' ' || coalesce(d_lis3.supervisor_municipality, '') || ' ' || coalesce(d_lis3.supervisor_host, '') || ' ' || coalesce(d_lis3.department, '') || ' ' || coalesce(d_lis3.location, '') || ' ' || coalesce(d_nettverk.network_name, '') || ' ' || coalesce(d_nettverk.topic, '') || ' ' || coalesce(d_nettverk.target_group, '') || ' ' || coalesce(d_nettverk.coordinator, '')) AS body,\n  coalesce((SELECT group_concat(n.text, ' ') FROM note n WHERE n.case_id = c.id), '') AS notes,\n  trim(coalesce(c.contact_phone, '') || ' ' || coalesce(d_hospitering.home_phone, '') || ' ' || coalesce(d_hospitering.workplace_phone, '') || ' ' || coalesce(d_hospitering.host_phone, '')) AS phones\nFROM \"case\" c\n  LEFT JOIN hospitering d_hospitering ON d_hospitering.case_id = c.id\n  LEFT JOIN veiledning d_veiledning ON d_veiledning.case_id = c.id\n  LEFT JOIN lis1 d_lis1 ON d_lis1.case_id = c.id\n  LEFT JOIN lis3 d_lis3 ON d_lis3.case_id = c.id\n  LEFT JOIN nettverk d_nettverk ON d_nettverk.case_id = c.id",
    "CREATE VIRTUAL TABLE case_fts USING fts5(ref, title, body, notes, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')",
    "CREATE VIRTUAL TABLE phone_fts USING fts5(phones, tokenize = 'trigram')",
    "CREATE TRIGGER case_fts_ai AFTER INSERT ON \"case\" BEGIN\n  DELETE FROM case_fts WHERE rowid = NEW.pk;\n  DELETE FROM phone_fts WHERE rowid = NEW.pk;\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = NEW.pk;\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = NEW.pk AND phones <> '';\nEND",
    "CREATE TRIGGER case_fts_au AFTER UPDATE OF ref, title, party, contact_name, email, archive_ref, tags, contact_phone ON \"case\" BEGIN\n  DELETE FROM case_fts WHERE rowid = NEW.pk;\n  DELETE FROM phone_fts WHERE rowid = NEW.pk;\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = NEW.pk;\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = NEW.pk AND phones <> '';\nEND",
    'CREATE TRIGGER case_fts_ad AFTER DELETE ON "case" BEGIN\n  DELETE FROM case_fts WHERE rowid = OLD.pk;\n  DELETE FROM phone_fts WHERE rowid = OLD.pk;\nEND',
    'CREATE TRIGGER hospitering_fts_ai AFTER INSERT ON hospitering BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER hospitering_fts_au AFTER UPDATE ON hospitering BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER hospitering_fts_ad AFTER DELETE ON hospitering BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = OLD.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER veiledning_fts_ai AFTER INSERT ON veiledning BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER veiledning_fts_au AFTER UPDATE ON veiledning BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER veiledning_fts_ad AFTER DELETE ON veiledning BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = OLD.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER lis1_fts_ai AFTER INSERT ON lis1 BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER lis1_fts_au AFTER UPDATE ON lis1 BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER lis1_fts_ad AFTER DELETE ON lis1 BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = OLD.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER lis3_fts_ai AFTER INSERT ON lis3 BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER lis3_fts_au AFTER UPDATE ON lis3 BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER lis3_fts_ad AFTER DELETE ON lis3 BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = OLD.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER nettverk_fts_ai AFTER INSERT ON nettverk BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER nettverk_fts_au AFTER UPDATE ON nettverk BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER nettverk_fts_ad AFTER DELETE ON nettverk BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = OLD.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER note_fts_ai AFTER INSERT ON note BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER note_fts_au AFTER UPDATE ON note BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = NEW.case_id) AND phones <> \'\';\nEND',
    'CREATE TRIGGER note_fts_ad AFTER DELETE ON note BEGIN\n  DELETE FROM case_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  DELETE FROM phone_fts WHERE rowid = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  INSERT INTO case_fts(rowid, ref, title, body, notes)\n    SELECT pk, ref, title, body, notes FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = OLD.case_id);\n  INSERT INTO phone_fts(rowid, phones)\n    SELECT pk, phones FROM case_search_doc WHERE pk = (SELECT pk FROM "case" WHERE id = OLD.case_id) AND phones <> \'\';\nEND',
)
SEARCH_DROP_SQL: tuple[str, ...] = (
    "DROP TRIGGER IF EXISTS case_fts_ai",
    "DROP TRIGGER IF EXISTS case_fts_au",
    "DROP TRIGGER IF EXISTS case_fts_ad",
    "DROP TRIGGER IF EXISTS hospitering_fts_ai",
    "DROP TRIGGER IF EXISTS hospitering_fts_au",
    "DROP TRIGGER IF EXISTS hospitering_fts_ad",
    "DROP TRIGGER IF EXISTS veiledning_fts_ai",
    "DROP TRIGGER IF EXISTS veiledning_fts_au",
    "DROP TRIGGER IF EXISTS veiledning_fts_ad",
    "DROP TRIGGER IF EXISTS lis1_fts_ai",
    "DROP TRIGGER IF EXISTS lis1_fts_au",
    "DROP TRIGGER IF EXISTS lis1_fts_ad",
    "DROP TRIGGER IF EXISTS lis3_fts_ai",
    "DROP TRIGGER IF EXISTS lis3_fts_au",
    "DROP TRIGGER IF EXISTS lis3_fts_ad",
    "DROP TRIGGER IF EXISTS nettverk_fts_ai",
    "DROP TRIGGER IF EXISTS nettverk_fts_au",
    "DROP TRIGGER IF EXISTS nettverk_fts_ad",
    "DROP TRIGGER IF EXISTS note_fts_ai",
    "DROP TRIGGER IF EXISTS note_fts_au",
    "DROP TRIGGER IF EXISTS note_fts_ad",
    "DROP TABLE IF EXISTS phone_fts",
    "DROP TABLE IF EXISTS case_fts",
    "DROP VIEW IF EXISTS case_search_doc",
)


def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table(
        "case",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("ref", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("ref_year", sa.Integer(), nullable=False),
        sa.Column("ref_seq", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("queue", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("whose_move", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("flag_count", sa.Integer(), nullable=False),
        sa.Column("party", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("contact_name", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("contact_phone", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("due_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archive_ref", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("tags", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_case")),
        sa.UniqueConstraint("id", name=op.f("uq_case_id")),
        sa.UniqueConstraint(
            "kind", "ref_year", "ref_seq", name=op.f("uq_case_kind_ref_year_ref_seq")
        ),
        sa.UniqueConstraint("ref", name=op.f("uq_case_ref")),
    )
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.create_index(
            "ix_case_inbox", ["due_on", "pk"], unique=False, sqlite_where=sa.text("is_open = 1")
        )
        batch_op.create_index("ix_case_queue", ["queue", "due_on", "pk"], unique=False)
        batch_op.create_index(
            "ix_case_queue_open", ["queue", "is_open", "due_on", "pk"], unique=False
        )
        batch_op.create_index(
            "ix_case_queue_status", ["queue", "status", "due_on", "pk"], unique=False
        )
        batch_op.create_index("ix_case_updated", ["updated_at"], unique=False)

    op.create_table(
        "export_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("filter", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kinds", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("files", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_log")),
    )
    op.create_table(
        "meta",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_meta")),
    )
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("batch_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("old", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("new", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("undone_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_event_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index("ix_event_at", ["at"], unique=False)
        batch_op.create_index("ix_event_batch", ["batch_id"], unique=False)
        batch_op.create_index("ix_event_case", ["case_id", "id"], unique=False)

    op.create_table(
        "hospitering",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(), nullable=True),
        sa.Column("applicant_name", sa.String(), nullable=True),
        sa.Column("home_address", sa.String(), nullable=True),
        sa.Column("home_phone", sa.String(), nullable=True),
        sa.Column("workplace", sa.String(), nullable=True),
        sa.Column("workplace_address", sa.String(), nullable=True),
        sa.Column("workplace_phone", sa.String(), nullable=True),
        sa.Column("profession", sa.String(), nullable=True),
        sa.Column("desired_host_unit", sa.String(), nullable=True),
        sa.Column("period_from", sa.Date(), nullable=True),
        sa.Column("period_to", sa.Date(), nullable=True),
        sa.Column("theme_goals", sa.String(), nullable=True),
        sa.Column("contribution", sa.String(), nullable=True),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("signed", sa.Boolean(), nullable=True),
        sa.Column("own_leader_decision", sa.String(), nullable=True),
        sa.Column("own_leader_on", sa.Date(), nullable=True),
        sa.Column("own_leader_comment", sa.String(), nullable=True),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("host_received_on", sa.Date(), nullable=True),
        sa.Column("host_leader_decision", sa.String(), nullable=True),
        sa.Column("host_leader_on", sa.Date(), nullable=True),
        sa.Column("host_leader_comment", sa.String(), nullable=True),
        sa.Column("host_unit", sa.String(), nullable=True),
        sa.Column("host_contact", sa.String(), nullable=True),
        sa.Column("host_email", sa.String(), nullable=True),
        sa.Column("host_phone", sa.String(), nullable=True),
        sa.Column("agreed_from", sa.Date(), nullable=True),
        sa.Column("agreed_to", sa.Date(), nullable=True),
        sa.Column("feedback_decision", sa.String(), nullable=True),
        sa.Column("feedback_on", sa.Date(), nullable=True),
        sa.Column("travel_lodging", sa.String(), nullable=True),
        sa.Column("confidentiality_on", sa.Date(), nullable=True),
        sa.Column("evaluation_planned_on", sa.Date(), nullable=True),
        sa.Column("evaluation_done_on", sa.Date(), nullable=True),
        sa.Column("evaluation_form", sa.String(), nullable=True),
        sa.Column("evaluation_notes", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_hospitering_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_hospitering")),
    )
    op.create_table(
        "lis1",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("doctor_name", sa.String(), nullable=True),
        sa.Column("hospital_from", sa.Date(), nullable=True),
        sa.Column("hospital_to", sa.Date(), nullable=True),
        sa.Column("municipal_from", sa.Date(), nullable=True),
        sa.Column("municipal_to", sa.Date(), nullable=True),
        sa.Column("notice_type", sa.String(), nullable=True),
        sa.Column("event_on", sa.Date(), nullable=True),
        sa.Column("coarse_reason", sa.String(), nullable=True),
        sa.Column("hospital_notified_on", sa.Date(), nullable=True),
        sa.Column("statsforvalter_notified_on", sa.Date(), nullable=True),
        sa.Column("statsforvalter_confirmed", sa.Boolean(), nullable=True),
        sa.Column("other_party_informed_on", sa.Date(), nullable=True),
        sa.Column("new_expected_from", sa.Date(), nullable=True),
        sa.Column("new_expected_to", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_lis1_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_lis1")),
    )
    op.create_table(
        "lis3",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("doctor_name", sa.String(), nullable=True),
        sa.Column("program", sa.String(), nullable=True),
        sa.Column("specialty", sa.String(), nullable=True),
        sa.Column("seniority_from", sa.Date(), nullable=True),
        sa.Column("reported_by", sa.String(), nullable=True),
        sa.Column("plan_assigned_on", sa.Date(), nullable=True),
        sa.Column("supervisor_municipality", sa.String(), nullable=True),
        sa.Column("supervisor_host", sa.String(), nullable=True),
        sa.Column("desired_from", sa.Date(), nullable=True),
        sa.Column("desired_to", sa.Date(), nullable=True),
        sa.Column("department", sa.String(), nullable=True),
        sa.Column("location", sa.String(), nullable=True),
        sa.Column("duration_months", sa.String(), nullable=True),
        sa.Column("confirmation_requested_on", sa.Date(), nullable=True),
        sa.Column("offered_from", sa.Date(), nullable=True),
        sa.Column("offered_to", sa.Date(), nullable=True),
        sa.Column("offered_department", sa.String(), nullable=True),
        sa.Column("offered_location", sa.String(), nullable=True),
        sa.Column("locum_arranged", sa.Boolean(), nullable=True),
        sa.Column("change_reported_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_lis3_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_lis3")),
    )
    op.create_table(
        "nettverk",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("activity_type", sa.String(), nullable=True),
        sa.Column("network_name", sa.String(), nullable=True),
        sa.Column("topic", sa.String(), nullable=True),
        sa.Column("level", sa.String(), nullable=True),
        sa.Column("target_group", sa.String(), nullable=True),
        sa.Column("coordinator", sa.String(), nullable=True),
        sa.Column("virtual", sa.Boolean(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("announced_on", sa.Date(), nullable=True),
        sa.Column("participants_municipality", sa.Integer(), nullable=True),
        sa.Column("participants_hospital", sa.Integer(), nullable=True),
        sa.Column("counts_learning_goals", sa.Boolean(), nullable=True),
        sa.Column("cost_sharing", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_nettverk_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_nettverk")),
    )
    op.create_table(
        "note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_note_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note")),
    )
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.create_index("ix_note_case", ["case_id", "at"], unique=False)

    op.create_table(
        "opened",
        sa.Column("case_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_opened_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_opened")),
    )
    with op.batch_alter_table("opened", schema=None) as batch_op:
        batch_op.create_index("ix_opened_at", ["at"], unique=False)

    op.create_table(
        "veiledning",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(), nullable=True),
        sa.Column("topic", sa.String(), nullable=True),
        sa.Column("unit_asked", sa.String(), nullable=True),
        sa.Column("subject", sa.String(), nullable=True),
        sa.Column("scope", sa.String(), nullable=True),
        sa.Column("channel", sa.String(), nullable=True),
        sa.Column("grouping_key", sa.String(), nullable=True),
        sa.Column("agreement", sa.String(), nullable=True),
        sa.Column("agreed_on", sa.Date(), nullable=True),
        sa.Column("delivered_on", sa.Date(), nullable=True),
        sa.Column("related_ref", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_veiledning_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_veiledning")),
    )
    # ### end Alembic commands ###
    for sql in SEARCH_SQL:
        op.execute(sql)


def downgrade() -> None:
    for sql in SEARCH_DROP_SQL:
        op.execute(sql)
    # ### commands auto generated by Alembic - please adjust! ###
    op.drop_table("veiledning")
    with op.batch_alter_table("opened", schema=None) as batch_op:
        batch_op.drop_index("ix_opened_at")

    op.drop_table("opened")
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.drop_index("ix_note_case")

    op.drop_table("note")
    op.drop_table("nettverk")
    op.drop_table("lis3")
    op.drop_table("lis1")
    op.drop_table("hospitering")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_case")
        batch_op.drop_index("ix_event_batch")
        batch_op.drop_index("ix_event_at")

    op.drop_table("event")
    op.drop_table("meta")
    op.drop_table("export_log")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_index("ix_case_updated")
        batch_op.drop_index("ix_case_queue_status")
        batch_op.drop_index("ix_case_queue_open")
        batch_op.drop_index("ix_case_queue")
        batch_op.drop_index("ix_case_inbox", sqlite_where=sa.text("is_open = 1"))

    op.drop_table("case")
    # ### end Alembic commands ###
