"""The statistics use case: the tables of a period, for the screen, the file and the CLI.

Reads one query per kind (store/stats_queries.py) and counts in one pass with the rules of
domain/statistics.py. Every figure keeps the cases behind it (their `pk`), so the screen's
Enter can list them. No Textual.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from samhandlingsdesk.domain import statistics as st
from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.lifecycle import VEILEDNING_DECLINE_REASONS
from samhandlingsdesk.domain.statistics import (
    Cell,
    Report,
    Scope,
    StatRow,
    StatTable,
    count_cell,
    in_period,
    stat_cell,
    sum_cell,
)
from samhandlingsdesk.domain.text import plural
from samhandlingsdesk.domain.text import stats as txt
from samhandlingsdesk.store import stats_queries as q
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.store.repo import CaseRow

Row = tuple[Any, ...]
KIND_ORDER = ("hospitering", "veiledning", "lis1", "lis3", "nettverk")


@dataclass(frozen=True, slots=True)
class Options:
    """How the figures are made: today (for «not due yet»), the LIS1 reminder length, and
    whether small counts are shown exactly (internal use)."""

    today: date
    reminders: Reminders
    exact: bool = False


@cache
def _municipality_names() -> tuple[str, ...]:
    from samhandlingsdesk.io.reference import municipalities, name_parts

    names = set(municipalities())
    for full in municipalities():
        names.update(name_parts(full))
    return tuple(sorted(names))


def party_filter(scope: Scope) -> q.PartyFilter | None:
    if scope.party:
        return q.PartyFilter(party=scope.party)
    if scope.side:
        return q.PartyFilter(names=_municipality_names(), inside=scope.side == "kommune")
    return None


# --- counting ----------------------------------------------------------------------------


class _Tally:
    """Cases (pks) per (row, column), and sums where a column adds up numbers."""

    def __init__(self) -> None:
        self.pks: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.sums: dict[tuple[str, str], int] = defaultdict(int)
        self.values: dict[tuple[str, str], list[float]] = defaultdict(list)

    def add(self, row: str, col: str, pk: int) -> None:
        self.pks[(row, col)].append(pk)

    def add_sum(self, row: str, col: str, pk: int, n: int) -> None:
        self.pks[(row, col)].append(pk)
        self.sums[(row, col)] += n

    def add_value(self, row: str, col: str, pk: int, value: float) -> None:
        self.pks[(row, col)].append(pk)
        self.values[(row, col)].append(value)


def _rows_by_count(tally: _Tally, col: str) -> list[str]:
    """Free-text categories: the most cases first, then by name."""
    rows = {r for r, c in tally.pks if c == col}
    return sorted(rows, key=lambda r: (-len(set(tally.pks[(r, col)])), r.casefold()))


def _choice_rows(kind: str, name: str, tally: _Tally) -> list[str]:
    """A choice field's labels in form order, then any other value seen, then «not given»."""
    labels = [label for _, label in KINDS[kind].field(name).choices]
    seen = {r for r, _ in tally.pks}
    extra = sorted(seen - set(labels) - {txt.NOT_GIVEN})
    return labels + extra + ([txt.NOT_GIVEN] if txt.NOT_GIVEN in seen else [])


@cache
def _choice_labels(kind: str, name: str) -> dict[str, str]:
    return dict(KINDS[kind].field(name).choices)


def _label(kind: str, name: str, key: object) -> str:
    if key is None or key == "":
        return txt.NOT_GIVEN
    k = str(key)
    return _choice_labels(kind, name).get(k, k)


class _FreeText:
    """Groups free text case-insensitively; a group is labelled by its most used spelling
    (ties: the first in sort order), so the label does not depend on the row order."""

    def __init__(self) -> None:
        self.spellings: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def __call__(self, value: object) -> str:
        text = " ".join(str(value or "").split())
        if not text:
            return txt.NOT_GIVEN
        key = text.casefold()
        self.spellings[key][text] += 1
        return key

    def label(self, key: str) -> str:
        seen = self.spellings.get(key)
        if not seen:
            return key
        return min(seen, key=lambda s: (-seen[s], s))


