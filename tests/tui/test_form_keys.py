"""Form keys (issue #9): sections and the field finder work from inside any field (a text
area included), and the error banner follows the fields as they are fixed."""

from __future__ import annotations

from pathlib import Path

from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.form import FormScreen

from .conftest import make_desk_app, run_desk, settle
from .typing import TAB, burst


def form_of(app: object) -> FormScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, FormScreen)
    return screen


def focused_field(app: object) -> str | None:
    form = form_of(app)
    return form._name_of(form.focused)


async def test_section_keys_and_the_finder_work_from_a_text_area(desk: Desk, tmp_path: Path):
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        burst(app, "n", "h")
        await settle(pilot)
        assert focused_field(app) == "party"
        burst(app, "f8")
        await settle(pilot)
        assert focused_field(app) == "applicant_name"  # «Søker»
        burst(app, "f8", "f8")
        await settle(pilot)
        assert focused_field(app) == "own_leader_decision"  # «Egen leder»
        burst(app, "tab", "tab")
        await settle(pilot)
        assert focused_field(app) == "own_leader_comment"  # a text area
        burst(app, "f7")
        await settle(pilot)
        assert focused_field(app) == "direction"  # «Søknad»
        form_of(app).set_focus(form_of(app).field_widget("theme_goals"))
        burst(app, "ctrl+g", "kontaktp", "enter", "Kari")
        await settle(pilot)
        assert focused_field(app) == "contact_name"
        assert form_of(app)._raw()["contact_name"] == "Kari"
        assert form_of(app)._raw()["theme_goals"] == ""
        keys = str(form_of(app).query_one("#form-keys").render())
        assert "F7/F8" in keys and "Ctrl+G" in keys


async def test_the_banner_follows_the_fields_as_they_are_fixed(desk: Desk, tmp_path: Path):
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        burst(app, "n", "v", "ctrl+s")  # veiledning: «Tema» is missing; direction is set
        await settle(pilot)
        form = form_of(app)
        assert "Saken er ikke lagret" in form.summary
        first = focused_field(app)
        assert first is not None
        burst(app, "Smertepumpe")
        await settle(pilot)
        assert form.summary == ""  # fixed: the banner is gone before the next save
        burst(app, TAB)
        await settle(pilot)


async def test_list_titles_take_the_width_the_terminal_has(desk: Desk, tmp_path: Path):
    from textual.widgets.data_table import ColumnKey

    from samhandlingsdesk.tui.widgets.case_table import CaseTable

    app = make_desk_app(desk, tmp_path)
    async with run_desk(app, size=(200, 40)) as pilot:
        await settle(pilot)
        wide = app.screen.query_one(CaseTable).columns[ColumnKey("title")].width
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app, size=(120, 40)) as pilot:
        await settle(pilot)
        narrow = app.screen.query_one(CaseTable).columns[ColumnKey("title")].width
    # 80 more columns go to the title (the agenda's reason column shares them)
    assert wide >= narrow + 25
    assert wide > 30
