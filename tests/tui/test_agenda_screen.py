"""The agenda screen (`d`, the palette, open-on-agenda): groups with counts, rows with rule
and weight, the triage keys on its rows, Enter opens the case (issue #13)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import DataTable

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.agenda import AgendaScreen
from samhandlingsdesk.tui.screens.case import CaseScreen
from samhandlingsdesk.tui.screens.desk import DeskScreen
from samhandlingsdesk.tui.screens.prompt import PromptScreen
from samhandlingsdesk.tui.screens.purring import PurringScreen
from tests.conftest import hospitering_values, lis1_values, veiledning_values
from tests.tui.helpers import (
    TODAY,
    case_row,
    make_app,
    notes_of,
    press,
    running,
    screen_text,
    settle,
    type_text,
)


def _cells(table: DataTable[object]) -> list[list[str]]:
    return [
        [str(getattr(c, "plain", c)) for c in table.get_row_at(i)] for i in range(table.row_count)
    ]


def _desk(commands: Commands) -> dict[str, str]:
    lis1 = commands.create_case(
        "lis1", lis1_values(notice_type="frafall_for", received_on=date(2026, 11, 16))
    )
    waiting = commands.create_case(
        "hospitering",
        hospitering_values(received_on=date(2026, 11, 2)),
        status="hos_egen_leder",
    )
    v = commands.create_case("veiledning", veiledning_values(received_on=TODAY))
    return {"lis1": lis1.ref, "waiting": waiting.ref, "veiledning": v.ref}


async def _to_ref(app: object, pilot: object, ref: str) -> None:
    screen = app.screen  # type: ignore[attr-defined]
    table = screen.query_one(DataTable)
    index = next(i for i, it in enumerate(screen.row_items) if it and it.row.ref == ref)
    while table.cursor_row < index:
        await press(app, pilot, "j")  # type: ignore[arg-type]
    while table.cursor_row > index:
        await press(app, pilot, "k")  # type: ignore[arg-type]


async def test_d_shows_the_groups_with_rules_and_weights(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    refs = _desk(commands)
    app = make_app(desk, tmp_path)
    async with running(app, "d") as pilot:
        assert isinstance(app.screen, AgendaScreen)
        await settle(app, pilot)
        title = screen_text(app, "#agenda-title")
        assert title.startswith("Agenda 23.11.2026 · Forfalt 2 · I dag 0 · Resten av uken 1")
        rows = _cells(app.screen.query_one(DataTable))
        headings = [r[5] for r in rows if not r[2]]
        assert headings[0] == "Forfalt (2) — 1 Hospitering, 1 LIS1"
        assert headings[1] == "I dag (0)"
        assert headings[2] == "Resten av uken (1) — 1 Veiledning"
        assert [h.split(" (")[0] for h in headings] == [
            "Forfalt",
            "I dag",
            "Resten av uken",
            "Neste uke",
            "Senere",
        ]
        by_ref = {r[2]: r for r in rows if r[2]}
        assert by_ref[refs["lis1"]][3] == "Kritisk"
        assert by_ref[refs["lis1"]][5] == "LIS1 frafall: Statsforvalteren er ikke varslet"
        assert by_ref[refs["waiting"]][3] == "Oppfølging"
        assert by_ref[refs["waiting"]][5] == "Venter på egen leder siden 02.11.2026 (15 virkedager)"
        assert by_ref[refs["veiledning"]][3] == "Frist"
        await press(app, pilot, "escape")
        assert isinstance(app.screen, DeskScreen)


async def test_triage_keys_work_on_agenda_rows(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    refs = _desk(commands)
    app = make_app(desk, tmp_path)
    async with running(app, "d", notifications=True) as pilot:
        await _to_ref(app, pilot, refs["waiting"])
        await press(app, pilot, "p", "e")  # purring on the waiting case
        assert isinstance(app.screen, AgendaScreen)
        await _to_ref(app, pilot, refs["veiledning"])
        await press(app, pilot, "s")
        assert isinstance(app.screen, PromptScreen)
        await type_text(app, pilot, "1.12")
        await press(app, pilot, "enter")
        await settle(app, pilot)
        rows = _cells(app.screen.query_one(DataTable))
        assert refs["veiledning"] not in [r[2] for r in rows]  # snoozed: away until 1.12
        await _to_ref(app, pilot, refs["lis1"])
        await press(app, pilot, "enter")
        assert isinstance(app.screen, CaseScreen)
    assert notes_of(desk, refs["waiting"]) == ["Purret på svar (e-post)"]
    assert case_row(desk, refs["veiledning"])["snoozed_until"] == "2026-12-01"


async def test_purring_prompt_from_agenda_is_the_small_one(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    refs = _desk(commands)
    app = make_app(desk, tmp_path)
    async with running(app, "d") as pilot:
        await _to_ref(app, pilot, refs["waiting"])
        await press(app, pilot, "p")
        assert isinstance(app.screen, PurringScreen)
        await press(app, pilot, "escape")


async def test_open_on_agenda_when_something_is_pressing(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    _desk(commands)
    app = make_app(desk, tmp_path, open_on_agenda=True)
    async with running(app):
        assert isinstance(app.screen, AgendaScreen)
    # Nothing overdue or critical (the day they were received): the desk opens as usual.
    calm = make_app(desk, tmp_path, open_on_agenda=True, today=date(2026, 11, 2))
    async with running(calm):
        assert isinstance(calm.screen, DeskScreen)


async def test_the_agenda_reads_more_as_the_cursor_nears_the_end(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    from samhandlingsdesk.service.agenda import FIRST_SCREEN

    for i in range(FIRST_SCREEN + 30):
        commands.create_case(
            "veiledning", veiledning_values(received_on=date(2026, 11, 2 + i % 20))
        )
    app = make_app(desk, tmp_path)
    async with running(app, "d") as pilot:
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        first = [i for i in screen.row_items if i is not None]
        assert len(first) == FIRST_SCREEN and screen.agenda is not None and screen.agenda.more
        assert "… og 30 til" in str(_cells(screen.query_one(DataTable))[-1][5])
        table = screen.query_one(DataTable)
        at = len(screen.row_items) - 5
        table.move_cursor(row=at)
        await settle(app, pilot)
        items = [i for i in screen.row_items if i is not None]
        assert len(items) == FIRST_SCREEN + 30 and not screen.agenda.more
        assert table.cursor_row == at  # the cursor stays where it was
