"""Reads the screens need: pages, counts, a case, its history and notes, search, recent.

Reads use the stdlib `sqlite3` driver (one connection per thread) and select columns,
never ORM objects: the first page shows before SQLAlchemy has even been imported, and a
page of 100k costs what a page of 1k does (keyset paging on the indexes of tables.py).
Everything returned is a plain frozen dataclass, safe to hand from a worker to the UI.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from samhandlingsdesk.domain.deadlines import Reminders, Rule, active_rules
from samhandlingsdesk.domain.display import display_value
from samhandlingsdesk.domain.kinds import KINDS, FieldSpec, kind_spec, status_label
from samhandlingsdesk.domain.limits import shown, shown_line
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.store.search import (
    digit_span,
    parse_query,
    word_matches,
)
from samhandlingsdesk.store.search_schema import FTS_TABLE, PHONE_TABLE
from samhandlingsdesk.store.values import from_text

PAGE_SIZE = 200
# A short query matching more cases than this walks the cases newest first (see search).
SHORT_SCAN_FROM = 2000
# Relevance: a match in the ref counts most, then the title, the body, the notes.
BM25 = f"bm25({FTS_TABLE}, 10.0, 5.0, 1.0, 0.5)"
SOON_DAYS = 3

LIST_COLUMNS = (
    "pk, id, ref, kind, status, whose_move, is_open, party, title, received_on, due_on, "
    "due_reason, snoozed_until, flag_count, version, updated_at"
)

Badge = Literal["overdue", "today", "soon", "snoozed", "flag", ""]
BADGE_LABELS: dict[str, str] = {
    "overdue": "Forfalt",
    "today": "I dag",
    "soon": "Snart",
    "snoozed": "Utsatt",
    "flag": "Varsel",
    "": "",
}


def _d(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _dt(value: Any) -> datetime | None:
    if not value:
        return None
    dt = datetime.fromisoformat(value)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class CaseRow:
    pk: int
    id: str
    ref: str
    kind: str
    status: str
    whose_move: str
    is_open: bool
    party: str | None
    title: str
    received_on: date | None
    due_on: date | None
    due_reason: str | None
    snoozed_until: date | None
    flag_count: int
    version: int
    updated_at: datetime | None

    @classmethod
    def from_row(cls, r: sqlite3.Row) -> CaseRow:
        return cls(
            pk=r["pk"],
            id=r["id"],
            ref=r["ref"],
            kind=r["kind"],
            status=r["status"],
            whose_move=r["whose_move"],
            is_open=bool(r["is_open"]),
            party=shown_line(r["party"]) if r["party"] else r["party"],
            title=shown_line(r["title"] or ""),
            received_on=_d(r["received_on"]),
            due_on=_d(r["due_on"]),
            due_reason=r["due_reason"],
            snoozed_until=_d(r["snoozed_until"]),
            flag_count=r["flag_count"] or 0,
            version=r["version"],
            updated_at=_dt(r["updated_at"]),
        )

    @property
    def status_label(self) -> str:
        return status_label(self.kind, self.status)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind].label

    def badge(self, today: date) -> Badge:
        """The most pressing thing to say about the row's dates."""
        if not self.is_open:
            return ""
        if self.snoozed_until is not None and self.snoozed_until > today:
            return "snoozed"
        if self.due_on is not None:
            if self.due_on < today:
                return "overdue"
            if self.due_on == today:
                return "today"
            if self.due_on <= today + timedelta(days=SOON_DAYS):
                return "soon"
        if self.flag_count:
            return "flag"
        return ""


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page ended: the last row's due date (None once in the NULL phase) and pk."""

    due_on: str | None
    pk: int


@dataclass(frozen=True, slots=True)
class Page:
    rows: tuple[CaseRow, ...]
    next: Cursor | None  # None: this was the last page


@dataclass(frozen=True, slots=True)
class ListFilter:
    """What a list shows. `queue=None` is the inbox."""

    queue: str | None = None
    status: str | None = None  # a status key, "open" (default) or "all"
    kind: str | None = None  # lis1 / lis3 inside the LIS queue

    @property
    def is_inbox(self) -> bool:
        return self.queue is None


@dataclass(frozen=True, slots=True)
class NoteRow:
    id: int
    at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class HistoryRow:
    id: int
    at: datetime
    action: str
    field: str | None
    label: str  # the field's label or what happened
    old: str
    new: str
    undone: bool


