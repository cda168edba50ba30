"""The pieces every write shares, and bulk writes (executemany) for the loaders.

`Commands` (single writes) and the loaders (import, demo) build on the same four pieces,
so a case made by the import looks exactly like one made in the form:

- `case_row`: the `case` row of a new case — the ref's parts, the status dates
  (status_since, closed_on) and the derived columns (`domain.derived.derive`);
- `RefAllocator`: the one ref allocator (a kept ref when it is free, else the next number of
  the kind and year);
- `event_row` / `insert_events`: the one event writer (values as text, `values.to_text`);
- `derive` for the recompute (the domain's, called by `case_row`, `Commands._write` and
  `recompute_rows`).

`ImportWriter` is the import's transaction: it reads the cases the file names and the
natural keys of a kind (so the plan is made inside the transaction that writes it), and
writes the new and updated cases, their notes and events with executemany.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.domain.derived import derive, status_dates
from samhandlingsdesk.domain.kinds import CASE_FIELD_NAMES, KINDS, STATUS_DATE_FIELDS, kind_spec
from samhandlingsdesk.domain.refs import make_ref, parse_ref
from samhandlingsdesk.domain.text.safety import MSG_NOT_A_DEMO
from samhandlingsdesk.store.db import Desk, DeskError, write_error_message
from samhandlingsdesk.store.tables import CASE_TABLE, DETAIL_TABLES, Event, Note
from samhandlingsdesk.store.values import stored_date, stored_utc, stored_value, to_text

EVENT = Event.__table__  # type: ignore[attr-defined]
NOTE = Note.__table__  # type: ignore[attr-defined]
CHUNK = 500  # ids per IN (…) list
INSERT_CHUNK = 2000  # rows per executemany


def new_batch() -> str:
    return uuid.uuid4().hex


def new_session_id() -> str:
    """The id of one start of the desk or one run of the CLI (`event.session_id`): its
    own undo takes its changes back without asking; another start's, only when asked."""
    return uuid.uuid4().hex


# --- the shared pieces -------------------------------------------------------------------


def event_row(
    case_id: str,
    batch: str,
    at: datetime,
    action: str,
    name: str | None,
    old: Any,
    new: Any,
    *,
    session_id: str | None = None,
) -> dict[str, Any]:
    """One row of the event log (values as text). `session_id`: the start of the desk
    that wrote it (its own undo takes it back without asking)."""
    return {
        "case_id": case_id,
        "batch_id": batch,
        "at": at,
        "action": action,
        "field": name,
        "old": to_text(old),
        "new": to_text(new),
        "undone_by": None,
        "session_id": session_id,
    }


