"""Type-ahead (issue #9): keys posted as one burst, without waiting, land where typed.

Every burst starts with the key that opens the screen, so keys typed while the screen
opens are tested too. The stored values are read back from the desk file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from samhandlingsdesk.domain.kinds import grouped_fields
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.case import CaseScreen
from samhandlingsdesk.tui.screens.form import FormScreen
from samhandlingsdesk.tui.screens.search import SearchScreen
from tests.conftest import hospitering_values

from .conftest import make_desk_app, run_desk, settle
from .typing import ENTER, TAB, burst


def rows(desk: Desk) -> list[dict[str, Any]]:
    """Every case with its kind's fields, as stored."""
    conn = sqlite3.connect(desk.path)
    conn.row_factory = sqlite3.Row
    try:
        out = []
        for case in conn.execute('SELECT * FROM "case" ORDER BY ref'):
            detail = conn.execute(
                f"SELECT * FROM {case['kind']} WHERE case_id = ?", (case["id"],)
            ).fetchone()
            out.append({**dict(case), **dict(detail)})
        return out
    finally:
        conn.close()


def tabs(n: int) -> tuple[str, ...]:
    return (TAB,) * n


def between(kind: str, a: str, b: str) -> int:
    """How many Tabs lead from field `a` to field `b` (every field is one stop)."""
    names = [f.name for g in grouped_fields(kind) for f in g.fields]
    return names.index(b) - names.index(a)


# (kind letter on the «Ny sak» menu, the burst typed into the form, what is stored)
NEW_FORMS: dict[str, tuple[str, tuple[str, ...], dict[str, Any]]] = {
    "hospitering": (
        "h",
        (
            "Skien",
            TAB,
            "Kari Kontakt",
            TAB,
            "97712345",
            TAB,
            "kari@skien.kommune.no",
            *tabs(3),
            "Ola Nordmann",
            *tabs(9),
            "1.2.2027",
            TAB,
            "12.2.2027",
            TAB,
            "Lære om KOLS",
        ),
        {
            "party": "Skien",
            "contact_name": "Kari Kontakt",
            "contact_phone": "97712345",
            "email": "kari@skien.kommune.no",
            "applicant_name": "Ola Nordmann",
            "period_from": "2027-02-01",
            "period_to": "2027-02-12",
            "theme_goals": "Lære om KOLS",
            "received_on": "2026-11-23",
        },
    ),
    "veiledning": (
        "v",
        ("Porsgrunn", TAB, "Trine Lie", TAB, "41987654", *tabs(5), "Smertepumpe"),
        {
            "party": "Porsgrunn",
            "contact_name": "Trine Lie",
            "contact_phone": "41987654",
            "topic": "Smertepumpe",
        },
    ),
    "lis1": (
        "l",
        ("Bamble", *tabs(6), "Ola Hansen", TAB, "1.3.2027", *tabs(4), ENTER, "down", ENTER),
        {"party": "Bamble", "doctor_name": "Ola Hansen", "hospital_from": "2027-03-01"},
    ),
    "lis3": (
        "a",
        (
            "Notodden",
            *tabs(6),
            "Per Olsen",
            *tabs(between("lis3", "doctor_name", "desired_from")),
            "1.9.2027",
        ),
        {"party": "Notodden", "doctor_name": "Per Olsen", "desired_from": "2027-09-01"},
    ),
    "nettverk": (
        "n",
        (
            "Sykehuset Telemark HF",
            *tabs(6),
            ENTER,
            "down",
            ENTER,
            TAB,
            "Sårnettverket",
            *tabs(3),
            "Sykepleiere",
            *tabs(3),
            "10.3.2027",
        ),
        {
            "party": "Sykehuset Telemark HF",
            "network_name": "Sårnettverket",
            "target_group": "Sykepleiere",
            "held_on": "2027-03-10",
        },
    ),
}


@pytest.mark.parametrize("kind", list(NEW_FORMS))
async def test_a_new_case_typed_in_one_burst_is_stored_field_by_field(
    kind: str, desk: Desk, tmp_path: Path
) -> None:
    letter, keys, expected = NEW_FORMS[kind]
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        burst(app, "n", letter, *keys, "ctrl+s")
        await settle(pilot)
        stored = rows(desk)
        assert len(stored) == 1, getattr(app.screen, "summary", app.screen)
        got = {name: stored[0][name] for name in expected}
        assert got == expected
        assert stored[0]["kind"] == kind
        assert isinstance(app.screen, CaseScreen)


