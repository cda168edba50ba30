"""The demo desk: sample.db, `generate`, `shift_dates` and the shipped reference lists."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest

from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.privacy import find_national_ids
from samhandlingsdesk.io import reference
from samhandlingsdesk.paths import package_resource
from samhandlingsdesk.service.demo import REFERENCE_DATE_KEY, generate, shift_dates
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk, DeskError, integrity_problems, open_desk
from samhandlingsdesk.store.schema import SCHEMA_HEAD

SAMPLE_ARGS = {"rows": 300, "seed": 2026, "today": date(2026, 11, 23)}
TODAY = SAMPLE_ARGS["today"]


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]


def _content(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (FTS shadow tables included), in a stable order, plus the
    schema."""
    conn = sqlite3.connect(path)
    try:
        out = {"__schema__": sorted(conn.execute("SELECT type, name, sql FROM sqlite_master"))}
        for table in _tables(conn):
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        conn.close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the committed sample.db (opening it may write -wal/-shm files)."""
    copy = tmp_path_factory.mktemp("sample") / "sample.db"
    shutil.copyfile(package_resource("sample.db"), copy)
    return copy


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `demo-data` makes now with the sample's arguments."""
    path = tmp_path_factory.mktemp("fresh") / "fresh.db"
    generate(path, **SAMPLE_ARGS)  # type: ignore[arg-type]
    return path


@pytest.fixture
def copy(tmp_path: Path, sample: Path) -> Path:
    """A copy of the sample desk, to change."""
    path = tmp_path / "copy.db"
    shutil.copyfile(sample, path)
    return path


@contextmanager
def opened(path: Path, *, upgrade: bool = True) -> Iterator[Desk]:
    desk = open_desk(path, upgrade=upgrade)
    try:
        yield desk
    finally:
        desk.close()


# --- sample.db ---------------------------------------------------------------------------


def test_sample_is_at_the_current_schema(sample: Path) -> None:
    conn = sqlite3.connect(sample)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(SCHEMA_HEAD,)]
    conn.close()


def test_sample_equals_what_demo_data_makes_now(sample: Path, fresh: Path) -> None:
    """If this fails, regenerate: samhandlingsdesk demo-data --rows 300 --seed 2026
    --today 2026-11-23 --out sample.db (after deleting the old one)."""
    expected = _content(fresh)
    actual = _content(sample)
    assert actual.keys() == expected.keys()
    for table in expected:
        assert actual[table] == expected[table], f"table {table} differs"


def test_sample_stores_its_reference_date(sample: Path) -> None:
    conn = sqlite3.connect(sample)
    value = conn.execute("SELECT value FROM meta WHERE key = ?", (REFERENCE_DATE_KEY,)).fetchone()
    assert value == (TODAY.isoformat(),)
    conn.close()


def test_sample_passes_check(sample: Path) -> None:
    with opened(sample, upgrade=False) as desk:
        assert integrity_problems(desk) == []


# --- generate ----------------------------------------------------------------------------