def insert_events(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    if rows:
        conn.execute(sa.insert(EVENT), list(rows))


def next_seq(conn: Connection, kind: str, year: int) -> int:
    """The next free number of `kind` in `year`."""
    top = conn.execute(
        sa.select(sa.func.coalesce(sa.func.max(CASE_TABLE.c.ref_seq), 0)).where(
            CASE_TABLE.c.kind == kind, CASE_TABLE.c.ref_year == year
        )
    ).scalar_one()
    return int(top) + 1


class RefAllocator:
    """Refs of one kind for new cases in one transaction: a wanted ref is kept when it is
    a ref of this kind written as the desk writes refs and free here; otherwise the next
    number of the kind's sequence for the year received. (A ref names one (kind, year,
    number), so a free ref is a free number.)"""

    def __init__(self, conn: Connection, kind: str, wanted: Iterable[str] = ()) -> None:
        self.conn = conn
        self.kind = kind
        self.letter = kind_spec(kind).letter
        wanted = [w for w in wanted if w]
        self.taken: set[str] = set()
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            self.taken |= set(
                conn.execute(sa.select(CASE_TABLE.c.ref).where(CASE_TABLE.c.ref.in_(chunk)))
                .scalars()
                .all()
            )
        self._top: dict[int, int] = {}

    def keep(self, ref: str | None) -> bool:
        """Take `ref` as it is, if it is free and of this kind."""
        parsed = parse_ref(ref)
        if parsed is None or parsed.kind != self.kind or ref in self.taken:
            return False
        assert ref is not None
        self.taken.add(ref)
        self._top[parsed.year] = max(self._seq(parsed.year), parsed.seq)
        return True

    def next(self, year: int) -> str:
        seq = self._seq(year) + 1
        self._top[year] = seq
        return make_ref(self.letter, year, seq)

    def _seq(self, year: int) -> int:
        if year not in self._top:
            self._top[year] = next_seq(self.conn, self.kind, year) - 1
        return self._top[year]


def case_row(
    kind: str,
    case_id: str,
    ref: str,
    values: Mapping[str, Any],
    status: str,
    *,
    now: datetime,
    reminders: Reminders,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The `case` row and the detail row of a new case with these field `values` (which
    may carry `status_since`, `closed_on`, `updated_at`, `reason` (a key) and
    `reason_comment`, `snoozed_until`)."""
    spec = kind_spec(kind)
    parsed = parse_ref(ref)
    assert parsed is not None, ref
    received: date = values["received_on"]
    detail = {f.name: values.get(f.name) for f in spec.fields}
    common = {n: values.get(n) for n in CASE_FIELD_NAMES}
    common["received_on"] = received
    status_since, closed_on = status_dates(
        kind,
        status,
        since=values.get("status_since"),
        closed=values.get("closed_on"),
        received=received,
        changed=values.get("updated_at"),
    )
    merged = {**common, **detail, "status": status, "status_since": status_since}
    row = {
        "id": case_id,
        "ref": ref,
        "ref_year": parsed.year,
        "ref_seq": parsed.seq,
        "kind": kind,
        "queue": spec.queue,
        "status": status,
        "snoozed_until": values.get("snoozed_until"),
        "created_at": now,
        "updated_at": values.get("updated_at") or now,
        "version": 1,
        "reason": values.get("reason"),
        "reason_comment": values.get("reason_comment"),
        "status_since": status_since,
        "closed_on": closed_on,
        **common,
        **derive(kind, status, merged, reminders),
    }
    return row, {"case_id": case_id, **detail}


# --- the import's transaction ------------------------------------------------------------


@dataclass(slots=True)
class NewCase:
    """A case the import creates: its values, status, wanted ref and notes (at, text)."""

    values: dict[str, Any]
    status: str
    case_id: str | None = None
    wanted_ref: str | None = None
    notes: list[tuple[datetime | None, str]] = field(default_factory=list)
    ref: str | None = None  # set by `insert_new`: the ref it got


@dataclass(slots=True)
class CaseUpdate:
    """A stored case the import updates: the stored values (`local`), the file's values,
    the changes as (old, new) for the events, and new notes."""

    case_id: str
    local: dict[str, Any]
    values: dict[str, Any]
    status: str
    updated_at: datetime | None
    changes: dict[str, tuple[Any, Any]]
    notes: list[tuple[datetime | None, str]] = field(default_factory=list)


class ConcurrentChange(Exception):
    """A case changed elsewhere while the bulk write ran; nothing is written."""


Query = Callable[[str, Sequence[Any]], list[dict[str, Any]]]


class ImportReader:
    """What an import compares its file with, read in one snapshot (`import_snapshot`)
    or inside the import's transaction (`ImportWriter`)."""

    def __init__(self, query: Query) -> None:
        self._rows = query

    def load_cases(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The desk's cases with these ids: case columns, typed fields and status dates,
        and the notes as (at, text) pairs under `_notes`."""
        ids = list(dict.fromkeys(ids))
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for r in self._rows(f'SELECT * FROM "case" WHERE id IN ({marks})', chunk):
                r["updated_at"] = stored_utc(r["updated_at"])
                out[r["id"]] = r
        by_kind: dict[str, list[str]] = {}
        for cid, r in out.items():
            by_kind.setdefault(r["kind"], []).append(cid)
        for kind, kids in by_kind.items():
            fields = {f.name: f for f in (*kind_spec(kind).all_fields, *STATUS_DATE_FIELDS)}
            for chunk in _chunks(kids):
                marks = ",".join("?" * len(chunk))
                for r in self._rows(f"SELECT * FROM {kind} WHERE case_id IN ({marks})", chunk):
                    cid = r.pop("case_id")
                    out[cid].update(r)
            for cid in kids:
                rec = out[cid]
                for name, f in fields.items():
                    rec[name] = stored_value(f, rec.get(name))
                rec["_notes"] = []
        for chunk in _chunks(list(out)):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT case_id, at, text FROM note WHERE case_id IN ({marks})"
            for r in self._rows(sql, chunk):
                out[r["case_id"]]["_notes"].append((stored_utc(r["at"]), r["text"]))
        return out

    def key_rows(self, kind: str) -> list[dict[str, Any]]:
        """What recognises a case of `kind` without an id: for hospitering the ref,
        applicant, applied-on date and period; else the ref, title and received date."""
        if kind == "hospitering":
            sql = (
                "SELECT c.ref, h.applicant_name, h.applied_on, h.period_from, h.period_to "
                'FROM hospitering h JOIN "case" c ON c.id = h.case_id'
            )
            rows = self._rows(sql, ())
            dates = ("applied_on", "period_from", "period_to")
        else:
            rows = self._rows('SELECT ref, title, received_on FROM "case" WHERE kind = ?', (kind,))
            dates = ("received_on",)
        for r in rows:
            for name in dates:
                r[name] = stored_date(r[name])
        return rows


class ImportWriter(ImportReader):
    """Reads and writes of one import, in one transaction (see `import_transaction`)."""

    def __init__(
        self,
        conn: Connection,
        *,
        batch: str,
        now: datetime,
        reminders: Reminders,
        session_id: str | None = None,
    ) -> None:
        def query(sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
            result = conn.exec_driver_sql(sql, tuple(params))
            return [dict(r._mapping) for r in result.fetchall()]

        super().__init__(query)
        self.conn = conn
        self.batch = batch
        self.now = now
        self.reminders = reminders
        self.session_id = session_id
        self._events: list[dict[str, Any]] = []
        self._notes: list[dict[str, Any]] = []
        self._next_note: int | None = None

    def _note_id(self) -> int:
        if self._next_note is None:
            top = self.conn.execute(sa.select(sa.func.coalesce(sa.func.max(NOTE.c.id), 0)))
            self._next_note = int(top.scalar_one()) + 1
        n = self._next_note
        self._next_note += 1
        return n

    def _add_notes(
        self, cid: str, notes: Sequence[tuple[datetime | None, str]], *, log: bool
    ) -> None:
        for at, text in notes:  # oldest first: a later note gets a higher id
            note_id = self._note_id()
            self._notes.append({"id": note_id, "case_id": cid, "at": at or self.now, "text": text})
            if log:
                self._event(cid, "import", f"note:{note_id}", None, text)

    def _event(self, cid: str, action: str, name: str | None, old: Any, new: Any) -> None:
        self._events.append(
            event_row(cid, self.batch, self.now, action, name, old, new, session_id=self.session_id)
        )

    def insert_new(self, kind: str, cases: Sequence[NewCase], today: date) -> None:
        """Create `cases` (refs allocated here; each gets `ref` and `case_id` set)."""
        refs = RefAllocator(self.conn, kind, [c.wanted_ref or "" for c in cases])
        for c in cases:
            if refs.keep(c.wanted_ref):
                c.ref = c.wanted_ref
        case_rows: list[dict[str, Any]] = []
        detail_rows: list[dict[str, Any]] = []
        for i, c in enumerate(cases, 1):
            values = dict(c.values)
            if values.get("received_on") is None:
                values["received_on"] = today
            c.ref = c.ref or refs.next(values["received_on"].year)
            c.case_id = c.case_id or str(uuid.uuid4())
            row, detail = case_row(
                kind, c.case_id, c.ref, values, c.status, now=self.now, reminders=self.reminders
            )
            case_rows.append(row)
            detail_rows.append(detail)
            self._add_notes(c.case_id, c.notes, log=False)
            self._event(c.case_id, "import_create", None, None, c.ref)
            if i % INSERT_CHUNK == 0 or i == len(cases):
                # Details and notes first, then the case rows (the search index builds
                # each case's document once, complete, when the case row goes in); in
                # chunks, so a large file does not hold every parameter row at once.
                self.conn.execute(sa.insert(DETAIL_TABLES[kind]), detail_rows)
                self._flush_notes()
                self.conn.execute(sa.insert(CASE_TABLE), case_rows)
                self._flush_events()
                case_rows.clear()
                detail_rows.clear()

    def update(
        self,
        kind: str,
        updates: Sequence[CaseUpdate],
        case_cols: Sequence[str],
        detail_cols: Sequence[str],
    ) -> None:
        """Write the file's columns (`case_cols`, `detail_cols`) of `updates`, the
        recomputed derived columns and version + 1; refuses (ConcurrentChange) when a
        case's version moved meanwhile."""
        if not updates:
            return
        detail_t = DETAIL_TABLES[kind]
        upd_case: list[dict[str, Any]] = []
        upd_detail: list[dict[str, Any]] = []
        for u in updates:
            merged = {**u.local, **u.values, "status": u.status}
            derived = derive(kind, u.status, merged, self.reminders)
            upd_case.append(
                {
                    "b_id": u.case_id,
                    "b_version": u.local["version"],
                    "b_new_version": u.local["version"] + 1,
                    "b_updated_at": u.updated_at,
                    **{f"b_{n}": merged.get(n) for n in case_cols},
                    **{f"b_{k}": v for k, v in derived.items()},
                }
            )
            if detail_cols:
                upd_detail.append(
                    {"b_case_id": u.case_id, **{f"b_{n}": merged.get(n) for n in detail_cols}}
                )
            for name, (old, new) in u.changes.items():
                self._event(u.case_id, "import", name, old, new)
            self._add_notes(u.case_id, u.notes, log=True)
        if upd_detail:
            stmt = (
                sa.update(detail_t)
                .where(detail_t.c.case_id == sa.bindparam("b_case_id"))
                .values({n: sa.bindparam(f"b_{n}", type_=detail_t.c[n].type) for n in detail_cols})
            )
            self.conn.execute(stmt, upd_detail)
        self._flush_notes()
        derived_names = list(derive(kind, kind_spec(kind).first_status, {}, self.reminders))
        set_cols = [*case_cols, *derived_names]
        c = CASE_TABLE.c
        stmt = (
            sa.update(CASE_TABLE)
            .where(c.id == sa.bindparam("b_id"), c.version == sa.bindparam("b_version"))
            .values(
                {
                    **{n: sa.bindparam(f"b_{n}", type_=c[n].type) for n in set_cols},
                    "version": sa.bindparam("b_new_version"),
                    "updated_at": sa.bindparam("b_updated_at", type_=c.updated_at.type),
                }
            )
        )
        result = self.conn.execute(stmt, upd_case)
        if result.rowcount not in (-1, len(upd_case)):
            raise ConcurrentChange()
        self._flush_events()

    def _flush_notes(self) -> None:
        if self._notes:
            self.conn.execute(sa.insert(NOTE), self._notes)
            self._notes.clear()

    def _flush_events(self) -> None:
        insert_events(self.conn, self._events)
        self._events.clear()


@contextmanager
def import_snapshot(desk: Desk) -> Iterator[ImportReader]:
    """A consistent read-only view for planning an import (the dry run, the preview)."""
    with desk.read() as conn:

        def query(sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
            cur = conn.execute(sql, tuple(params))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

        yield ImportReader(query)


@contextmanager
def import_transaction(
    desk: Desk,
    *,
    batch: str,
    now: datetime,
    reminders: Reminders,
    session_id: str | None = None,
) -> Iterator[ImportWriter]:
    """One transaction for an import: read, plan and write inside it; an exception
    leaves nothing written. A write the database refuses (a full disk, a read-only
    file, a constraint) is a DeskError with one Norwegian sentence (never the SQL).
    `session_id`: the start of the desk that imports (its events carry it, so its own
    undo takes the import back)."""
    try:
        with desk.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            yield ImportWriter(
                conn, batch=batch, now=now, reminders=reminders, session_id=session_id
            )
    except (sa.exc.DBAPIError, sqlite3.Error) as exc:
        raise DeskError(write_error_message(exc, desk.path)) from None


def _chunks(items: Sequence[str], n: int = CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


# --- the demo's load ---------------------------------------------------------------------

REFERENCE_DATE_KEY = "reference_date"  # meta: the "today" a demo desk was made for
Lap = Callable[[str, float], float]


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'


def load_cases(
    desk: Desk,
    *,
    case_columns: Sequence[str],
    cases: Sequence[Sequence[Any]],
    details: Mapping[str, tuple[Sequence[str], Sequence[Sequence[Any]]]],
    notes: Sequence[Sequence[Any]],
    events: Sequence[Sequence[Any]],
    meta: Sequence[tuple[str, str]],
    lap: Lap,
    started: float,
) -> float:
    """Load a new, empty desk in one transaction with rows already in the text forms
    SQLAlchemy writes (dates, timestamps, booleans): `cases` in `case_columns`, the detail
    rows per kind (columns, rows), notes (id, case_id, at, text), events (case_id,
    batch_id, at, action, field, old, new, undone_by) and meta pairs. `lap(name, since)`
    records each phase; returns the time of the last lap. The caller deletes the file if
    this fails (the journal is off while loading)."""
    from samhandlingsdesk.store.search_schema import DOC_VIEW, FTS_TABLE, PHONE_TABLE

    t = started
    with desk.engine.connect() as conn:
        # Only this connection uses the new file, and the file is deleted if the
        # load fails: no journal while loading (the commit would otherwise write
        # everything twice, WAL then checkpoint), and a page cache big enough to
        # keep the indexes and the FTS segments in memory.
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA journal_mode = OFF")
        raw.execute("PRAGMA synchronous = OFF")
        raw.execute("PRAGMA cache_size = -262144")
        with conn.begin():
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            # The FTS triggers would build the search documents one case at a time
            # (most of the load time); drop them, build the index in one statement
            # from the same view, and put the very same triggers back.
            triggers = conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE '%fts%' ORDER BY name"
            ).all()
            for name, _sql in triggers:
                conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
            # Likewise the secondary indexes of the big tables: one sorted build
            # each after the load beats 100k random-order inserts into each.
            indexes = conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND sql IS NOT NULL AND tbl_name IN ('case', 'event', 'note') "
                "ORDER BY name"
            ).all()
            for name, _sql in indexes:
                conn.exec_driver_sql(f'DROP INDEX "{name}"')
            if cases:
                conn.exec_driver_sql(_insert_sql("case", case_columns), cases)
            t = lap("cases", t)
            for kind, (columns, drows) in details.items():
                if drows:
                    conn.exec_driver_sql(_insert_sql(kind, columns), drows)
            t = lap("details", t)
            if notes:
                conn.exec_driver_sql(_insert_sql("note", ("id", "case_id", "at", "text")), notes)
            if events:
                columns = ("case_id", "batch_id", "at", "action", "field", "old", "new")
                conn.exec_driver_sql(_insert_sql("event", (*columns, "undone_by")), events)
            conn.exec_driver_sql(_insert_sql("meta", ("key", "value")), meta)
            t = lap("notes+events", t)
            for _name, sql in indexes:
                conn.exec_driver_sql(sql)
            t = lap("indexes", t)
            # Bulk-build the index (no automerge while loading), merge it into one
            # segment for fast searches, then restore the default automerge.
            conn.exec_driver_sql(
                f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES('automerge', 0)"
            )
            conn.exec_driver_sql(
                f"INSERT INTO {FTS_TABLE}(rowid, ref, title, body, notes) "
                f"SELECT pk, ref, title, body, notes FROM {DOC_VIEW}"
            )
            conn.exec_driver_sql(
                f"INSERT INTO {PHONE_TABLE}(rowid, phones) "
                f"SELECT pk, phones FROM {DOC_VIEW} WHERE phones <> ''"
            )
            conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('optimize')")
            conn.exec_driver_sql(f"INSERT INTO {PHONE_TABLE}({PHONE_TABLE}) VALUES('optimize')")
            conn.exec_driver_sql(
                f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES('automerge', 4)"
            )
            for _name, sql in triggers:
                conn.exec_driver_sql(sql)
            t = lap("search index", t)
        t = lap("commit", t)
        raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("PRAGMA synchronous = NORMAL")
    return t


# --- shifting a demo copy to today ---------------------------------------------------------


def reference_date(conn: sqlite3.Connection) -> date | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (REFERENCE_DATE_KEY,)).fetchone()
    return stored_date(row[0]) if row else None


DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "case": (
        "received_on",
        "due_on",
        "snoozed_until",
        "status_since",
        "closed_on",
        "critical_on",
        "reminded_on",
    ),
    **{k: tuple(f.name for f in spec.fields if f.type == "date") for k, spec in KINDS.items()},
}
TIMESTAMP_COLUMNS: dict[str, tuple[str, ...]] = {
    "case": ("created_at", "updated_at"),
    "note": ("at",),
    "event": ("at",),
    "opened": ("at",),
    "export_log": ("at",),
}


def shift_dates(desk_path: Path, today: date, reminders: Reminders | None = None) -> int:
    """Move every date and timestamp of the desk at `desk_path` (a throw-away copy of the
    demo desk) by `today - reference_date` days, so the mix of overdue and upcoming cases
    is what it was on the reference date; then recompute the derived columns with the
    domain (due dates count working days, network titles carry their date, a LIS3 reason
    names its date). One transaction. Returns the number of days moved (0: nothing to do).

    Raises ValueError when the desk has no reference date (not a demo desk).
    """
    conn = sqlite3.connect(desk_path, isolation_level=None, timeout=3)
    try:
        ref = reference_date(conn)
        if ref is None:
            raise ValueError(MSG_NOT_A_DEMO.format(path=desk_path))
        days = (today - ref).days
        if days == 0:
            return 0
        mod = f"{days:+d} days"
        conn.execute("BEGIN IMMEDIATE")
        for table, cols in DATE_COLUMNS.items():
            sets = ", ".join(f"{c} = date({c}, :m)" for c in cols)
            conn.execute(f'UPDATE "{table}" SET {sets}', {"m": mod})
        for table, cols in TIMESTAMP_COLUMNS.items():
            # Keep SQLAlchemy's text form: date and time, then the fraction as it was.
            sets = ", ".join(
                f"{c} = strftime('%Y-%m-%d %H:%M:%S', {c}, :m) || substr({c}, 20)" for c in cols
            )
            conn.execute(f'UPDATE "{table}" SET {sets}', {"m": mod})
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = ?", (today.isoformat(), REFERENCE_DATE_KEY)
        )
        _recompute(conn, reminders or Reminders())
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return days