@dataclass
class _Build:
    kind: str
    scope: Scope
    opts: Options

    @property
    def sensitive_scope(self) -> bool:
        return bool(self.scope.party or self.scope.side)

    def table(
        self,
        key: str,
        title: str,
        row_header: str,
        columns: Sequence[str],
        rows: Iterable[str],
        tally: _Tally,
        *,
        masked: bool = False,
        note: str = "",
        chart: st.ChartKind | None = "category",
        chart_column: int = 0,
        sums: Sequence[str] = (),
        stats: dict[str, tuple[str, str]] | None = None,
        row_labels: Callable[[str], str] | None = None,
    ) -> StatTable:
        """`sums`: columns that add numbers; `stats`: column -> (values column, how)."""
        masked = masked or self.sensitive_scope
        exact = self.opts.exact
        out = []
        for r in rows:
            cells: list[Cell] = []
            for c in columns:
                if c in sums:
                    cells.append(sum_cell(tally.sums[(r, c)], tally.pks[(r, c)]))
                elif stats and c in stats:
                    src, how = stats[c]
                    cells.append(
                        stat_cell(tally.values[(r, src)], tally.pks[(r, src)], how, exact=exact)
                    )
                else:
                    cells.append(count_cell(tally.pks[(r, c)], masked=masked, exact=exact))
            out.append(StatRow(row_labels(r) if row_labels else r, tuple(cells)))
        return StatTable(
            key=key,
            title=title,
            kind=self.kind,
            row_header=row_header,
            columns=tuple(columns),
            rows=tuple(out),
            chart=chart,
            chart_column=chart_column,
            note=note,
            masked=masked and not exact,
        )

    def choices(
        self,
        key: str,
        title: str,
        row_header: str,
        field: str,
        tally: _Tally,
        *,
        note: str,
        columns: Sequence[str] = (txt.COL_CASES,),
        sums: Sequence[str] = (),
    ) -> StatTable:
        """Cases (or activities) by a choice field, its choices in form order."""
        rows = _choice_rows(self.kind, field, tally)
        return self.table(key, title, row_header, columns, rows, tally, note=note, sums=sums)

    def free_text(
        self, key: str, title: str, row_header: str, tally: _Tally, labels: _FreeText
    ) -> StatTable:
        """Cases by a free-text field, the most named first; always masked (a rare
        value may point at a person)."""
        return self.table(
            key,
            title,
            row_header,
            [txt.COL_CASES],
            _rows_by_count(tally, txt.COL_CASES),
            tally,
            masked=True,
            note=txt.N_RECEIVED,
            row_labels=labels.label,
        )

    def spread(
        self,
        key: str,
        title: str,
        row_header: str,
        rows: Sequence[str],
        tally: _Tally,
        value: str,
        columns: tuple[str, str],
        *,
        note: str,
        masked: bool = False,
    ) -> StatTable:
        """The cases of each row, and the median and 90th percentile (`columns`) of the
        `value` they were given with `_Tally.add_value`."""
        for row in rows:
            tally.pks[(row, txt.COL_CASES)] = tally.pks[(row, value)]
        median, p90 = columns
        return self.table(
            key,
            title,
            row_header,
            [txt.COL_CASES, median, p90],
            rows,
            tally,
            masked=masked,
            note=note,
            chart=None,
            stats={median: (value, "median"), p90: (value, "p90")},
        )


def _joined(labels: Sequence[str]) -> str:
    """«Fullført, Avslått og Trukket» -> «Fullført, avslått og trukket»."""
    words = [labels[0], *(w.lower() for w in labels[1:])]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " og " + words[-1]