def test_generate_is_deterministic(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    generate(a, 120, 7, TODAY)
    generate(b, 120, 7, TODAY)
    generate(c, 120, 8, TODAY)
    assert _content(a) == _content(b)
    assert _content(a)["case"] != _content(c)["case"]


def test_a_demo_desk_has_the_schema_of_a_new_desk(tmp_path: Path, fresh: Path) -> None:
    """The load drops the FTS triggers and secondary indexes and puts them back."""
    from samhandlingsdesk.store.db import create_desk

    empty = tmp_path / "empty.db"
    create_desk(empty).close()

    def schema(path: Path) -> list[tuple[str, str, str]]:
        conn = sqlite3.connect(path)
        try:
            return sorted(conn.execute("SELECT type, name, sql FROM sqlite_master"))
        finally:
            conn.close()

    assert schema(fresh) == schema(empty)


def test_generate_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(b"keep me")
    with pytest.raises(DeskError):
        generate(path, 10, 1, TODAY)
    assert path.read_bytes() == b"keep me"


def test_every_status_of_every_kind_appears(sample: Path) -> None:
    conn = sqlite3.connect(sample)
    seen = set(conn.execute('SELECT kind, status FROM "case"').fetchall())
    conn.close()
    expected = {(k, s.key) for k, spec in KINDS.items() for s in spec.statuses}
    assert expected <= seen


def test_mix_of_overdue_upcoming_snoozed_notes_and_ages(sample: Path) -> None:
    conn = sqlite3.connect(sample)
    t = TODAY.isoformat()
    overdue, upcoming, snoozed = conn.execute(
        'SELECT sum(due_on < :t), sum(due_on >= :t), sum(snoozed_until > :t) FROM "case" '
        "WHERE is_open = 1",
        {"t": t},
    ).fetchone()
    oldest, newest = conn.execute(
        'SELECT min(received_on), max(received_on) FROM "case"'
    ).fetchone()
    notes = conn.execute("SELECT count(DISTINCT case_id) FROM note").fetchone()[0]
    conn.close()
    assert overdue >= 10 and upcoming >= 10 and snoozed >= 3
    assert notes >= 30
    assert date.fromisoformat(oldest) <= TODAY - timedelta(days=365)
    assert date.fromisoformat(oldest) >= TODAY - timedelta(days=600)
    assert date.fromisoformat(newest) <= TODAY


def test_refs_count_per_kind_and_year_in_received_order(sample: Path) -> None:
    conn = sqlite3.connect(sample)
    rows = conn.execute(
        'SELECT kind, ref, ref_year, ref_seq, received_on FROM "case" ORDER BY pk'
    ).fetchall()
    conn.close()
    seqs: Counter[tuple[str, int]] = Counter()
    for kind, ref, year, seq, received in rows:
        seqs[(kind, year)] += 1
        assert seq == seqs[(kind, year)]
        assert year == int(received[:4])
        assert ref == f"{KINDS[kind].letter}-{year}-{seq:04d}"


def test_people_places_and_phones_are_plausible(sample: Path) -> None:
    conn = sqlite3.connect(sample)
    parties = {r[0] for r in conn.execute('SELECT party FROM "case"')}
    phones = [r[0] for r in conn.execute('SELECT contact_phone FROM "case"') if r[0]]
    phones += [
        p
        for row in conn.execute("SELECT home_phone, workplace_phone, host_phone FROM hospitering")
        for p in row
        if p
    ]
    names = " ".join(r[0] for r in conn.execute('SELECT title FROM "case"'))
    emails = [r[0] for r in conn.execute('SELECT email FROM "case"') if r[0]]
    conn.close()
    known = set(reference.municipalities()) | set(reference.hospital_trusts())
    assert parties <= known
    assert all(re.fullmatch(r"[49]\d{7}", p) for p in phones)
    assert all(re.fullmatch(r"[a-z0-9.-]+@[a-z0-9.-]+\.no", e) for e in emails)
    assert re.search(r"[ÆØÅæøå]", names)


def test_no_national_id_anywhere(sample: Path) -> None:
    conn = sqlite3.connect(sample)
    texts = []
    for table in ("case", "note", "event", *KINDS):
        cols = [
            r[1]
            for r in conn.execute(f'PRAGMA table_info("{table}")')
            if r[1] not in ("id", "case_id", "batch_id")  # UUIDs
        ]
        for row in conn.execute(f'SELECT {", ".join(cols)} FROM "{table}"'):
            texts += [v for v in row if isinstance(v, str)]
    conn.close()
    assert texts
    assert [t for t in texts if find_national_ids(t)] == []
    assert [t for t in texts if re.search(r"\d{11}", t)] == []


def test_derived_columns_are_what_the_commands_compute(copy: Path) -> None:
    with opened(copy) as desk:
        assert Commands(desk, today=TODAY).recompute_due() == 0


def test_timestamps_look_like_the_ones_sqlalchemy_writes(copy: Path) -> None:
    with opened(copy) as desk:
        created = Commands(desk, today=TODAY).create_case(
            "veiledning", {"direction": "hf_til_kommune", "topic": "Sårstell", "party": "Bø"}
        )
        conn = desk.reader()
        new = conn.execute('SELECT created_at, ref FROM "case" WHERE id = ?', (created.id,))
        new_created, ref = new.fetchone()
        demo_created = conn.execute('SELECT created_at FROM "case" WHERE pk = 1').fetchone()[0]
        last_seq = conn.execute(
            "SELECT max(ref_seq) FROM \"case\" WHERE kind = 'veiledning' AND ref_year = ? "
            "AND id <> ?",
            (date.today().year, created.id),
        ).fetchone()[0]
    stamp = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}"
    assert re.fullmatch(stamp, new_created) and re.fullmatch(stamp, demo_created)
    assert ref == f"V-{date.today().year}-{(last_seq or 0) + 1:04d}"


# --- shift_dates -------------------------------------------------------------------------


