"""Backups, restore and the retention purge (issue #11): rotation, the daily backup, a
restore of a good, a damaged and a newer-schema file, and a purge that leaves no trace of
a purged name in the desk's bytes, its WAL, any backup, the history or the search."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from samhandlingsdesk.cli import main
from samhandlingsdesk.domain.text.safety import PURGED_TITLE
from samhandlingsdesk.service import safety
from samhandlingsdesk.settings import Settings
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk, DeskError, create_desk, open_desk
from samhandlingsdesk.store.repo import Repo
from tests.conftest import TODAY, damage_a_page, hospitering_values, lis1_values

NAME = "Zyxwvu Purgesen"
NOTE = "Ring Qwertyq om avtalen"
LONG_AGO = date(2023, 1, 10)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        side="kommune",
        path=tmp_path / "settings.toml",
        backup_dir=str(tmp_path / "kopier"),
        backups_kept=3,
        export_dir=str(tmp_path / "eksport"),
    )


def _cases(desk: Desk) -> int:
    conn = sqlite3.connect(desk.path)
    try:
        return conn.execute('SELECT count(*) FROM "case"').fetchone()[0]
    finally:
        conn.close()


# --- backups -------------------------------------------------------------------------------


def test_rotation_keeps_the_newest_and_they_are_private(
    desk: Desk, commands: Commands, settings: Settings
) -> None:
    commands.create_case("hospitering", hospitering_values())
    made = [safety.backup_now(desk, settings) for _ in range(5)]
    left = sorted(Path(settings.backup_dir or "").iterdir())
    assert left == sorted(made[-3:])
    for path in left:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert not Path(f"{path}-wal").exists()
    listed = safety.list_backups(desk.path, settings)
    assert [b.path for b in listed] == list(reversed(made[-3:]))
    assert all(b.cases == 1 and b.problem is None and b.size > 0 for b in listed)
    assert "1 sak" in safety.describe_backup(listed[0])


def test_the_daily_backup_once_a_day(desk: Desk, settings: Settings) -> None:
    today = date.today()
    first = safety.on_start(desk, settings, today)
    assert first.backup is not None and first.messages
    assert safety.on_start(desk, settings, today).backup is None
    assert len(safety.list_backups(desk.path, settings)) == 1


# --- restore -------------------------------------------------------------------------------


def test_restore_a_good_backup_keeps_the_current_desk(
    desk: Desk, commands: Commands, settings: Settings
) -> None:
    commands.create_case("hospitering", hospitering_values())
    backup = safety.backup_now(desk, settings)
    commands.create_case("hospitering", hospitering_values(applicant_name="Etter Kopien"))
    result = safety.restore(desk, backup, settings, today=TODAY)
    assert _cases(desk) == 1 and result.cases == 1
    kept = open_desk(result.kept, upgrade=False)
    try:
        assert kept.reader().execute('SELECT count(*) FROM "case"').fetchone()[0] == 2
    finally:
        kept.close()
    assert "Gjenopprettet" in result.summary()
    commands.create_case("hospitering", hospitering_values())  # the desk works on
    assert _cases(desk) == 2


def test_restore_refuses_a_damaged_backup(
    desk: Desk, commands: Commands, settings: Settings, tmp_path: Path
) -> None:
    for i in range(40):
        commands.create_case("hospitering", hospitering_values(applicant_name=f"Kari {i}"))
    backup = safety.backup_now(desk, settings)
    damage_a_page(backup, "case", leaf=0)
    before = desk.path.read_bytes()
    with pytest.raises(DeskError) as exc:
        safety.restore(desk, backup, settings, today=TODAY)
    assert "skadet" in str(exc.value)
    assert desk.path.read_bytes() == before
    assert safety.list_backups(desk.path, settings)[0].path == backup


def test_restore_refuses_a_newer_schema(desk: Desk, commands: Commands, settings: Settings) -> None:
    commands.create_case("hospitering", hospitering_values())
    backup = safety.backup_now(desk, settings)
    conn = sqlite3.connect(backup)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(DeskError) as exc:
        safety.restore(desk, backup, settings, today=TODAY)
    assert "nyere versjon" in str(exc.value)


def test_restore_from_the_command_line(
    desk: Desk, commands: Commands, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    commands.create_case("hospitering", hospitering_values())
    cfg = Path(settings.path or "")
    cfg.write_text(f'side = "kommune"\nbackup_dir = "{settings.backup_dir}"\n', encoding="utf-8")
    desk.close()
    assert main(["backup", "--db", str(desk.path), "--config", str(cfg)]) == 0
    assert main(["restore", "--db", str(desk.path), "--config", str(cfg)]) == 1
    out = capsys.readouterr().out
    assert "1 sak" in out and "MB" in out
    (backup,) = Path(settings.backup_dir or "").iterdir()
    assert main(["restore", str(backup), "--db", str(desk.path), "--config", str(cfg)]) == 2
    assert "--yes" in capsys.readouterr().err
    args = ["restore", str(backup), "--yes", "--db", str(desk.path), "--config", str(cfg)]
    assert main(args) == 0
    assert "Gjenopprettet" in capsys.readouterr().out


# --- purge ---------------------------------------------------------------------------------


def _closed_long_ago(desk: Desk) -> str:
    old = Commands(desk, today=LONG_AGO)
    created = old.create_case(
        "lis1",
        lis1_values(
            received_on=date(2023, 1, 5), doctor_name=NAME, contact_name="Kontakt Purgesen"
        ),
    )
    old.transition(created.id, None, "trukket", reason="soker_trekker")
    old.add_note(created.id, NOTE)
    return created.id


def _files(desk: Desk, settings: Settings) -> list[Path]:
    paths = [desk.path, Path(f"{desk.path}-wal")]
    paths += list(Path(settings.backup_dir or "").glob("*"))
    return [p for p in paths if p.exists()]


def _traces(paths: list[Path]) -> list[str]:
    # Lower case too: the search index keeps its tokens folded.
    needles = [w.encode() for w in ("zyxwvu", "purgesen", "qwertyq")]
    found = []
    for p in paths:
        try:
            data = p.read_bytes()
        except FileNotFoundError:  # a -wal removed when its last connection closed
            continue
        if any(n in data.lower() for n in needles):
            found.append(p.name)
    return found


def test_purge_leaves_no_trace_and_keeps_the_counts(
    desk: Desk, commands: Commands, repo: Repo, settings: Settings, tmp_path: Path
) -> None:
    case_id = _closed_long_ago(desk)
    kept_open = commands.create_case("lis1", lis1_values(doctor_name="Åpen Sak"))
    safety.backup_now(desk, settings)
    pre_purge = tmp_path / "utenfor" / "før.db"
    pre_purge.parent.mkdir()
    shutil.copy(next(Path(settings.backup_dir or "").iterdir()), pre_purge)
    assert _traces(_files(desk, settings))  # the name is there before

    dry = safety.purge(desk.path, settings, TODAY, dry_run=True)
    assert [c.kind for c in dry.cases] == ["lis1"] and "Prøvekjøring" in dry.summary()
    before = _row(desk, case_id)

    report = safety.purge(desk.path, settings, TODAY)
    assert len(report.cases) == 1 and report.backups == 1
    assert _traces(_files(desk, settings)) == []
    after = _row(desk, case_id)
    for column in ("ref", "kind", "status", "received_on", "closed_on", "party", "is_open"):
        assert after[column] == before[column], column
    assert after["title"] == PURGED_TITLE and after["contact_name"] is None
    assert _cases(desk) == 2
    assert repo.get_case(kept_open.id).values()["doctor_name"] == "Åpen Sak"  # type: ignore[union-attr]
    assert repo.search("Zyxwvu") == [] and repo.search("Qwertyq") == []
    assert repo.notes(case_id) == ()
    history = " ".join(f"{h.old} {h.new}" for h in repo.history(case_id))
    assert "Zyxwvu" not in history and "Purgesen" not in history
    assert len(repo.history(case_id)) > 3  # the history's shape is kept
    assert safety.purge(desk.path, settings, TODAY).cases == ()  # nothing left to do

    # A restore of a backup taken before the purge is purged again at once.
    result = safety.restore(desk, pre_purge, settings, today=TODAY)
    assert any("Slettet personopplysninger" in m for m in result.messages)
    assert _traces([desk.path, Path(f"{desk.path}-wal")]) == []
    assert repo.search("Zyxwvu") == []


def test_purge_waits_for_the_period_per_kind(desk: Desk, settings: Settings) -> None:
    case_id = _closed_long_ago(desk)  # closed 10.01.2023
    assert safety.purge(desk.path, settings, date(2025, 1, 9)).cases == ()
    settings.retention = {"lis1": 60}
    assert safety.purge(desk.path, settings, date(2026, 11, 23)).cases == ()
    settings.retention = {"lis1": 12}
    (purged,) = safety.purge(desk.path, settings, date(2024, 1, 10)).cases
    assert purged.kind == "lis1" and _row(desk, case_id)["title"] == PURGED_TITLE


def test_a_hidden_creation_is_purged_a_period_after_hiding(desk: Desk, settings: Settings) -> None:
    old = Commands(desk, today=LONG_AGO)
    # Received before it was registered (a receipt in the future is refused, issue #9).
    created = old.create_case("lis1", lis1_values(received_on=date(2023, 1, 5), doctor_name=NAME))
    conn = sqlite3.connect(desk.path)
    with conn:  # an undone creation, hidden in January 2023
        conn.execute(
            'UPDATE "case" SET deleted_at = ? WHERE id = ?', ("2023-01-11 10:00:00", created.id)
        )
    conn.close()
    (purged,) = safety.purge(desk.path, settings, TODAY).cases
    assert purged.why == "hidden"
    assert _traces([desk.path]) == []


def test_purge_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "desk.db"
    desk = create_desk(path)
    _closed_long_ago(desk)
    desk.close()
    assert main(["purge", "--dry-run", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "L1-" in out and "Prøvekjøring" in out
    assert _traces([path])
    assert main(["purge", "--db", str(path)]) == 0
    assert "Slettet personopplysninger fra 1 sak" in capsys.readouterr().out
    assert main(["purge", "--db", str(path)]) == 1


def _row(desk: Desk, case_id: str) -> sqlite3.Row:
    conn = sqlite3.connect(desk.path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute('SELECT * FROM "case" WHERE id = ?', (case_id,)).fetchone()
    finally:
        conn.close()


@pytest.mark.parametrize("how", ["page", "garbage"])
def test_a_damaged_desk_is_mended_by_a_restore(
    desk: Desk,
    commands: Commands,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
    how: str,
) -> None:
    for i in range(40):
        commands.create_case("hospitering", hospitering_values(applicant_name=f"Kari {i}"))
    backup = safety.backup_now(desk, settings)
    desk.close()
    if how == "page":
        damage_a_page(desk.path, "case", leaf=0)
    else:
        data = bytearray(desk.path.read_bytes())
        data[100:] = b"\x00\x13" * ((len(data) - 100) // 2)
        desk.path.write_bytes(bytes(data))
    cfg = Path(settings.path or "")
    cfg.write_text(f'side = "kommune"\nbackup_dir = "{settings.backup_dir}"\n', encoding="utf-8")
    base = ["--db", str(desk.path), "--config", str(cfg)]
    assert main(["search", "Kari", *base]) == 2
    capsys.readouterr()
    assert main(["restore", str(backup), "--yes", *base]) == 0, capsys.readouterr()
    assert main(["check", *base]) == 0
    assert _cases(desk) == 40
    kept = [p.name for p in Path(settings.backup_dir or "").iterdir()]
    assert any("før-gjenoppretting" in name for name in kept), kept


def test_a_backup_of_an_older_schema_is_upgraded_on_a_copy_and_purged(
    desk: Desk, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The code's head moves one revision on (a real Alembic revision in a copy of the
    migrations): the backup taken before stays at the old head until the purge upgrades
    a private copy of it, purges that and puts it in the backup's place."""
    from samhandlingsdesk.store import backups, db, migrate
    from tests.store.test_db import FAKE_0002

    _closed_long_ago(desk)
    old_backup = safety.backup_now(desk, settings)
    desk.close()
    head = db.SCHEMA_HEAD
    migrations = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    fake = FAKE_0002.replace("{head}", head)
    (migrations / "versions" / "9999_fake.py").write_text(fake, encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS", migrations)
    known = db.KNOWN_REVISIONS | {"9999"}
    for module in (db, safety, backups):
        monkeypatch.setattr(module, "KNOWN_REVISIONS", known, raising=False)
    for module in (db, safety):
        monkeypatch.setattr(module, "SCHEMA_HEAD", "9999")
    open_desk(desk.path, backup_dir=Path(settings.backup_dir or "")).close()

    report = safety.purge(desk.path, settings, TODAY)
    assert len(report.cases) == 1 and report.backups == 2, report
    assert _traces(_files(desk, settings)) == []
    conn = sqlite3.connect(old_backup)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)
        assert conn.execute('SELECT count(*) FROM "case"').fetchone() == (1,)
    finally:
        conn.close()
    assert stat.S_IMODE(old_backup.stat().st_mode) == 0o600
    assert [p.name for p in old_backup.parent.iterdir() if p.name.startswith(".")] == []


