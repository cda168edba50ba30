"""What the benchmark scripts share: the cache folder, the reference date, the demo desks."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
TODAY = date(2026, 11, 23)
SEED = 7


def demo_data_command(rows: int, out: Path) -> list[str]:
    """The `samhandlingsdesk demo-data` call every benchmark builds its desks with."""
    return [
        *(sys.executable, "-m", "samhandlingsdesk", "demo-data"),
        *("--rows", str(rows), "--seed", str(SEED), "--today", TODAY.isoformat()),
        *("--out", str(out)),
    ]


def desk_for(rows: int) -> Path:
    """A demo desk of `rows` cases in benchmarks/.cache/, built once with `demo-data`."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"desk_{rows}.db"
    if not path.exists():
        print(f"building {path.name} …", file=sys.stderr)
        subprocess.run(demo_data_command(rows, path), check=True)
    return path


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
