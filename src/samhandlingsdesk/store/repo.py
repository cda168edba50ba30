"""Reads the screens need: pages, counts, a case, its history and notes, search, recent.

Reads use the stdlib `sqlite3` driver (one connection per thread) and select columns,
never ORM objects: the first page shows before SQLAlchemy has even been imported, and a
page of 100k costs what a page of 1k does (keyset paging on the indexes of tables.py).
Everything returned is a plain frozen dataclass, safe to hand from a worker to the UI.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from samhandlingsdesk.domain.case_view import CaseRecord
from samhandlingsdesk.domain.deadlines import (
    Reminders,
    Rule,
    active_rules,
    reason_text,
    weight_of,
)
from samhandlingsdesk.domain.kinds import KINDS, kind_spec, status_label
from samhandlingsdesk.domain.limits import shown, shown_line
from samhandlingsdesk.domain.presentation import (
    Badge,
    badge,
    competition_key,
    competition_warning,
    history_label,
    history_value,
    search_match,
)
from samhandlingsdesk.domain.text.agenda import CHANNELS
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.store.search import parse_query
from samhandlingsdesk.store.search_schema import FTS_TABLE, PHONE_TABLE
from samhandlingsdesk.store.values import from_text, stored_date, stored_utc, stored_value

PAGE_SIZE = 200
# A short query matching more cases than this walks the cases newest first (see search).
SHORT_SCAN_FROM = 2000
# Relevance: a match in the ref counts most, then the title, the body, the notes.
BM25 = f"bm25({FTS_TABLE}, 10.0, 5.0, 1.0, 0.5)"
# The date columns of `case` that are not fields of the kind.
DATE_CASE_COLUMNS = (
    "due_on",
    "snoozed_until",
    "critical_on",
    "status_since",
    "closed_on",
    "reminded_on",
)


_d = stored_date
_dt = stored_utc


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
    due_key: str | None = None
    due_params: str | None = None
    critical_on: date | None = None
    status_since: date | None = None
    created_at: datetime | None = None
    # Only in the LIS3 queue sorted by seniority: the seniority date and the rank.
    seniority_from: date | None = None
    rank: int | None = None

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
            due_key=r["due_key"],
            due_params=r["due_params"],
            critical_on=_d(r["critical_on"]),
            status_since=_d(r["status_since"]),
            created_at=_dt(r["created_at"]),
        )

    @property
    def status_label(self) -> str:
        return status_label(self.kind, self.status)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind].label

    def critical(self, today: date) -> bool:
        """Its *kritisk* date has come (DOMAIN.md «Weights»)."""
        return self.is_open and self.critical_on is not None and self.critical_on <= today

    @property
    def weight(self) -> str:
        """The weight of the rule behind `due_on` ("" when none)."""
        return weight_of(self.due_key) if self.due_key else ""

    def reason(self, today: date | None) -> str:
        """The due reason as shown today («Venter på … siden … (75 virkedager)»)."""
        if not self.is_open:
            return ""
        return reason_text(self.due_key, self.due_params, self.due_on, self.due_reason, today)

    def is_new(self, since: datetime | None) -> bool:
        return since is not None and self.created_at is not None and self.created_at >= since

    def badge(self, today: date) -> Badge:
        """The most pressing thing to say about the row's dates, with the weight."""
        return badge(
            is_open=self.is_open,
            snoozed_until=self.snoozed_until,
            due_on=self.due_on,
            flag_count=self.flag_count,
            today=today,
            critical=self.critical(today),
            weight=self.weight,
        )


# The `case` columns a list row holds (every field of `CaseRow` but the LIS3 queue's own),
# as they are selected: alone, or prefixed with the `c.` of a join.
LIST_NAMES = tuple(f.name for f in fields(CaseRow) if f.name not in ("seniority_from", "rank"))
LIST_COLUMNS = ", ".join(LIST_NAMES)
LIST_COLUMNS_C = ", ".join(f"c.{name}" for name in LIST_NAMES)


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page ended: the phase, the last row's sort date (its critical date in the
    inbox's first phase, else its due date; None in the NULL phase) and pk."""

    due_on: str | None
    pk: int
    phase: str | None = None  # "critical", "due", "none"; None: from `due_on`

    @property
    def where(self) -> str:
        if self.phase:
            return self.phase
        return "due" if self.due_on is not None else "none"


