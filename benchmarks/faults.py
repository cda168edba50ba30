"""Faults: crashes, several writers, undo across windows (issue #11).

    python benchmarks/faults.py [--kills 20] [--writes 1000] [--writers 8] [--each 125]

Prints:

- acknowledged writes lost over `--kills` SIGKILLs of a child that makes `--writes`
  notes and prints the id of each one after its transaction has committed (target 0);
- failed writes and lost updates with `--writers` processes each making `--each` writes
  at once: every write adds its own tag to one of eight shared cases (a read, modify
  and write of the same row under contention); a write that raised is failed, a tag
  missing afterwards from a write that returned is a lost update (target 0 and 0);
- saves during a long import: another process holds the write lock for `--import-s`
  seconds (as a 15 s import does) while two saves are made (target 0 failed);
- the cost of refusing a damaged desk on open: `PRAGMA quick_check` on a demo desk of
  `--check-rows` cases (built once in benchmarks/.cache/), median of 5, warm cache;
- undo in one window after another window saved: window A creates a case, window B
  edits another case and saves, window A undoes; B's saved edit gone is one lost undo
  (target 0; the fix belongs to the Entry issue — this measures the branch as it is).

The last line is machine-readable:
    lost_acked=0 lock_errors=0 lost_updates=0 undo_lost=0
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 23)
SHARED = 8


def _values() -> dict[str, object]:
    return {
        "received_on": date(2026, 11, 20),
        "party": "Skien",
        "direction": "til_sykehus",
        "applicant_name": "Kari Nordmann",
        "period_from": date(2027, 2, 1),
        "period_to": date(2027, 2, 12),
        "theme_goals": "Ernæring",
    }


def _commands(path: Path):  # type: ignore[no-untyped-def]
    from samhandlingsdesk.store.commands import Commands
    from samhandlingsdesk.store.db import open_desk

    return Commands(open_desk(path), today=TODAY)


# --- children ------------------------------------------------------------------------------


def child_notes(path: Path, case_id: str, writes: int) -> None:
    """Make notes, printing each one's id once its transaction has committed."""
    commands = _commands(path)
    for i in range(writes):
        note_id = commands.add_note(case_id, f"Notat {i}")
        os.write(1, f"{note_id}\n".encode())


