"""How the search overlay draws its results (issue #9): only what is in view, at the
width the list has, and without relaying the overlay for a key whose results keep their
lines. Never timed: benchmarks/search.py measures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.search import (
    RESULT_LIMIT,
    ResultLines,
    SearchResults,
    SearchScreen,
)
from tests.conftest import hospitering_values, lis1_values
from tests.tui.helpers import SIZE, make_app, press, settle, type_text

LONG_PARTY = "Sykehuset Innlandet HF, divisjon Gjøvik og Lillehammer, medisinsk klinikk, " * 2


def _prompt(results: SearchResults, index: int) -> ResultLines:
    prompt = results.get_option_at_index(index).prompt
    assert isinstance(prompt, ResultLines)
    return prompt


def _lines(results: SearchResults) -> list[str]:
    return [results.render_line(y).text for y in range(results.size.height)]


async def _open(app: Any, pilot: Any, query: str) -> SearchResults:
    await settle(app, pilot)
    await press(app, pilot, "ctrl+f")
    await type_text(app, pilot, query)
    assert isinstance(app.screen, SearchScreen)
    return app.screen.query_one(SearchResults)


async def test_only_the_results_in_view_are_drawn(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    for i in range(RESULT_LIMIT + 5):
        commands.create_case("lis1", lis1_values(doctor_name=f"Lege Nummer{i:02d}"))
    app = make_app(desk, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        results = await _open(app, pilot, "nummer")
        assert results.option_count == RESULT_LIMIT
        drawn = [i for i in range(RESULT_LIMIT) if _prompt(results, i).drawn]
        assert 0 < len(drawn) < RESULT_LIMIT
        assert drawn == list(range(len(drawn)))  # the first ones: those in view
        # The last comes into view, is drawn and shows its case.
        await press(app, pilot, "down", "end")
        assert results.highlighted == RESULT_LIMIT - 1
        assert _prompt(results, RESULT_LIMIT - 1).drawn
        shown = app.screen.shown
        assert shown is not None
        last_ref = shown.hits[-1].row.ref
        assert any(line.startswith(last_ref) for line in _lines(results))


async def test_a_result_is_cut_at_the_width_the_list_has(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    """One result (no scrollbar) and many (a scrollbar): each line is cut with its
    ellipsis in the list's last column, not short of it."""
    commands.create_case(
        "hospitering", hospitering_values(applicant_name="Eldbjørg Langnavn", party=LONG_PARTY)
    )
    for i in range(RESULT_LIMIT):
        commands.create_case(
            "hospitering",
            hospitering_values(applicant_name=f"Ola Langnavn{i:02d}", party=LONG_PARTY),
        )
    app = make_app(desk, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        for query, count in (("eldbjørg", 1), ("langnavn", RESULT_LIMIT)):
            results = await _open(app, pilot, query)
            assert results.option_count == count
            width = results.scrollable_content_region.width
            first = _lines(results)[0]
            assert len(first) == width and first.endswith("…"), (query, width, first)
            await press(app, pilot, "escape")


async def test_a_key_whose_results_keep_their_lines_relays_nothing(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    """The query box's text and the summary change, the results keep their lines: the
    overlay is repainted where it changed, never laid out again."""
    commands.create_case("hospitering", hospitering_values(applicant_name="Kari Bråthen"))
    app = make_app(desk, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        results = await _open(app, pilot, "kari bråthe")
        assert results.option_count == 1
        screen = app.screen
        layouts: list[object] = []
        screen.screen_layout_refresh_signal.subscribe(screen, layouts.append, immediate=True)
        await type_text(app, pilot, "n")
        assert results.option_count == 1
        assert "1 treff på «kari bråthen»" in str(screen.query_one("#search-summary").render())
        assert layouts == []
