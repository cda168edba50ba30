"""Snooze respects urgency (DOMAIN.md «Weights»): a case due on a *kritisk* rule is not
snoozed past that date unless confirmed; a bulk snooze names the cases it left alone."""

from __future__ import annotations

import sqlite3
from datetime import date

from samhandlingsdesk.store.commands import Commands
from tests.conftest import VALUES


def test_a_lis1_notification_is_not_snoozed_past_its_date(
    commands: Commands, raw: sqlite3.Connection
) -> None:
    lis1 = commands.create_case("lis1", VALUES["lis1"]())  # due 23.11.2026, kritisk
    h = commands.create_case("hospitering", VALUES["hospitering"]())
    result = commands.snooze([lis1.id, h.id], date(2026, 11, 27))
    assert result.done == (h.ref,)
    assert list(result.refused) == [lis1.ref]
    assert result.refused[lis1.ref] == (
        f"{lis1.ref} er kritisk: «Den andre parten er ikke informert om forsinkelsen» må være "
        "gjort senest 23.11.2026. Utsette likevel til 27.11.2026?"
    )
    snoozed = dict(raw.execute('SELECT ref, snoozed_until FROM "case"').fetchall())
    assert snoozed == {lis1.ref: None, h.ref: "2026-11-27"}
    confirmed = commands.snooze([lis1.id], date(2026, 11, 27), past_critical=True)
    assert confirmed.done == (lis1.ref,) and not confirmed.refused


def test_the_lis3_confirmation_date_and_a_stored_critical_on(
    commands: Commands, raw: sqlite3.Connection
) -> None:
    lis3 = commands.create_case("lis3", VALUES["lis3"](desired_from=date(2027, 6, 1)))
    # due 01.12.2026: snoozing to that day is fine, past it is not
    assert commands.snooze([lis3.id], date(2026, 12, 1)).done == (lis3.ref,)
    assert list(commands.snooze([lis3.id], date(2026, 12, 2)).refused) == [lis3.ref]
    # The Agenda work's stored critical_on wins when set.
    h = commands.create_case("hospitering", VALUES["hospitering"]())
    raw.execute('UPDATE "case" SET critical_on = ? WHERE id = ?', ("2026-11-25", h.id))
    raw.commit()
    assert list(commands.snooze([h.id], date(2026, 11, 26)).refused) == [h.ref]
    assert commands.snooze([h.id], date(2026, 11, 25)).done == (h.ref,)