def _dates(conn: sqlite3.Connection) -> dict[str, list[object]]:
    return {
        "received": [r[0] for r in conn.execute('SELECT received_on FROM "case" ORDER BY pk')],
        "snoozed": [r[0] for r in conn.execute('SELECT snoozed_until FROM "case" ORDER BY pk')],
        "created": [r[0] for r in conn.execute('SELECT created_at FROM "case" ORDER BY pk')],
        "period": [
            r[0] for r in conn.execute("SELECT period_from FROM hospitering ORDER BY case_id")
        ],
        "note": [r[0] for r in conn.execute("SELECT at FROM note ORDER BY id")],
        "event": [r[0] for r in conn.execute("SELECT at FROM event ORDER BY id")],
    }


def _mix(conn: sqlite3.Connection, today: date) -> tuple[int, int]:
    """(overdue, due today or later) among the open cases in the inbox's sense."""
    t = today.isoformat()
    return conn.execute(
        'SELECT sum(due_on < :t), sum(due_on >= :t) FROM "case" '
        "WHERE is_open = 1 AND (snoozed_until IS NULL OR snoozed_until <= :t)",
        {"t": t},
    ).fetchone()


@pytest.mark.parametrize("days", [100, 365 + 17, -40])
def test_shift_dates_moves_every_date(copy: Path, days: int) -> None:
    new_today = TODAY + timedelta(days=days)
    conn = sqlite3.connect(copy)
    before, mix_before = _dates(conn), _mix(conn, TODAY)
    conn.close()

    assert shift_dates(copy, new_today) == days

    conn = sqlite3.connect(copy)
    after, mix_after = _dates(conn), _mix(conn, new_today)
    ref = conn.execute("SELECT value FROM meta WHERE key = ?", (REFERENCE_DATE_KEY,)).fetchone()
    conn.close()
    assert ref == (new_today.isoformat(),)
    for name, values in before.items():
        for old, new in zip(values, after[name], strict=True):
            if old is None:
                assert new is None
            else:
                shift = date.fromisoformat(new[:10]) - date.fromisoformat(old[:10])
                assert shift == timedelta(days=days), name
                assert new[10:] == old[10:], name  # the time of day is kept
    # Due dates count working days, so they may move a day or two more or less than
    # the rest (the weekday of "today" changes); the mix of overdue and upcoming stays.
    for b, a in zip(mix_before, mix_after, strict=True):
        assert b >= 10 and abs(a - b) <= max(5, b // 5)
    with opened(copy, upgrade=False) as desk:
        assert integrity_problems(desk) == []  # network titles changed: index still in sync


def test_shift_dates_to_the_reference_date_changes_nothing(copy: Path) -> None:
    before = _content(copy)
    assert shift_dates(copy, TODAY) == 0
    assert _content(copy) == before


def test_shift_dates_updates_titles_and_reasons_that_carry_dates(copy: Path) -> None:
    shift_dates(copy, TODAY + timedelta(days=30))
    conn = sqlite3.connect(copy)
    rows = conn.execute(
        'SELECT c.title, d.held_on FROM "case" c JOIN nettverk d ON d.case_id = c.id'
    ).fetchall()
    reasons = conn.execute(
        "SELECT due_reason, due_on FROM \"case\" WHERE due_reason LIKE 'Bekreftelse fra%'"
    ).fetchall()
    conn.close()
    for title, held in rows:
        assert title.endswith(date.fromisoformat(held).strftime("%d.%m.%Y"))
    assert reasons
    for reason, due in reasons:
        assert reason.endswith(date.fromisoformat(due).strftime("%d.%m.%Y"))


# --- reference lists ---------------------------------------------------------------------


def test_reference_lists() -> None:
    munis = reference.municipalities()
    assert len(munis) == 357 and len(set(munis)) == 357
    assert "Kárášjohka - Karasjok" in munis and "Oslo - Oslove" in munis
    parts = reference.municipality_parts()
    assert {"Karasjok", "Kárášjohka", "Lyngen", "Ivgu", "Yykeä", "Oslo"} <= set(parts)
    assert reference.name_parts("Lyngen - Ivgu - Yykeä") == ("Lyngen", "Ivgu", "Yykeä")
    trusts = reference.hospital_trusts()
    assert len(trusts) == 19 and "Sykehuset Innlandet HF" in trusts
    assert len(reference.HOSPITAL_UNITS) == 17 and "palliativt team" in reference.HOSPITAL_UNITS
    assert reference.municipalities() is munis  # cached
