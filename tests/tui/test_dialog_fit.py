"""The move dialog fits the screen at 80x24: its error line (where a refusal or a warning
with «Trykk … igjen» is said) and its key line stay inside the dialog however many fields
the move asks for; the fields scroll instead (a review of issue #9: at 80x24 the details
pushed both out of the dialog)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.transition import TransitionScreen
from tests.conftest import VALUES
from tests.tui.helpers import make_app, press, running, settle

MOVES = [
    ("hospitering", "tilbakemeldt", "v"),  # «Avtalt»: period, evaluation planned
    ("hospitering", "gjennomfort", "v"),  # «Evaluert»: form and notes
    ("lis1", "mottatt", "v"),  # «Varslet»: the notifications the notice needs
]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize(("kind", "status", "key"), MOVES)
async def test_the_error_and_key_lines_stay_inside_the_move_dialog(
    desk: Desk,
    tmp_path: Path,
    commands: Commands,
    size: tuple[int, int],
    kind: str,
    status: str,
    key: str,
) -> None:
    values: dict[str, Any] = VALUES[kind]()
    if status == "gjennomfort":
        from datetime import date

        values |= {
            "agreed_from": date(2026, 11, 2),
            "agreed_to": date(2026, 11, 13),
            "evaluation_planned_on": date(2026, 11, 20),
        }
    case = commands.create_case(kind, values, status=status)
    app = make_app(desk, tmp_path)
    async with running(app, size=size) as pilot:
        app.open_case(case.id)
        await settle(app, pilot)
        await press(app, pilot, key)
        screen = app.screen
        assert isinstance(screen, TransitionScreen), (kind, status)
        inside = screen.query_one("#transition-dialog").content_region
        for selector in ("#transition-error", ".dialog-help"):
            line = screen.query_one(selector)
            assert line.region.height >= 1, selector
            assert inside.contains_region(line.region), (selector, line.region, inside)
        # The cursor's field is on the screen, in the details' visible part.
        focused = screen.focused
        assert focused is not None
        assert screen.query_one("#transition-details").region.contains_region(focused.region)
        # Its fields are compact (one line, no border), as the form's are.
        assert focused.has_class("-textual-compact") and focused.outer_size.height == 1
