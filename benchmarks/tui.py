"""Start-up of the desk beside a bare Textual app, measured in the same run.

For desks of 1k and 100k cases (built with `samhandlingsdesk demo-data` into
benchmarks/.cache/, reused) this prints, as the median of several runs:

- process start to the first painted frame,
- process start to the first rows visible in the inbox,
- peak resident memory,

beside a bare Textual app with the same widgets (top bar, tabs, a DataTable, footer) and
50 literal rows. Each run is a fresh process (`python -c`): the clock starts just before
the process is spawned, so interpreter start and imports count, as they do for a person.
Headless, 120x40.

Targets (issue #3): first paint ≤ 1.3× the bare app's; rows visible at 100k ≤ 2.0× the
bare app's first paint; peak RSS ≤ 100 MiB. The last line is machine-readable:
    paint_ratio=1.2 rows_ratio=1.8 rss_mib=82
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from _common import CACHE, desk_for

BARE = r"""
import json, os, resource, sys, time
T0 = float(os.environ["BENCH_T0"])
from textual.app import App
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Static, Tab, Tabs

class Bare(App):
    def compose(self):
        with Horizontal(id="topbar"):
            yield Static("samhandlingsdesk")
            yield Static("info")
        yield Tabs(*(Tab(f"{i} Kø", id=f"t{i}") for i in range(1, 6)))
        yield Static("filter")
        yield DataTable(id="t")
        yield Static("")
        yield Footer()

    def on_mount(self):
        t = self.query_one(DataTable)
        t.add_columns(" ", "Saksnr.", "Type", "Status", "Frist", "Merke", "Tittel", "Mottatt")
        for i in range(50):
            t.add_row(" ", f"H-2026-{i:04d}", "Hospitering", "Mottatt", "01.12.2026",
                      "Snart", f"Person {i}", "01.11.2026")
        self.call_after_refresh(self.painted)

    def painted(self):
        paint = time.time() - T0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"paint": paint, "rows": paint, "rss": rss}))
        self.exit()

Bare().run(headless=True, size=(120, 40))
"""

DESK = r"""
import json, os, resource, sys, time
T0 = float(os.environ["BENCH_T0"])
from datetime import date
from pathlib import Path
from samhandlingsdesk.settings import Settings
from samhandlingsdesk.store.db import open_desk
from samhandlingsdesk.tui.app import DeskApp
from samhandlingsdesk.tui.widgets.case_table import CaseTable

marks = {}

class Probe(DeskApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.painted)

    def painted(self):
        marks.setdefault("paint", time.time() - T0)

    def on_case_table_loaded(self, event):
        if "rows" not in marks:
            self.call_after_refresh(self.rows_visible)

    def rows_visible(self):
        table = self.screen.query_one(CaseTable)
        marks["rows"] = time.time() - T0
        marks["count"] = table.row_count
        marks["rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(marks))
        self.exit()

desk = open_desk(Path(sys.argv[1]), upgrade=False)
Probe(desk, Settings(side="kommune", path=Path(sys.argv[2])), today=lambda: date(2026, 11, 23)).run(
    headless=True, size=(120, 40))
"""


def probe(script: str, *args: str) -> dict[str, float]:
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none")
    env["BENCH_T0"] = repr(time.time())
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, check=True
    )
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")][-1]
    return json.loads(line)


def median_of(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    settings = CACHE / "bench-settings.toml"
    CACHE.mkdir(exist_ok=True)
    desks = {n: desk_for(n) for n in args.sizes}
    # Warm the OS file cache once, then interleave the runs so drift hits all alike.
    probe(BARE)
    for path in desks.values():
        probe(DESK, str(path), str(settings))
    bare: list[dict[str, float]] = []
    ours: dict[int, list[dict[str, float]]] = {n: [] for n in desks}
    for _ in range(args.runs):
        bare.append(probe(BARE))
        for n, path in desks.items():
            ours[n].append(probe(DESK, str(path), str(settings)))

    bare_paint = median_of(bare, "paint")
    print(f"{'':24}{'first paint':>12}{'rows visible':>14}{'peak RSS':>11}")
    print(
        f"{'bare Textual, 50 rows':24}{bare_paint * 1000:10.0f}ms{bare_paint * 1000:12.0f}ms"
        f"{median_of(bare, 'rss'):8.0f}MiB"
    )
    worst_paint = 0.0
    rss = 0.0
    for n, runs in ours.items():
        paint, rows = median_of(runs, "paint"), median_of(runs, "rows")
        worst_paint = max(worst_paint, paint)
        rss = max(rss, max(r["rss"] for r in runs))
        print(
            f"{f'desk, {n:,} cases':24}{paint * 1000:10.0f}ms{rows * 1000:12.0f}ms"
            f"{median_of(runs, 'rss'):8.0f}MiB"
        )
    largest = max(ours)
    rows_ratio = median_of(ours[largest], "rows") / bare_paint
    paint_ratio = worst_paint / bare_paint
    print(f"targets: paint_ratio ≤ 1.3, rows_ratio ({largest:,}) ≤ 2.0, rss ≤ 100 MiB")
    print(f"paint_ratio={paint_ratio:.2f} rows_ratio={rows_ratio:.2f} rss_mib={rss:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