@dataclass(frozen=True, slots=True)
class CaseDetail:
    case: dict[str, Any]
    detail: dict[str, Any]
    notes: tuple[NoteRow, ...]
    rules: tuple[Rule, ...]
    warnings: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.case["id"]

    @property
    def kind(self) -> str:
        return self.case["kind"]

    @property
    def ref(self) -> str:
        return self.case["ref"]

    @property
    def version(self) -> int:
        return self.case["version"]

    @property
    def status(self) -> str:
        return self.case["status"]

    def values(self) -> dict[str, Any]:
        """Every field of the kind by name (common and detail)."""
        return {
            **{f.name: self.case.get(f.name) for f in kind_spec(self.kind).all_fields},
            **self.detail,
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    row: CaseRow
    field_label: str  # which field matched
    text: str  # that field's text (shortened around the match)
    spans: tuple[tuple[int, int], ...] = field(default_factory=tuple)


def _parse_value(f: FieldSpec, value: Any) -> Any:
    if value is None:
        return None
    if f.type == "date":
        return _d(value)
    if f.type == "tri":
        return bool(value)
    return value


class Repo:
    """Read-only queries on one desk."""

    def __init__(self, desk: Desk, reminders: Reminders | None = None) -> None:
        self.desk = desk
        self.reminders = reminders or Reminders()

    @property
    def conn(self) -> sqlite3.Connection:
        return self.desk.reader()

    # -- pages -------------------------------------------------------------------------
    def page(
        self,
        flt: ListFilter,
        today: date,
        after: Cursor | None = None,
        limit: int = PAGE_SIZE,
    ) -> Page:
        """One page of a list, most urgent first (due date, NULLs last, then pk)."""
        where, params = self._where(flt, today)
        rows: list[sqlite3.Row] = []
        if after is None or after.due_on is not None:
            sql = f'SELECT {LIST_COLUMNS} FROM "case" WHERE {where} AND due_on IS NOT NULL'
            p = dict(params)
            if after is not None:
                sql += " AND (due_on > :after_due OR (due_on = :after_due AND pk > :after_pk))"
                p |= {"after_due": after.due_on, "after_pk": after.pk}
            sql += " ORDER BY due_on, pk LIMIT :limit"
            rows = self.conn.execute(sql, p | {"limit": limit + 1}).fetchall()
        if len(rows) <= limit:
            # Second phase: the rows without a due date, by pk.
            sql = f'SELECT {LIST_COLUMNS} FROM "case" WHERE {where} AND due_on IS NULL'
            p = dict(params)
            if after is not None and after.due_on is None:
                sql += " AND pk > :after_pk"
                p["after_pk"] = after.pk
            sql += " ORDER BY due_on, pk LIMIT :limit"
            rows += self.conn.execute(sql, p | {"limit": limit + 1 - len(rows)}).fetchall()
        more = len(rows) > limit
        out = tuple(CaseRow.from_row(r) for r in rows[:limit])
        nxt = None
        if more and out:
            last = out[-1]
            nxt = Cursor(last.due_on.isoformat() if last.due_on else None, last.pk)
        return Page(out, nxt)

    @staticmethod
    def _where(flt: ListFilter, today: date) -> tuple[str, dict[str, Any]]:
        params: dict[str, Any] = {"today": today.isoformat()}
        if flt.is_inbox:
            where = (
                "is_open = 1 AND (snoozed_until IS NULL OR snoozed_until <= :today) "
                "AND (whose_move = 'ours' OR due_on <= :today)"
            )
        else:
            where = "queue = :queue"
            params["queue"] = flt.queue
            status = flt.status or "open"
            if status == "open":
                where += " AND is_open = 1"
            elif status != "all":
                where += " AND status = :status"
                params["status"] = status
        if flt.kind:
            where += " AND kind = :kind"
            params["kind"] = flt.kind
        return where, params

    def explain(self, flt: ListFilter, today: date) -> list[str]:
        """The query plan of a list's first page (for tests)."""
        where, params = self._where(flt, today)
        sql = (
            f'EXPLAIN QUERY PLAN SELECT {LIST_COLUMNS} FROM "case" WHERE {where} '
            "AND due_on IS NOT NULL ORDER BY due_on, pk LIMIT 200"
        )
        return [r[3] for r in self.conn.execute(sql, params).fetchall()]

    def count(self, flt: ListFilter, today: date) -> int:
        where, params = self._where(flt, today)
        return self.conn.execute(f'SELECT count(*) FROM "case" WHERE {where}', params).fetchone()[0]

    def counts(self, today: date) -> dict[str, int]:
        """Inbox and open cases per queue: {"inbox": n, "hospitering": n, ...}."""
        out = {"inbox": self.count(ListFilter(), today)}
        for queue, n in self.conn.execute(
            'SELECT queue, count(*) FROM "case" WHERE is_open = 1 GROUP BY queue'
        ):
            out[queue] = n
        return out

    def status_counts(self, queue: str) -> dict[str, int]:
        return dict(
            self.conn.execute(
                'SELECT status, count(*) FROM "case" WHERE queue = ? GROUP BY status', (queue,)
            ).fetchall()
        )

    def total(self) -> int:
        return self.conn.execute('SELECT count(*) FROM "case"').fetchone()[0]

    def lis3_queue_by_seniority(self) -> tuple[CaseRow, ...]:
        """Queued LIS3 candidates, earliest seniority first (a small list: it may sort)."""
        cols = ", ".join(f"c.{c.strip()}" for c in LIST_COLUMNS.split(","))
        rows = self.conn.execute(
            f'SELECT {cols} FROM "case" c JOIN lis3 d ON d.case_id = c.id '
            "WHERE c.queue = 'lis' AND c.status = 'i_ko' "
            "ORDER BY d.seniority_from IS NULL, d.seniority_from, c.pk"
        ).fetchall()
        return tuple(CaseRow.from_row(r) for r in rows)

    # -- one case ----------------------------------------------------------------------
    def case_id_for_ref(self, ref: str) -> str | None:
        row = self.conn.execute('SELECT id FROM "case" WHERE ref = ?', (ref.upper(),)).fetchone()
        return row[0] if row else None

    def row(self, case_id: str) -> CaseRow | None:
        r = self.conn.execute(
            f'SELECT {LIST_COLUMNS} FROM "case" WHERE id = ?', (case_id,)
        ).fetchone()
        return CaseRow.from_row(r) if r else None

    def get_case(self, case_id: str) -> CaseDetail | None:
        with self.desk.read() as conn:
            r = conn.execute('SELECT * FROM "case" WHERE id = ?', (case_id,)).fetchone()
            if r is None:
                return None
            kind = r["kind"]
            spec = kind_spec(kind)
            case: dict[str, Any] = dict(r)
            for f in spec.all_fields:
                if f.common:
                    case[f.name] = _parse_value(f, case.get(f.name))
            for name in ("due_on", "snoozed_until"):
                case[name] = _d(case[name])
            for name in ("created_at", "updated_at"):
                case[name] = _dt(case[name])
            case["is_open"] = bool(case["is_open"])
            d = conn.execute(f"SELECT * FROM {kind} WHERE case_id = ?", (case_id,)).fetchone()
            detail = {f.name: _parse_value(f, d[f.name]) if d else None for f in spec.fields}
            notes = tuple(
                NoteRow(n["id"], _dt(n["at"]), shown(n["text"]))  # type: ignore[arg-type]
                for n in conn.execute(
                    "SELECT id, at, text FROM note WHERE case_id = ? ORDER BY at DESC, id DESC",
                    (case_id,),
                )
            )
            warnings = self._warnings(conn, kind, case, detail)
        rules = tuple(active_rules(kind, case["status"], {**case, **detail}, self.reminders))
        return CaseDetail(case, detail, notes, rules, warnings)

    @staticmethod
    def _warnings(
        conn: sqlite3.Connection, kind: str, case: dict[str, Any], detail: dict[str, Any]
    ) -> tuple[str, ...]:
        """Warnings that need other cases: networks that compete (S2 § 5.1)."""
        if kind != "nettverk" or not case["is_open"]:
            return ()
        topic = (detail.get("topic") or "").strip().lower()
        group = (detail.get("target_group") or "").strip().lower()
        if not topic or not group:
            return ()
        refs = [
            r[0]
            for r in conn.execute(
                'SELECT c.ref FROM "case" c JOIN nettverk d ON d.case_id = c.id '
                "WHERE c.is_open = 1 AND c.id <> ? AND lower(trim(d.topic)) = ? "
                "AND lower(trim(d.target_group)) = ? LIMIT 5",
                (case["id"], topic, group),
            )
        ]
        if not refs:
            return ()
        return (
            "Samme tema og målgruppe som " + ", ".join(refs) + ": nettverk skal utfylle "
            "hverandre, ikke konkurrere.",
        )

    def notes(self, case_id: str) -> tuple[NoteRow, ...]:
        return tuple(
            NoteRow(n["id"], _dt(n["at"]), shown(n["text"]))  # type: ignore[arg-type]
            for n in self.conn.execute(
                "SELECT id, at, text FROM note WHERE case_id = ? ORDER BY at DESC, id DESC",
                (case_id,),
            )
        )

    def history(self, case_id: str) -> tuple[HistoryRow, ...]:
        """Every change of the case, newest first, with labels and values as shown."""
        kind_row = self.conn.execute('SELECT kind FROM "case" WHERE id = ?', (case_id,)).fetchone()
        if kind_row is None:
            return ()
        kind = kind_row[0]
        spec = kind_spec(kind)
        out = []
        for e in self.conn.execute(
            "SELECT id, at, action, field, old, new, undone_by FROM event "
            # The status dates move with the status: its own row says it.
            "WHERE case_id = ? AND coalesce(field, '') NOT IN ('status_since', 'closed_on') "
            "ORDER BY id DESC",
            (case_id,),
        ):
            out.append(
                HistoryRow(
                    id=e["id"],
                    at=_dt(e["at"]),  # type: ignore[arg-type]
                    action=e["action"],
                    field=e["field"],
                    label=_history_label(spec.key.value, e["action"], e["field"]),
                    old=_history_value(kind, e["field"], e["old"]),
                    new=_history_value(kind, e["field"], e["new"]),
                    undone=e["undone_by"] is not None,
                )
            )
        return tuple(out)

    # -- recent ------------------------------------------------------------------------
    def recently_opened(self, limit: int = 10) -> tuple[CaseRow, ...]:
        cols = ", ".join(f"c.{c.strip()}" for c in LIST_COLUMNS.split(","))
        rows = self.conn.execute(
            f'SELECT {cols} FROM opened o JOIN "case" c ON c.id = o.case_id '
            "ORDER BY o.at DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return tuple(CaseRow.from_row(r) for r in rows)

    # -- search ------------------------------------------------------------------------
    def search(self, text: str, *, kind: str | None = None, limit: int = 50) -> list[SearchHit]:
        """Cases matching `text` (see store/search.py). Never raises on odd input."""
        q = parse_query(text)
        if q.empty:
            return []
        conn = self.conn
        cols = ", ".join(f"c.{c.strip()}" for c in LIST_COLUMNS.split(","))
        kind_sql = " AND c.kind = :kind" if kind else ""
        found: dict[int, sqlite3.Row] = {}
        order: list[int] = []

        def add(rows: Sequence[sqlite3.Row]) -> None:
            for r in rows:
                if r["pk"] not in found and len(order) < limit:
                    found[r["pk"]] = r
                    order.append(r["pk"])

        params: dict[str, Any] = {"limit": limit, "kind": kind}
        if q.ref:
            add(
                conn.execute(
                    f'SELECT {cols} FROM "case" c WHERE c.ref = :ref{kind_sql}',
                    params | {"ref": q.ref},
                ).fetchall()
            )
            # Other cases that name the ref (a veiledning made from a hospitering
            # application keeps its ref): the whole ref as one phrase, which its rare last
            # word keeps cheap (~0.1 ms at 100k), unlike the prefix words below.
            add(
                conn.execute(
                    f'SELECT {cols} FROM {FTS_TABLE} f JOIN "case" c ON c.pk = f.rowid '
                    f"WHERE {FTS_TABLE} MATCH :m{kind_sql} "
                    "ORDER BY c.updated_at DESC, c.pk DESC LIMIT :limit",
                    params | {"m": '"' + " ".join(q.ref.lower().split("-")) + '"'},
                ).fetchall()
            )
        if q.phone_digits:
            add(
                conn.execute(
                    f'SELECT {cols} FROM {PHONE_TABLE} p JOIN "case" c ON c.pk = p.rowid '
                    f"WHERE {PHONE_TABLE} MATCH :m{kind_sql} "
                    "ORDER BY c.is_open DESC, c.updated_at DESC LIMIT :limit",
                    params | {"m": f'"{q.phone_digits}"'},
                ).fetchall()
            )
        if q.ref_prefix:
            # "H-20…" as a word query would intersect every "2026" in the index (~80 ms
            # at 100k); the start of a ref is a range on the ref's unique index instead.
            add(
                conn.execute(
                    f'SELECT {cols} FROM "case" c WHERE c.ref >= :lo AND c.ref < :hi{kind_sql} '
                    "ORDER BY c.ref DESC LIMIT :limit",
                    params | {"lo": q.ref_prefix, "hi": q.ref_prefix + "\uffff"},
                ).fetchall()
            )
        elif q.fts and len(order) < limit:
            if q.short and self._many_matches(q.fts):
                # A common prefix ("a", "k") matches most cases: fetching and sorting them
                # all costs ~40 ms at 100k. Walk the cases newest first instead (the
                # updated_at index) and keep those that match; it stops after `limit`.
                sql = (
                    f'SELECT {cols} FROM "case" c WHERE EXISTS (SELECT 1 FROM {FTS_TABLE} f '
                    f"WHERE {FTS_TABLE} MATCH :m AND f.rowid = c.pk){kind_sql} "
                    "ORDER BY c.updated_at DESC, c.pk DESC LIMIT :limit"
                )
            elif q.short:
                sql = (
                    f'SELECT {cols} FROM "case" c WHERE c.pk IN '
                    f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :m){kind_sql} "
                    "ORDER BY c.updated_at DESC, c.pk DESC LIMIT :limit"
                )
            elif kind:
                sql = (
                    f'SELECT {cols} FROM {FTS_TABLE} f JOIN "case" c ON c.pk = f.rowid '
                    f"WHERE {FTS_TABLE} MATCH :m{kind_sql} "
                    f"ORDER BY {BM25}, c.is_open DESC, c.updated_at DESC, c.pk DESC LIMIT :limit"
                )
            else:
                # The same order, but only the best-ranked matches (those scoring at least
                # as well as the limit-th) are joined to their cases: a common name
                # matches thousands, and fetching every case row to sort costs ~4×.
                sql = (
                    f"WITH s AS (SELECT rowid AS pk, {BM25} AS score FROM {FTS_TABLE} "
                    f"WHERE {FTS_TABLE} MATCH :m) "
                    f'SELECT {cols} FROM s JOIN "case" c ON c.pk = s.pk '
                    "WHERE s.score <= coalesce((SELECT score FROM s ORDER BY score "
                    "LIMIT 1 OFFSET :limit - 1), 9e999) "
                    "ORDER BY s.score, c.is_open DESC, c.updated_at DESC, c.pk DESC LIMIT :limit"
                )
            add(conn.execute(sql, params | {"m": q.fts}).fetchall())
        rows = [CaseRow.from_row(found[pk]) for pk in order]
        if q.short:
            # Short queries take the newest matches (all equally relevant; both ways of
            # finding them agree on which): open cases first among them, as on the phone
            # the open case is the one that matters.
            rows.sort(key=lambda r: not r.is_open)
        return self._explain_hits(rows, q.words, q.phone_digits)

    def _many_matches(self, fts: str) -> bool:
        """More than SHORT_SCAN_FROM cases match (counting reads only the index: ~2 ms
        for a one-letter prefix at 100k)."""
        row = self.conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? LIMIT ?)",
            (fts, SHORT_SCAN_FROM + 1),
        ).fetchone()
        return row[0] > SHORT_SCAN_FROM

    def _explain_hits(
        self, rows: list[CaseRow], words: tuple[str, ...], digits: str | None
    ) -> list[SearchHit]:
        """Which field matched, with the match's spans, for each result."""
        if not rows:
            return []
        ids = [r.id for r in rows]
        marks = ",".join("?" * len(ids))
        conn = self.conn
        values: dict[str, dict[str, Any]] = {
            r["id"]: dict(r)
            for r in conn.execute(
                "SELECT id, ref, title, party, contact_name, contact_phone, email, archive_ref, "
                f'tags FROM "case" WHERE id IN ({marks})',
                ids,
            )
        }
        by_kind: dict[str, list[str]] = {}
        for r in rows:
            by_kind.setdefault(r.kind, []).append(r.id)
        for kind, kids in by_kind.items():
            names = [f.name for f in KINDS[kind].fields if f.searchable]
            m = ",".join("?" * len(kids))
            for d in conn.execute(
                f"SELECT case_id, {', '.join(names)} FROM {kind} WHERE case_id IN ({m})", kids
            ):
                values[d["case_id"]].update({n: d[n] for n in names})
        for n in conn.execute(
            f"SELECT case_id, text FROM note WHERE case_id IN ({marks}) ORDER BY at DESC", ids
        ):
            values[n["case_id"]].setdefault("_notes", []).append(n["text"])
        return [self._hit(r, values.get(r.id, {}), words, digits) for r in rows]

    @staticmethod
    def _hit(
        row: CaseRow, values: dict[str, Any], words: tuple[str, ...], digits: str | None
    ) -> SearchHit:
        spec = kind_spec(row.kind)
        if digits:
            for f in spec.all_fields:
                if f.type == "phone" and values.get(f.name):
                    stored = str(values[f.name])
                    span = digit_span(digits, stored)
                    if span:
                        shown = display_value(f, stored)
                        return SearchHit(row, f.label, shown, _shift_span(stored, shown, span))
        if words:
            candidates: list[tuple[str, str]] = [("Saksnummer", row.ref), ("Tittel", row.title)]
            candidates += [
                (f.label, str(values[f.name]))
                for f in spec.all_fields
                if f.searchable and f.type != "phone" and values.get(f.name)
            ]
            candidates += [("Notat", t) for t in values.get("_notes", [])]
            for label, text in candidates:
                spans = word_matches(words, text)
                if spans:
                    return SearchHit(row, label, *_excerpt(shown_line(text), spans))
        return SearchHit(row, "Tittel", row.title, ())


