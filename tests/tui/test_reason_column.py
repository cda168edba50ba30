"""The reason in every list: a column sharing the free width with the title (120 and 200
columns), a preview line under the list below ~100 columns (80); the summary line over the
inbox; «Ny»; the LIS3 seniority sort with date and rank (issue #13)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.widgets.case_table import CaseTable, layout
from tests.conftest import hospitering_values, lis3_values, veiledning_values
from tests.tui.helpers import make_app, press, running, screen_text, settle, table_column

REASON = "Venter på vertsenheten siden 02.11.2026 (15 virkedager)"


def _desk(commands: Commands) -> str:
    c = commands.create_case(
        "hospitering",
        hospitering_values(received_on=date(2026, 11, 2)),
        status="mottatt_vertsenhet",
    )
    commands.create_case("veiledning", veiledning_values())
    return c.ref


@pytest.mark.parametrize("width", [80, 120, 200])
def test_layout_fills_the_width(width: int) -> None:
    cols = layout(width)
    keys = [k for k, _, _ in cols]
    used = sum(w for _, _, w in cols) + 2 * len(cols) + 2
    assert used <= max(width, 81)
    if width < 100:
        assert "reason" not in keys
    else:
        widths = dict((k, w) for k, _, w in cols)
        assert widths["reason"] >= 20 and widths["title"] >= 20
        assert abs(widths["reason"] - widths["title"]) <= 1  # they share the free width
    assert ("kind" in keys) == (width >= 150)


@pytest.mark.parametrize("width", [120, 200])
async def test_the_reason_column_says_why(
    desk: Desk, tmp_path: Path, commands: Commands, width: int
) -> None:
    ref = _desk(commands)
    app = make_app(desk, tmp_path, today=date(2026, 11, 23))
    async with running(app, "2", size=(width, 30)):  # the hospitering queue
        table = app.screen.query_one(CaseTable)
        refs = table_column(table, "ref")
        reasons = table_column(table, "reason")
        assert reasons[refs.index(ref)] == REASON
        assert not app.screen.query_one("#row-preview").display
        title_w = table.columns[next(k for k in table.columns if k.value == "title")].width
        reason_w = table.columns[next(k for k in table.columns if k.value == "reason")].width
        assert abs(title_w - reason_w) <= 1
        assert reason_w >= (width - 100) // 2


async def test_below_100_columns_a_preview_line_says_why(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    ref = _desk(commands)
    app = make_app(desk, tmp_path, today=date(2026, 11, 23))
    async with running(app, "2", size=(80, 24)) as pilot:
        table = app.screen.query_one(CaseTable)
        assert "reason" not in table.keys
        refs = table_column(table, "ref")
        for _ in range(refs.index(ref)):
            await press(app, pilot, "j")
        preview = screen_text(app, "#row-preview")
        assert preview.startswith(f"{ref}: {REASON}")
        assert "Oppfølging" in preview


async def test_summary_line_and_new_cases(desk: Desk, tmp_path: Path, commands: Commands) -> None:
    _desk(commands)  # both created now: new
    app = make_app(desk, tmp_path, today=date(2026, 11, 23))
    async with running(app, size=(120, 30)) as pilot:
        # The follow-up (16.11) is overdue, the veiledning is due 25.11 (this week).
        line = screen_text(app, "#summary-line")
        assert line == "0 kritiske · 1 forfalt · 0 i dag · 1 denne uken · 2 nye"
        await press(app, pilot, "2")
        assert not app.screen.query_one("#summary-line").display


async def test_seniority_sort_shows_date_and_rank(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    late = commands.create_case("lis3", lis3_values(seniority_from=date(2021, 5, 1)), status="i_ko")
    early = commands.create_case(
        "lis3", lis3_values(seniority_from=date(2019, 3, 1)), status="i_ko"
    )
    app = make_app(desk, tmp_path)
    async with running(app, "4", "A", size=(120, 30)):
        table = app.screen.query_one(CaseTable)
        assert table_column(table, "ref") == [early.ref, late.ref]
        assert table_column(table, "reason") == [
            "Ansiennitet 01.03.2019 · nr. 1",
            "Ansiennitet 01.05.2021 · nr. 2",
        ]


async def test_search_results_carry_the_reason(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    from rich.console import Group

    from samhandlingsdesk.tui.screens.search import SearchResults

    _desk(commands)
    app = make_app(desk, tmp_path, today=date(2026, 11, 23))
    async with running(app, "ctrl+f", size=(200, 30)) as pilot:
        for ch in "Nordmann":
            await pilot.press(ch)
        await settle(app, pilot)
        ol = app.screen.query_one(SearchResults)
        prompt = ol.get_option_at_index(0).prompt
        assert isinstance(prompt, Group)
        first, second = prompt.renderables
        assert "frist 16.11.2026" in first.plain  # type: ignore[union-attr]
        assert second.plain.endswith(f"  ·  {REASON}")  # type: ignore[union-attr]
