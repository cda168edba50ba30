"""The agenda's speed beside the inbox's (issue #13).

    python benchmarks/agenda.py --rows 100000

Builds (or reuses) a demo desk of N cases in benchmarks/.cache/ and prints, as medians:

- the agenda's first screen (the query and the rows on screen, in the real app driven by
  Textual's Pilot) beside the inbox's first page (the same, in the same run);
- the summary counts over the inbox («3 kritiske · 57 forfalt · …», `Repo.summary`, read
  from the covering index);
- the wall time of `samhandlingsdesk agenda --days 7` beside `samhandlingsdesk search` of
  one word (both as new processes, as a scheduled job runs them).

Targets at 100k: agenda ≤ 1.3× the inbox first page; counts ≤ 50 ms; CLI ≤ 1.5× search.
The last line is machine-readable:
    agenda_ratio=1.05 counts_ms=21.3 cli_ratio=1.02
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import CACHE, TODAY, desk_for


def _copy(rows: int) -> Path:
    """A private copy of the cached desk (opening it upgrades nothing but writes meta)."""
    src = desk_for(rows)
    dst = CACHE / f"agenda_{rows}.db"
    shutil.copyfile(src, dst)
    return dst


async def _ui(path: Path, rounds: int) -> tuple[list[float], list[float]]:
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    from samhandlingsdesk.settings import Settings
    from samhandlingsdesk.store.db import open_desk
    from samhandlingsdesk.tui.app import DeskApp
    from samhandlingsdesk.tui.screens.agenda import AgendaScreen
    from samhandlingsdesk.tui.screens.desk import DeskScreen
    from samhandlingsdesk.tui.widgets.case_table import CaseTable

    desk = open_desk(path)
    settings = Settings(side="kommune", path=CACHE / "agenda-settings.toml")
    app = DeskApp(desk, settings, today=lambda: TODAY)
    inbox: list[float] = []
    agenda: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:

        async def idle() -> None:
            for _ in range(50):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if not any(w.is_running for w in app.workers):
                    return

        await idle()
        for _ in range(rounds):
            screen = app.screen
            assert isinstance(screen, DeskScreen)
            table = screen.query_one(CaseTable)
            t0 = time.perf_counter()
            screen.reload()
            await idle()
            assert table.row_count
            inbox.append(time.perf_counter() - t0)

            t0 = time.perf_counter()
            app.action_agenda()  # as `d` does
            await idle()
            shown: Any = app.screen
            assert isinstance(shown, AgendaScreen) and shown.row_items
            agenda.append(time.perf_counter() - t0)
            app.pop_screen()
            await idle()
    desk.close()
    return inbox, agenda


def _counts(path: Path, rounds: int) -> list[float]:
    from samhandlingsdesk.store.db import open_desk
    from samhandlingsdesk.store.repo import Repo

    desk = open_desk(path)
    repo = Repo(desk)
    repo.summary(TODAY)  # warm the page cache
    out = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        repo.summary(TODAY)
        out.append(time.perf_counter() - t0)
    desk.close()
    return out


def _wall(args: list[str], rounds: int) -> float:
    exe = [sys.executable, "-m", "samhandlingsdesk"]
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        subprocess.run([*exe, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    path = _copy(args.rows)

    inbox, agenda = asyncio.run(_ui(path, args.rounds))
    inbox_ms = statistics.median(inbox) * 1000
    agenda_ms = statistics.median(agenda) * 1000
    print(f"inbox first page (query + rows on screen): median {inbox_ms:.1f} ms")
    print(f"agenda first screen (query + rows on screen): median {agenda_ms:.1f} ms")

    counts = _counts(path, max(20, args.rounds))
    counts_ms = statistics.median(counts) * 1000
    print(f"summary counts: median {counts_ms:.1f} ms (max {max(counts) * 1000:.1f} ms)")

    cli = _wall(["agenda", "--db", str(path), "--days", "7"], args.rounds)
    search = _wall(["search", "hansen", "--db", str(path)], args.rounds)
    print(
        f"CLI wall time: agenda --days 7 {cli * 1000:.0f} ms, search hansen {search * 1000:.0f} ms"
    )
    print(f"rows={args.rows} (a copy of {desk_for(args.rows).name})")
    print(
        f"agenda_ratio={agenda_ms / inbox_ms:.2f} counts_ms={counts_ms:.1f} "
        f"cli_ratio={cli / search:.2f}"
    )


if __name__ == "__main__":
    main()
