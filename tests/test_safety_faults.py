"""Issue #11 failures 3–6 and 8: locks, damaged desks, failed saves, several writers,
FIFOs, odd file names and file modes — each on real SQLite files."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from samhandlingsdesk import cli
from samhandlingsdesk.cli import main
from samhandlingsdesk.store import db as store_db
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import create_desk, open_desk, write_error_message
from tests.conftest import TODAY, damage_a_page, hospitering_values, one_sentence

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "desk.db"
    desk = create_desk(p)
    c = Commands(desk, today=TODAY)
    for i in range(30):
        case = c.create_case("hospitering", hospitering_values(applicant_name=f"Kari {i}"))
        c.add_note(case.id, f"Notat {i} " + "x" * 300)
    desk.close()
    return p


@pytest.fixture
def writer_holds(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a write (WAL: readers go on, writers wait)."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE meta SET value = value")
    try:
        yield holder
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# --- failure 3: check on a healthy desk another program is writing to ------------------------


def test_check_calls_a_healthy_desk_held_by_a_writer_healthy(
    path: Path, writer_holds: sqlite3.Connection, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "skadet" not in out and "Søkeindeksen stemmer" in out


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only files")
def test_check_on_a_read_only_desk(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path.chmod(0o400)
    try:
        assert main(["check", "--db", str(path)]) == 0
        assert "skadet" not in capsys.readouterr().out
    finally:
        path.chmod(0o600)


def test_a_locked_desk_waits_then_one_sentence_exit_2(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE meta SET value = value")
    try:
        for args in (["check"], ["search", "Kari"], ["backup"], ["export"]):
            assert main([*args, "--db", str(path)]) == 2, args
            err = capsys.readouterr().err
            one_sentence(err)
            assert "låst av et annet program" in err
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_the_lock_wait_is_ten_seconds() -> None:
    assert store_db.BUSY_TIMEOUT_MS == 10_000


# --- failure 4: a damaged desk ---------------------------------------------------------------


def test_a_damaged_desk_is_refused_and_not_backed_up(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    damage_a_page(path)

    def no_app(*_a: object, **_k: object) -> int:
        raise AssertionError("the desk opened")

    monkeypatch.setattr(cli, "_run_app", no_app)
    assert main(["--db", str(path)]) == 2
    err = capsys.readouterr().err
    one_sentence(err)
    assert "skadet" in err
    out = tmp_path / "kopier" / "kopi.db"
    assert main(["backup", "--db", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    one_sentence(err)
    assert "skadet" in err and not out.exists()
    assert main(["search", "Kari", "--db", str(path)]) == 2
    assert main(["check", "--db", str(path)]) == 1  # check lists the damage


# --- failure 5: failed saves say one Norwegian sentence --------------------------------------


def test_a_failed_save_is_one_norwegian_sentence_without_sql_or_typed_text(
    path: Path, writer_holds: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 100)
    desk = open_desk(path)
    try:
        commands = Commands(desk, today=TODAY)
        with pytest.raises(OperationalError) as exc:
            commands.create_case("hospitering", hospitering_values(applicant_name="Hemmelig Navn"))
        message = write_error_message(exc.value, path)
    finally:
        desk.close()
    assert "Hemmelig" not in message and "INSERT" not in message and "locked" not in message
    assert message.startswith("Kunne ikke lagre") and "beholdt" in message


def test_a_full_disk_names_the_desk() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    message = write_error_message(full, Path("/data/desk.db"))
    assert "/data/desk.db" in message and "Disken er full" in message
    enospc = OSError(28, "No space left on device", "/del/eksport.csv")
    assert "/del/eksport.csv" in write_error_message(enospc, Path("/data/desk.db"))


# --- failure 6: several writers ---------------------------------------------------------------


def test_several_writer_processes_lose_nothing(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import faults  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    failed, lost, _seconds = faults.concurrent_writers(tmp_path, 4, 15)
    assert (failed, lost) == (0, 0)


def test_a_busy_begin_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def execute(sql: str) -> None:
        calls.append(sql)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(store_db.time, "sleep", lambda _s: None)
    store_db.begin_immediate(execute)
    assert calls == ["BEGIN IMMEDIATE"] * 3


# --- failure 8: FIFO, odd names, modes --------------------------------------------------------


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "kø.db"
    os.mkfifo(fifo)
    for args in (["check"], ["search", "x"], []):
        result = subprocess.run(
            [sys.executable, "-m", "samhandlingsdesk", *args, "--db", str(fifo)],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "SAMHANDLINGSDESK_HOME": str(tmp_path / "home")},
        )
        assert result.returncode == 2, args
        one_sentence(result.stderr)
        assert "ikke en vanlig fil" in result.stderr


@pytest.mark.parametrize("name", ["a?b.db", "a%20b.db", "a#b.db", "mappe med mellomrom/d.db"])
def test_a_path_opens_that_very_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.parent.mkdir(exist_ok=True)
    desk = create_desk(path)
    Commands(desk, today=TODAY).create_case("hospitering", hospitering_values())
    desk.close()
    conn = sqlite3.connect(path)  # no URI: this very file
    assert conn.execute('SELECT count(*) FROM "case"').fetchone()[0] == 1
    conn.close()
    made = sorted(p.name for p in path.parent.iterdir())
    assert made == [path.name], made


def test_opening_never_widens_or_resets_the_mode(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path.chmod(0o400)
    try:
        assert main(["check", "--db", str(path)]) == 0
        open_desk(path, upgrade=False).close()
        assert stat.S_IMODE(path.stat().st_mode) == 0o400
    finally:
        path.chmod(0o600)
    path.chmod(0o644)
    open_desk(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # narrowed, never widened


def test_a_save_during_a_long_import_waits_its_turn(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holds the write lock longer than one busy timeout (a long import):
    the save waits, starts its transaction again, and goes through."""
    import threading

    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE meta SET value = value")
    release = threading.Timer(0.4, lambda: holder.execute("COMMIT"))  # the import ends
    desk = open_desk(path)
    try:
        release.start()
        Commands(desk, today=TODAY).create_case("hospitering", hospitering_values())
    finally:
        release.join()
        desk.close()
        holder.close()
    conn = sqlite3.connect(path)
    assert conn.execute('SELECT count(*) FROM "case"').fetchone() == (31,)
    conn.close()


def test_the_search_index_check_on_a_read_only_connection(path: Path) -> None:
    """What `check` meets on a read-only file (also as root, who may write any file): the
    index's own check cannot run there, so it runs on a private copy."""
    conn = store_db._connect(path, readonly=True)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store_db._fts_integrity(conn)
        assert store_db._fts_problem(conn) is None
    finally:
        conn.close()
