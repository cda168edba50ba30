"""The tables (DESIGN.md "Data model").

`case` holds what lists, the inbox, search and history need; each kind has a 1:1 detail
table whose columns are generated from `domain/kinds.py`, so the field list exists once.
The FTS5 tables, the search-document view and the triggers that keep them in sync are
created by the migrations (they are not ORM objects).
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from samhandlingsdesk.domain.kinds import KINDS, FieldSpec

metadata = SQLModel.metadata

# Naming convention so that Alembic produces stable constraint names.
metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Case(SQLModel, table=True):
    __tablename__ = "case"
    __table_args__ = (
        sa.UniqueConstraint("kind", "ref_year", "ref_seq"),
        # Inbox: open cases by due date (NULLs are paged in a second phase by pk).
        sa.Index("ix_case_inbox", "due_on", "pk", sqlite_where=sa.text("is_open = 1")),
        sa.Index("ix_case_queue", "queue", "due_on", "pk"),
        sa.Index("ix_case_queue_open", "queue", "is_open", "due_on", "pk"),
        sa.Index("ix_case_queue_status", "queue", "status", "due_on", "pk"),
        sa.Index("ix_case_updated", "updated_at"),
        # The inbox's first phase: open cases whose critical date has come.
        sa.Index("ix_case_critical", "critical_on", "pk", sqlite_where=sa.text("is_open = 1")),
        # The inbox summary counts read this index alone (a covering index).
        sa.Index(
            "ix_case_counts",
            "due_on",
            "critical_on",
            "snoozed_until",
            "created_at",
            "deleted_at",
            "kind",
            "is_open",
            sqlite_where=sa.text("is_open = 1"),
        ),
        # «Ny»: the open cases created since a moment, counted from the index alone.
        sa.Index(
            "ix_case_new",
            "created_at",
            "snoozed_until",
            "deleted_at",
            "is_open",
            sqlite_where=sa.text("is_open = 1"),
        ),
    )

    # `pk` is the rowid: stable across VACUUM, and the rowid of the FTS rows.
    pk: int | None = Field(default=None, primary_key=True)
    id: str = Field(max_length=36, unique=True)
    ref: str = Field(unique=True)
    ref_year: int
    ref_seq: int
    kind: str
    queue: str
    status: str
    whose_move: str
    is_open: bool
    flag_count: int = 0
    party: str | None = None
    title: str = ""
    contact_name: str | None = None
    contact_phone: str | None = None
    email: str | None = None
    received_on: date
    due_on: date | None = None
    due_reason: str | None = None
    # The key of the rule that set `due_on` and its parameters (JSON): the sentence is
    # made when shown, never stored (it depends on today).
    due_key: str | None = None
    due_params: str | None = None
    # The earliest date of a *kritisk* rule (DOMAIN.md «Weights»).
    critical_on: date | None = None
    # The day the case entered its present status, and the day it closed.
    status_since: date | None = None
    closed_on: date | None = None
    # A creation undone: hidden from every list, search, export and count; kept for redo.
    deleted_at: datetime | None = None
    snoozed_until: date | None = None
    # The day of the last purring (DOMAIN.md «Follow-ups»): the next reminder counts from it.
    reminded_on: date | None = None
    created_at: datetime
    updated_at: datetime
    version: int = 1
    archive_ref: str | None = None
    tags: str | None = None
    # The key of the reason a closing move gave (domain/reasons.py), and the free text of
    # a reason the desk does not offer (an older desk's, or an import's), kept beside
    # the legacy key «annet».
    reason: str | None = None
    reason_comment: str | None = None


class Note(SQLModel, table=True):
    __tablename__ = "note"
    __table_args__ = (sa.Index("ix_note_case", "case_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(foreign_key="case.id", ondelete="CASCADE")
    at: datetime
    text: str


class Event(SQLModel, table=True):
    """History and undo log: one row per changed field (or per action)."""

    __tablename__ = "event"
    __table_args__ = (
        sa.Index("ix_event_case", "case_id", "id"),
        sa.Index("ix_event_batch", "batch_id"),
        sa.Index("ix_event_at", "at"),
        # Undo looks up this start's newest change (DESIGN.md «Data model»).
        sa.Index("ix_event_session", "session_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(foreign_key="case.id", ondelete="CASCADE")
    batch_id: str
    at: datetime
    action: str  # create, edit, transition, snooze, note, import, convert, undo
    field: str | None = None
    old: str | None = None
    new: str | None = None
    undone_by: int | None = None
    # Which start of the desk made the change (a random id per run of the app or CLI).
    session_id: str | None = None


class Opened(SQLModel, table=True):
    __tablename__ = "opened"
    __table_args__ = (sa.Index("ix_opened_at", "at"),)

    case_id: str = Field(foreign_key="case.id", primary_key=True, ondelete="CASCADE")
    at: datetime


class ExportLog(SQLModel, table=True):
    __tablename__ = "export_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    filter: str  # JSON
    kinds: str
    rows: int
    files: str  # JSON list


class Meta(SQLModel, table=True):
    """Key/value facts about the desk (e.g. the demo's reference date)."""

    __tablename__ = "meta"

    key: str = Field(primary_key=True)
    value: str


_SQL_TYPES: dict[str, type[sa.types.TypeEngine]] = {
    "date": sa.Date,
    "tri": sa.Boolean,
    "int": sa.Integer,
}


def _column(f: FieldSpec) -> sa.Column:
    return sa.Column(f.name, _SQL_TYPES.get(f.type, sa.String)(), nullable=True)


def _detail_table(kind: str) -> sa.Table:
    return sa.Table(
        kind,
        metadata,
        sa.Column(
            "case_id",
            sa.String(36),
            sa.ForeignKey("case.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        *(_column(f) for f in KINDS[kind].fields),
    )


DETAIL_TABLES: dict[str, sa.Table] = {kind: _detail_table(kind) for kind in KINDS}
CASE_TABLE: sa.Table = Case.__table__  # type: ignore[assignment]
