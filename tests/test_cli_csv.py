"""`samhandlingsdesk export` and `import` through main([...]): output, files, exit codes."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from samhandlingsdesk.cli import main
from samhandlingsdesk.store.commands import Commands, UndoNeedsConfirm
from samhandlingsdesk.store.db import Desk, create_desk
from samhandlingsdesk.store.repo import Repo
from tests.conftest import TODAY, VALUES, write_intake


def cases(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute('SELECT count(*) FROM "case"').fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def filled(desk: Desk, commands: Commands) -> Path:
    commands.create_case("hospitering", VALUES["hospitering"](home_address="Åsveien 3"))
    commands.create_case("lis1", VALUES["lis1"]())
    desk.close()
    return desk.path


def test_export_writes_one_file_per_kind(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "delt"
    assert main(["export", "--db", str(filled), "--out", str(out)]) == 0
    stdout = capsys.readouterr().out
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and names[0].startswith("hospitering_") and names[1].startswith("lis1_")
    assert "Eksportert 2 saker (uten hjemmeadresse og privat telefon)." in stdout
    assert "Åsveien".encode() not in (out / names[0]).read_bytes()


def test_export_options(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut"
    args = ["export", "--db", str(filled), "--out", str(out), "--kind", "hospitering"]
    assert main([*args, "--include-personal", "--from", "01.11.2026", "--to", "2026-11-30"]) == 0
    (path,) = out.iterdir()
    text = path.read_text("utf-8-sig")
    assert "Hjemmeadresse" in text and "Åsveien 3" in text
    assert main([*args, "--status", "mottatt", "--party", "skien"]) == 0
    assert len(list(out.iterdir())) == 2  # _2 on the same day


def test_export_nothing_is_exit_1_and_no_file(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tom"
    code = main(["export", "--db", str(filled), "--out", str(out), "--kind", "nettverk"])
    assert code == 1
    assert capsys.readouterr().err.strip() == (
        "Ingen saker passer til utvalget; ingen fil er skrevet."
    )
    assert not out.exists()


def test_export_since_last(filled: Path, tmp_path: Path) -> None:
    args = ["export", "--db", str(filled), "--out", str(tmp_path / "s"), "--since-last"]
    assert main(args) == 0
    assert main(args) == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--status", "finnesikke"], "Ukjent status «finnesikke»"),
        (["--from", "17.5"], "er ikke en fullstendig dato"),
        (["--kind", "sak"], "ugyldig valg"),
    ],
)
def test_export_errors_are_one_sentence_exit_2(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    code = main(["export", "--db", str(filled), "--out", str(tmp_path), *extra])
    assert code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_export_log_refused_is_a_sentence_without_the_sql(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The files are written, the log is not: the user hears why in Norwegian, never the
    database's own English (here «no such table: export_log»)."""
    conn = sqlite3.connect(filled)
    conn.execute("DROP TABLE export_log")
    conn.close()
    out = tmp_path / "ut"
    assert main(["export", "--db", str(filled), "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (
        "Filene er skrevet, men eksportloggen kunne ikke oppdateres: en uventet databasefeil."
    )
    assert len(list(out.iterdir())) == 2


def test_export_missing_desk_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(tmp_path / "nei.db"), "--out", str(tmp_path)]) == 2
    assert "Finner ikke skrivebordet" in capsys.readouterr().err


# --- import ----------------------------------------------------------------------------------


GOOD = ["Kari Nordmann", "Til sykehuset", "01.02.2027", "12.02.2027", "Ernæring", "15.11.2026"]
GOOD2 = ["Ola Nordmann", "Til kommunen", "01.03.2027", "05.03.2027", "Demens", "16.11.2026"]
BAD = ["Per Bad", "Til sykehuset", "uke 34", "12.02.2027", "Sår", "15.11.2026"]


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    path = tmp_path / "tom.db"
    create_desk(path).close()
    return path


