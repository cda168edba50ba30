"""The export's reads and its record: which cases a filter selects, their stored values
in a stream, and the export log (written through the engine like every other write).

Streams with one `sqlite3` cursor per kind over the columns of the case and detail tables
(no ORM objects, no list of rows), so memory stays flat in the number of rows, all in one
snapshot (the counts and every file).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from samhandlingsdesk.domain.dates import OSLO
from samhandlingsdesk.domain.export import (
    ExportFilter,
    check_filter,
    party_matches,
    resolve_statuses,
)
from samhandlingsdesk.domain.text import transfer
from samhandlingsdesk.store.db import Desk, DeskError, _friendly, error_reason
from samhandlingsdesk.store.values import stored_utc

FETCH_ROWS = 500  # rows per fetch
STORED_DATETIME = "%Y-%m-%d %H:%M:%S.%f"  # how the desk stores UTC timestamps
NOTES_SQL = (
    "(SELECT json_group_array(json_array(n.at, n.id, n.text)) FROM note n WHERE n.case_id = c.id)"
)


@dataclass(frozen=True, slots=True)
class Where:
    sql: str
    params: tuple[Any, ...]


def _stored(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime(STORED_DATETIME)


def column_sql(name: str, role: str) -> str:
    """The expression that reads a column of a kind's file (`role` as `csv_format.Column`:
    "detail" from the kind's table, "notes" as JSON, the rest from the case)."""
    if role == "detail":
        return f"d.{name}"
    if role == "notes":
        return NOTES_SQL
    return f"c.{name}"


def select_sql(kind: str, cols: Sequence[tuple[str, str]], where: str = "c.kind = ?") -> str:
    exprs = ", ".join(column_sql(name, role) for name, role in cols)
    return (
        f'SELECT {exprs} FROM "case" c JOIN {kind} d ON d.case_id = c.id '
        f"WHERE {where} ORDER BY c.ref_year, c.ref_seq"
    )


class ExportSnapshot:
    """One consistent read of the desk for an export."""

    def __init__(self, conn: sqlite3.Connection, flt: ExportFilter) -> None:
        self.conn = conn
        self.flt = flt
        self.since = self._last_export_at() if flt.since_last else None
        self._parties = self._resolve_parties(flt.parties) if flt.parties else []

    def _last_export_at(self) -> datetime | None:
        row = self.conn.execute("SELECT max(at) FROM export_log").fetchone()
        return stored_utc(row[0]) if row else None

    def _resolve_parties(self, wanted: Sequence[str]) -> list[str]:
        rows = self.conn.execute('SELECT DISTINCT party FROM "case" WHERE party IS NOT NULL')
        return [party for (party,) in rows if party_matches(party, wanted)]

    def where(self, kind: str) -> Where | None:
        """The WHERE clause for `kind`, or None when the filter rules the kind out."""
        flt = self.flt
        # A case hidden by an undone creation (deleted_at) is never exported.
        clauses = ["c.kind = ?", "c.deleted_at IS NULL"]
        params: list[Any] = [kind]
        if flt.statuses:
            keys = resolve_statuses(kind, flt.statuses)
            if not keys:
                return None
            clauses.append(f"c.status IN ({','.join('?' * len(keys))})")
            params += keys
        if flt.parties:
            if not self._parties:
                return None
            clauses.append(f"c.party IN ({','.join('?' * len(self._parties))})")
            params += self._parties
        if flt.received_from:
            clauses.append("c.received_on >= ?")
            params.append(flt.received_from.isoformat())
        if flt.received_to:
            clauses.append("c.received_on <= ?")
            params.append(flt.received_to.isoformat())
        if flt.changed_since:
            start = datetime.combine(flt.changed_since, time(0), tzinfo=OSLO)
            clauses.append("c.updated_at >= ?")
            params.append(_stored(start))
        if flt.since_last and self.since is not None:
            clauses.append("c.id IN (SELECT case_id FROM event WHERE at > ?)")
            params.append(_stored(self.since))
        return Where(" AND ".join(clauses), tuple(params))

    def count(self, kind: str) -> int:
        w = self.where(kind)
        if w is None:
            return 0
        sql = f'SELECT count(*) FROM "case" c WHERE {w.sql}'
        return int(self.conn.execute(sql, w.params).fetchone()[0])

    def batches(
        self, kind: str, cols: Sequence[tuple[str, str]]
    ) -> Iterator[list[tuple[Any, ...]]]:
        """The stored values of `cols` ((name, role) pairs) of the selected cases of
        `kind`, in ref order, FETCH_ROWS at a time."""
        w = self.where(kind)
        if w is None:
            return
        cur = self.conn.execute(select_sql(kind, cols, w.sql), w.params)
        while batch := cur.fetchmany(FETCH_ROWS):
            yield batch


def _reader(desk: Desk) -> sqlite3.Connection:
    """A plain-tuple connection of its own (the export may run in a worker thread)."""
    try:
        conn = sqlite3.connect(desk.path, timeout=3, check_same_thread=False, isolation_level=None)
    except sqlite3.Error as exc:
        raise _friendly(desk.path, exc) from None
    conn.execute("PRAGMA busy_timeout = 3000")
    return conn


@contextmanager
def export_snapshot(desk: Desk, flt: ExportFilter) -> Iterator[ExportSnapshot]:
    check_filter(flt)
    conn = _reader(desk)
    try:
        conn.execute("BEGIN")  # one snapshot for the counts and every file
        yield ExportSnapshot(conn, flt)
        conn.execute("COMMIT")
    finally:
        conn.close()


def count_rows(desk: Desk, flt: ExportFilter) -> dict[str, int]:
    """Rows per kind that `flt` would export (the preview in the desk)."""
    with export_snapshot(desk, flt) as snap:
        return {kind: snap.count(kind) for kind in flt.selected_kinds}


def log_export(
    desk: Desk, at: datetime, flt: ExportFilter, rows: dict[str, int], files: Sequence[Path]
) -> None:
    """Record an export. `at` is when its snapshot was taken, so a change made while the
    files were written is exported again by the next --since-last."""
    import sqlalchemy as sa

    from samhandlingsdesk.store.tables import ExportLog

    table = ExportLog.__table__  # type: ignore[attr-defined]
    try:
        with desk.engine.begin() as conn:
            conn.execute(
                sa.insert(table).values(
                    at=at.astimezone(UTC),
                    filter=flt.to_json(),
                    kinds=",".join(rows),
                    rows=sum(rows.values()),
                    files=json.dumps([str(p) for p in files], ensure_ascii=False),
                )
            )
    except sa.exc.SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None)
        reason = error_reason(orig if isinstance(orig, BaseException) else exc)
        raise DeskError(transfer.EXPORT_LOG_FAILED.format(reason=reason)) from None
