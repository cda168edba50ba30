"""Import speed: a 10,000-row xlsx workbook beside the same rows as CSV (validate + write).

    python benchmarks/intake.py --rows 10000

Builds (or reuses) a demo desk of N cases in benchmarks/.cache/ (`demo-data --seed 7`),
exports it once as CSV (a file per kind) and once as an xlsx workbook (a sheet per kind,
the notes on their own sheet), then times, alternately and each into a new empty desk,
the import of every CSV file and the import of the workbook
(`service.imports.apply_imports`: read, check every row, write in one transaction per
file — every sheet of the workbook in one, as the desk imports it). Best of `--repeat`
runs each. Target (issue #12): xlsx import ≤ 2 × the CSV import. The last line is machine-readable:
    xlsx_import_ratio=1.6
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from _common import TODAY, desk_for
from samhandlingsdesk.service.export import ExportFilter, export_csv
from samhandlingsdesk.service.imports import apply_imports
from samhandlingsdesk.store.db import Desk, create_desk


def import_all(files: list[Path], desk_path: Path) -> int:
    desk = create_desk(desk_path)
    n = 0
    try:
        for path in files:
            n += sum(len(r.created) for r in apply_imports(desk, path, today=TODAY))
    finally:
        desk.close()
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    source = desk_for(args.rows)
    with tempfile.TemporaryDirectory(prefix="bench-intake-") as tmp_name:
        tmp = Path(tmp_name)
        desk = Desk(source)
        try:
            flt = ExportFilter(include_personal=True)
            csv_files = list(export_csv(desk, flt, tmp / "csv", today=TODAY).files)
            (book,) = export_csv(desk, flt, tmp / "xlsx", today=TODAY, fmt="xlsx").files
        finally:
            desk.close()
        csv_times, xlsx_times = [], []
        rows = 0
        for i in range(args.repeat):
            t = time.perf_counter()
            rows_csv = import_all(csv_files, tmp / f"c{i}.db")
            csv_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            rows = import_all([book], tmp / f"x{i}.db")
            xlsx_times.append(time.perf_counter() - t)
            assert rows == rows_csv == args.rows, (rows, rows_csv)
    best_csv, best_xlsx = min(csv_times), min(xlsx_times)
    ratio = best_xlsx / best_csv
    print(f"desk: {source.name}, {rows} rows, all kinds, personal columns included")
    for name, best, times in (("csv ", best_csv, csv_times), ("xlsx", best_xlsx, xlsx_times)):
        print(f"{name} import: best {best:.3f} s  runs {_fmt(times)}  ({rows / best:.0f} rows/s)")
    print(f"ratio xlsx / csv: {ratio:.2f} (target ≤ 2)")
    print(f"xlsx_import_ratio={ratio:.2f}")
    sys.stdout.flush()


def _fmt(times: list[float]) -> str:
    return " ".join(f"{t:.3f}" for t in times)


if __name__ == "__main__":
    main()