def _month_table(b: _Build, rows: list[Row], decided: Callable[[Row], list[str]]) -> StatTable:
    kind = b.kind
    period = b.scope.period
    pi = period.iso
    outcomes = st.OUTCOMES[kind]
    withdrawn = txt.COL_CANCELLED if kind in ("lis3", "nettverk") else txt.COL_WITHDRAWN
    cols = [txt.COL_RECEIVED]
    if kind in st.DECIDED_KINDS:
        cols.append(txt.COL_DECIDED)
    cols.append(txt.COL_COMPLETED)
    if "declined" in outcomes.values():
        cols.append(txt.COL_DECLINED)
    cols.append(withdrawn)
    outcome_col = {"completed": txt.COL_COMPLETED, "declined": txt.COL_DECLINED}
    tally = _Tally()
    total = txt.TOTAL
    decided_n: dict[str, int] = defaultdict(int)
    for r in rows:
        pk, status, received, closed = r[0], r[1], r[2], r[3]
        if in_period(received, pi):
            m = str(received)[:7]
            tally.add(m, txt.COL_RECEIVED, pk)
            tally.add(total, txt.COL_RECEIVED, pk)
        outcome = outcomes.get(str(status))
        if outcome and in_period(closed, pi):
            col = outcome_col.get(outcome, withdrawn)
            m = str(closed)[:7]
            tally.add(m, col, pk)
            tally.add(total, col, pk)
        for day in decided(r):
            if in_period(day, pi):
                tally.add(day[:7], txt.COL_DECIDED, pk)
                tally.add(total, txt.COL_DECIDED, pk)
                decided_n[day[:7]] += 1
                decided_n[total] += 1
    months = period.months()
    with_year = months[0][:4] != months[-1][:4]
    table = b.table(
        f"{kind}_month",
        txt.T_MONTH.format(kind=KINDS[kind].plural),
        txt.ROW_MONTH,
        cols,
        [*months, total],
        tally,
        note=txt.N_MONTH.format(
            decided={
                "hospitering": txt.N_MONTH_DECIDED_H,
                "veiledning": txt.N_MONTH_DECIDED_V,
            }.get(kind, ""),
            closed=_joined(cols[cols.index(txt.COL_COMPLETED) :]),
        ),
        chart="month",
        row_labels=lambda m: m if m == total else st.month_label(m, with_year),
    )
    if kind != "hospitering":
        return table
    # Hospitering counts decisions (two per case when both leaders decide in the period).
    i = cols.index(txt.COL_DECIDED)
    keys = [*months, total]
    fixed = []
    for key, row in zip(keys, table.rows, strict=True):
        cells = list(row.cells)
        old = cells[i]
        cells[i] = count_cell(
            old.pks, masked=table.masked, exact=b.opts.exact, n=decided_n.get(key, 0)
        )
        fixed.append(StatRow(row.label, tuple(cells)))
    return replace(table, rows=tuple(fixed))


# --- per kind ------------------------------------------------------------------------------


@cache
def _columns(kind: str) -> dict[str, int]:
    """Where each column is in a row of `read_kind`."""
    return {n: i for i, n in enumerate(q.CASE_COLUMNS + q.DETAIL_COLUMNS[kind])}