def child_hold(path: Path, seconds: float) -> None:
    """Hold the write lock as a long import does."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE meta SET value = value")
    print("holding", flush=True)
    time.sleep(seconds)
    conn.execute("COMMIT")
    conn.close()


def child_writer(path: Path, cases: list[str], me: int, each: int) -> None:
    """Add `each` tags of its own; print how many writes raised."""
    commands = _commands(path)
    failed = 0
    for j in range(each):
        try:
            commands.add_tag([cases[j % len(cases)]], f"w{me}-{j}")
        except Exception as exc:
            failed += 1
            if failed == 1:
                print(f"first failure: {type(exc).__name__}: {exc}"[:300], file=sys.stderr)
    print(f"failed={failed}", flush=True)


# --- measurements ---------------------------------------------------------------------------


def _new_desk(folder: Path, name: str, cases: int = 1) -> tuple[Path, list[str]]:
    from samhandlingsdesk.store.commands import Commands
    from samhandlingsdesk.store.db import create_desk

    path = folder / name
    desk = create_desk(path)
    commands = Commands(desk, today=TODAY)
    ids = [commands.create_case("hospitering", _values()).id for _ in range(cases)]
    desk.close()
    return path, ids


def _child(*args: str) -> list[str]:
    return [sys.executable, __file__, "--child", *args]


def lost_acknowledged(folder: Path, kills: int, writes: int, seed: int = 11) -> tuple[int, int]:
    """(acknowledged writes lost, acknowledged writes) over `kills` SIGKILLs."""
    path, (case_id,) = _new_desk(folder, "kill.db")
    rng = random.Random(seed)
    acked: list[int] = []
    for _ in range(kills):
        proc = subprocess.Popen(
            _child("notes", str(path), case_id, str(writes)), stdout=subprocess.PIPE
        )
        assert proc.stdout is not None
        wanted = rng.randint(1, writes - 1)
        for seen, line in enumerate(proc.stdout, 1):  # kill it right after some write
            acked.append(int(line))
            if seen >= wanted:
                break
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        acked += [int(x) for x in rest.split()]  # printed before the kill landed
    conn = sqlite3.connect(path)
    stored = {r[0] for r in conn.execute("SELECT id FROM note")}
    conn.close()
    return sum(1 for a in acked if a not in stored), len(acked)


def concurrent_writers(folder: Path, writers: int, each: int) -> tuple[int, int, float]:
    """(failed writes, lost updates, seconds) with `writers` processes at once."""
    path, cases = _new_desk(folder, "writers.db", SHARED)
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            _child("writer", str(path), ",".join(cases), str(me), str(each)),
            stdout=subprocess.PIPE,
            text=True,
        )
        for me in range(writers)
    ]
    failed = 0
    for proc in procs:
        out, _ = proc.communicate()
        line = next((ln for ln in out.splitlines() if ln.startswith("failed=")), None)
        failed += int(line.split("=")[1]) if line and proc.returncode == 0 else each
    seconds = time.perf_counter() - start
    conn = sqlite3.connect(path)
    tags: set[str] = set()
    for (text,) in conn.execute('SELECT tags FROM "case"'):
        tags |= {t.strip() for t in (text or "").split(",") if t.strip()}
    conn.close()
    wanted = {f"w{me}-{j}" for me in range(writers) for j in range(each)}
    lost = len(wanted - tags) - failed
    return failed, max(lost, 0), seconds


def saves_during_import(folder: Path, seconds: float, saves: int = 2) -> int:
    """How many of `saves` saves failed while another process held the lock."""
    path, (case_id,) = _new_desk(folder, "import.db")
    commands = _commands(path)
    proc = subprocess.Popen(_child("hold", str(path), str(seconds)), stdout=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.readline()
    failed = 0
    for i in range(saves):
        try:
            commands.add_note(case_id, f"Lagret under importen {i}")
        except Exception:  # counted
            failed += 1
    proc.wait()
    commands.desk.close()
    return failed


def undo_across_windows(folder: Path, trials: int = 5) -> int:
    """How many times window A's undo removed what window B had saved."""
    from samhandlingsdesk.store.commands import Commands
    from samhandlingsdesk.store.db import open_desk

    path, (other,) = _new_desk(folder, "undo.db")
    lost = 0
    for i in range(trials):
        a = Commands(open_desk(path), today=TODAY)
        b = Commands(open_desk(path), today=TODAY)
        a.create_case("hospitering", _values())
        version = (
            b.desk.reader()
            .execute('SELECT version FROM "case" WHERE id = ?', (other,))
            .fetchone()[0]
        )
        name = f"Lagret i vindu B {i}"
        b.update_case(other, version, {"applicant_name": name})
        with suppress(Exception):  # nothing to undo is no loss
            a.undo_last()
        conn = sqlite3.connect(path)
        stored = conn.execute(
            "SELECT applicant_name FROM hospitering WHERE case_id = ?", (other,)
        ).fetchone()[0]
        conn.close()
        lost += stored != name
        a.desk.close()
        b.desk.close()
    return lost


def open_check(rows: int) -> float:
    """Median milliseconds of the quick_check a desk runs before it opens."""
    import statistics

    from _common import desk_for

    path = desk_for(rows)
    conn = sqlite3.connect(path)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        conn.execute("PRAGMA quick_check(1)").fetchone()
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return statistics.median(times)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, path, *rest = sys.argv[2:]
        if kind == "notes":
            child_notes(Path(path), rest[0], int(rest[1]))
        elif kind == "hold":
            child_hold(Path(path), float(rest[0]))
        else:
            child_writer(Path(path), rest[0].split(","), int(rest[1]), int(rest[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--writes", type=int, default=1000)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--each", type=int, default=125)
    parser.add_argument("--undo-trials", type=int, default=5)
    parser.add_argument("--check-rows", type=int, default=20000)
    parser.add_argument("--import-s", type=float, default=15.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="faults-") as tmp:
        folder = Path(tmp)
        lost, acked = lost_acknowledged(folder, args.kills, args.writes)
        print(
            f"SIGKILL: {args.kills} kills of a {args.writes}-write child; "
            f"{acked} acknowledged, {lost} lost"
        )
        failed, lost_updates, seconds = concurrent_writers(folder, args.writers, args.each)
        total = args.writers * args.each
        print(
            f"writers: {args.writers} x {args.each} = {total} writes in {seconds:.1f} s; "
            f"{failed} failed, {lost_updates} lost updates"
        )
        import_failed = saves_during_import(folder, args.import_s)
        print(f"saves during a {args.import_s:.0f} s import: {import_failed} of 2 failed")
        undo_lost = undo_across_windows(folder, args.undo_trials)
        took = open_check(args.check_rows)
        print(f"open check: quick_check on {args.check_rows} cases {took:.0f} ms")
        print(f"undo across windows: {undo_lost} of {args.undo_trials} trials lost B's save")
    print(
        f"lost_acked={lost} lock_errors={failed} lost_updates={lost_updates} undo_lost={undo_lost}"
    )


if __name__ == "__main__":
    main()