def _recompute(conn: sqlite3.Connection, reminders: Reminders) -> None:
    conn.row_factory = sqlite3.Row
    common = CASE_FIELD_NAMES[1:]  # received_on is read on its own
    names = ("title", "due_on", "due_reason", "due_key", "due_params", "critical_on")
    for kind, spec in KINDS.items():
        cols = ", ".join(f"d.{f.name}" for f in spec.fields)
        rows = conn.execute(
            f"SELECT c.pk, c.status, c.received_on, c.status_since, c.reminded_on, c.title, "
            f"c.due_on, c.due_reason, c.due_key, c.due_params, c.critical_on, "
            f'c.flag_count, {", ".join("c." + n for n in common)}, {cols} FROM "case" c '
            f"JOIN {kind} d ON d.case_id = c.id "
            # network titles carry their date, so every network; else the open cases
            "WHERE c.is_open = 1 OR ? = 'nettverk'",
            (kind,),
        ).fetchall()
        updates = []
        for r in rows:
            values = {f.name: stored_value(f, r[f.name]) for f in spec.fields}
            values.update({n: r[n] for n in common})
            values["received_on"] = stored_date(r["received_on"])
            for name in ("status_since", "reminded_on"):
                values[name] = stored_date(r[name]) if r[name] else None
            d = derive(kind, r["status"], values, reminders)
            new = (
                d["title"],
                _sql_date(d["due_on"]),
                d["due_reason"],
                d["due_key"],
                d["due_params"],
                _sql_date(d["critical_on"]),
                d["flag_count"],
            )
            if new != (*(r[n] for n in names), r["flag_count"]):
                updates.append((*new, r["pk"]))
        conn.executemany(
            'UPDATE "case" SET title = ?, due_on = ?, due_reason = ?, due_key = ?, '
            "due_params = ?, critical_on = ?, flag_count = ? WHERE pk = ?",
            updates,
        )


def _sql_date(d: date | None) -> str | None:
    return d.isoformat() if d else None