def _hospitering(b: _Build, rows: list[Row]) -> list[StatTable]:
    pi, ix = b.scope.period.iso, _columns("hospitering")
    direction, prof, unit = _Tally(), _Tally(), _Tally()
    outcome, days = _Tally(), _Tally()
    profession_label, unit_label = _FreeText(), _FreeText()
    granted = {"innvilget": txt.COL_GRANTED, "ikke_innvilget": txt.COL_NOT_GRANTED}
    for r in rows:
        pk = r[0]
        if in_period(r[ix["received_on"]], pi):
            d = _label("hospitering", "direction", r[ix["direction"]])
            direction.add(d, txt.COL_CASES, pk)
            p = profession_label(r[ix["profession"]])
            prof.add(p, d, pk)
            prof.add(p, txt.TOTAL, pk)
            u = unit_label(r[ix["host_unit"]] or r[ix["desired_host_unit"]])
            unit.add(u, txt.COL_CASES, pk)
        for step, dec, on in (
            (txt.STEP_OWN, "own_leader_decision", "own_leader_on"),
            (txt.STEP_HOST, "host_leader_decision", "host_leader_on"),
            (txt.STEP_FEEDBACK, "feedback_decision", "feedback_on"),
        ):
            col = granted.get(str(r[ix[dec]]))
            if col and in_period(r[ix[on]], pi):
                outcome.add(step, col, pk)
        fb, rec = r[ix["feedback_on"]], r[ix["received_on"]]
        if in_period(fb, pi) and rec:
            n = (date.fromisoformat(str(fb)) - date.fromisoformat(str(rec))).days
            col = granted.get(str(r[ix["feedback_decision"]]))
            if col:
                days.add_value(col, "days", pk, n)
            days.add_value(txt.ALL, "days", pk, n)
    dir_cols = [label for _, label in KINDS["hospitering"].field("direction").choices]
    prof_cols = dir_cols + ([txt.NOT_GIVEN] if any(c == txt.NOT_GIVEN for _, c in prof.pks) else [])
    return [
        b.choices(
            "hospitering_direction",
            txt.T_H_DIRECTION,
            txt.ROW_DIRECTION,
            "direction",
            direction,
            note=txt.N_RECEIVED,
        ),
        b.table(
            "hospitering_profession",
            txt.T_H_PROFESSION,
            txt.ROW_PROFESSION,
            [*prof_cols, txt.TOTAL],
            _rows_by_count(prof, txt.TOTAL),
            prof,
            masked=True,
            note=txt.N_RECEIVED,
            chart_column=len(prof_cols),
            row_labels=profession_label.label,
        ),
        b.free_text("hospitering_host_unit", txt.T_H_HOST, txt.ROW_HOST_UNIT, unit, unit_label),
        b.table(
            "hospitering_outcome",
            txt.T_H_OUTCOME,
            txt.ROW_STEP,
            [txt.COL_GRANTED, txt.COL_NOT_GRANTED],
            [txt.STEP_OWN, txt.STEP_HOST, txt.STEP_FEEDBACK],
            outcome,
            note=txt.N_H_OUTCOME,
        ),
        b.spread(
            "hospitering_feedback_days",
            txt.T_H_DAYS,
            txt.ROW_DECISION,
            [txt.COL_GRANTED, txt.COL_NOT_GRANTED, txt.ALL],
            days,
            "days",
            (txt.COL_MEDIAN, txt.COL_P90),
            note=txt.N_H_DAYS,
        ),
    ]


def _veiledning(b: _Build, rows: list[Row]) -> list[StatTable]:
    pi, ix = b.scope.period.iso, _columns("veiledning")
    fields = ("direction", "subject", "scope", "channel")
    tallies = {f: _Tally() for f in fields}
    decline = _Tally()
    # The stored key; «annet» (an older desk's reason, kept with its text) has a row of
    # its own.
    reasons = dict(VEILEDNING_DECLINE_REASONS)
    for r in rows:
        pk = r[0]
        if in_period(r[ix["received_on"]], pi):
            for f in fields:
                tallies[f].add(_label("veiledning", f, r[ix[f]]), txt.COL_CASES, pk)
        if r[ix["status"]] == "avvist" and in_period(r[ix["closed_on"]], pi):
            label = reasons.get(str(r[ix["reason"]]), txt.LEGACY_REASON)
            decline.add(label, txt.COL_CASES, pk)
    titles = {
        "direction": (txt.T_V_DIRECTION, txt.ROW_DIRECTION),
        "subject": (txt.T_V_SUBJECT, txt.ROW_SUBJECT),
        "scope": (txt.T_V_SCOPE, txt.ROW_SCOPE),
        "channel": (txt.T_V_CHANNEL, txt.ROW_CHANNEL),
    }
    out = [
        b.choices(f"veiledning_{f}", *titles[f], f, tallies[f], note=txt.N_RECEIVED) for f in fields
    ]
    decline_rows = list(reasons.values())
    if any(r == txt.LEGACY_REASON for r, _ in decline.pks):
        decline_rows.append(txt.LEGACY_REASON)
    out.append(
        b.table(
            "veiledning_decline",
            txt.T_V_DECLINE,
            txt.ROW_REASON,
            [txt.COL_CASES],
            decline_rows,
            decline,
            note=txt.N_V_DECLINE,
        )
    )
    return out