def _shift_span(stored: str, shown: str, span: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    """Map a span over digits onto the shown text with spaces between pairs."""
    digit_positions = [i for i, ch in enumerate(shown) if ch.isdigit()]
    offset = len(stored) - len(digit_positions)  # a leading "+" is kept in both
    a, b = span[0] - offset, span[1] - offset
    if a < 0 or b > len(digit_positions) or a >= b:
        return ()
    return ((digit_positions[a], digit_positions[b - 1] + 1),)


def _excerpt(
    text: str, spans: list[tuple[int, int]], width: int = 80
) -> tuple[str, tuple[tuple[int, int], ...]]:
    text = " ".join(text.split()) if "\n" in text else text
    if len(text) <= width:
        return text, tuple(spans)
    start = max(0, spans[0][0] - 20)
    end = start + width
    cut = text[start:end]
    prefix = "…" if start else ""
    shift = start - len(prefix)
    kept = tuple((a - shift, b - shift) for a, b in spans if a >= start and b <= end)
    return prefix + cut + ("…" if end < len(text) else ""), kept


ACTION_LABELS = {
    "create": "Opprettet",
    "convert": "Omgjort",
    "import": "Importert",
    "import_create": "Importert (ny sak)",
    "note": "Notat",
    "undo": "Angret",
    "snooze": "Utsatt",
}


def _history_label(kind: str, action: str, name: str | None) -> str:
    if name is None or name.startswith("note:") or name == "note":
        return ACTION_LABELS.get(action, action)
    if name == "status":
        return "Status"
    if name == "snoozed_until":
        return "Utsatt til"
    if name == "reason":
        return "Begrunnelse"
    if name == "converted_to":
        return "Omgjort til veiledning"
    try:
        return kind_spec(kind).field(name).label
    except KeyError:
        return name


def _history_value(kind: str, name: str | None, text: str | None) -> str:
    if text is None:
        # An empty yes/no field is "Ukjent", as everywhere else; other empties are blank.
        try:
            f = kind_spec(kind).field(name) if name else None
        except KeyError:
            f = None
        return display_value(f, None) if f is not None and f.type == "tri" else ""
    if name == "status":
        return status_label(kind, text)
    if name == "snoozed_until":
        return display_value(None, date.fromisoformat(text))
    if name is None or name in ("reason", "converted_to") or name.startswith("note"):
        return shown(text)
    try:
        f = kind_spec(kind).field(name)
    except KeyError:
        return shown(text)
    return display_value(f, from_text(f, text))
