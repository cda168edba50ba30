"""The reads statistics need, on the stdlib driver (DESIGN.md: reads select columns).

One query per kind reads every case that any measure of the period could count — received,
closed, decided, notified or held in the period — with the columns the measures use; the
service counts them in one pass. Cases hidden by an undone creation (`deleted_at`) are
never read. Dates come back as ISO text (`YYYY-MM-DD`), compared as text.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.store.repo import LIST_COLUMNS, CaseRow

# Per kind: the detail columns the measures read, and the dates that put a case in a period
# (besides `received_on` and `closed_on`).
DETAIL_COLUMNS: dict[str, tuple[str, ...]] = {
    "hospitering": (
        "direction",
        "profession",
        "host_unit",
        "desired_host_unit",
        "own_leader_decision",
        "own_leader_on",
        "host_leader_decision",
        "host_leader_on",
        "feedback_decision",
        "feedback_on",
    ),
    "veiledning": ("direction", "subject", "scope", "channel", "agreed_on"),
    "lis1": (
        "notice_type",
        "event_on",
        "hospital_notified_on",
        "statsforvalter_notified_on",
        "statsforvalter_confirmed",
        "other_party_informed_on",
    ),
    "lis3": (
        "program",
        "specialty",
        "desired_from",
        "queued_on",
        "offered_from",
        "confirmation_requested_on",
    ),
    "nettverk": (
        "activity_type",
        "level",
        "held_on",
        "participants_municipality",
        "participants_hospital",
        "counts_learning_goals",
    ),
}
PERIOD_DATES: dict[str, tuple[str, ...]] = {
    "hospitering": ("own_leader_on", "host_leader_on", "feedback_on"),
    "veiledning": ("agreed_on",),
    "lis1": (),
    "lis3": ("offered_from",),
    "nettverk": ("held_on",),
}
# LIS3: the confirmation is due six months before the desired start (clamped to the month's
# end), so read a little more than that window; the service checks the exact date.
PERIOD_EXTRA: dict[str, str] = {
    "lis3": "d.desired_from BETWEEN date(:start, '+5 months') AND date(:end, '+7 months')",
}
CASE_COLUMNS = ("pk", "status", "received_on", "closed_on", "reason")


@dataclass(frozen=True, slots=True)
class PartyFilter:
    """One party, or one side given as the party names on it (`inside`) or off it."""

    party: str | None = None
    names: tuple[str, ...] = ()
    inside: bool = True

    @property
    def active(self) -> bool:
        return bool(self.party) or bool(self.names)


def _party_sql(flt: PartyFilter | None, params: dict[str, object]) -> str:
    if flt is None or not flt.active:
        return ""
    if flt.party:
        params["party"] = flt.party
        return " AND c.party = :party"
    params["names"] = json.dumps(list(flt.names), ensure_ascii=False)
    names = "(SELECT value FROM json_each(:names))"
    if flt.inside:
        return f" AND c.party IN {names}"
    return f" AND c.party IS NOT NULL AND c.party <> '' AND c.party NOT IN {names}"


def kind_sql(kind: str, flt: PartyFilter | None = None) -> tuple[str, dict[str, object]]:
    """The SELECT for one kind over the period `:start`..`:end` (ISO dates, inclusive)."""
    if kind not in KINDS:
        raise KeyError(kind)
    params: dict[str, object] = {"kind": kind}
    cols = [f"c.{c}" for c in CASE_COLUMNS] + [f"d.{c}" for c in DETAIL_COLUMNS[kind]]
    dates = ["c.received_on", "c.closed_on"] + [f"d.{c}" for c in PERIOD_DATES[kind]]
    when = " OR ".join(f"{d} BETWEEN :start AND :end" for d in dates)
    if kind in PERIOD_EXTRA:
        when += f" OR {PERIOD_EXTRA[kind]}"
    sql = (
        f'SELECT {", ".join(cols)} FROM "case" c JOIN {kind} d ON d.case_id = c.id '
        f"WHERE c.kind = :kind AND c.deleted_at IS NULL AND ({when})"
    )
    return sql + _party_sql(flt, params), params


def kind_rows(
    conn: sqlite3.Connection,
    kind: str,
    start: str,
    end: str,
    flt: PartyFilter | None = None,
) -> list[tuple[Any, ...]]:
    """Every case of `kind` that a measure of the period may count, as plain tuples in
    the order `CASE_COLUMNS + DETAIL_COLUMNS[kind]`."""
    sql, params = kind_sql(kind, flt)
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples: the fastest way through ~80k rows
    return cur.execute(sql, params | {"start": start, "end": end}).fetchall()


def case_rows(conn: sqlite3.Connection, pks: Sequence[int]) -> tuple[CaseRow, ...]:
    """The cases behind a figure, oldest received first (for the screen's Enter)."""
    cols = ", ".join(f"c.{c.strip()}" for c in LIST_COLUMNS.split(","))
    rows = conn.execute(
        f'SELECT {cols} FROM "case" c WHERE c.pk IN (SELECT value FROM json_each(?)) '
        "AND c.deleted_at IS NULL ORDER BY c.received_on, c.pk",
        (json.dumps(list(pks)),),
    ).fetchall()
    return tuple(CaseRow.from_row(r) for r in rows)


def parties(conn: sqlite3.Connection) -> tuple[tuple[str, int], ...]:
    """Every party on the desk with its number of cases, by name."""
    return tuple(
        (r[0], r[1])
        for r in conn.execute(
            'SELECT party, count(*) FROM "case" WHERE deleted_at IS NULL '
            "AND party IS NOT NULL AND party <> '' GROUP BY party ORDER BY party"
        ).fetchall()
    )


def busiest_year(conn: sqlite3.Connection) -> int | None:
    """The year with the most cases received (for the benchmark)."""
    row = conn.execute(
        'SELECT substr(received_on, 1, 4) y, count(*) n FROM "case" '
        "WHERE deleted_at IS NULL GROUP BY y ORDER BY n DESC LIMIT 1"
    ).fetchone()
    return int(row[0]) if row else None
