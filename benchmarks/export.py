"""CSV export speed and memory beside a floor.

    python benchmarks/export.py --rows 100000

Builds (or reuses) a demo desk of N cases in benchmarks/.cache/ (the same desks the other
benchmarks use: `samhandlingsdesk demo-data --seed 7`), copies it to a temporary folder
(the export writes its log to the desk) and times, in the same run and alternately:

- the export: `io.csv_export.export_csv` with every kind and the personal columns (the
  widest files), as the CLI and the desk run it: counts, temporary files, permissions,
  renames, the export log;
- the floor: a raw `sqlite3` cursor over the same columns and a `csv` writer producing the
  same formatted values (dates, Ja/Nei/Ukjent, choice and status labels, `'` prefixes,
  phone pairs, notes, change times), written straight to the final files. Its formatting
  is written out here by hand; the benchmark checks that both produce the same bytes.

Best of `--repeat` runs each. Memory: the peak RSS of this process (ru_maxrss) after all
runs, and the peak of Python allocations during one export (tracemalloc, separate runs)
of all N rows and of the cases received in the last 55 days (fewer rows, the same mix of
kinds): flat means the two are about the same. Target (issue #5):
export ≤ 1.5 × the floor; memory flat.

Then the xlsx export (issue #12) of the same desk beside the CSV export: `export_csv(…,
fmt="xlsx")` with each writer (XlsxWriter in constant-memory mode, openpyxl in write-only
mode), best of `--xlsx-repeat` runs, each in a fresh child process whose peak RSS is its
memory; the same at the last 55 days shows whether memory is flat. Target: xlsx ≤ 10 × the
CSV export, memory flat. The last two lines are machine-readable:
    export_ratio=1.3 rows_per_s=80000 rss_mib=70
    xlsx_ratio=7.9 xlsx_rss_mib=60
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from _common import TODAY, desk_for
from samhandlingsdesk.domain.kinds import KINDS, TRI_LABELS
from samhandlingsdesk.io import xlsx
from samhandlingsdesk.io.csv_export import ExportFilter, export_csv, select_sql
from samhandlingsdesk.io.csv_format import columns
from samhandlingsdesk.store.db import Desk

OSLO = ZoneInfo("Europe/Oslo")


# --- the floor: hand-written formatting, raw cursor, csv writer ---------------------------

FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n", "'")


def esc(s: str) -> str:
    return "'" + s if s.startswith(FORMULA) else s


@lru_cache(maxsize=4096)
def offset(hour: str) -> timedelta:
    o = datetime.fromisoformat(hour + ":00").replace(tzinfo=UTC).astimezone(OSLO).utcoffset()
    assert o is not None
    return o


def off_text(o: timedelta) -> str:
    m = int(o.total_seconds()) // 60
    return f"{'+' if m >= 0 else '-'}{abs(m) // 60:02d}:{abs(m) % 60:02d}"


def stamp(s: str) -> str:
    o = offset(s[:13])
    return (datetime.fromisoformat(s) + o).isoformat() + off_text(o)


def note_time(s: str) -> str:
    t = datetime.fromisoformat(s[:19]) + offset(s[:13])
    return t.strftime("%d.%m.%Y %H:%M")


def notes(v: Any) -> str:
    if not v or v == "[]":
        return ""
    items = sorted(json.loads(v), key=lambda n: (n[0], n[1]), reverse=True)
    out = []
    for at, _id, text in items:
        lines = text.split("\n")
        for i in range(1, len(lines)):
            line = lines[i].lstrip("\\")
            if line.startswith("[") and len(line) > 19 and line[18:20] == "] ":
                lines[i] = "\\" + lines[i]
        out.append(f"[{note_time(at)}] " + "\n".join(lines))
    return esc("\n".join(out))


def floor_formatter(col: Any, kind: str) -> Any:
    if col.role == "status":
        labels = {s.key: s.label for s in KINDS[kind].statuses}
        return lambda v: labels[v]
    if col.role == "updated_at":
        return stamp
    if col.role == "notes":
        return notes
    f = col.spec
    t = f.type if f else "text"
    if t == "date":
        return lambda v: f"{v[8:10]}.{v[5:7]}.{v[0:4]}" if v else ""
    if t == "tri":
        return lambda v: TRI_LABELS[None] if v is None else TRI_LABELS[bool(v)]
    if t == "choice":
        labels = dict(f.choices)
        return lambda v: "" if v is None else esc(labels.get(v, v))
    if t == "phone":
        return lambda v: (
            esc(f"{v[0:2]} {v[2:4]} {v[4:6]} {v[6:8]}" if len(v) == 8 and v.isdigit() else v)
            if v
            else ""
        )
    if t == "int":
        return lambda v: "" if v is None else str(v)
    return lambda v: esc(v) if v else ""


def floor(desk_path: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(desk_path)
    n = 0
    for kind in KINDS:
        cols = columns(kind, include_personal=True)
        fmts = [floor_formatter(c, kind) for c in cols]
        with (out / f"{kind}.csv").open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            w.writerow([c.header for c in cols])
            for row in conn.execute(select_sql(kind, cols), (kind,)):
                w.writerow([f(v) for f, v in zip(fmts, row, strict=True)])
                n += 1
    conn.close()
    return n


def run_export(desk: Desk, out: Path, flt: ExportFilter | None = None) -> int:
    result = export_csv(desk, flt or ExportFilter(include_personal=True), out, today=TODAY)
    return result.total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--xlsx-repeat", type=int, default=2)
    args = ap.parse_args()

    source = desk_for(args.rows)
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp_name:
        tmp = Path(tmp_name)
        path = tmp / "desk.db"
        shutil.copyfile(source, path)
        desk = Desk(path)
        floor_times, export_times = [], []
        rows = 0
        for i in range(args.repeat):
            t = time.perf_counter()
            rows_floor = floor(path, tmp / f"floor{i}")
            floor_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            rows = run_export(desk, tmp / f"export{i}")
            export_times.append(time.perf_counter() - t)
            assert rows == rows_floor, (rows, rows_floor)
        # Same bytes (the export's file names carry the date).
        for kind in KINDS:
            a = (tmp / "floor0" / f"{kind}.csv").read_bytes()
            b = (tmp / "export0" / f"{kind}_{TODAY.isoformat()}.csv").read_bytes()
            assert a == b, f"{kind}: the floor and the export differ"

        # Python allocations during one export (above what was allocated before it): the
        # cases received in the last 55 days (fewer rows, the same mix of kinds), then all
        # N rows. A first run fills the caches.
        recent = ExportFilter(include_personal=True, received_from=TODAY - timedelta(days=55))
        tracemalloc.start()
        run_export(desk, tmp / "traced-warm", recent)
        small, small_peak = _traced(desk, tmp / "traced-small", recent)
        _, full_peak = _traced(desk, tmp / "traced", None)
        tracemalloc.stop()
        desk.close()

    best_floor, best_export = min(floor_times), min(export_times)
    ratio = best_export / best_floor
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if sys.platform == "darwin":  # bytes there, KiB on Linux
        rss_mib /= 1024
    print(f"desk: {source.name}, {rows} rows, all kinds, personal columns included")
    print(f"floor  (raw cursor + csv): best {best_floor:.3f} s  runs {_fmt(floor_times)}")
    print(f"export (export_csv):       best {best_export:.3f} s  runs {_fmt(export_times)}")
    print(f"ratio export / floor: {ratio:.2f} (target ≤ 1.5)")
    print(
        f"python peak during export: {full_peak / 2**20:.1f} MiB at {rows} rows, "
        f"{small_peak / 2**20:.1f} MiB at {small} rows (flat = about equal)"
    )
    print(f"peak RSS of this process: {rss_mib:.0f} MiB")
    export_line = (
        f"export_ratio={ratio:.2f} rows_per_s={rows / best_export:.0f} rss_mib={rss_mib:.0f}"
    )

    # xlsx beside csv: each run in a child process of its own (time and peak RSS).
    results: dict[str, tuple[float, float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-xlsx-") as tmp_name:
        tmp = Path(tmp_name)
        path = tmp / "desk.db"
        shutil.copyfile(source, path)
        for engine in ("xlsxwriter", "openpyxl", "csv"):
            runs = [
                _child(path, tmp / f"{engine}{i}", engine, False) for i in range(args.xlsx_repeat)
            ]
            recent = _child(path, tmp / f"{engine}-recent", engine, True)
            results[engine] = (min(t for t, _ in runs), max(m for _, m in runs), recent[1])
    csv_time = results["csv"][0]
    for engine in ("csv", "xlsxwriter", "openpyxl"):
        t, mib, small_mib = results[engine]
        print(
            f"{engine:<10} export in a child: best {t:.3f} s ({t / csv_time:.2f} × csv), "
            f"peak RSS {mib:.0f} MiB at {rows} rows, {small_mib:.0f} MiB at the last 55 days"
        )
    chosen = xlsx.ENGINE
    t, mib, _ = results[chosen]
    print(f"xlsx writer used by the desk: {chosen} (target ≤ 10 × csv, memory flat)")
    print(export_line)
    print(f"xlsx_ratio={t / csv_time:.2f} xlsx_rss_mib={mib:.0f}")


CHILD = """
import resource, sys, time
from datetime import date, timedelta
from pathlib import Path
from samhandlingsdesk.io import csv_export, xlsx
from samhandlingsdesk.store.db import Desk
path, out, engine, recent = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4] == "1"
today = date.fromisoformat(sys.argv[5])
flt = csv_export.ExportFilter(
    include_personal=True, received_from=today - timedelta(days=55) if recent else None
)
fmt = "csv" if engine == "csv" else "xlsx"
if fmt == "xlsx":
    xlsx.ENGINE = engine
desk = Desk(Path(path))
t = time.perf_counter()
csv_export.export_csv(desk, flt, out, today=today, fmt=fmt)
took = time.perf_counter() - t
try:  # this process's own peak (ru_maxrss on Linux carries the parent's over exec)
    status = Path("/proc/self/status").read_text()
    mib = int(next(x for x in status.splitlines() if x.startswith("VmHWM")).split()[1]) / 1024
except (OSError, StopIteration):
    mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(took, mib)
"""


def _child(path: Path, out: Path, engine: str, recent: bool) -> tuple[float, float]:
    """(seconds, peak RSS MiB) of one export in a fresh process."""
    import subprocess

    done = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(path),
            str(out),
            engine,
            "1" if recent else "0",
            TODAY.isoformat(),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    took, mib = done.stdout.split()
    return float(took), float(mib)


def _traced(desk: Desk, out: Path, flt: ExportFilter | None) -> tuple[int, int]:
    before = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    rows = run_export(desk, out, flt)
    return rows, tracemalloc.get_traced_memory()[1] - before


def _fmt(times: list[float]) -> str:
    return " ".join(f"{t:.3f}" for t in times)


if __name__ == "__main__":
    main()
