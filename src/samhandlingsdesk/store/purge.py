"""The retention purge in SQL (domain/retention.py says what and when).

`purge_file(path, cutoffs)` empties the personal fields of every case past its retention
period in the desk file at `path` (the desk or a backup, at the current schema), in one
transaction, and then makes sure the text is gone from the file's bytes:
`PRAGMA secure_delete` (freed pages are zeroed), the search tables' `'optimize'` (an old
FTS segment keeps a purged name through checkpoint and VACUUM until it is merged away),
a WAL checkpoint that truncates the log, and VACUUM.

A purge is not a change by the user: it bumps neither `version` nor `updated_at` and
leaves kind, status, dates, categories, `ref`, `archive_ref` and the history's shape
(which field changed when) as they were; only the purged values are gone.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.retention import PURGED_CASE_COLUMNS, purged_fields
from samhandlingsdesk.domain.text.safety import PURGED_TITLE
from samhandlingsdesk.store.db import BUSY_TIMEOUT_MS, _connect, _friendly
from samhandlingsdesk.store.search_schema import FTS_TABLE, PHONE_TABLE


@dataclass(frozen=True, slots=True)
class Purged:
    ref: str
    kind: str
    why: str  # "closed" or "hidden"


def _columns(kind: str) -> tuple[list[str], list[str]]:
    fields = purged_fields(kind)
    common = [f.name for f in fields if f.common] + list(PURGED_CASE_COLUMNS)
    return common, [f.name for f in fields if not f.common]


def _due_sql(kind: str) -> str:
    common, detail = _columns(kind)
    left = [f'c."{c}" IS NOT NULL' for c in common] + [f'd."{c}" IS NOT NULL' for c in detail]
    left += ["c.title IS NOT :title", "EXISTS (SELECT 1 FROM note n WHERE n.case_id = c.id)"]
    return (
        "SELECT c.id, c.ref, CASE WHEN c.deleted_at IS NOT NULL "
        "AND date(c.deleted_at) <= :cut THEN 'hidden' ELSE 'closed' END "
        f'FROM "case" c LEFT JOIN "{kind}" d ON d.case_id = c.id '
        "WHERE c.kind = :kind AND ((c.is_open = 0 AND c.closed_on <= :cut) "
        "OR (c.deleted_at IS NOT NULL AND date(c.deleted_at) <= :cut)) "
        f"AND ({' OR '.join(left)}) ORDER BY c.ref"
    )


def due(conn: sqlite3.Connection, cutoffs: dict[str, date]) -> list[tuple[str, Purged]]:
    """(case id, what) for every case past its period that still holds personal data."""
    out: list[tuple[str, Purged]] = []
    for kind in KINDS:
        params = {"cut": cutoffs[kind].isoformat(), "kind": kind, "title": PURGED_TITLE}
        for cid, ref, why in conn.execute(_due_sql(kind), params):
            out.append((cid, Purged(ref, kind, why)))
    return out


def _purge_case(conn: sqlite3.Connection, cid: str, kind: str) -> None:
    common, detail = _columns(kind)
    sets = ", ".join([f'"{c}" = NULL' for c in common] + ["title = ?"])
    conn.execute(f'UPDATE "case" SET {sets} WHERE id = ?', (PURGED_TITLE, cid))
    if detail:
        nulls = ", ".join(f'"{c}" = NULL' for c in detail)
        conn.execute(f'UPDATE "{kind}" SET {nulls} WHERE case_id = ?', (cid,))
    conn.execute("DELETE FROM note WHERE case_id = ?", (cid,))
    names = [*common, *detail, "title"]
    marks = ", ".join("?" for _ in names)
    conn.execute(
        "UPDATE event SET old = NULL, new = NULL WHERE case_id = ? AND (field IN "
        f"({marks}) OR field LIKE 'note%') AND (old IS NOT NULL OR new IS NOT NULL)",
        (cid, *names),
    )


def purge_file(path: Path, cutoffs: dict[str, date], *, dry_run: bool = False) -> list[Purged]:
    """Purge the desk file at `path`; returns what was (or, dry run, would be) purged."""
    conn = _connect(path)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        if dry_run:
            return [p for _, p in due(conn, cutoffs)]
        conn.execute("BEGIN IMMEDIATE")
        try:
            found = due(conn, cutoffs)
            kinds = {cid: p.kind for cid, p in found}
            for cid, kind in kinds.items():
                _purge_case(conn, cid, kind)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if found:
            scrub(conn)
        return [p for _, p in found]
    except sqlite3.Error as exc:
        raise _friendly(path, exc) from None
    finally:
        conn.close()


def scrub(conn: sqlite3.Connection) -> None:
    """Make deleted text leave the file's bytes (see the module's docstring)."""
    for table in (FTS_TABLE, PHONE_TABLE):
        conn.execute(f"INSERT INTO {table}({table}) VALUES('optimize')")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