def _lis1(b: _Build, rows: list[Row]) -> list[StatTable]:
    pi, ix = b.scope.period.iso, _columns("lis1")
    tally = _Tally()
    cols = {
        "in_time": txt.COL_IN_TIME,
        "late": txt.COL_LATE,
        "missing": txt.COL_MISSING,
        "unknown": txt.COL_UNKNOWN,
    }
    n_days = b.opts.reminders.lis1_notification
    for r in rows:
        if not in_period(r[ix["received_on"]], pi):
            continue
        pk = r[0]
        t = _label("lis1", "notice_type", r[ix["notice_type"]])
        tally.add(t, txt.COL_CASES, pk)
        values = {n: r[i] for n, i in ix.items()}
        tally.add(t, cols[st.lis1_timeliness(values, n_days)], pk)
    return [
        b.choices(
            "lis1_type",
            txt.T_L1_TYPE,
            txt.ROW_TYPE,
            "notice_type",
            tally,
            note=txt.N_L1.format(days=plural(n_days, "virkedag", "virkedager")),
            columns=[txt.COL_CASES, *cols.values()],
        )
    ]


def _lis3(b: _Build, rows: list[Row]) -> list[StatTable]:
    pi, ix = b.scope.period.iso, _columns("lis3")
    specialty, wait, confirm = _Tally(), _Tally(), _Tally()
    spec_label = _FreeText()
    answers = {
        "in_time": txt.CONFIRM_IN_TIME,
        "late": txt.CONFIRM_LATE,
        "missing": txt.CONFIRM_MISSING,
        "not_due": txt.CONFIRM_NOT_DUE,
    }
    for r in rows:
        pk = r[0]
        if in_period(r[ix["received_on"]], pi):
            specialty.add(spec_label(r[ix["specialty"]]), txt.COL_CASES, pk)
        if r[ix["status"]] != "avlyst" and in_period(r[ix["offered_from"]], pi):
            months = st.months_between(r[ix["queued_on"]], r[ix["offered_from"]])
            if months is not None:
                p = _label("lis3", "program", r[ix["program"]])
                wait.add_value(p, "m", pk, months)
                wait.add_value(txt.ALL, "m", pk, months)
        ans = st.lis3_confirmation_answer(
            r[ix["desired_from"]], r[ix["confirmation_requested_on"]], b.opts.today
        )
        if ans is not None and in_period(ans[0].isoformat(), pi):
            confirm.add(answers[ans[1]], txt.COL_CASES, pk)
    wait_rows = [label for _, label in KINDS["lis3"].field("program").choices]
    wait_rows += [*sorted({r for r, _ in wait.values} - {*wait_rows, txt.ALL}), txt.ALL]
    return [
        b.free_text("lis3_specialty", txt.T_L3_SPECIALTY, txt.ROW_SPECIALTY, specialty, spec_label),
        b.spread(
            "lis3_wait",
            txt.T_L3_WAIT,
            txt.ROW_PROGRAM,
            wait_rows,
            wait,
            "m",
            (txt.COL_MEDIAN_MONTHS, txt.COL_P90_MONTHS),
            note=txt.N_L3_WAIT,
            masked=True,
        ),
        b.table(
            "lis3_confirmation",
            txt.T_L3_CONFIRM,
            txt.ROW_ANSWER,
            [txt.COL_CASES],
            list(answers.values()),
            confirm,
            note=txt.N_L3_CONFIRM,
        ),
    ]


