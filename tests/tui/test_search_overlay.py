"""The search overlay (issue #4): quick lookup during a phone call, from the keyboard."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.console import Group
from rich.text import Text
from textual.widgets import Input, Tabs

from samhandlingsdesk.store.commands import Commands, Created
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.case import CaseScreen
from samhandlingsdesk.tui.screens.desk import DeskScreen
from samhandlingsdesk.tui.screens.prompt import PromptScreen
from samhandlingsdesk.tui.screens.search import SearchResults, SearchScreen
from samhandlingsdesk.tui.widgets.case_table import CaseTable
from tests.conftest import hospitering_values, lis1_values, veiledning_values
from tests.tui.helpers import (
    make_app,
    notes_of,
    notifications,
    press,
    raw_conn,
    running,
    screen_text,
    settle,
    step,
    type_text,
    until,
)


@pytest.fixture
def people(commands: Commands) -> dict[str, Created]:
    c = commands
    return {
        "kari": c.create_case(
            "hospitering",
            hospitering_values(
                applicant_name="Kari Bråthen",
                party="Gjøvik",
                contact_phone="97712345",
                received_on=date(2026, 11, 2),
            ),
        ),
        "aasen": c.create_case(
            "hospitering",
            hospitering_values(applicant_name="Ola Åsen", received_on=date(2026, 11, 3)),
        ),
        "as": c.create_case(
            "hospitering",
            hospitering_values(applicant_name="Lise As", received_on=date(2026, 11, 4)),
        ),
        "odegard": c.create_case("lis1", lis1_values(doctor_name="Per Ødegård")),
        "v": c.create_case(
            "veiledning", veiledning_values(contact_name="Trine Lie", contact_phone="41987654")
        ),
    }


def _search(app: Any) -> SearchScreen:
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    return screen


def _result_refs(app: Any) -> list[str]:
    shown = _search(app).shown
    assert shown is not None
    return [h.row.ref for h in shown.hits]


def _option_lines(app: Any, index: int) -> list[Text]:
    ol = app.screen.query_one(SearchResults)
    prompt = ol.get_option_at_index(index).prompt
    assert isinstance(prompt, Group)
    lines = list(prompt.renderables)
    assert all(isinstance(line, Text) for line in lines)
    return lines  # type: ignore[return-value]


def _highlighted(line: Text) -> list[str]:
    """The parts of a result line drawn as a match (underlined)."""
    return [
        line.plain[s.start : s.end]
        for s in line.spans
        if not isinstance(s.style, str) and s.style.underline
    ]


async def _query(app: Any, pilot: Any, text: str) -> None:
    box = app.screen.query_one("#search-query", Input)
    box.value = ""
    await settle(app, pilot)
    box.focus()
    await type_text(app, pilot, text)
    assert box.value == text


# --- opening ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["ctrl+f", "slash"])
async def test_opens_from_the_inbox_with_the_query_focused(
    desk: Desk, tmp_path: Path, people: dict[str, Created], key: str
) -> None:
    app = make_app(desk, tmp_path)
    async with running(app) as pilot:
        await press(app, pilot, key)
        assert isinstance(app.screen, SearchScreen)
        assert app.focused is app.screen.query_one("#search-query", Input)
        assert app.focused.value == ""
        await type_text(app, pilot, "bråthen")
        assert _result_refs(app) == [people["kari"].ref]


async def test_opens_from_a_case_screen_and_esc_goes_back_to_it(
    desk: Desk, tmp_path: Path, people: dict[str, Created]
) -> None:
    app = make_app(desk, tmp_path)
    async with running(app) as pilot:
        app.open_case(people["v"].id)
        await settle(app, pilot)
        case_screen = app.screen
        assert isinstance(case_screen, CaseScreen)
        await press(app, pilot, "ctrl+f")
        assert isinstance(app.screen, SearchScreen)
        await type_text(app, pilot, "ødegård")
        assert _result_refs(app) == [people["odegard"].ref]
        await press(app, pilot, "escape")
        assert app.screen is case_screen
        assert case_screen.case_id == people["v"].id


async def test_opens_from_inside_a_form(
    desk: Desk, tmp_path: Path, people: dict[str, Created]
) -> None:
    try:
        from samhandlingsdesk.tui.screens.form import FormScreen
    except ImportError:  # pragma: no cover - the form is written by another engineer
        pytest.skip("tui/screens/form.py does not exist yet")
    app = make_app(desk, tmp_path)
    async with running(app) as pilot:
        app.push_screen(FormScreen("hospitering", None))
        await settle(app, pilot)
        form = app.screen
        box = next(w for w in form.query(Input) if w.id and "applicant_name" in w.id)
        box.focus()
        await type_text(app, pilot, "Anne")
        assert box.value == "Anne"
        await press(app, pilot, "ctrl+f")
        assert isinstance(app.screen, SearchScreen)
        assert app.focused is app.screen.query_one("#search-query", Input)
        await type_text(app, pilot, "aasen")
        assert _result_refs(app) == [people["aasen"].ref]
        await press(app, pilot, "escape")
        assert app.screen is form
        assert app.focused is box
        assert box.value == "Anne"


# --- what it finds ------------------------------------------------------------------------


async def test_surname_aa_and_case_folding_and_odd_text(
    desk: Desk, tmp_path: Path, people: dict[str, Created]
) -> None:
    app = make_app(desk, tmp_path)
    async with running(app, "ctrl+f", notifications=True) as pilot:
        with step("a surname with å: the result names and highlights it"):
            await _query(app, pilot, "bråthen")
            assert _result_refs(app) == [people["kari"].ref]
            line1, line2 = _option_lines(app, 0)
            assert line1.plain.startswith(f"{people['kari'].ref} ")
            assert "Kari Bråthen" in line1.plain and "Mottatt" in line1.plain
            assert line2.plain.strip().endswith("Kari Bråthen")
            assert _highlighted(line2) == ["Bråthen"]
            assert screen_text(app, "#search-summary") == "1 treff på «bråthen»"

        with step("aa = å (both ways), but å is never folded to a: Åsen is not As"):
            await _query(app, pilot, "aasen")
            assert _result_refs(app) == [people["aasen"].ref]
            assert _highlighted(_option_lines(app, 0)[1]) == ["Åsen"]
            await _query(app, pilot, "as")
            assert people["as"].ref in _result_refs(app)
            await _query(app, pilot, "lise as")
            assert _result_refs(app) == [people["as"].ref]

        with step("case-insensitive for æøå"):
            await _query(app, pilot, "ØDEGÅRD")
            assert _result_refs(app) == [people["odegard"].ref]
            assert _highlighted(_option_lines(app, 0)[1]) == ["Ødegård"]

        with step("any text is a query: no error, no results"):
            await _query(app, pilot, '"(*')
            assert _result_refs(app) == []
            assert screen_text(app, "#search-summary") == 'Ingen treff på «"(*»'
            for odd in ('kari"', "NEAR(", "-bråthen", "kari AND OR", "a:b*"):
                await _query(app, pilot, odd)
            await _query(app, pilot, 'bråthen"(*')
            assert _result_refs(app) == [people["kari"].ref]

        with step("a ref finds its case, first, with why the case is due"):
            ref = people["odegard"].ref
            await _query(app, pilot, ref)
            assert _result_refs(app) == [ref]
            line2 = _option_lines(app, 0)[1]
            # What matched, then (issue #13) why the case is due.
            matched, *reason = line2.plain.strip().split("  ·  ")
            assert matched == f"Saksnummer: {ref}" and len(reason) == 1
            assert _highlighted(line2) == ["L1", "2026", "0001"]
            await _query(app, pilot, ref.lower().replace("-", " "))
            assert _result_refs(app) == [ref]
        assert [n for n in app._notifications if n.severity == "error"] == []


@pytest.mark.parametrize("typed", ["97712345", "97 71 23 45", "977 12 345", "+47 977 12345"])
async def test_phone_number_any_spacing(
    desk: Desk, tmp_path: Path, people: dict[str, Created], typed: str
) -> None:
    app = make_app(desk, tmp_path)
    async with running(app, "ctrl+f") as pilot:
        await _query(app, pilot, typed)
        assert _result_refs(app) == [people["kari"].ref]
        line2 = _option_lines(app, 0)[1]
        assert line2.plain.strip() == "Telefon: 97 71 23 45"
        assert _highlighted(line2) == ["97 71 23 45"]


async def test_last_four_digits_of_a_phone(
    desk: Desk, tmp_path: Path, people: dict[str, Created]
) -> None:
    app = make_app(desk, tmp_path)
    async with running(app, "ctrl+f") as pilot:
        await _query(app, pilot, "2345")
        assert _result_refs(app) == [people["kari"].ref]
        line2 = _option_lines(app, 0)[1]
        assert line2.plain.strip() == "Telefon: 97 71 23 45"
        assert _highlighted(line2) == ["23 45"]
        await _query(app, pilot, "7654")
        assert _result_refs(app) == [people["v"].ref]


# --- moving and acting --------------------------------------------------------------------


async def test_down_enter_opens_the_right_case(
    desk: Desk, tmp_path: Path, people: dict[str, Created]
) -> None:
    app = make_app(desk, tmp_path)
    async with running(app, "ctrl+f") as pilot:
        await _query(app, pilot, "kari")
        assert _result_refs(app) == [people["kari"].ref]
        await press(app, pilot, "down")
        results = app.screen.query_one(SearchResults)
        assert app.focused is results and results.highlighted == 0
        await press(app, pilot, "enter")
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.case_id == people["kari"].id
        assert "Kari Bråthen" in screen_text(app, "#case-header")
    with raw_conn(desk) as conn:
        assert [r[0] for r in conn.execute("SELECT case_id FROM opened")] == [people["kari"].id]


async def test_enter_in_the_query_opens_the_top_hit(
    desk: Desk, tmp_path: Path, people: dict[str, Created]
) -> None:
    """The key line says «Enter åpner»: from the query too (it did nothing there). The
    name and Enter typed in one go open the hit of that name."""
    from tests.tui.typing import ENTER, burst

    app = make_app(desk, tmp_path)
    async with running(app) as pilot:
        burst(app, "ctrl+f", "kari", ENTER)
        await settle(app, pilot)
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.case_id == people["kari"].id


async def test_a_adds_a_note_and_c_copies_the_phone(
    desk: Desk, tmp_path: Path, people: dict[str, Created]
) -> None:
    app = make_app(desk, tmp_path)
    async with running(app, "ctrl+f", notifications=True) as pilot:
        await _query(app, pilot, "bråthen")
        await press(app, pilot, "down", "c")
        assert app.clipboard == "97 71 23 45"
        assert "Kopierte 97 71 23 45 (Kari Bråthen)" in notifications(app)

        await press(app, pilot, "a")
        assert isinstance(app.screen, PromptScreen)
        assert f"Notat på {people['kari'].ref}" in screen_text(app, ".dialog-title")
        await type_text(app, pilot, "Ringte om søknaden")
        await press(app, pilot, "enter")
        assert isinstance(app.screen, SearchScreen)
        assert f"Notat lagt til på {people['kari'].ref}" in notifications(app)

        # A case without any phone says so.
        await _query(app, pilot, "ødegård")
        await press(app, pilot, "down", "c")
        assert notifications(app)[-1] == f"{people['odegard'].ref} har ikke noe telefonnummer."
        assert app.clipboard == "97 71 23 45"
    assert notes_of(desk, people["kari"].ref) == ["Ringte om søknaden"]
    assert notes_of(desk, people["odegard"].ref) == []


async def test_up_from_the_first_result_returns_to_the_query(
    desk: Desk, tmp_path: Path, people: dict[str, Created]
) -> None:
    app = make_app(desk, tmp_path)
    async with running(app, "ctrl+f") as pilot:
        await _query(app, pilot, "a")  # one letter: several results, newest first
        assert len(_result_refs(app)) >= 2
        box = app.screen.query_one("#search-query", Input)
        results = app.screen.query_one(SearchResults)
        await press(app, pilot, "down")
        assert app.focused is results
        await press(app, pilot, "down")
        assert results.highlighted == 1
        await press(app, pilot, "up")
        assert app.focused is results and results.highlighted == 0
        await press(app, pilot, "up")
        assert app.focused is box
        # Typing refines the query (the cursor is at its end, nothing selected).
        await type_text(app, pilot, "asen")
        assert box.value == "aasen"
        assert _result_refs(app) == [people["aasen"].ref]


async def test_esc_restores_screen_queue_and_row(
    desk: Desk, tmp_path: Path, people: dict[str, Created]
) -> None:
    app = make_app(desk, tmp_path)
    async with running(app) as pilot:
        await press(app, pilot, "2", "j", "j")
        desk_screen = app.screen
        table = desk_screen.query_one(CaseTable)
        assert table.cursor_row == 2
        row_ref = table.current_row.ref if table.current_row else None
        await press(app, pilot, "slash")
        await type_text(app, pilot, "ødegård")
        await press(app, pilot, "down")
        await press(app, pilot, "escape")
        assert app.screen is desk_screen
        assert isinstance(desk_screen, DeskScreen)
        assert desk_screen.queue == "hospitering"
        assert desk_screen.query_one(Tabs).active == "tab-hospitering"
        assert table.cursor_row == 2
        assert table.current_row is not None and table.current_row.ref == row_ref
        assert app.focused is table


async def test_empty_query_shows_the_recently_opened(
    desk: Desk, tmp_path: Path, people: dict[str, Created]
) -> None:
    app = make_app(desk, tmp_path)
    async with running(app, "ctrl+f") as pilot:
        assert _result_refs(app) == []
        assert screen_text(app, "#search-summary") == "Skriv for å søke."
        await press(app, pilot, "escape")

        # Open two cases (through the search), newest first in the recent list.
        for name in ("ødegård", "bråthen"):
            await press(app, pilot, "ctrl+f")
            await type_text(app, pilot, name)
            await press(app, pilot, "down", "enter")
            assert isinstance(app.screen, CaseScreen)
            await press(app, pilot, "escape")
            assert isinstance(app.screen, DeskScreen)

        await press(app, pilot, "ctrl+f")
        assert _result_refs(app) == [people["kari"].ref, people["odegard"].ref]
        assert screen_text(app, "#search-summary") == "Sist åpnet (2)"
        assert len(_option_lines(app, 0)) == 1  # no matched-field line for recent cases
        # Typing and clearing brings the recent list back.
        await type_text(app, pilot, "as")
        await press(app, pilot, "backspace", "backspace")
        assert _result_refs(app) == [people["kari"].ref, people["odegard"].ref]
    with raw_conn(desk) as conn:
        opened = conn.execute("SELECT case_id FROM opened ORDER BY at DESC").fetchall()
    assert [r[0] for r in opened] == [people["kari"].id, people["odegard"].id]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_result_never_wraps_and_shows_the_name_at_any_width(
    desk: Desk, commands: Commands, tmp_path: Path, size: tuple[int, int]
) -> None:
    long = commands.create_case(
        "hospitering",
        hospitering_values(
            applicant_name="Kari Bråthen",
            party="Sykehuset Innlandet HF, divisjon Gjøvik og Lillehammer, medisinsk klinikk",
            contact_phone="97712345",
        ),
    )
    app = make_app(desk, tmp_path)
    async with running(app, "ctrl+f", size=size) as pilot:
        await _query(app, pilot, "bråthen")
        assert _result_refs(app) == [long.ref]
        results = app.screen.query_one(SearchResults)
        lines = [results.render_line(y).text.rstrip() for y in range(results.size.height)]
        # One line with the ref and the name, one with the field that matched; nothing
        # spills over into a line of its own.
        assert long.ref in lines[0] and "Kari Bråthen" in lines[0]
        assert lines[1].strip() == "Tittel: Kari Bråthen"
        assert all(line.strip() == "" for line in lines[2:])


async def test_an_older_query_never_overwrites_a_newer_one(
    desk: Desk, tmp_path: Path, people: dict[str, Created], monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from samhandlingsdesk.tui.screens import search as search_screen

    real = search_screen.run_search
    newer_shown = threading.Event()

    def late_for_kari(repo: Any, query: str, generation: int) -> Any:
        if query == "kari":  # the older query's answer arrives after the newer one's
            newer_shown.wait(timeout=15)
        return real(repo, query, generation)

    monkeypatch.setattr(search_screen, "run_search", late_for_kari)
    app = make_app(desk, tmp_path)
    async with running(app, "ctrl+f") as pilot:
        screen = _search(app)
        box = screen.query_one("#search-query", Input)
        box.value = "kari"
        await pilot.pause()
        box.value = "ødegård"
        # The «kari» worker is held back on purpose: wait for the newer answer alone.
        summary = "1 treff på «ødegård»"

        def shown() -> bool:
            return screen_text(app, "#search-summary") == summary

        await until(pilot, shown, "the newer answer", workers=False)
        newer_shown.set()
        await settle(app, pilot)  # the older answer has come, and was dropped
        assert _result_refs(app) == [people["odegard"].ref]
        assert screen_text(app, "#search-summary") == summary

        # And a result that comes back late with an old generation is dropped as such.
        stale = search_screen.Results(screen.generation - 1, "kari", ())
        screen._show(stale)
        assert _result_refs(app) == [people["odegard"].ref]


async def test_results_follow_a_change_made_from_the_overlay(
    desk: Desk, tmp_path: Path, people: dict[str, Created]
) -> None:
    app = make_app(desk, tmp_path)
    async with running(app, "ctrl+f", notifications=True) as pilot:
        await _query(app, pilot, "ringte")
        assert _result_refs(app) == []
        await _query(app, pilot, "bråthen")
        await press(app, pilot, "down", "a")
        await type_text(app, pilot, "Ringte om søknaden")
        await press(app, pilot, "enter")
        await settle(app, pilot)
        await _query(app, pilot, "ringte")
        assert _result_refs(app) == [people["kari"].ref]
        # Undo from the overlay: the note is gone, and the list shown says so at once.
        await press(app, pilot, "ctrl+z")
        await settle(app, pilot)
        assert _search(app).shown is not None
        assert _result_refs(app) == []
        assert "Angret" in notifications(app)[-1]


def test_the_overlay_shows_the_last_ten_opened(commands: Commands, desk: Desk) -> None:
    from samhandlingsdesk.store.repo import Repo
    from samhandlingsdesk.tui.screens.search import RECENT_LIMIT, run_search

    repo = Repo(desk)
    cs = [commands.create_case("lis1", lis1_values(doctor_name=f"Lege {i}")) for i in range(12)]
    for c in cs:
        commands.mark_opened(c.id)
    shown = run_search(repo, "", 1)
    assert RECENT_LIMIT == 10 and shown.recent
    assert [h.row.id for h in shown.hits] == [c.id for c in reversed(cs)][:10]


async def test_a_three_digit_phone_query_says_four_digits_are_needed(
    desk: Desk, tmp_path: Path, people: dict[str, Created]
) -> None:
    app = make_app(desk, tmp_path)
    async with running(app, "ctrl+f") as pilot:
        await type_text(app, pilot, "977")
        assert "minst fire sifre" in screen_text(app, "#search-summary")
        await type_text(app, pilot, "1")
        assert "minst fire sifre" not in screen_text(app, "#search-summary")
        assert "1 treff" in screen_text(app, "#search-summary")