def test_import_dry_run(empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write_intake(tmp_path / "s.csv", GOOD, GOOD2)
    assert main(["import", str(f), "--db", str(empty), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2 nye" in out and "Prøvekjøring: ingenting er skrevet." in out
    assert cases(empty) == 0


def test_import_with_yes_then_again(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = write_intake(tmp_path / "s.csv", GOOD, GOOD2)
    assert main(["import", str(f), "--db", str(empty), "--yes"]) == 0
    assert "Importert: 2 nye, 0 oppdatert." in capsys.readouterr().out
    assert cases(empty) == 2
    assert main(["import", str(f), "--db", str(empty), "--yes"]) == 0
    assert "2 duplikater" in capsys.readouterr().out
    assert cases(empty) == 2


def test_import_refuses_without_a_terminal(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    f = write_intake(tmp_path / "s.csv", GOOD)
    assert main(["import", str(f), "--db", str(empty)]) == 2
    assert "--yes" in capsys.readouterr().err
    assert cases(empty) == 0


def test_import_asks_on_a_terminal(
    empty: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    f = write_intake(tmp_path / "s.csv", GOOD)
    monkeypatch.setattr("sys.stdin", Tty("n\n"))
    assert main(["import", str(f), "--db", str(empty)]) == 1
    assert cases(empty) == 0
    monkeypatch.setattr("sys.stdin", Tty("j\n"))
    assert main(["import", str(f), "--db", str(empty)]) == 0
    assert cases(empty) == 1


def test_import_invalid_rows_exit_1_nothing_written(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = write_intake(tmp_path / "s.csv", GOOD, BAD)
    assert main(["import", str(f), "--db", str(empty), "--yes"]) == 1
    captured = capsys.readouterr()
    assert "FEIL  Linje 3, kolonne «Fra»: «uke 34» er ikke en fullstendig dato" in captured.out
    assert "1 rad har feil; ingenting er importert" in captured.err
    assert cases(empty) == 0
    assert main(["import", str(f), "--db", str(empty), "--dry-run"]) == 1
    assert main(["import", str(f), "--db", str(empty), "--dry-run", "--skip-invalid"]) == 0
    assert cases(empty) == 0


def test_import_skip_invalid(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = write_intake(tmp_path / "s.csv", GOOD, BAD, GOOD2)
    assert main(["import", str(f), "--db", str(empty), "--yes", "--skip-invalid"]) == 0
    assert "1 med feil hoppet over" in capsys.readouterr().out
    assert cases(empty) == 2


def test_import_unreadable_file_is_exit_2(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(tmp_path / "borte.csv"), "--db", str(empty), "--yes"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Finner ikke filen") and "Traceback" not in err


def test_export_then_import_round_trip(filled: Path, empty: Path, tmp_path: Path) -> None:
    out = tmp_path / "rt"
    assert main(["export", "--db", str(filled), "--out", str(out), "--include-personal"]) == 0
    for f in sorted(out.iterdir()):
        assert main(["import", str(f), "--db", str(empty), "--yes"]) == 0
    assert cases(empty) == 2
    desk = Desk(empty)
    try:
        Commands(desk, today=TODAY)  # the imported desk is a normal desk
    finally:
        desk.close()


def test_each_import_run_is_a_start_of_its_own_and_the_desk_asks_before_undoing_it(
    empty: Path, tmp_path: Path
) -> None:
    first = write_intake(tmp_path / "a.csv", GOOD)
    second = write_intake(tmp_path / "b.csv", GOOD2)
    assert main(["import", str(first), "--db", str(empty), "--yes"]) == 0
    assert main(["import", str(second), "--db", str(empty), "--yes"]) == 0
    conn = sqlite3.connect(empty)
    try:
        sessions = [r[0] for r in conn.execute("SELECT DISTINCT session_id FROM event ORDER BY id")]
    finally:
        conn.close()
    assert len(sessions) == 2 and None not in sessions  # one start id per run
    desk = Desk(empty)
    try:
        app = Commands(desk, today=TODAY)  # the desk, started after the imports
        with pytest.raises(UndoNeedsConfirm) as asked:
            app.undo_last()
        assert "i et annet vindu" in str(asked.value)
        assert cases_shown(desk) == 2  # nothing was undone without asking
        app.undo_last(batch_id=asked.value.batch_id, confirmed=True)
        assert cases_shown(desk) == 1
    finally:
        desk.close()


def cases_shown(desk: Desk) -> int:
    return Repo(desk).total()
