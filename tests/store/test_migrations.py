"""Alembic: the migrated schema equals tables.py; the FTS triggers exist, match and fire."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from samhandlingsdesk.store import migrate, search_schema
from samhandlingsdesk.store.commands import Commands, Created
from samhandlingsdesk.store.db import Desk, integrity_problems
from samhandlingsdesk.store.schema import KNOWN_REVISIONS, SCHEMA_HEAD
from samhandlingsdesk.store.search_schema import FTS_TABLE, PHONE_TABLE
from samhandlingsdesk.store.tables import metadata


def _include_object():
    """The `include_object` of migrations/env.py (that module runs Alembic on import)."""
    source = (migrate.MIGRATIONS / "env.py").read_text(encoding="utf-8")
    ns: dict[str, object] = {}
    exec(compile(source.split("\ndef run()")[0], "env.py", "exec"), ns)
    return ns["include_object"]


def test_migrated_schema_equals_tables(desk: Desk) -> None:
    with desk.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={
                "include_object": _include_object(),
                "compare_type": True,
                "compare_server_default": True,
            },
        )
        diff = compare_metadata(ctx, metadata)
    assert diff == []


def test_compare_sees_a_difference_when_there_is_one(desk: Desk) -> None:
    """The comparison above is not vacuous: a column the tables lack is reported."""
    with desk.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE meta ADD COLUMN extra TEXT")
    with desk.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": _include_object()})
        diff = compare_metadata(ctx, metadata)
    assert [d[0] for d in diff] == ["remove_column"]


def test_include_object_filters_only_the_search_tables() -> None:
    inc = _include_object()
    for name in ("case_fts", "case_fts_data", "phone_fts", "phone_fts_idx", "case_search_doc"):
        assert not inc(None, name, "table", True, None)
    for name in ("case", "note", "event", "hospitering"):
        assert inc(None, name, "table", True, None)


def test_schema_head_is_the_alembic_head(desk: Desk, raw: sqlite3.Connection) -> None:
    assert migrate.script_head() == SCHEMA_HEAD
    assert SCHEMA_HEAD in KNOWN_REVISIONS
    rows = raw.execute("SELECT version_num FROM alembic_version").fetchall()
    assert [tuple(r) for r in rows] == [(SCHEMA_HEAD,)]


def test_triggers_equal_the_live_search_schema(raw: sqlite3.Connection) -> None:
    """A change to the searchable fields needs a new migration: this is the guard."""
    in_db = dict(raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    expected = dict(search_schema.trigger_sql())
    assert set(in_db) == set(expected)
    for name, sql in expected.items():
        assert in_db[name] == sql, name
    view = raw.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?",
        (search_schema.DOC_VIEW,),
    ).fetchone()[0]
    assert view == search_schema.view_sql()
    tables = dict(raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
    assert tables[FTS_TABLE] == search_schema.FTS_SQL
    assert tables[PHONE_TABLE] == search_schema.PHONE_SQL


def _fts(raw: sqlite3.Connection, case_id: str) -> tuple | None:
    row = raw.execute(
        f'SELECT f.ref, f.title, f.body, f.notes FROM {FTS_TABLE} f JOIN "case" c '
        "ON c.pk = f.rowid WHERE c.id = ?",
        (case_id,),
    ).fetchone()
    return tuple(row) if row else None


def _phones(raw: sqlite3.Connection, case_id: str) -> str | None:
    row = raw.execute(
        f'SELECT p.phones FROM {PHONE_TABLE} p JOIN "case" c ON c.pk = p.rowid WHERE c.id = ?',
        (case_id,),
    ).fetchone()
    return row[0] if row else None


def test_triggers_fire(
    commands: Commands, make_case: Callable[..., Created], raw: sqlite3.Connection, desk: Desk
) -> None:
    c = make_case("hospitering", contact_phone="97712345", workplace="Skien sykehjem")
    ref, title, body, notes = _fts(raw, c.id)
    assert (ref, title, notes) == (c.ref, "Kari Nordmann", "")
    assert "Skien sykehjem" in body and "Lære om ernæring" in body
    assert _phones(raw, c.id) == "97712345"

    # a column of the case
    commands.update_case(c.id, 1, {"party": "Notodden", "contact_phone": "41234567"})
    assert _fts(raw, c.id)[2].startswith("Notodden")
    assert _phones(raw, c.id) == "41234567"
    # a column of the detail table (and the title made from it)
    commands.update_case(c.id, 2, {"applicant_name": "Åse Berg", "workplace_phone": "93334444"})
    assert _fts(raw, c.id)[1] == "Åse Berg"
    assert "Åse Berg" in _fts(raw, c.id)[2]
    assert _phones(raw, c.id).split() == ["41234567", "93334444"]
    # a note
    note = commands.add_note(c.id, "Ringte arbeidsgiver")
    assert _fts(raw, c.id)[3] == "Ringte arbeidsgiver"
    raw.execute("UPDATE note SET text = 'Sendte e-post' WHERE id = ?", (note,))
    raw.commit()
    assert _fts(raw, c.id)[3] == "Sendte e-post"
    raw.execute("DELETE FROM note WHERE id = ?", (note,))
    raw.commit()
    assert _fts(raw, c.id)[3] == ""
    # removing the phones removes the phone row
    commands.update_case(c.id, 3, {"contact_phone": None, "workplace_phone": None})
    assert _phones(raw, c.id) is None
    assert integrity_problems(desk) == []

    pk = raw.execute('SELECT pk FROM "case" WHERE id = ?', (c.id,)).fetchone()[0]
    raw.execute("PRAGMA foreign_keys = ON")
    raw.execute('DELETE FROM "case" WHERE id = ?', (c.id,))
    raw.commit()
    left = raw.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE rowid = ?", (pk,)).fetchone()
    assert left[0] == 0
    assert raw.execute(f"SELECT count(*) FROM {PHONE_TABLE}").fetchone()[0] == 0
    assert raw.execute("SELECT count(*) FROM hospitering").fetchone()[0] == 0
    assert integrity_problems(desk) == []


def test_triggers_work_for_every_kind(
    make_case: Callable[..., Created], raw: sqlite3.Connection
) -> None:
    for kind in ("hospitering", "veiledning", "lis1", "lis3", "nettverk"):
        c = make_case(kind, archive_ref=f"2026/{kind}")
        assert f"2026/{kind}" in _fts(raw, c.id)[2]


def test_integrity_problems_empty_on_a_sound_desk(
    desk: Desk, make_case: Callable[..., Created]
) -> None:
    assert integrity_problems(desk) == []
    make_case("lis1")
    make_case("veiledning")
    assert integrity_problems(desk) == []


def test_integrity_reports_a_missing_index_row(
    desk: Desk, make_case: Callable[..., Created], raw: sqlite3.Connection
) -> None:
    a = make_case("lis1")
    make_case("lis1", doctor_name="Per Hansen")
    pk = raw.execute('SELECT pk FROM "case" WHERE id = ?', (a.id,)).fetchone()[0]
    raw.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", (pk,))
    raw.commit()
    assert integrity_problems(desk) == [
        "Søkeindeksen er ute av takt med sakene (1 mangler eller er utdatert, "
        "0 peker til slettede saker)."
    ]


def test_integrity_reports_a_stale_and_an_orphan_index_row(
    desk: Desk, make_case: Callable[..., Created], raw: sqlite3.Connection
) -> None:
    a = make_case("lis1")
    pk = raw.execute('SELECT pk FROM "case" WHERE id = ?', (a.id,)).fetchone()[0]
    raw.execute(f"UPDATE {FTS_TABLE} SET title = 'Feil navn' WHERE rowid = ?", (pk,))
    raw.execute(
        f"INSERT INTO {FTS_TABLE}(rowid, ref, title, body, notes) "
        "VALUES (9999, 'X', 'Borte', '', '')"
    )
    raw.commit()
    assert integrity_problems(desk) == [
        "Søkeindeksen er ute av takt med sakene (1 mangler eller er utdatert, "
        "1 peker til slettede saker)."
    ]


def test_integrity_reports_a_dangling_row(desk: Desk, raw: sqlite3.Connection) -> None:
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute(
        "INSERT INTO note (case_id, at, text) VALUES ('finnes-ikke', '2026-11-23 10:00:00', 'x')"
    )
    raw.commit()
    problems = integrity_problems(desk)
    assert "1 rad peker til saker som ikke finnes." in problems
