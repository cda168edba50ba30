"""Undo that is safe and visible (issue #9), at the store: each start of the desk (a
Commands) undoes its own changes; another start's change or a value changed since is
named and asked about; an undone creation hides the case and redo brings it back."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from samhandlingsdesk.service.imports import apply_import
from samhandlingsdesk.store.commands import CommandError, Commands, UndoNeedsConfirm
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.store.repo import Repo
from tests.conftest import TODAY, VALUES


def test_every_event_records_its_start(desk: Desk, raw: sqlite3.Connection) -> None:
    a, b = Commands(desk, today=TODAY), Commands(desk, today=TODAY)
    assert a.session_id != b.session_id
    ca = a.create_case("lis1", VALUES["lis1"]())
    b.add_note(ca.id, "fra B")
    sessions = [r[0] for r in raw.execute("SELECT session_id FROM event ORDER BY id")]
    assert sessions == [a.session_id, b.session_id]


def test_a_undoes_its_own_not_bs(desk: Desk, raw: sqlite3.Connection) -> None:
    a, b = Commands(desk, today=TODAY), Commands(desk, today=TODAY)
    ca = a.create_case("hospitering", VALUES["hospitering"]())
    cb = b.create_case("veiledning", VALUES["veiledning"]())
    b.add_note(cb.id, "B ringte")
    r = a.undo_last()
    assert r.case_ids == (ca.id,)
    assert Repo(desk).get_case(ca.id) is None  # hidden …
    assert raw.execute("SELECT count(*) FROM event WHERE case_id = ?", (ca.id,)).fetchone()[0]
    detail = Repo(desk).get_case(cb.id)
    assert detail is not None and [n.text for n in detail.notes] == ["B ringte"]
    # A has nothing more of its own: B's note is named, with whose, and asked about.
    with pytest.raises(UndoNeedsConfirm) as asked:
        a.undo_last()
    assert "i et annet vindu" in str(asked.value) and cb.ref in str(asked.value)
    a.undo_last(batch_id=asked.value.batch_id, confirmed=True)
    detail = Repo(desk).get_case(cb.id)
    assert detail is not None and detail.notes == ()


def test_a_value_changed_with_no_event_is_named_without_an_empty_time(
    desk: Desk, raw: sqlite3.Connection
) -> None:
    """A desk edited by hand (or the demo's moved dates) holds a value no event wrote: the
    question names the field without «()» where a time would be."""
    a = Commands(desk, today=TODAY)
    c = a.create_case("hospitering", VALUES["hospitering"]())
    a.update_case(c.id, 1, {"contact_name": "Kari"})
    raw.execute('UPDATE "case" SET contact_name = ? WHERE id = ?', ("Per", c.id))
    raw.commit()
    with pytest.raises(CommandError) as asked:
        a.undo_last()
    said = str(asked.value)
    assert f"{c.ref}: «Kontaktperson» er endret senere og blir stående." in said
    assert "()" not in said


def test_a_value_changed_since_stays(desk: Desk) -> None:
    a, b = Commands(desk, today=TODAY), Commands(desk, today=TODAY)
    c = a.create_case("hospitering", VALUES["hospitering"]())
    a.update_case(c.id, 1, {"contact_name": "Kari", "archive_ref": "2026/1"})
    b.update_case(c.id, 2, {"contact_name": "Per"})
    with pytest.raises(UndoNeedsConfirm) as asked:
        a.undo_last()
    assert "«Kontaktperson» er endret senere" in str(asked.value)
    r = a.undo_last(batch_id=asked.value.batch_id, confirmed=True)
    assert "verdier endret senere står" in r.description
    detail = Repo(desk).get_case(c.id)
    assert detail is not None
    assert (detail.case.contact_name, detail.case.archive_ref) == ("Per", None)


def test_redo_brings_a_hidden_case_back_and_stops_after_a_new_change(desk: Desk) -> None:
    a = Commands(desk, today=TODAY)
    c = a.create_case("lis3", VALUES["lis3"]())
    a.undo_last()
    assert Repo(desk).get_case(c.id) is None
    a.redo_last()
    assert Repo(desk).get_case(c.id) is not None
    a.undo_last()  # the redo itself can be undone: hidden again
    assert Repo(desk).get_case(c.id) is None
    a.redo_last()
    other = a.create_case("lis1", VALUES["lis1"]())
    a.undo_last()  # the new case
    version = Repo(desk).get_case(c.id).version  # type: ignore[union-attr]
    a.update_case(c.id, version, {"party": "Bø"})  # something new after that undo
    with pytest.raises(CommandError) as e:
        a.redo_last()
    assert str(e.value) == "Det er ingenting å gjøre om."
    assert Repo(desk).get_case(other.id) is None


def test_an_import_from_this_start_is_undone_without_asking(desk: Desk, tmp_path: Path) -> None:
    rows = [
        ["Lege", "Kommune", "Type varsel", "Mottatt"],
        ["Ola Hansen", "Bamble", "Forsinkelse", "20.11.2026"],
    ]
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    path = tmp_path / "lis1.csv"
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    a = Commands(desk, today=TODAY)
    apply_import(desk, path, today=TODAY, session_id=a.session_id)
    r = a.undo_last()
    assert len(r.case_ids) == 1
    assert Repo(desk).total() == 0


def test_undo_finds_this_starts_changes_from_the_session_index(
    desk: Desk, raw: sqlite3.Connection
) -> None:
    other = Commands(desk, today=TODAY)
    for _ in range(3):
        other.create_case("lis1", VALUES["lis1"]())
    seen: list[tuple[str, tuple[object, ...]]] = []

    def record(_c: object, _k: object, statement: str, parameters: Any, *_: object) -> None:
        if "session_id" in statement and "FROM event" in statement:
            seen.append((statement, tuple(parameters)))

    sa.event.listen(desk.engine, "before_cursor_execute", record)
    try:
        a = Commands(desk, today=TODAY)  # nothing of its own yet: asks about the other's
        with pytest.raises(UndoNeedsConfirm):
            a.undo_last()
    finally:
        sa.event.remove(desk.engine, "before_cursor_execute", record)
    own = [(sql, params) for sql, params in seen if a.session_id in params]
    assert own, seen
    for sql, params in own:
        plan = " | ".join(r[3] for r in raw.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "ix_event_session" in plan, plan
        assert "SCAN event" not in plan, plan


@pytest.mark.parametrize(
    "query",
    ["Zebedeus", "Zeb", "H-2026-0001", "H-20", "zebedeus Eskeland", "Eskeland", "9988"],
)
@pytest.mark.parametrize("kind", [None, "hospitering"])
def test_a_hidden_case_is_found_by_no_search(desk: Desk, query: str, kind: str | None) -> None:
    """Every branch of the search (ref, ref prefix, phone, short and ranked words, with and
    without a kind) leaves out a case whose creation was undone."""
    a = Commands(desk, today=TODAY)
    values = VALUES["hospitering"]() | {
        "applicant_name": "Zebedeus Eskeland",
        "contact_name": "Zebedeus Eskeland",
        "contact_phone": "99887766",
    }
    case = a.create_case("hospitering", values)
    assert case.ref == "H-2026-0001"
    assert [h.row.ref for h in Repo(desk).search(query, kind=kind)] == ["H-2026-0001"]
    a.undo_last()
    assert Repo(desk).search(query, kind=kind) == []
