"""The command line: every command, its exit codes, and every desk it must refuse.

Most cases call `main([...])` in-process; a few run `python -m samhandlingsdesk` in a
subprocess to prove what a user sees: one sentence, no traceback, no hang.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import time
import types
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from samhandlingsdesk.cli import DemoCopy, main
from samhandlingsdesk.service.demo import REFERENCE_DATE_KEY, generate
from samhandlingsdesk.store.db import Desk, DeskError
from tests.conftest import Run, damage_a_page, one_sentence

DEMO_TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("SAMHANDLINGSDESK_HOME", str(folder))
    monkeypatch.delenv("SAMHANDLINGSDESK_DB", raising=False)
    monkeypatch.delenv("SAMHANDLINGSDESK_CONFIG", raising=False)
    return folder


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    generate(path, 300, 2026, DEMO_TODAY)
    return path


@pytest.fixture
def demo(tmp_path: Path, demo_template: Path) -> Path:
    path = tmp_path / "demo.db"
    path.write_bytes(demo_template.read_bytes())
    return path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- help and arguments ------------------------------------------------------------------


def test_help_in_norwegian(run: Run) -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert "bruk: samhandlingsdesk" in out and "kommandoer" in out and "demo-data" in out
    for command in ("init", "demo-data", "check", "backup", "search"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "--db" in out, command


def test_version(run: Run) -> None:
    from samhandlingsdesk import __version__

    code, out, _ = run("--version")
    assert code == 0
    assert out.strip() == f"samhandlingsdesk {__version__}"


def test_argument_errors_are_one_norwegian_line(run: Run) -> None:
    for args in (
        ("--bogus",),
        ("search",),
        ("search", "x", "--kind", "nope"),
        ("demo-data", "--rows", "x", "--out", "a.db"),
        ("demo-data", "--today", "uke 34", "--out", "a.db"),
        ("check", "--demo"),
    ):
        code, _, err = run(*args)
        assert code == 2, args
        one_sentence(err)
        assert "error:" not in err and "usage:" not in err


def test_help_is_fast_and_loads_neither_sqlalchemy_nor_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from samhandlingsdesk.cli import main\n"
        "for args in (['--help'], ['search', '--help'], ['--bogus']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'alembic', 'textual') "
        "if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "samhandlingsdesk", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0 and "bruk:" in result.stdout
    assert time.perf_counter() - started < 5  # generous: a loaded CI machine


# --- init, demo-data ---------------------------------------------------------------------


def test_init_creates_an_empty_private_desk(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "ny.db"
    code, out, err = run("init", "--db", path)
    assert code == 0 and err == ""
    assert str(path) in out
    assert _mode(path) == 0o600
    code, out, _ = run("check", "--db", path)
    assert code == 0 and "OK  0 saker" in out


def test_check_counts_the_cases_in_words(
    run: Run, make_case: Callable[..., Any], desk: Desk
) -> None:
    make_case("veiledning")
    desk.close()
    code, out, _ = run("check", "--db", desk.path)
    assert code == 0 and f"OK  1 sak i {desk.path}." in out


def test_init_refuses_to_overwrite(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "finnes.db"
    path.write_bytes(b"important")
    code, _, err = run("init", "--db", path)
    assert code == 2
    one_sentence(err)
    assert "finnes allerede" in err
    assert path.read_bytes() == b"important"


def test_init_uses_the_environment_when_no_db_is_given(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "env.db"
    monkeypatch.setenv("SAMHANDLINGSDESK_DB", str(path))
    assert run("init")[0] == 0
    assert path.exists()


def test_demo_data_writes_a_desk_and_refuses_to_overwrite(run: Run, tmp_path: Path) -> None:
    out_path = tmp_path / "demo.db"
    code, out, _ = run(
        "demo-data", "--rows", "60", "--seed", "3", "--today", "01.03.2026", "--out", out_path
    )
    assert code == 0 and "60 saker" in out and "01.03.2026" in out
    conn = sqlite3.connect(out_path)
    assert conn.execute('SELECT count(*) FROM "case"').fetchone() == (60,)
    ref_date = conn.execute("SELECT value FROM meta WHERE key = ?", (REFERENCE_DATE_KEY,))
    assert ref_date.fetchone() == ("2026-03-01",)
    conn.close()
    before = out_path.read_bytes()
    code, _, err = run("demo-data", "--rows", "5", "--out", out_path)
    assert code == 2
    one_sentence(err)
    assert out_path.read_bytes() == before


def test_demo_data_counts_in_the_singular_too(run: Run, tmp_path: Path) -> None:
    """One note is «1 notat» (the line said «1 notater»), a count of cases is counted too."""
    out_path = tmp_path / "demo.db"
    for rows in range(1, 20):  # the generator's first desk with exactly one note
        out_path.unlink(missing_ok=True)
        code, out, _ = run("demo-data", "--rows", rows, "--today", "17.05.2026", "--out", out_path)
        conn = sqlite3.connect(out_path)
        (notes,) = conn.execute("SELECT count(*) FROM note").fetchone()
        conn.close()
        if notes == 1:
            break
    assert code == 0 and notes == 1
    assert f": {rows} sak{'' if rows == 1 else 'er'}, 1 notat, referansedato 17.05.2026" in out


# --- check -------------------------------------------------------------------------------


def test_check_ok(run: Run, demo: Path) -> None:
    before = demo.read_bytes()
    code, out, err = run("check", "--db", demo)
    assert code == 0 and err == ""
    assert out.count("OK") == 4 and "300 saker" in out
    assert demo.read_bytes() == before


def test_check_finds_a_broken_search_index(run: Run, demo: Path) -> None:
    conn = sqlite3.connect(demo)
    conn.execute("DELETE FROM case_fts WHERE rowid IN (1, 2, 3)")  # no trigger fires
    conn.commit()
    conn.close()
    code, out, _ = run("check", "--db", demo)
    assert code == 1
    assert "FEIL" in out and "Søkeindeksen" in out


def test_check_reports_a_damaged_page_as_a_problem(run: Run, demo: Path) -> None:
    """A desk that opens but has a damaged page: `check` lists it and exits 1 (problems
    found), it does not stop with an error (2); nothing is changed."""
    damage_a_page(demo, "note")
    before = demo.read_bytes()
    code, out, err = run("check", "--db", demo)
    assert code == 1, (out, err)
    assert err == "" and "Traceback" not in out
    assert "FEIL  Integritet:" in out and "problem(er) funnet" in out
    assert "OK" not in out
    assert demo.read_bytes() == before


# --- backup ------------------------------------------------------------------------------


def test_backup_to_the_default_folder_is_private(run: Run, demo: Path) -> None:
    code, out, err = run("backup", "--db", demo)
    assert code == 0 and err == ""
    copies = list((demo.parent / "backups").glob("demo_*.db"))
    assert len(copies) == 1 and str(copies[0]) in out
    assert _mode(copies[0]) == 0o600
    conn = sqlite3.connect(copies[0])
    assert conn.execute('SELECT count(*) FROM "case"').fetchone() == (300,)
    conn.close()


def test_backup_to_a_named_file_and_never_over_one(run: Run, demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "kopier" / "kopi.db"
    code, _, _ = run("backup", "--db", demo, "--out", target)
    assert code == 0 and _mode(target) == 0o600
    code, _, err = run("backup", "--db", demo, "--out", target)
    assert code == 2
    one_sentence(err)


def test_backup_folder_from_settings(run: Run, demo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sikkerhet"
    config = tmp_path / "settings.toml"
    config.write_text(f'backup_dir = "{folder}"\n', encoding="utf-8")
    code, _, _ = run("--config", config, "backup", "--db", demo)
    assert code == 0
    assert len(list(folder.glob("*.db"))) == 1


def test_a_broken_settings_file_isone_sentence(run: Run, demo: Path, tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text("side = [\n", encoding="utf-8")
    code, _, err = run("backup", "--db", demo, "--config", config)
    assert code == 2
    one_sentence(err)


# --- search ------------------------------------------------------------------------------


def _surname(demo: Path, kind: str) -> str:
    conn = sqlite3.connect(demo)
    title = conn.execute(
        'SELECT title FROM "case" WHERE kind = ? ORDER BY pk LIMIT 1', (kind,)
    ).fetchone()[0]
    conn.close()
    return title.split()[-1]


def test_search_hits(run: Run, demo: Path) -> None:
    name = _surname(demo, "lis1")
    code, out, err = run("search", name, "--db", demo)
    assert code == 0 and err == ""
    lines = out.strip().splitlines()
    assert lines and len(lines) <= 50
    assert any(name in line and "LIS1" in line for line in lines)
    # ref, kind label, status label, title, due dd.mm.åååå
    assert all(line.split()[0][0] in "HVLN" for line in lines)
    conn = sqlite3.connect(demo)
    due = conn.execute(
        'SELECT ref, due_on FROM "case" WHERE due_on IS NOT NULL AND title LIKE ? LIMIT 1',
        (f"%{name}%",),
    ).fetchone()
    conn.close()
    if due:
        shown = date.fromisoformat(due[1]).strftime("%d.%m.%Y")
        assert any(line.startswith(due[0]) and line.endswith(shown) for line in lines)


def test_search_kind_and_limit(run: Run, demo: Path) -> None:
    code, out, _ = run("search", "a", "--db", demo, "--kind", "nettverk", "--limit", "7")
    lines = out.strip().splitlines()
    assert code == 0 and 0 < len(lines) <= 7
    assert all(line.startswith("N-") and "Nettverk" in line for line in lines)


def test_search_without_hits_exits_1(run: Run, demo: Path) -> None:
    code, out, err = run("search", "qzxqzx", "--db", demo)
    assert code == 1 and out == ""
    assert "Ingen treff" in err


def test_search_odd_input_never_fails(run: Run, demo: Path) -> None:
    for term in ('"', "*", "AND", "(", "-", "ø*", "a:b", "9"):
        code, _, err = run("search", term, "--db", demo)
        assert code in (0, 1), (term, err)


# --- opening the desk (the app itself is replaced by a fake) -----------------------------


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, object]]]:
    calls: list[dict[str, object]] = []

    def run_app(desk_path: Path, settings_path: Path | None, demo: bool) -> int:
        row = None
        if demo:
            conn = sqlite3.connect(desk_path)
            ref = conn.execute("SELECT value FROM meta WHERE key = ?", (REFERENCE_DATE_KEY,))
            row = ref.fetchone()
            conn.close()
        calls.append(
            {
                "path": desk_path,
                "settings": settings_path,
                "demo": demo,
                "mode": _mode(desk_path) if desk_path.exists() else None,
                "reference_date": row[0] if row else None,
            }
        )
        return 0

    module = types.ModuleType("samhandlingsdesk.tui.app")
    module.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "samhandlingsdesk.tui.app", module)
    yield calls


def test_open_the_default_desk(run: Run, fake_app: list[dict[str, object]], home: Path) -> None:
    """The default desk is passed on; the app creates it on first start."""
    code, _, err = run()
    assert code == 0 and err == ""
    assert len(fake_app) == 1
    assert fake_app[0]["path"] == home / "data" / "desk.db"
    assert fake_app[0]["demo"] is False and fake_app[0]["settings"] is None


def test_open_an_explicit_desk(run: Run, fake_app: list[dict[str, object]], demo: Path) -> None:
    code, _, _ = run("--db", demo)
    assert code == 0 and fake_app[0]["path"] == demo and fake_app[0]["demo"] is False


def test_open_refuses_a_missing_explicit_desk(
    run: Run, fake_app: list[dict[str, object]], tmp_path: Path
) -> None:
    missing = tmp_path / "mangler.db"
    code, _, err = run("--db", missing)
    assert code == 2 and fake_app == []
    one_sentence(err)
    assert f"init --db {missing}" in err
    assert not missing.exists()


def test_demo_opens_a_shifted_private_copy_and_deletes_it(
    run: Run, fake_app: list[dict[str, object]]
) -> None:
    code, _, err = run("--demo")
    assert code == 0, err
    call = fake_app[0]
    assert call["demo"] is True and call["mode"] == 0o600
    assert call["reference_date"] == date.today().isoformat()
    path = call["path"]
    assert isinstance(path, Path) and not path.exists()


def test_demo_copy_context(tmp_path: Path) -> None:
    with DemoCopy(today=date(2027, 1, 4)) as path:
        assert _mode(path) == 0o600
        conn = sqlite3.connect(path)
        ref = conn.execute("SELECT value FROM meta WHERE key = ?", (REFERENCE_DATE_KEY,))
        assert ref.fetchone() == ("2027-01-04",)
        conn.close()
    assert not path.exists()


def test_demo_copy_is_deleted_when_the_process_is_terminated() -> None:
    import signal

    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as exc, DemoCopy() as path:
        assert path.exists()
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)  # the handler runs here
    assert exc.value.code == 128 + signal.SIGTERM
    assert not path.exists()
    assert signal.getsignal(signal.SIGTERM) == before


def test_debug_shows_the_exception(tmp_path: Path) -> None:
    with pytest.raises(DeskError):
        main(["--debug", "check", "--db", str(tmp_path / "mangler.db")])


# --- desks the app must refuse -----------------------------------------------------------


def _bad_desks(tmp_path: Path, demo: Path) -> dict[str, Path]:
    out: dict[str, Path] = {}
    out["missing"] = tmp_path / "mangler.db"
    out["directory"] = tmp_path / "mappe.db"
    out["directory"].mkdir()
    out["zero-length"] = tmp_path / "tom.db"
    out["zero-length"].write_bytes(b"")
    out["random"] = tmp_path / "tilfeldig.db"
    out["random"].write_bytes(os.urandom(8192))
    out["corrupt"] = tmp_path / "skadet.db"
    out["corrupt"].write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    out["other-program"] = tmp_path / "annet.db"
    conn = sqlite3.connect(out["other-program"])
    conn.execute("CREATE TABLE kunder (navn TEXT)")
    conn.commit()
    conn.close()
    out["newer-schema"] = tmp_path / "nyere.db"
    out["newer-schema"].write_bytes(demo.read_bytes())
    conn = sqlite3.connect(out["newer-schema"])
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    return out


def _snapshot(path: Path) -> object:
    if path.is_dir():
        return sorted(p.name for p in path.iterdir())
    if not path.exists():
        return None
    return path.read_bytes(), _mode(path)


@pytest.mark.parametrize(
    "kind",
    ["missing", "directory", "zero-length", "random", "corrupt", "other-program", "newer-schema"],
)
def test_bad_desks_are_refused_inone_sentence(
    run: Run,
    fake_app: list[dict[str, object]],
    tmp_path: Path,
    demo: Path,
    kind: str,
) -> None:
    path = _bad_desks(tmp_path, demo)[kind]
    before = _snapshot(path)
    for args in (
        ("check", "--db", path),
        ("search", "kari", "--db", path),
        ("backup", "--db", path, "--out", tmp_path / "kopi.db"),
        ("--db", path),
    ):
        code, out, err = run(*args)
        assert code == 2, (kind, args, out, err)
        one_sentence(err)
        assert _snapshot(path) == before, (kind, args)
    assert fake_app == []
    assert not (tmp_path / "kopi.db").exists()


def _subprocess(args: list[str], home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAMHANDLINGSDESK_HOME": str(home)}
    env.pop("SAMHANDLINGSDESK_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "samhandlingsdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
    )


@pytest.mark.parametrize("kind", ["missing", "corrupt", "newer-schema"])
def test_bad_desks_as_a_user_sees_them(tmp_path: Path, demo: Path, home: Path, kind: str) -> None:
    path = _bad_desks(tmp_path, demo)[kind]
    before = _snapshot(path)
    result = _subprocess(["check", "--db", str(path)], home, tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    one_sentence(result.stderr)
    assert _snapshot(path) == before


def test_a_locked_desk_is_refused_without_hanging(tmp_path: Path, demo: Path, home: Path) -> None:
    holder = sqlite3.connect(demo, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO meta (key, value) VALUES ('låst', 'ja')")
    try:
        for args in (["check", "--db", str(demo)], ["search", "kari", "--db", str(demo)]):
            started = time.perf_counter()
            result = _subprocess(args, home, tmp_path)
            assert time.perf_counter() - started < 30
            assert result.returncode == 2, result.stderr
            one_sentence(result.stderr)
            assert "låst" in result.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    conn = sqlite3.connect(demo)
    assert conn.execute("SELECT count(*) FROM meta WHERE key = 'låst'").fetchone() == (0,)
    conn.close()


def test_search_and_init_as_a_subprocess(tmp_path: Path, demo: Path, home: Path) -> None:
    result = _subprocess(["search", "qzxqzx", "--db", str(demo)], home, tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    new = tmp_path / "ny.db"
    result = _subprocess(["init", "--db", str(new)], home, tmp_path)
    assert result.returncode == 0 and new.exists()
    result = _subprocess(["init", "--db", str(new)], home, tmp_path)
    assert result.returncode == 2
    one_sentence(result.stderr)


def test_a_database_error_met_by_a_command_is_one_sentence() -> None:
    from samhandlingsdesk.cli import _error_sentence
    from samhandlingsdesk.domain.text import safety

    locked = sqlite3.OperationalError("database is locked")
    assert _error_sentence(locked) == safety.MSG_DESK_LOCKED
    damaged = sqlite3.DatabaseError("file is not a database")
    assert _error_sentence(damaged) == (
        "Skrivebordet er skadet. Bruk en sikkerhetskopi, eller lag et nytt med "
        "«samhandlingsdesk init»."
    )