def _nettverk(b: _Build, rows: list[Row]) -> list[StatTable]:
    pi, ix = b.scope.period.iso, _columns("nettverk")
    by_type, by_level = _Tally(), _Tally()
    for r in rows:
        if r[ix["status"]] == "avlyst" or not in_period(r[ix["held_on"]], pi):
            continue
        pk = r[0]
        for tally, f in ((by_type, "activity_type"), (by_level, "level")):
            label = _label("nettverk", f, r[ix[f]])
            tally.add(label, txt.COL_ACTIVITIES, pk)
            tally.add_sum(
                label, txt.COL_PART_MUNI, pk, int(r[ix["participants_municipality"]] or 0)
            )
            tally.add_sum(label, txt.COL_PART_HF, pk, int(r[ix["participants_hospital"]] or 0))
            if r[ix["counts_learning_goals"]]:
                tally.add(label, txt.COL_LEARNING, pk)
    cols = [txt.COL_ACTIVITIES, txt.COL_PART_MUNI, txt.COL_PART_HF, txt.COL_LEARNING]
    sums = (txt.COL_PART_MUNI, txt.COL_PART_HF)
    # Activities are not people: the «<3» rule does not hide them, not even for one party.
    b_open = _Build(b.kind, Scope(b.scope.period), b.opts)
    return [
        b_open.choices(
            f"nettverk_{name}",
            title,
            row_header,
            field,
            tally,
            note=txt.N_NETWORK,
            columns=cols,
            sums=sums,
        )
        for name, title, row_header, field, tally in (
            ("type", txt.T_N_TYPE, txt.ROW_NETWORK_TYPE, "activity_type", by_type),
            ("level", txt.T_N_LEVEL, txt.ROW_LEVEL, "level", by_level),
        )
    ]


def _decided(kind: str) -> Callable[[Row], list[str]]:
    ix = _columns(kind)
    if kind == "hospitering":
        a, c = ix["own_leader_on"], ix["host_leader_on"]
        return lambda r: [str(d) for d in (r[a], r[c]) if d]
    if kind == "veiledning":
        agreed, status, closed = ix["agreed_on"], ix["status"], ix["closed_on"]

        def veiledning(r: Row) -> list[str]:
            out = [str(r[agreed])] if r[agreed] else []
            if r[status] == "avvist" and r[closed]:
                out.append(str(r[closed]))
            return out

        return veiledning
    return lambda r: []


_PER_KIND = {
    "hospitering": _hospitering,
    "veiledning": _veiledning,
    "lis1": _lis1,
    "lis3": _lis3,
    "nettverk": _nettverk,
}


def read_kind(desk: Desk, kind: str, scope: Scope) -> list[Row]:
    """The rows every table of `kind` counts from (one query)."""
    start, end = scope.period.iso
    return q.kind_rows(desk.reader(), kind, start, end, party_filter(scope))


def month_table(kind: str, rows: list[Row], scope: Scope, opts: Options) -> StatTable:
    """The kind's first table: received, decided and closed by month."""
    return _month_table(_Build(kind, scope, opts), rows, _decided(kind))


def breakdown_tables(kind: str, rows: list[Row], scope: Scope, opts: Options) -> list[StatTable]:
    """The kind's other tables, after the month table."""
    return _PER_KIND[kind](_Build(kind, scope, opts), rows)


def kind_tables(desk: Desk, kind: str, scope: Scope, opts: Options) -> list[StatTable]:
    """The tables of one kind: by month first, then its breakdowns."""
    rows = read_kind(desk, kind, scope)
    return [month_table(kind, rows, scope, opts), *breakdown_tables(kind, rows, scope, opts)]


def build_report(
    desk: Desk, scope: Scope, opts: Options, *, desk_side: str | None = None
) -> Report:
    tables: list[StatTable] = []
    for kind in KIND_ORDER:
        tables.extend(kind_tables(desk, kind, scope, opts))
    return Report(scope, opts.today, desk_side, opts.exact, tuple(tables))


def cases_behind(desk: Desk, cell: Cell) -> tuple[CaseRow, ...]:
    return q.case_rows(desk.reader(), cell.pks)


def parties(desk: Desk) -> tuple[str, ...]:
    return tuple(p for p, _ in q.parties(desk.reader()))


def resolve_party(desk: Desk, text: str) -> str | None:
    """The party on the desk named `text`, whatever its case (`skien` -> «Skien»)."""
    wanted = " ".join(text.split()).casefold()
    for name in parties(desk):
        if name.casefold() == wanted:
            return name
    return None
