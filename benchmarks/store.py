"""The store at scale: build time, file size, first pages and search.

    python benchmarks/store.py --rows 100000 [--rebuild] [--runs 15]

Builds (or reuses) demo desks of 1k and N cases in benchmarks/.cache/ with
`samhandlingsdesk demo-data` (seed 7, reference date 23.11.2026: the same desks as
benchmarks/tui.py and benchmarks/search.py) and prints:

- the build time of the N-case desk (wall clock of the `demo-data` process, imports
  included; remembered beside a reused desk) and its phases, and the file size;
- the first page of the inbox and of a queue (hospitering) at 1k and at N cases, the
  median of several runs (`Repo.page`, warm cache), and their ratio;
- search median and p95 over a fixed list of queries (surnames, municipalities, phone
  fragments, 1–2 letter prefixes, æøå and aa words, words that match nothing), each run
  several times (`Repo.search`, limit 50 as on screen).

Targets (issue #2): first page at N ≤ 1.2× at 1k; search p95 ≤ 30 ms; build ≤ 15 s. The
last line is machine-readable:
    page_ratio=1.05 search_p95_ms=12.3 build_s=6.1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _common import CACHE, TODAY, demo_data_command, p95

SMALL = 1000

QUERIES = (
    # surnames, with and without æøå, aa = å
    "hansen",
    "Johansen",
    "ødegård",
    "ØDEGÅRD",
    "Bråthen",
    "aasen",
    "åsen",
    "Aamodt",
    "sætre",
    "kari hansen",
    # municipalities (Sami and Kven parts too) and hospital trusts
    "Lillehammer",
    "tromsø",
    "Kárášjohka",
    "Karasjok",
    "Oslove",
    "innlandet",
    # phone fragments
    "9123",
    "4567 8",
    "+47 412",
    "98765432",
    # 1–2 letter prefixes
    "a",
    "k",
    "ø",
    "å",
    "ha",
    "sk",
    "øy",
    # æøå words and topics
    "sårbehandling",
    "kjøregodtgjørelse",
    "førde",
    "næss",
    "ernæring",
    # aa words
    "aarseth",
    "aase",
    "aage",
    # words that match nothing
    "qzxqzx",
    "xylofon",
    "zzz",
)


def build(rows: int, rebuild: bool) -> tuple[Path, float | None]:
    """The cached desk of `rows` cases; its build seconds when known."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"desk_{rows}.db"
    info = path.with_suffix(".build.json")
    if rebuild:
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), info):
            p.unlink(missing_ok=True)
    if path.exists():
        if info.exists():
            return path, json.loads(info.read_text()).get("seconds")
        return path, None
    print(f"bygger {path.name} …", file=sys.stderr, flush=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        demo_data_command(rows, path),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    load = os.getloadavg()[0]
    info.write_text(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "load": load}))
    return path, seconds


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm-up: page cache, statement cache
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


LISTS = (("inbox", "innboks", None), ("queue", "kø (hospitering)", "hospitering"))


def page_limits(path: Path) -> dict[str, int]:
    """Rows per page for the comparison: a full page (200) where the small desk has that
    many rows with a due date, else as many as it has. Rows without a due date come in a
    second query and cost less to turn into objects (no date to parse), so a first page
    of the small desk that runs into them is cheaper for that reason alone, not because
    the desk is small."""
    from samhandlingsdesk.store.db import open_desk
    from samhandlingsdesk.store.repo import PAGE_SIZE, ListFilter, Repo

    desk = open_desk(path, upgrade=False)
    try:
        repo = Repo(desk)
        out = {}
        for key, _label, queue in LISTS:
            where, params = repo._where(ListFilter(queue=queue), TODAY)
            dated = repo.conn.execute(
                f'SELECT count(*) FROM "case" WHERE {where} AND due_on IS NOT NULL', params
            ).fetchone()[0]
            out[key] = min(PAGE_SIZE, dated)
        return out
    finally:
        desk.close()


def pages(path: Path, runs: int, limits: dict[str, int]) -> dict[str, float]:
    """Median ms of the first page of each list (`Repo.page`, warm cache)."""
    from samhandlingsdesk.store.db import open_desk
    from samhandlingsdesk.store.repo import ListFilter, Repo

    desk = open_desk(path, upgrade=False)
    try:
        repo = Repo(desk)
        out = {}
        for key, _label, queue in LISTS:
            flt = ListFilter(queue=queue)
            page = repo.page(flt, TODAY, limit=limits[key])
            assert len(page.rows) == limits[key]
            times = timed(lambda flt=flt, n=limits[key]: repo.page(flt, TODAY, limit=n), runs)
            out[key] = statistics.median(times)
        return out
    finally:
        desk.close()


def searches(path: Path, runs: int) -> tuple[list[float], dict[str, tuple[float, int]]]:
    from samhandlingsdesk.store.db import open_desk
    from samhandlingsdesk.store.repo import Repo

    desk = open_desk(path, upgrade=False)
    try:
        repo = Repo(desk)
        every: list[float] = []
        per_query: dict[str, tuple[float, int]] = {}
        for q in QUERIES:
            times = timed(lambda q=q: repo.search(q, limit=50), runs)
            every += times
            per_query[q] = (statistics.median(times), len(repo.search(q, limit=50)))
        return every, per_query
    finally:
        desk.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15, help="runs per measurement")
    parser.add_argument("--rebuild", action="store_true", help="build the desks again")
    parser.add_argument("--verbose", action="store_true", help="every query's median")
    args = parser.parse_args()

    big, build_s = build(args.rows, args.rebuild)
    small, _ = build(SMALL, args.rebuild)
    size_mib = big.stat().st_size / 2**20
    cpu = platform.processor() or platform.machine()
    print(f"maskin: {os.cpu_count()} kjerner, {cpu}, Python {platform.python_version()}")
    import sqlite3

    print(f"SQLite {sqlite3.sqlite_version}, belastning (1 min) {os.getloadavg()[0]:.2f}")
    shown = f"{build_s:.1f} s" if build_s is not None else "ukjent (gjenbrukt; --rebuild)"
    info = big.with_suffix(".build.json")
    if build_s is not None and info.exists():
        data = json.loads(info.read_text())
        shown += (
            f" (CPU {data.get('cpu_seconds', 0):.1f} s i alt på {os.cpu_count()} kjerner, "
            f"belastning {data.get('load', 0):.2f} da)"
        )
    print(f"bygging {args.rows} saker: {shown}; fil {size_mib:.0f} MiB")

    limits = page_limits(small)
    p_small = pages(small, args.runs, limits)
    p_big = pages(big, args.runs, limits)
    ratios = []
    for key, label, _queue in LISTS:
        ratio = p_big[key] / p_small[key]
        ratios.append(ratio)
        print(
            f"første side {label}, {limits[key]} rader: {p_small[key]:.2f} ms ved {SMALL}, "
            f"{p_big[key]:.2f} ms ved {args.rows} -> {ratio:.2f}×"
        )

    every, per_query = searches(big, max(3, args.runs // 3))
    med, top = statistics.median(every), p95(every)
    print(f"søk ved {args.rows}: median {med:.1f} ms, p95 {top:.1f} ms over {len(QUERIES)} søk")
    slow = sorted(per_query.items(), key=lambda kv: -kv[1][0])
    for q, (ms, hits) in slow if args.verbose else slow[:5]:
        print(f"  {q!r:>22}: {ms:6.1f} ms, {hits} treff")
    build_text = f"{build_s:.1f}" if build_s is not None else "nan"
    print(f"page_ratio={max(ratios):.2f} search_p95_ms={top:.1f} build_s={build_text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
