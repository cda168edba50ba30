"""Snapshots of the main screens (pytest-textual-snapshot), in the default and the
high-contrast theme.

Deterministic: a small desk built here with fixed data, a fixed today, a fixed terminal
size, and the clock frozen (time-machine) while the desk is built and the app runs, so the
times on the case screen ("Opprettet … sist endret …", the history) never change.

Regenerate after a deliberate change of the look:
    pytest tests/tui/test_snapshots.py --snapshot-update
and look at the SVGs under tests/tui/__snapshots__/ before committing them.

The form with errors is here too; the form tests (tests/tui/test_forms.py) assert the
messages themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine

from samhandlingsdesk.settings import Settings
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk, create_desk
from samhandlingsdesk.tui.app import DeskApp
from tests.conftest import (
    hospitering_values,
    lis1_values,
    lis3_values,
    nettverk_values,
    veiledning_values,
)
from tests.tui.helpers import SIZE, TODAY, settle

FROZEN = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
THEMES = ("samhandling-mørk", "samhandling-kontrast")


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(FROZEN, tick=False):
        yield


@pytest.fixture
def snap_desk(tmp_path: Path, frozen: None) -> Iterator[Desk]:
    """Seven cases: every kind, overdue, due soon, snoozed, a flag, a note, a history."""
    desk = create_desk(tmp_path / "desk.db")
    c = Commands(desk, today=TODAY)
    # Case ids are random uuids unless given: the case screen shows the id.
    ids = iter(f"00000000-0000-4000-8000-{n:012d}" for n in range(1, 100))
    real_create = c.create_case

    def create(kind: str, values: dict[str, Any], **kw: Any) -> Any:
        return real_create(kind, values, case_id=next(ids), **kw)

    c.create_case = create  # type: ignore[method-assign]
    kari = c.create_case(
        "hospitering",
        hospitering_values(
            applicant_name="Kari Bråthen",
            party="Gjøvik",
            contact_phone="97712345",
            workplace="Gjøvik sykehjem",
            profession="Sykepleier",
            desired_host_unit="Lungeavdelingen",
        ),
    )
    c.transition(kari.id, 1, "hos_egen_leder")
    c.add_note(kari.id, "Ringte egen leder, svar kommer fredag.")
    c.create_case(
        "hospitering",
        hospitering_values(
            applicant_name="Ola Åsen",
            received_on=date(2026, 9, 1),
            sent_on=date(2026, 9, 2),
        ),
        status="sendt_vertsenhet",
    )
    c.create_case("veiledning", veiledning_values())
    snoozed = c.create_case(
        "veiledning", veiledning_values(party="Bamble", topic="Ernæring ved demens")
    )
    c.snooze([snoozed.id], date(2026, 12, 1))
    c.create_case("lis1", lis1_values(doctor_name="Per Ødegård", notice_type="frafall_for"))
    c.create_case("lis3", lis3_values(), status="i_ko")
    c.create_case("nettverk", nettverk_values())
    try:
        yield desk
    finally:
        desk.close()


@pytest.fixture
def make_snap_app(snap_desk: Desk, tmp_path: Path) -> Callable[[str], DeskApp]:
    def make(theme: str) -> DeskApp:
        settings = Settings(side="kommune", theme=theme, path=tmp_path / "settings.toml")
        return DeskApp(snap_desk, settings, today=lambda: TODAY)

    return make


def _keys(*keys: str) -> Callable[[Any], Any]:
    """run_before: press the keys one by one, waiting for the workers after each."""

    async def run(pilot: Any) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


@pytest.mark.parametrize("theme", THEMES, ids=["mork", "kontrast"])
def test_inbox(snap_compare: Any, make_snap_app: Callable[[str], DeskApp], theme: str) -> None:
    assert snap_compare(make_snap_app(theme), terminal_size=SIZE, run_before=_keys())


@pytest.mark.parametrize("theme", THEMES, ids=["mork", "kontrast"])
def test_hospitering_queue_with_all_statuses(
    snap_compare: Any, make_snap_app: Callable[[str], DeskApp], theme: str
) -> None:
    """The hospitering queue (2) shows the "Venter på andre" rows the inbox leaves out."""
    assert snap_compare(make_snap_app(theme), terminal_size=SIZE, run_before=_keys("2"))


@pytest.mark.parametrize("theme", THEMES, ids=["mork", "kontrast"])
def test_case_screen(
    snap_compare: Any, make_snap_app: Callable[[str], DeskApp], theme: str
) -> None:
    # Kari Bråthen's case: second hospitering row in queue 2 (due dates first).
    assert snap_compare(
        make_snap_app(theme), terminal_size=SIZE, run_before=_keys("2", "j", "enter")
    )


@pytest.mark.parametrize("theme", THEMES, ids=["mork", "kontrast"])
def test_help_screen(
    snap_compare: Any, make_snap_app: Callable[[str], DeskApp], theme: str
) -> None:
    assert snap_compare(make_snap_app(theme), terminal_size=SIZE, run_before=_keys("question_mark"))


@pytest.mark.parametrize("theme", THEMES, ids=["mork", "kontrast"])
def test_case_screen_notes_and_history(
    snap_compare: Any, make_snap_app: Callable[[str], DeskApp], theme: str
) -> None:
    """The end of the case screen: notes, history and "Opprettet … sist endret …" carry
    clock times, frozen here."""
    assert snap_compare(
        make_snap_app(theme), terminal_size=SIZE, run_before=_keys("2", "j", "enter", "G")
    )


@pytest.mark.parametrize("theme", THEMES, ids=["mork", "kontrast"])
def test_form_with_errors(
    snap_compare: Any, make_snap_app: Callable[[str], DeskApp], theme: str
) -> None:
    """A new network activity saved empty (n, n, ctrl+s): the required fields marked, their
    messages under them, the summary at the top, nothing saved."""
    assert snap_compare(
        make_snap_app(theme), terminal_size=SIZE, run_before=_keys("n", "n", "ctrl+s")
    )