async def test_keys_typed_while_a_case_opens_edit_it(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    commands.create_case("hospitering", hospitering_values(contact_name=None))
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        # Enter opens the case; `e` its form, which starts in the first empty field.
        burst(app, ENTER, "e", "Kari Kontakt", TAB, "97712345", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        stored = rows(desk)[0]
        assert (stored["contact_name"], stored["contact_phone"]) == ("Kari Kontakt", "97712345")


def notes(desk: Desk, ref: str) -> list[str]:
    conn = sqlite3.connect(desk.path)
    try:
        return [
            r[0]
            for r in conn.execute(
                'SELECT n.text FROM note n JOIN "case" c ON c.id = n.case_id WHERE c.ref = ? '
                "ORDER BY n.id",
                (ref,),
            )
        ]
    finally:
        conn.close()


async def test_search_down_enter_then_a_key_acts_on_the_case_found(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    other = commands.create_case("hospitering", hospitering_values(applicant_name="Ola Berg"))
    kari = commands.create_case("hospitering", hospitering_values(applicant_name="Kari Lund"))
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        # Recently opened lists nothing; the query must be searched before ↓ Enter act.
        burst(app, "ctrl+f", "kari lund", "down", ENTER, "a", "Ringte tilbake", ENTER)
        await settle(pilot)
        assert notes(desk, kari.ref) == ["Ringte tilbake"]
        assert notes(desk, other.ref) == []
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.case_id == kari.id


async def test_search_down_enter_v_moves_the_case_found_not_the_query(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    kari = commands.create_case("hospitering", hospitering_values(applicant_name="Kari Lund"))
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        burst(app, "ctrl+f", "kari", "down", ENTER, "v")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)
        conn = sqlite3.connect(desk.path)
        status = conn.execute('SELECT status FROM "case" WHERE id = ?', (kari.id,)).fetchone()
        conn.close()
        assert status[0] == "hos_egen_leder"


async def test_prompts_take_a_burst_and_the_keys_after_them(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    case = commands.create_case("hospitering", hospitering_values())
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        burst(app, "a", "Første notat", ENTER, "t", "viktig", ENTER, "a", "Andre", ENTER)
        await settle(pilot)
        assert notes(desk, case.ref) == ["Første notat", "Andre"]
        conn = sqlite3.connect(desk.path)
        tags = conn.execute('SELECT tags FROM "case" WHERE id = ?', (case.id,)).fetchone()
        conn.close()
        assert "viktig" in (tags[0] or "")


async def test_the_move_dialog_takes_keys_typed_right_after_r(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    case = commands.create_case("hospitering", hospitering_values())
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        # `r` reads the case, opens the dialog (one closing move: «trukket»), then the
        # reason list: Enter takes the first reason and saves.
        burst(app, "r", ENTER)
        await settle(pilot)
        conn = sqlite3.connect(desk.path)
        row = conn.execute('SELECT status, reason FROM "case" WHERE id = ?', (case.id,)).fetchone()
        conn.close()
        assert tuple(row) == ("trukket", "soker_trekker")


async def test_a_case_closed_while_it_loads_does_not_stop_the_app(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    commands.create_case("hospitering", hospitering_values())
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        for _ in range(5):
            burst(app, ENTER)
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, CaseScreen)
            screen.load()  # a reload in flight (another window saved) …
            app.pop_screen()  # … as the case is closed
            await settle(pilot)
        assert app.return_code is None and app._exception is None


async def test_esc_and_a_key_typed_right_after_it_both_act(desk: Desk, tmp_path: Path) -> None:
    """A terminal sends Alt+N as ESC and n, so an `Esc` followed within Textual's escape
    delay by `n` arrives as `alt+n`: both keys were lost. Nothing binds Alt here, so the
    gate hands on the two keys: Esc closes the search, `n` opens the new-case menu."""
    from textual import events

    from samhandlingsdesk.tui.screens.new_case import NewCaseScreen
    from samhandlingsdesk.tui.screens.search import SearchScreen

    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        burst(app, "ctrl+f", "hansen")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        app.post_message(events.Key("alt+n", "n"))
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        assert not any(isinstance(s, SearchScreen) for s in app.screen_stack)


async def test_a_key_after_the_esc_that_closes_the_search_does_not_wait(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gate waits for the field a key went to; Esc in the search box closes the
    overlay, whose field then never runs what was queued on it, and the next key (`n`)
    waited for nothing until a limit gave up (FOLLOW_LIMIT, HOLD_LIMIT: 2–5 s). With both
    limits at a minute, `n` must still act once the overlay is closed."""
    from samhandlingsdesk.tui import keys
    from samhandlingsdesk.tui.screens.new_case import NewCaseScreen

    from .helpers import until

    monkeypatch.setattr(keys, "FOLLOW_LIMIT", 60.0)
    monkeypatch.setattr(keys, "HOLD_LIMIT", 60.0)
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        burst(app, "ctrl+f", "hansen")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        burst(app, "escape", "n")
        await until(pilot, lambda: isinstance(app.screen, NewCaseScreen), "the new-case menu")