@dataclass(frozen=True, slots=True)
class Summary:
    """The line over the inbox: «3 kritiske · 57 forfalt · 1 i dag · 5 denne uken · 4 nye»."""

    critical: int
    overdue: int
    today: int
    week: int
    new: int


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
    """A case with what its screen shows beside it: notes, active rules, warnings."""

    case: CaseRecord
    notes: tuple[NoteRow, ...]
    rules: tuple[Rule, ...]
    warnings: tuple[str, ...] = ()

    @property
    def detail(self) -> Mapping[str, Any]:
        """The kind's own fields by name."""
        return self.case.fields

    @property
    def id(self) -> str:
        return self.case.id

    @property
    def kind(self) -> str:
        return self.case.kind

    @property
    def ref(self) -> str:
        return self.case.ref

    @property
    def version(self) -> int:
        return self.case.version

    @property
    def status(self) -> str:
        return self.case.status

    def values(self) -> dict[str, Any]:
        """Every field of the kind by name (common and detail)."""
        return self.case.values()


@dataclass(frozen=True, slots=True)
class Purring:
    on: date
    channel: str  # a key of CHANNELS

    @property
    def channel_label(self) -> str:
        return CHANNELS.get(self.channel, self.channel)


@dataclass(frozen=True, slots=True)
class SearchHit:
    row: CaseRow
    field_label: str  # which field matched
    text: str  # that field's text (shortened around the match)
    spans: tuple[tuple[int, int], ...] = field(default_factory=tuple)


_parse_value = stored_value


