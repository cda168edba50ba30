"""`p` purring in the store: reminded_on, the next reminder, the note and the event, bulk
and undo (DOMAIN.md «Follow-ups»)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

import pytest

from samhandlingsdesk.store.commands import CommandError, Commands, Created
from samhandlingsdesk.store.repo import Repo

Make = Callable[..., Created]


def _row(raw: sqlite3.Connection, cid: str) -> sqlite3.Row:
    return raw.execute('SELECT * FROM "case" WHERE id = ?', (cid,)).fetchone()


def test_purring_sets_the_next_reminder_and_writes_a_note(
    commands: Commands, make_case: Make, raw: sqlite3.Connection, repo: Repo
) -> None:
    c = make_case("lis1", status="varslet")  # received and in «Varslet» since Fri 20 Nov
    assert _row(raw, c.id)["due_on"] == "2026-12-04"  # + 10 working days
    result = commands.purring([c.id], "telefon")
    assert result.done == (c.ref,) and result.refused == {}
    row = _row(raw, c.id)
    assert row["reminded_on"] == "2026-11-23"
    assert row["due_on"] == "2026-12-07"  # Monday 23 Nov + 10
    assert row["version"] == 2
    notes = [n[0] for n in raw.execute("SELECT text FROM note WHERE case_id = ?", (c.id,))]
    assert notes == ["Purret på svar (telefon)"]
    (p,) = repo.purrings(c.id)
    assert (p.on, p.channel, p.channel_label) == (date(2026, 11, 23), "telefon", "telefon")
    labels = [(h.label, h.new) for h in repo.history(c.id)]
    assert ("Purret på svar", "telefon") in labels
    assert not any(h.field == "reminded_on" for h in repo.history(c.id))


def test_bulk_purring_skips_cases_that_are_not_waiting(
    commands: Commands, make_case: Make, raw: sqlite3.Connection, repo: Repo
) -> None:
    a = make_case("lis1", status="varslet")
    b = make_case("lis3", status="tilbudt", offered_from=date(2027, 9, 1))
    ours = make_case("veiledning")
    result = commands.purring([a.id, b.id, ours.id], "epost")
    assert result.done == (a.ref, b.ref)
    assert list(result.refused) == [ours.ref]
    assert "venter ikke på andre" in result.refused[ours.ref]
    assert _row(raw, ours.id)["reminded_on"] is None
    batches = {
        r[0]
        for r in raw.execute(
            "SELECT batch_id FROM event WHERE action = 'purring' AND case_id IN (?, ?)",
            (a.id, b.id),
        )
    }
    assert len(batches) == 1  # one undo takes back the whole purring


def test_undo_takes_back_the_purring(
    commands: Commands, make_case: Make, raw: sqlite3.Connection, repo: Repo
) -> None:
    c = make_case("hospitering", status="mottatt_vertsenhet")
    before = _row(raw, c.id)["due_on"]
    commands.purring([c.id], "annet")
    assert _row(raw, c.id)["due_on"] != before
    undone = commands.undo_last()
    assert "purringen er angret" in undone.description
    row = _row(raw, c.id)
    assert (row["reminded_on"], row["due_on"]) == (None, before)
    assert raw.execute("SELECT count(*) FROM note WHERE case_id = ?", (c.id,)).fetchone()[0] == 0
    assert repo.purrings(c.id) == ()


def test_a_new_status_starts_its_own_clock(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    c = make_case("lis3", status="tilbudt", offered_from=date(2027, 9, 1))
    commands.purring([c.id], "epost")
    later = Commands(commands.desk, today=date(2026, 12, 1))
    later.transition(c.id, None, "sokt_vikariat")
    row = _row(raw, c.id)
    assert row["status_since"] == "2026-12-01"
    assert row["due_on"] == "2026-12-15"  # «Søkt vikariat» 10 from its own start
    assert row["due_key"] == "followup.lis3.sokt_vikariat"


def test_unknown_channel_is_refused(commands: Commands, make_case: Make) -> None:
    c = make_case("lis1", status="varslet")
    with pytest.raises(CommandError, match="Ukjent kanal"):
        commands.purring([c.id], "brevdue")
