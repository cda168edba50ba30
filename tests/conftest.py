"""Shared fixtures: a fresh desk on a real SQLite file, commands, repo and case factories.

Kept generic on purpose: the TUI tests reuse `desk` and add their own fixtures in
tests/tui/conftest.py.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from samhandlingsdesk.store.commands import Commands, Created
from samhandlingsdesk.store.db import Desk, create_desk
from samhandlingsdesk.store.repo import Repo

TODAY = date(2026, 11, 23)  # a Monday
WORKERS_PER_CORE = 2


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject's addopts): two workers per core. A Pilot test spends much of
    its time waiting — on Textual's frames and timers, on a worker thread, on a lock the
    test holds on purpose — so one worker per core left the cores idle ~40 % of the wall
    time (2 cores: 270 s wall for 222 s of CPU; with 4 workers 214 s)."""
    return WORKERS_PER_CORE * (os.cpu_count() or 1)


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test touches the real user folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SAMHANDLINGSDESK_HOME", str(home))
    monkeypatch.delenv("SAMHANDLINGSDESK_DB", raising=False)
    monkeypatch.delenv("SAMHANDLINGSDESK_CONFIG", raising=False)
    return home


@pytest.fixture
def desk_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.db"


@pytest.fixture
def desk(desk_path: Path) -> Iterator[Desk]:
    d = create_desk(desk_path)
    try:
        yield d
    finally:
        d.close()


@pytest.fixture
def commands(desk: Desk) -> Commands:
    return Commands(desk, today=TODAY)


@pytest.fixture
def repo(desk: Desk) -> Repo:
    return Repo(desk)


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """`run("check", "--db", path)`: the command line in-process -> (exit code, out, err)."""
    from samhandlingsdesk.cli import main

    def _run(*args: str | Path) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture
def raw(desk: Desk) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection to the desk, for asserting on rows."""
    conn = sqlite3.connect(desk.path)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


# --- valid values for each kind (every required field filled) ---------------------------


VALID: dict[str, dict[str, Any]] = {
    "hospitering": {
        "received_on": date(2026, 11, 20),
        "party": "Skien",
        "direction": "til_sykehus",
        "applicant_name": "Kari Nordmann",
        "period_from": date(2027, 2, 1),
        "period_to": date(2027, 2, 12),
        "theme_goals": "Lære om ernæring ved KOLS",
    },
    "veiledning": {
        "received_on": date(2026, 11, 20),
        "party": "Porsgrunn",
        "direction": "hf_til_kommune",
        "topic": "Opplæring i bruk av smertepumpe for hjemmesykepleien i distriktet",
    },
    "lis1": {
        "received_on": date(2026, 11, 20),
        "party": "Bamble",
        "doctor_name": "Ola Hansen",
        "notice_type": "forsinkelse",
    },
    "lis3": {
        "received_on": date(2026, 11, 20),
        "party": "Notodden",
        "doctor_name": "Per Olsen",
        "desired_from": date(2027, 9, 1),
    },
    "nettverk": {
        "received_on": date(2026, 11, 20),
        "party": "Sykehuset Telemark",
        "activity_type": "fagnettverk",
        "network_name": "Sårnettverket",
        "target_group": "Sykepleiere i kommunene",
        "held_on": date(2027, 3, 10),
    },
}


def _values_of(kind: str) -> Callable[..., dict[str, Any]]:
    """`lis1_values(doctor_name="…")`: the kind's valid values with some replaced."""

    def values(**over: Any) -> dict[str, Any]:
        return {**VALID[kind], **over}

    values.__name__ = f"{kind}_values"
    return values


VALUES: dict[str, Callable[..., dict[str, Any]]] = {kind: _values_of(kind) for kind in VALID}
hospitering_values = VALUES["hospitering"]
veiledning_values = VALUES["veiledning"]
lis1_values = VALUES["lis1"]
lis3_values = VALUES["lis3"]
nettverk_values = VALUES["nettverk"]


@pytest.fixture
def make_case(commands: Commands) -> Callable[..., Created]:
    """make_case("lis1", doctor_name="…", status="varsles") -> Created."""

    def make(kind: str, *, status: str | None = None, **over: Any) -> Created:
        return commands.create_case(kind, VALUES[kind](**over), status=status)

    return make


# --- files to import ----------------------------------------------------------------------


def write_intake(path: Path, *rows: list[str]) -> Path:
    """A hospitering intake CSV (as the application form exports it): `rows` of name,
    direction, from, to, theme and applied date, under the header the import reads."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(["Navn", "Retning", "Fra", "Til", "Tema", "Søknadsdato"])
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8-sig")
    return path


# --- what the command line says, and a damaged desk ---------------------------------------


def one_sentence(err: str) -> None:
    """`err` is one Norwegian sentence: one line, no traceback."""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].endswith((".", "»")), err


def damage_a_page(path: Path, table: str = "note", leaf: int = 1) -> None:
    """Overwrite the cell pointers of the `leaf`-th leaf page of `table` in the desk file
    at `path` (the desk closed): the file still opens (its schema pages are whole), but
    reading that table finds a damaged page."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute(
        "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
        (table,),
    ).fetchall()
    conn.close()
    assert len(pages) > leaf, pages
    with path.open("r+b") as fh:
        fh.seek((pages[leaf][0] - 1) * page_size + 8)
        fh.write(b"\xff\xfe" * 40)