# A case hidden by an undone creation (DESIGN.md «Data model»: deleted_at) is gone from
# every list, search, export and count; its events and notes are kept for redo.
VISIBLE = "deleted_at IS NULL"


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
        """One page of a list, most urgent first. The inbox reads in phases (DESIGN.md
        "Data model"): the cases whose critical date has come (by that date), then the
        rest by due date, then those without one (by pk); queues skip the first phase.
        Each phase is read in the order of an index (keyset paging)."""
        where, params = self._where(flt, today)
        phases = self._phases(flt)
        start = phases.index(after.where) if after is not None else 0
        rows: list[sqlite3.Row] = []
        row_phases: list[str] = []
        for phase in phases[start:]:
            need = limit + 1 - len(rows)
            if need <= 0:
                break
            cursor = after if after is not None and after.where == phase else None
            sql, p = self._phase_sql(phase, where, params, cursor, flt.is_inbox)
            got = self.conn.execute(sql, p | {"limit": need}).fetchall()
            rows += got
            row_phases += [phase] * len(got)
        more = len(rows) > limit
        out = tuple(CaseRow.from_row(r) for r in rows[:limit])
        nxt = None
        if more and out:
            last, phase = out[-1], row_phases[len(out) - 1]
            key = last.critical_on if phase == "critical" else last.due_on
            nxt = Cursor(key.isoformat() if key else None, last.pk, phase)
        return Page(out, nxt)

    @staticmethod
    def _phases(flt: ListFilter) -> tuple[str, ...]:
        return ("critical", "due", "none") if flt.is_inbox else ("due", "none")

    @staticmethod
    def _phase_sql(
        phase: str, where: str, params: dict[str, Any], after: Cursor | None, inbox: bool
    ) -> tuple[str, dict[str, Any]]:
        p = dict(params)
        base = f'SELECT {LIST_COLUMNS} FROM "case" WHERE {where}'
        if phase == "critical":
            sql = f"{base} AND critical_on <= :today"
            if after is not None:
                sql += (
                    " AND (critical_on > :after_due"
                    " OR (critical_on = :after_due AND pk > :after_pk))"
                )
                p |= {"after_due": after.due_on, "after_pk": after.pk}
            return sql + " ORDER BY critical_on, pk LIMIT :limit", p
        if phase == "due":
            sql = f"{base} AND due_on IS NOT NULL"
            if inbox:
                # The critical ones were shown in the first phase.
                sql += " AND (critical_on IS NULL OR critical_on > :today)"
            if after is not None:
                sql += " AND (due_on > :after_due OR (due_on = :after_due AND pk > :after_pk))"
                p |= {"after_due": after.due_on, "after_pk": after.pk}
            return sql + " ORDER BY due_on, pk LIMIT :limit", p
        sql = f"{base} AND due_on IS NULL"
        if after is not None:
            sql += " AND pk > :after_pk"
            p["after_pk"] = after.pk
        return sql + " ORDER BY due_on, pk LIMIT :limit", p

    @staticmethod
    def _where(flt: ListFilter, today: date) -> tuple[str, dict[str, Any]]:
        params: dict[str, Any] = {"today": today.isoformat()}
        # A creation undone hides the case (deleted_at): gone from every list and count.
        if flt.is_inbox:
            where = (
                f"{VISIBLE} AND is_open = 1 AND (snoozed_until IS NULL OR snoozed_until <= :today) "
                "AND (whose_move = 'ours' OR due_on <= :today)"
            )
        else:
            where = f"{VISIBLE} AND queue = :queue"
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

    def explain(self, flt: ListFilter, today: date, phase: str = "due") -> list[str]:
        """The query plan of one phase of a list's first page (for tests)."""
        where, params = self._where(flt, today)
        sql, p = self._phase_sql(phase, where, params, None, flt.is_inbox)
        rows = self.conn.execute(f"EXPLAIN QUERY PLAN {sql}", p | {"limit": PAGE_SIZE})
        return [r[3] for r in rows.fetchall()]

    # -- the summary over the inbox -------------------------------------------------------
    # Two range reads of covering indexes: what falls due by Sunday (`ix_case_counts`,
    # due_on first; a critical date is never before the due date), and what was created
    # since the desk was last opened (`ix_case_new`). Snoozed cases wait for their day.
    _SUMMARY_FROM = (
        'FROM "case" WHERE is_open = 1 AND deleted_at IS NULL '
        "AND (snoozed_until IS NULL OR snoozed_until <= :today)"
    )
    SUMMARY_SQL = (
        "SELECT count(*) FILTER (WHERE critical_on <= :today), "
        "count(*) FILTER (WHERE due_on < :today AND NOT coalesce(critical_on <= :today, 0)), "
        "count(*) FILTER (WHERE due_on = :today AND NOT coalesce(critical_on <= :today, 0)), "
        f"count(*) FILTER (WHERE due_on > :today) {_SUMMARY_FROM} AND due_on <= :sunday"
    )
    NEW_SQL = f"SELECT count(*) {_SUMMARY_FROM} AND created_at >= :new_since"

    def _summary_params(self, today: date, new_since: datetime | None) -> dict[str, Any]:
        since = new_since or datetime.combine(today, datetime.min.time(), UTC) - timedelta(days=1)
        return {
            "today": today.isoformat(),
            "sunday": (today + timedelta(days=6 - today.weekday())).isoformat(),
            "new_since": since.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
        }

    def summary(self, today: date, new_since: datetime | None = None) -> Summary:
        """The counts over the inbox, from the covering index `ix_case_counts` alone:
        critical (its critical date has come), overdue and due today (the critical ones
        not counted again), due later this week (to Sunday), new since `new_since`
        (default: the last 24 hours). Snoozed cases are not counted until their day."""
        params = self._summary_params(today, new_since)
        due = self.conn.execute(self.SUMMARY_SQL, params).fetchone()
        new = self.conn.execute(self.NEW_SQL, params).fetchone()[0]
        return Summary(*(int(n or 0) for n in due), new=int(new))

    def explain_summary(self, today: date) -> list[str]:
        params = self._summary_params(today, None)
        return [
            r[3]
            for sql in (self.SUMMARY_SQL, self.NEW_SQL)
            for r in self.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
        ]

    def count(self, flt: ListFilter, today: date) -> int:
        where, params = self._where(flt, today)
        return self.conn.execute(f'SELECT count(*) FROM "case" WHERE {where}', params).fetchone()[0]

    def counts(self, today: date) -> dict[str, int]:
        """Inbox and open cases per queue: {"inbox": n, "hospitering": n, ...}."""
        out = {"inbox": self.count(ListFilter(), today)}
        for queue, n in self.conn.execute(
            f'SELECT queue, count(*) FROM "case" WHERE is_open = 1 AND {VISIBLE} GROUP BY queue'
        ):
            out[queue] = n
        return out

    def status_counts(self, queue: str) -> dict[str, int]:
        return dict(
            self.conn.execute(
                f'SELECT status, count(*) FROM "case" WHERE queue = ? AND {VISIBLE} '
                "GROUP BY status",
                (queue,),
            ).fetchall()
        )

    def total(self) -> int:
        return self.conn.execute(f'SELECT count(*) FROM "case" WHERE {VISIBLE}').fetchone()[0]

    def lis3_queue_by_seniority(self) -> tuple[CaseRow, ...]:
        """Queued LIS3 candidates, earliest seniority first, with the seniority date and
        the rank (a small list: it may sort)."""
        cols = LIST_COLUMNS_C
        rows = self.conn.execute(
            f'SELECT {cols}, d.seniority_from FROM "case" c JOIN lis3 d ON d.case_id = c.id '
            "WHERE c.queue = 'lis' AND c.status = 'i_ko' AND c.deleted_at IS NULL "
            "ORDER BY d.seniority_from IS NULL, d.seniority_from, c.pk"
        ).fetchall()
        return tuple(
            replace(CaseRow.from_row(r), seniority_from=_d(r["seniority_from"]), rank=i)
            for i, r in enumerate(rows, 1)
        )

    # -- one case ----------------------------------------------------------------------
    def case_id_for_ref(self, ref: str) -> str | None:
        row = self.conn.execute(
            f'SELECT id FROM "case" WHERE ref = ? AND {VISIBLE}', (ref.upper(),)
        ).fetchone()
        return row[0] if row else None

    def row(self, case_id: str) -> CaseRow | None:
        r = self.conn.execute(
            f'SELECT {LIST_COLUMNS} FROM "case" WHERE id = ? AND {VISIBLE}', (case_id,)
        ).fetchone()
        return CaseRow.from_row(r) if r else None

    def get_case(self, case_id: str) -> CaseDetail | None:
        with self.desk.read() as conn:
            r = conn.execute(
                f'SELECT * FROM "case" WHERE id = ? AND {VISIBLE}', (case_id,)
            ).fetchone()
            if r is None:
                return None
            kind = r["kind"]
            spec = kind_spec(kind)
            case: dict[str, Any] = dict(r)
            for f in spec.all_fields:
                if f.common:
                    case[f.name] = _parse_value(f, case.get(f.name))
            for name in DATE_CASE_COLUMNS:
                case[name] = _d(case.get(name))
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
        return CaseDetail(CaseRecord.from_columns(case, detail), notes, rules, warnings)

    @staticmethod
    def _warnings(
        conn: sqlite3.Connection, kind: str, case: dict[str, Any], detail: dict[str, Any]
    ) -> tuple[str, ...]:
        """Warnings that need other cases: networks that compete (S2 § 5.1)."""
        if kind != "nettverk" or not case["is_open"]:
            return ()
        key = competition_key(detail)
        if key is None:
            return ()
        topic, group = key
        refs = [
            r[0]
            for r in conn.execute(
                'SELECT c.ref FROM "case" c JOIN nettverk d ON d.case_id = c.id '
                "WHERE c.is_open = 1 AND c.deleted_at IS NULL AND c.id <> ? "
                "AND lower(trim(d.topic)) = ? "
                "AND lower(trim(d.target_group)) = ? LIMIT 5",
                (case["id"], topic, group),
            )
        ]
        warning = competition_warning(refs)
        return (warning,) if warning else ()

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
            "WHERE case_id = ? AND coalesce(field, '') NOT IN "
            "('status_since', 'closed_on', 'reminded_on') "
            "ORDER BY id DESC",
            (case_id,),
        ):
            out.append(
                HistoryRow(
                    id=e["id"],
                    at=_dt(e["at"]),  # type: ignore[arg-type]
                    action=e["action"],
                    field=e["field"],
                    label=history_label(spec.key.value, e["action"], e["field"]),
                    old=history_value(kind, e["field"], e["old"], from_text),
                    new=history_value(kind, e["field"], e["new"], from_text),
                    undone=e["undone_by"] is not None,
                )
            )
        return tuple(out)

    def purrings(self, case_id: str) -> tuple[Purring, ...]:
        """The purrings of a case that are not undone, oldest first."""
        return tuple(
            Purring(date.fromisoformat(r[1][:10]), r[1][11:])
            for r in self.conn.execute(
                "SELECT at, new FROM event WHERE case_id = ? AND action = 'purring' "
                "AND field = 'purring' AND undone_by IS NULL ORDER BY id",
                (case_id,),
            )
        )

    # -- recent ------------------------------------------------------------------------
    def recently_opened(self, limit: int = 10) -> tuple[CaseRow, ...]:
        cols = LIST_COLUMNS_C
        rows = self.conn.execute(
            f'SELECT {cols} FROM opened o JOIN "case" c ON c.id = o.case_id '
            "WHERE c.deleted_at IS NULL ORDER BY o.at DESC LIMIT ?",
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
        # Hidden cases (a creation undone) are never found; every query below ends so.
        cols = LIST_COLUMNS_C
        kind_sql = " AND c.deleted_at IS NULL" + (" AND c.kind = :kind" if kind else "")
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
                    f"LIMIT 1 OFFSET :limit - 1), 9e999){kind_sql} "
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
        out = []
        for r in rows:
            m = search_match(r.kind, r.ref, r.title, values.get(r.id, {}), words, digits)
            out.append(SearchHit(r, m.field_label, m.text, m.spans))
        return out