def test_purge_keeps_everything_the_statistics_count(desk: Desk, settings: Settings) -> None:
    from samhandlingsdesk.store.stats_queries import DETAIL_COLUMNS

    old = Commands(desk, today=LONG_AGO)
    created = old.create_case(
        "hospitering",
        hospitering_values(
            received_on=date(2023, 1, 5), applicant_name=NAME, profession="Sykepleier"
        ),
    )
    old.transition(created.id, None, "trukket", reason="soker_trekker")
    columns = ", ".join(f'd."{c}"' for c in DETAIL_COLUMNS["hospitering"])
    sql = (
        f"SELECT c.kind, c.status, c.party, c.received_on, c.closed_on, c.is_open, {columns} "
        'FROM "case" c JOIN hospitering d ON d.case_id = c.id WHERE c.id = ?'
    )

    def counted() -> tuple[object, ...]:
        conn = sqlite3.connect(desk.path)
        try:
            return tuple(conn.execute(sql, (created.id,)).fetchone())
        finally:
            conn.close()

    before = counted()
    assert "Sykepleier" in before
    assert len(safety.purge(desk.path, settings, TODAY).cases) == 1
    assert counted() == before
    assert _traces([desk.path]) == []


def test_purge_empties_a_reasons_comment_and_keeps_its_key(desk: Desk, settings: Settings) -> None:
    """A legacy reason's text is free text (purged, in the history too); the key is a
    category (kept)."""
    case_id = _closed_long_ago(desk)
    conn = sqlite3.connect(desk.path)
    with conn:
        conn.execute(
            'UPDATE "case" SET reason = ?, reason_comment = ? WHERE id = ?',
            ("annet", "Qwertyq flyttet", case_id),
        )
        conn.execute(
            "INSERT INTO event (case_id, batch_id, at, action, field, old, new) "
            "VALUES (?, 'b', '2023-01-11 10:00:00', 'import', 'reason_comment', NULL, ?)",
            (case_id, "Qwertyq flyttet"),
        )
    conn.close()
    assert len(safety.purge(desk.path, settings, TODAY).cases) == 1
    row = _row(desk, case_id)
    assert (row["reason"], row["reason_comment"]) == ("annet", None)
    assert _traces([desk.path]) == []
