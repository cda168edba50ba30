"""Statistics speed beside a floor, the first table on the screen, and the xlsx report.

    python benchmarks/stats.py --rows 100000

Builds (or reuses) a demo desk of N cases in benchmarks/.cache/ (`demo-data --seed 7`, as
the other benchmarks), finds its busiest year (most cases received) and measures, in the
same run:

- tables: `service.statistics.build_report` for that year — every table of the screen,
  with the cases behind each figure — best of `--repeat`;
- floor: the same counts as raw `GROUP BY` queries on the stdlib driver (one query per
  table and column, medians from a sorted list; what a hand-written pivot would run),
  best of `--repeat`; a few of its counts are checked against the tables;
- first table: the desk app headless (120x40), `m` pressed, until the first table of the
  statistics screen is on it (median of `--repeat`, each in a fresh app on the same desk);
- report: `stats --out FILE.xlsx` as the command runs it (count, write the workbook with
  its charts), wall time and the peak of Python allocations (tracemalloc), and the
  process's peak RSS.

Targets (issue #10): at 100k, tables ≤ 1.5 × the floor and report ≤ 10 s; at 10k the first
table shown ≤ 300 ms. The last line is machine-readable:
    stats_ratio=0.6 stats_ms=180 report_s=4.2
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path
from typing import Any

from _common import TODAY, desk_for
from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.domain.statistics import Period, Scope
from samhandlingsdesk.service import statistics as S
from samhandlingsdesk.store import stats_queries as q
from samhandlingsdesk.store.db import Desk

# --- the floor: one GROUP BY per table (and column), on the stdlib driver ----------------

J = "FROM \"case\" c JOIN {k} d ON d.case_id = c.id WHERE c.kind = '{k}' AND c.deleted_at IS NULL"
IN = "BETWEEN :a AND :b"
MONTH_OUTCOMES = {
    "hospitering": ("evaluert", "tilbakemeldt_avslag", "trukket"),
    "veiledning": ("lukket", "avvist", "trukket"),
    "lis1": ("avsluttet", "trukket"),
    "lis3": ("fullfort", "avlyst"),
    "nettverk": ("rapportert", "avlyst"),
}


def floor_queries() -> list[str]:
    out: list[str] = []
    for k, statuses in MONTH_OUTCOMES.items():
        base = J.format(k=k)
        out.append(
            f"SELECT substr(c.received_on, 1, 7), count(*) {base} AND c.received_on {IN} GROUP BY 1"
        )
        for st in statuses:
            out.append(
                f"SELECT substr(c.closed_on, 1, 7), count(*) {base} AND c.status = '{st}' "
                f"AND c.closed_on {IN} GROUP BY 1"
            )
    h = J.format(k="hospitering")
    for col in ("own_leader_on", "host_leader_on"):
        out.append(f"SELECT substr(d.{col}, 1, 7), count(*) {h} AND d.{col} {IN} GROUP BY 1")
    out += [
        f"SELECT d.direction, count(*) {h} AND c.received_on {IN} GROUP BY 1",
        f"SELECT lower(trim(d.profession)), d.direction, count(*) {h} "
        f"AND c.received_on {IN} GROUP BY 1, 2",
        f"SELECT lower(trim(coalesce(nullif(d.host_unit, ''), d.desired_host_unit))), count(*) "
        f"{h} AND c.received_on {IN} GROUP BY 1",
        f"SELECT d.own_leader_decision, count(*) {h} AND d.own_leader_on {IN} GROUP BY 1",
        f"SELECT d.host_leader_decision, count(*) {h} AND d.host_leader_on {IN} GROUP BY 1",
        f"SELECT d.feedback_decision, count(*) {h} AND d.feedback_on {IN} GROUP BY 1",
        f"SELECT d.feedback_decision, julianday(d.feedback_on) - julianday(c.received_on) {h} "
        f"AND d.feedback_on {IN} ORDER BY 1, 2",
    ]
    v = J.format(k="veiledning")
    out.append(f"SELECT substr(d.agreed_on, 1, 7), count(*) {v} AND d.agreed_on {IN} GROUP BY 1")
    for col in ("direction", "subject", "scope", "channel"):
        out.append(f"SELECT d.{col}, count(*) {v} AND c.received_on {IN} GROUP BY 1")
    out.append(
        f"SELECT c.reason, count(*) {v} AND c.status = 'avvist' AND c.closed_on {IN} GROUP BY 1"
    )
    l1 = J.format(k="lis1")
    out.append(
        f"SELECT d.notice_type, d.event_on, d.hospital_notified_on, d.statsforvalter_notified_on, "
        f"d.other_party_informed_on, count(*) {l1} AND c.received_on {IN} GROUP BY 1, 2, 3, 4, 5"
    )
    l3 = J.format(k="lis3")
    out += [
        f"SELECT lower(trim(d.specialty)), count(*) {l3} AND c.received_on {IN} GROUP BY 1",
        f"SELECT d.program, (julianday(d.offered_from) - julianday(d.queued_on)) / 30.44 {l3} "
        f"AND c.status <> 'avlyst' AND d.offered_from {IN} AND d.queued_on IS NOT NULL "
        "ORDER BY 1, 2",
        f"SELECT d.confirmation_requested_on <= date(d.desired_from, '-6 months'), count(*) {l3} "
        f"AND date(d.desired_from, '-6 months') {IN} GROUP BY 1",
    ]
    n = J.format(k="nettverk")
    for col in ("activity_type", "level"):
        out.append(
            f"SELECT d.{col}, count(*), sum(d.participants_municipality), "
            f"sum(d.participants_hospital), sum(d.counts_learning_goals = 1) {n} "
            f"AND c.status <> 'avlyst' AND d.held_on {IN} GROUP BY 1"
        )
    return out


def run_floor(path: Path, period: Period) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    a, b = period.iso
    out = {}
    for sql in floor_queries():
        rows = conn.execute(sql, {"a": a, "b": b}).fetchall()
        if "ORDER BY 1, 2" in sql:  # medians of the lists, per group
            groups: dict[Any, list[float]] = {}
            for key, value in rows:
                groups.setdefault(key, []).append(value)
            rows = [(k, statistics.median(vs)) for k, vs in groups.items()]
        out[sql] = rows
    conn.close()
    return out


def best(fn: Any, repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


# --- the screen -----------------------------------------------------------------------------


async def first_table_ms(path: Path, today: date) -> float:
    from textual import events
    from textual.widgets import DataTable

    from samhandlingsdesk.settings import Settings
    from samhandlingsdesk.store.db import open_desk
    from samhandlingsdesk.tui.app import DeskApp

    desk = open_desk(path)
    tmp = Path(tempfile.mkdtemp())
    app = DeskApp(desk, Settings(side="kommune", path=tmp / "s.toml"), today=lambda: today)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            # Post the key without waiting (pilot.press waits until the app is idle,
            # which is after every kind is counted, not when the first table shows).
            t0 = time.perf_counter()
            app.post_message(events.Key("m", "m"))
            while True:
                tables = list(app.screen.query(DataTable).filter(".stats-table"))
                if tables and tables[0].row_count:
                    return (time.perf_counter() - t0) * 1000
                await asyncio.sleep(0.002)
    finally:
        desk.close()
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    path = desk_for(args.rows)
    desk = Desk(path)
    year = q.busiest_year(desk.reader())
    assert year is not None, "empty desk"
    period = Period.year(year)
    scope = Scope(period)
    received = (
        desk.reader()
        .execute('SELECT count(*) FROM "case" WHERE received_on BETWEEN ? AND ?', period.iso)
        .fetchone()[0]
    )
    print(f"desk: {args.rows} cases; busiest year {year}: {received} received")
    opts = S.Options(TODAY, Reminders())

    # Alternate the two, so neither gets a warmer cache.
    t_tables, t_floor = [], []
    report = floor = None
    for _ in range(args.repeat):
        t, report = best(lambda: S.build_report(desk, scope, opts), 1)
        t_tables.append(t)
        t, floor = best(lambda: run_floor(path, period), 1)
        t_floor.append(t)
    tables_s, floor_s = min(t_tables), min(t_floor)
    assert report is not None and floor is not None
    # Sanity: the floor counts what the tables count.
    month = report.table("hospitering_month")
    received_h = month.rows[-1].cells[0].value
    floor_h = sum(n for _, n in next(iter(floor.values())))
    assert received_h == floor_h, (received_h, floor_h)
    n_tables = len(report.tables)
    print(f"tables: {n_tables} tables in {tables_s * 1000:.0f} ms (best of {args.repeat})")
    print(f"floor:  {len(floor)} GROUP BY queries in {floor_s * 1000:.0f} ms")
    ratio = tables_s / floor_s
    print(f"ratio tables / floor: {ratio:.2f} (target ≤ 1.5 at 100k)")

    first_s, _ = best(lambda: S.kind_tables(desk, "hospitering", scope, opts), args.repeat)
    print(f"first kind's tables counted: {first_s * 1000:.0f} ms")
    shown = [asyncio.run(first_table_ms(path, TODAY)) for _ in range(args.repeat)]
    stats_ms = statistics.median(shown)
    print(
        f"first table shown after m: {stats_ms:.0f} ms (median of {len(shown)}; "
        "target ≤ 300 at 10k)"
    )

    from samhandlingsdesk.service.stats_report import make_report, save_report
    from samhandlingsdesk.settings import Settings

    def write_report(out: Path) -> Path:
        rep = make_report(desk, scope, Settings(side="kommune"), today=TODAY)
        return save_report(rep, out=out)

    out_dir = Path(tempfile.mkdtemp())
    try:
        # Wall time without tracemalloc (it slows every allocation), best of --repeat;
        # the first run also pays for importing openpyxl, as the command does.
        times = []
        for i in range(args.repeat):
            t0 = time.perf_counter()
            out = write_report(out_dir / f"rapport_{i}.xlsx")
            times.append(time.perf_counter() - t0)
        report_s, first_report_s = min(times), times[0]
        size = out.stat().st_size
        tracemalloc.start()
        write_report(out_dir / "rapport_mem.xlsx")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"report: {report_s:.2f} s (first run, with the import of openpyxl: "
        f"{first_report_s:.2f} s), {size / 1024:.0f} KiB, peak Python allocations "
        f"{peak / 2**20:.0f} MiB, process peak RSS {rss:.0f} MiB (target ≤ 10 s at 100k)"
    )
    desk.close()
    print(f"stats_ratio={ratio:.2f} stats_ms={stats_ms:.0f} report_s={report_s:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
