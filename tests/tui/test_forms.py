"""The new-case and edit forms, driven by the keys a user presses, on a real desk.

Each test asserts both what the screen shows and what the database holds.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea

from samhandlingsdesk.domain.text.moves import STALE
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.store.repo import Repo
from samhandlingsdesk.tui.app import DeskApp
from samhandlingsdesk.tui.screens.case import CaseScreen
from samhandlingsdesk.tui.screens.confirm import ConfirmScreen
from samhandlingsdesk.tui.screens.form import FormScreen
from samhandlingsdesk.tui.screens.new_case import KIND_KEYS, NewCaseScreen
from samhandlingsdesk.tui.widgets.suggest import PartyInput

from ..conftest import VALUES, hospitering_values
from .conftest import TODAY, make_desk_app, run_desk, settle, type_text
from .helpers import press, step

# --- helpers -----------------------------------------------------------------------------


def form_of(pilot: Pilot[Any]) -> FormScreen:
    screen = pilot.app.screen
    assert isinstance(screen, FormScreen), f"expected the form, got {screen!r}"
    return screen


async def focus(pilot: Pilot[Any], name: str) -> None:
    """Put the cursor in a field (as a click on it does)."""
    form_of(pilot).field_widget(name).focus()
    await pilot.pause()


async def fill(pilot: Pilot[Any], name: str, text: str, *, leave: bool = True) -> None:
    """Clear a field and type `text`; Tab out of it when `leave`."""
    await focus(pilot, name)
    widget = form_of(pilot).field_widget(name)
    if isinstance(widget, TextArea):
        widget.select_all()
        await pilot.press("delete")
    else:
        await pilot.press("end", "ctrl+u")
    await type_text(pilot, text)
    if leave:
        await pilot.press("tab")
        await settle(pilot)


async def choose(pilot: Pilot[Any], name: str, label: str) -> None:
    """Open a Select with Enter, move to the option with the arrow keys, Enter."""
    await focus(pilot, name)
    select = form_of(pilot).field_widget(name)
    assert isinstance(select, Select)
    labels = [str(prompt) for prompt, _value in select._options]
    current = next(i for i, (_p, v) in enumerate(select._options) if v == select.value)
    target = labels.index(label)
    await pilot.press("enter")
    await pilot.pause()
    step = "down" if target >= current else "up"
    for _ in range(abs(target - current)):
        await pilot.press(step)
    await pilot.press("enter")
    await settle(pilot)
    assert str(select.value) != "Select.NULL"


def message(pilot: Pilot[Any], name: str) -> str:
    return form_of(pilot).message_of(name)


def value_of(pilot: Pilot[Any], name: str) -> str:
    widget = form_of(pilot).field_widget(name)
    if isinstance(widget, TextArea):
        return widget.text
    assert isinstance(widget, Input)
    return widget.value


async def new_form(pilot: Pilot[Any], key: str) -> FormScreen:
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, NewCaseScreen)
    await pilot.press(key)
    await settle(pilot)
    return form_of(pilot)


async def open_edit(pilot: Pilot[Any], case_id: str) -> FormScreen:
    app = pilot.app
    assert isinstance(app, DeskApp)
    app.open_case(case_id)
    await settle(pilot)
    assert isinstance(app.screen, CaseScreen)
    await pilot.press("e")
    await settle(pilot)
    return form_of(pilot)


@asynccontextmanager
async def editing(
    desk: Desk, tmp_path: Any, case_id: str
) -> AsyncIterator[tuple[Pilot[Any], FormScreen]]:
    """The desk app running with the edit form of `case_id` open (`e` on its case screen):
    the preamble of the edit tests. Yields the pilot and the form."""
    async with run_desk(make_desk_app(desk, tmp_path)) as pilot:
        yield pilot, await open_edit(pilot, case_id)


def case_screen(pilot: Pilot[Any]) -> CaseScreen:
    screen = pilot.app.screen
    assert isinstance(screen, CaseScreen), f"expected the case screen, got {screen!r}"
    return screen


def header_text(pilot: Pilot[Any]) -> str:
    return str(case_screen(pilot).query_one("#case-header", Static).render())


def all_refs(desk: Desk) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(desk.path)
    try:
        return [r[0] for r in conn.execute('SELECT ref FROM "case" ORDER BY ref')]
    finally:
        conn.close()


async def refused(pilot: Pilot[Any], desk: Desk, key: str, first_bad: str) -> FormScreen:
    """Save with `key`, refused: the form stays with the cursor on the first bad field, and
    the desk holds no case."""
    await press(pilot, key)
    form = form_of(pilot)
    assert pilot.app.focused is form.field_widget(first_bad)
    assert all_refs(desk) == []
    return form


async def saved(pilot: Pilot[Any], repo: Repo, key: str, ref: str) -> dict[str, Any]:
    """Save with `key`: the case screen opens on the new case `ref`; its stored values."""
    await press(pilot, key)
    detail = repo.get_case(case_screen(pilot).case_id)
    assert detail is not None
    assert detail.ref == ref
    return detail.values()


def fodselsnummer(day: date, individual: int = 123) -> str:
    """A valid Norwegian national ID number (both check digits) for `day`."""
    base = f"{day:%d%m%y}{individual:03d}"
    digits = [int(c) for c in base]
    k1 = 11 - sum(w * d for w, d in zip((3, 7, 6, 1, 8, 9, 4, 5, 2), digits, strict=True)) % 11
    k1 = 0 if k1 == 11 else k1
    if k1 == 10:
        return fodselsnummer(day, individual + 1)
    digits.append(k1)
    k2 = 11 - sum(w * d for w, d in zip((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), digits, strict=True)) % 11
    k2 = 0 if k2 == 11 else k2
    if k2 == 10:
        return fodselsnummer(day, individual + 1)
    return base + str(k1) + str(k2)


# --- creating a case of each kind ----------------------------------------------------------


async def test_create_hospitering(desk: Desk, repo: Repo, tmp_path: Any) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        with step("the form opens on the party; received today; direction from the side"):
            form = await new_form(pilot, "h")
            assert form.kind == "hospitering"
            assert isinstance(pilot.app.focused, PartyInput)
            assert value_of(pilot, "received_on") == "23.11.2026"
            assert form.field_widget("direction").value == "til_sykehus"  # type: ignore[attr-defined]

        with step("the suggestion taken with →, then field by field with Tab"):
            await type_text(pilot, "gjøv")
            await pilot.press("right")  # take the suggestion
            await pilot.press("tab")
            await type_text(pilot, "Siri Kontakt")
            await pilot.press("tab")
            await type_text(pilot, "97712345")
            await pilot.press("tab")
            await settle(pilot)
            assert value_of(pilot, "contact_phone") == "97 71 23 45"  # in pairs once left

        with step("the rest filled; a date read forward"):
            await fill(pilot, "applicant_name", "Kari Nordmann")
            await fill(pilot, "period_from", "1.2")  # forward: the next 1 February
            assert message(pilot, "period_from") == "= mandag 01.02.2027"
            await fill(pilot, "period_to", "12.2.27")
            await fill(pilot, "theme_goals", "Lære om ernæring ved KOLS")
            await choose(pilot, "signed", "Ja")

        with step("Ctrl+S stores every field and opens the new case"):
            values = await saved(pilot, repo, "ctrl+s", "H-2026-0001")
            assert values["party"] == "Gjøvik"
            assert values["contact_name"] == "Siri Kontakt"
            assert values["contact_phone"] == "97712345"
            assert values["applicant_name"] == "Kari Nordmann"
            assert values["direction"] == "til_sykehus"
            assert values["period_from"] == date(2027, 2, 1)
            assert values["period_to"] == date(2027, 2, 12)
            assert values["theme_goals"] == "Lære om ernæring ved KOLS"
            assert values["signed"] is True
            assert values["received_on"] == TODAY
            assert "H-2026-0001" in header_text(pilot)
            assert "Kari Nordmann" in header_text(pilot)
            assert any("H-2026-0001 er registrert" in n.message for n in app._notifications)


async def test_create_veiledning_with_f2(desk: Desk, repo: Repo, tmp_path: Any) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        form = await new_form(pilot, "v")
        assert form.kind == "veiledning"
        assert form.field_widget("direction").value == "kommune_til_hf"  # type: ignore[attr-defined]
        await type_text(pilot, "ivgu")
        await pilot.press("enter")  # Enter takes the suggestion too
        await settle(pilot)
        assert value_of(pilot, "party") == "Lyngen - Ivgu - Yykeä"
        await choose(pilot, "direction", "Helseforetaket veileder kommunen")
        await fill(pilot, "topic", "Sårbehandling for hjemmesykepleien")
        await choose(pilot, "scope", "Generell")
        await fill(pilot, "email", "post@lyngen.kommune.no")

        values = await saved(pilot, repo, "f2", "V-2026-0001")
        assert values["direction"] == "hf_til_kommune"
        assert values["topic"] == "Sårbehandling for hjemmesykepleien"
        assert values["scope"] == "generell"
        assert values["email"] == "post@lyngen.kommune.no"
        assert "V-2026-0001" in header_text(pilot)
        assert "Lyngen: Sårbehandling for hjemmesykepleien" in header_text(pilot)


async def test_create_lis1(desk: Desk, repo: Repo, tmp_path: Any) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        form = await new_form(pilot, "3")
        assert form.kind == "lis1"
        assert isinstance(pilot.app.focused, Input)  # the first field: received on
        await fill(pilot, "received_on", "i går")
        assert value_of(pilot, "received_on") == "22.11.2026"
        await fill(pilot, "party", "Bamble")
        await fill(pilot, "doctor_name", "Ola Hansen")
        await choose(pilot, "notice_type", "Forsinkelse")
        await fill(pilot, "event_on", "fredag")  # backward: the Friday just gone
        assert value_of(pilot, "event_on") == "20.11.2026"
        await choose(pilot, "statsforvalter_confirmed", "Nei")

        values = await saved(pilot, repo, "ctrl+s", "L1-2026-0001")
        assert values["received_on"] == date(2026, 11, 22)
        assert values["doctor_name"] == "Ola Hansen"
        assert values["notice_type"] == "forsinkelse"
        assert values["event_on"] == date(2026, 11, 20)
        assert values["statsforvalter_confirmed"] is False
        assert "Ola Hansen" in header_text(pilot)


async def test_create_lis3(desk: Desk, repo: Repo, tmp_path: Any) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        form = await new_form(pilot, "a")
        assert form.kind == "lis3"
        await fill(pilot, "party", "Notodden")
        await fill(pilot, "doctor_name", "Per Olsen")
        await choose(pilot, "program", "Allmennmedisin (ALIS)")
        await fill(pilot, "desired_from", "uke 34")  # the next week 34: 2027
        monday = date.fromisocalendar(2027, 34, 1)
        assert message(pilot, "desired_from") == f"= mandag {monday:%d.%m.%Y}"
        await choose(pilot, "duration_months", "6 måneder sammenhengende")

        values = await saved(pilot, repo, "f2", "L3-2026-0001")
        assert values["desired_from"] == monday
        assert values["program"] == "alis"
        assert values["duration_months"] == "6"
        assert "Per Olsen" in header_text(pilot)


async def test_create_nettverk_at_80x24(desk: Desk, repo: Repo, tmp_path: Any) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app, size=(80, 24)) as pilot:
        form = await new_form(pilot, "n")
        assert form.kind == "nettverk"
        await fill(pilot, "party", "Sykehuset Telemark HF")
        await choose(pilot, "activity_type", "Kurs")
        await fill(pilot, "network_name", "Sårnettverket")
        await fill(pilot, "target_group", "Sykepleiere i kommunene")
        await fill(pilot, "held_on", "om 2 uker")
        assert value_of(pilot, "held_on") == (TODAY + timedelta(days=14)).strftime("%d.%m.%Y")
        await fill(pilot, "participants_municipality", "12")
        await choose(pilot, "virtual", "Ja")
        # The save button sits at the very end of the scrolling form.
        save = form.query_one("#form-save")
        save.focus()
        await pilot.pause()

        values = await saved(pilot, repo, "enter", "N-2026-0001")
        assert values["activity_type"] == "kurs"
        assert values["held_on"] == date(2026, 12, 7)
        assert values["participants_municipality"] == 12
        assert values["virtual"] is True
        assert "Sårnettverket 07.12.2026" in header_text(pilot)


# --- editing -------------------------------------------------------------------------------


async def test_edit_saves_only_the_changed_field(
    desk: Desk, repo: Repo, commands: Commands, tmp_path: Any
) -> None:
    created = commands.create_case("hospitering", hospitering_values(contact_phone="97712345"))
    async with editing(desk, tmp_path, created.id) as (pilot, form):
        assert form.case is not None
        assert value_of(pilot, "applicant_name") == "Kari Nordmann"
        assert value_of(pilot, "contact_phone") == "97 71 23 45"
        assert value_of(pilot, "period_from") == "01.02.2027"
        await fill(pilot, "applicant_name", "Kari Bråthen")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(pilot.app.screen, CaseScreen)
        detail = repo.get_case(created.id)
        assert detail is not None
        assert detail.version == 2
        assert detail.values()["applicant_name"] == "Kari Bråthen"
        assert detail.values()["contact_phone"] == "97712345"
        edits = [h for h in repo.history(created.id) if h.action == "edit"]
        assert [(h.field, h.old, h.new) for h in edits] == [
            ("applicant_name", "Kari Nordmann", "Kari Bråthen")
        ]
        assert "Kari Bråthen" in header_text(pilot)
        shown = case_screen(pilot).detail
        assert shown is not None and shown.version == 2  # the case screen reloaded


async def test_edit_without_changes_just_closes(
    desk: Desk, repo: Repo, commands: Commands, tmp_path: Any
) -> None:
    created = commands.create_case("hospitering", hospitering_values())
    async with editing(desk, tmp_path, created.id) as (pilot, _form):
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CaseScreen)
        detail = repo.get_case(created.id)
        assert detail is not None and detail.version == 1


# --- validation where it is typed ------------------------------------------------------


async def test_impossible_date_is_refused_where_typed(desk: Desk, tmp_path: Any) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        await new_form(pilot, "h")
        await fill(pilot, "period_from", "31.02.2026", leave=False)
        assert message(pilot, "period_from") == "«31.02.2026» er ikke en gyldig dato."
        await fill(pilot, "period_to", "17.", leave=False)
        assert "er ikke en dato" in message(pilot, "period_to")
        await fill(pilot, "period_to", "17.5")
        assert message(pilot, "period_to") == "= mandag 17.05.2027"
        form = await refused(pilot, desk, "ctrl+s", "applicant_name")  # the first bad field
        assert message(pilot, "period_from") == "«31.02.2026» er ikke en gyldig dato."
        assert "Saken er ikke lagret" in form.summary


async def test_end_before_start(desk: Desk, tmp_path: Any) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        await new_form(pilot, "h")
        await fill(pilot, "party", "Skien")
        await fill(pilot, "applicant_name", "Kari Nordmann")
        await fill(pilot, "theme_goals", "Ernæring")
        await fill(pilot, "period_from", "10.03.2027")
        await fill(pilot, "period_to", "01.03.2027")
        expected = "«Periode til» (01.03.2027) kan ikke være før «Periode fra» (10.03.2027)."
        assert message(pilot, "period_to") == expected
        form = await refused(pilot, desk, "ctrl+s", "period_to")
        assert message(pilot, "period_to") == expected
        assert expected in form.summary
        # Fix the end: the message goes, the save goes through.
        await fill(pilot, "period_to", "20.03.2027")
        assert message(pilot, "period_to") == "= lørdag 20.03.2027"
        await saved(pilot, Repo(desk), "ctrl+s", "H-2026-0001")
        assert all_refs(desk) == ["H-2026-0001"]


async def test_bad_email_and_phone(desk: Desk, tmp_path: Any) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        await new_form(pilot, "l")
        with step("an e-mail address is checked when the field is left, not while typed"):
            await fill(pilot, "email", "ola@", leave=False)
            assert message(pilot, "email") == ""  # not while typing
            await pilot.press("tab")
            await settle(pilot)
            assert message(pilot, "email") == "«ola@» er ikke en gyldig e-postadresse."
            await fill(pilot, "contact_phone", "9771")
            assert message(pilot, "contact_phone").startswith("Telefonnummeret må ha 8 sifre")

        with step("the save is refused naming both fields, the cursor on the first"):
            await fill(pilot, "doctor_name", "Ola Hansen")
            await choose(pilot, "notice_type", "Forsinkelse")
            form = await refused(pilot, desk, "f2", "contact_phone")
            assert "2 felt må rettes" in form.summary
            assert "«Telefon»" in form.summary and "«E-post»" in form.summary

        with step("fixed while typing, now that the field has shown its problem; saved"):
            await fill(pilot, "contact_phone", "+47 977 12 345", leave=False)
            assert message(pilot, "contact_phone") == ""
            await fill(pilot, "email", "ola@bamble.kommune.no")
            await saved(pilot, Repo(desk), "f2", "L1-2026-0001")
            assert all_refs(desk) == ["L1-2026-0001"]


async def test_missing_required_fields(desk: Desk, tmp_path: Any) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        await new_form(pilot, "n")
        await fill(pilot, "network_name", "Sårnettverket")
        form = await refused(pilot, desk, "ctrl+s", "activity_type")
        assert message(pilot, "activity_type") == "«Type» må fylles ut."
        assert message(pilot, "target_group") == "«Målgruppe» må fylles ut."
        assert message(pilot, "held_on") == "«Dato» må fylles ut."
        assert message(pilot, "network_name") == ""
        assert "3 felt må rettes" in form.summary
        # Labels mark required fields.
        label = form.query_one("#row-target_group .form-label", Static)
        assert str(label.render()) == "Målgruppe *"


async def test_field_required_by_the_status(
    desk: Desk, repo: Repo, commands: Commands, tmp_path: Any
) -> None:
    created = commands.create_case(
        "hospitering",
        hospitering_values(
            agreed_from=date(2027, 2, 1),
            agreed_to=date(2027, 2, 12),
            evaluation_planned_on=date(2027, 3, 1),
        ),
        status="avtalt",
    )
    async with editing(desk, tmp_path, created.id) as (pilot, form):
        label = form.query_one("#row-agreed_from .form-label", Static)
        assert str(label.render()) == "Avtalt fra *"
        await fill(pilot, "agreed_from", "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = form_of(pilot)
        assert message(pilot, "agreed_from") == "«Avtalt fra» må fylles ut når status er «Avtalt»."
        assert pilot.app.focused is form.field_widget("agreed_from")
        detail = repo.get_case(created.id)
        assert detail is not None
        assert detail.version == 1
        assert detail.values()["agreed_from"] == date(2027, 2, 1)


async def test_national_id_is_refused_until_removed(desk: Desk, repo: Repo, tmp_path: Any) -> None:
    fnr = fodselsnummer(date(1985, 3, 14))
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        await new_form(pilot, "h")
        await fill(pilot, "party", "Skien")
        await fill(pilot, "applicant_name", "Kari Nordmann")
        await fill(pilot, "period_from", "1.2")
        await fill(pilot, "period_to", "12.2")
        await fill(pilot, "theme_goals", f"Oppfølging av pasient {fnr} etter utskrivning")
        shown = message(pilot, "theme_goals")
        assert "fødselsnummer" in shown and "Fjern det før du lagrer" in shown
        assert fnr not in shown  # masked
        form = await refused(pilot, desk, "ctrl+s", "theme_goals")
        assert "fødselsnummer" in form.summary
        await fill(pilot, "theme_goals", "Oppfølging av pasienter etter utskrivning")
        assert message(pilot, "theme_goals") == ""
        values = await saved(pilot, repo, "ctrl+s", "H-2026-0001")
        assert values["theme_goals"] == "Oppfølging av pasienter etter utskrivning"


# --- leaving the form --------------------------------------------------------------------


async def esc_asks(pilot: Pilot[Any]) -> None:
    """Esc on a changed form asks before throwing the changes away."""
    await press(pilot, "escape")
    assert isinstance(pilot.app.screen, ConfirmScreen)


async def test_unsaved_changes_guard(desk: Desk, tmp_path: Any) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        await new_form(pilot, "h")
        await type_text(pilot, "Porsgrunn")
        with step("Esc asks; «Avbryt» goes back to the form, nothing lost"):
            await esc_asks(pilot)
            await pilot.click("#no")
            await settle(pilot)
            assert value_of(pilot, "party") == "Porsgrunn"

        with step("Esc in the question also keeps the form"):
            await esc_asks(pilot)
            await press(pilot, "escape")
            assert value_of(pilot, "party") == "Porsgrunn"

        with step("j (yes) throws the changes away"):
            await esc_asks(pilot)
            await press(pilot, "j")
            assert not isinstance(pilot.app.screen, (FormScreen, ConfirmScreen))
        assert all_refs(desk) == []


@pytest.mark.parametrize("kind", [kind for kind, _digit, _letter in KIND_KEYS])
async def test_unchanged_form_closes_without_asking(desk: Desk, tmp_path: Any, kind: str) -> None:
    """Every kind's new form and edit form: Esc with nothing typed closes at once. (A
    yes/no/unknown field read blank before it mounted, so «Signert av søker» counted as
    changed and a hospitering form asked «Forkaste endringene?».)"""
    letter = next(letter for k, _digit, letter in KIND_KEYS if k == kind)
    case = Commands(desk, today=TODAY).create_case(kind, VALUES[kind]())
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        form = await new_form(pilot, letter)
        assert form._raw() == form._initial_raw
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, (FormScreen, ConfirmScreen, NewCaseScreen))
        await open_edit(pilot, case.id)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CaseScreen)


async def test_new_case_menu_esc_cancels(desk: Desk, tmp_path: Any) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(pilot.app.screen, NewCaseScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, (NewCaseScreen, FormScreen))


async def test_stale_save_keeps_what_was_typed(
    desk: Desk, repo: Repo, commands: Commands, tmp_path: Any
) -> None:
    created = commands.create_case("hospitering", hospitering_values())
    async with editing(desk, tmp_path, created.id) as (pilot, _form):
        await fill(pilot, "applicant_name", "Kari Bråthen")
        # "Another window" changes the case meanwhile.
        commands.update_case(created.id, 1, {"applicant_name": "Kari Andersen"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = form_of(pilot)
        # Issue #9: the summary also names the key that reloads and merges.
        from samhandlingsdesk.domain.text.moves import MERGE_HINT

        assert form.summary == STALE + MERGE_HINT.format(reload="F5/Ctrl+R")
        assert "Trykk F5/Ctrl+R for å hente" in form.summary
        assert STALE.startswith("Saken er endret et annet sted")
        assert value_of(pilot, "applicant_name") == "Kari Bråthen"
        assert any(n.message == STALE for n in pilot.app._notifications)
        detail = repo.get_case(created.id)
        assert detail is not None
        assert detail.version == 2
        assert detail.values()["applicant_name"] == "Kari Andersen"


async def test_app_undo_is_held_back_inside_the_form(
    desk: Desk, repo: Repo, commands: Commands, tmp_path: Any
) -> None:
    created = commands.create_case("hospitering", hospitering_values())
    commands.update_case(created.id, 1, {"applicant_name": "Kari Andersen"})
    async with editing(desk, tmp_path, created.id) as (pilot, _form):
        await choose(pilot, "signed", "Ja")  # focus on a Select: `u` is not typed anywhere
        await pilot.press("u", "ctrl+z")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormScreen)
        detail = repo.get_case(created.id)
        assert detail is not None
        assert detail.values()["applicant_name"] == "Kari Andersen"


# --- municipality suggestions ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("karas", "Kárášjohka - Karasjok"),
        ("gjøv", "Gjøvik"),
        ("ivgu", "Lyngen - Ivgu - Yykeä"),
        ("KARASJOHKA", "Kárášjohka - Karasjok"),
        ("innlandet", "Sykehuset Innlandet HF"),
    ],
)
async def test_party_suggestions(desk: Desk, tmp_path: Any, typed: str, expected: str) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        await new_form(pilot, "h")
        party = form_of(pilot).field_widget("party")
        assert isinstance(party, PartyInput)
        await type_text(pilot, typed)
        assert party.completion == expected
        await pilot.press("right")
        await settle(pilot)
        assert party.value == expected


# --- relayouts ---------------------------------------------------------------------------


async def test_typing_that_changes_a_message_does_not_relayout_the_form(
    desk: Desk, tmp_path: Any
) -> None:
    """A keystroke that rewrites the message under a field keeps the form's layout: only
    a message that appears, disappears or changes its number of lines lays out again
    (counted with Textual's own counter of layout requests on the screen)."""
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        app.push_screen(FormScreen("lis1", None))
        await settle(pilot)
        form = form_of(pilot)
        await focus(pilot, "received_on")
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "1")  # the first message appears: one layout is fine
        await settle(pilot)
        assert message(pilot, "received_on")
        note = form.query_one("#m-received_on", Static)
        before = (form._layout_updates, note._layout_updates)
        shown = []
        for key in "2.11.2026":
            await type_text(pilot, key)
            shown.append(message(pilot, "received_on"))
        await settle(pilot)
        assert len(set(shown)) > 2, shown  # the message changed along the way ...
        # ... without a layout of the form or of the message row.
        assert (form._layout_updates, note._layout_updates) == before


def _lit(form: FormScreen, name: str) -> bool:
    """Whether the label of field `name` is lit up (bold, as desk.tcss `-current` draws it)."""
    row = next(n for n in form.field_widget(name).ancestors if n.has_class("form-row"))
    label = row.query_one(".form-label")
    return bool(label.styles.text_style.bold)


async def test_the_label_of_the_field_with_the_cursor_is_lit_and_the_last_one_is_not(
    desk: Desk, tmp_path: Any
) -> None:
    async with run_desk(make_desk_app(desk, tmp_path)) as pilot:
        form = await new_form(pilot, "h")
        first = form.first_empty()
        assert _lit(form, first)
        assert [name for name in form.fields if _lit(form, name)] == [first]
        await pilot.press("tab")
        await settle(pilot)
        now = form._name_of(pilot.app.focused)
        assert now and now != first
        assert _lit(form, now) and not _lit(form, first)


async def test_the_forms_fields_are_compact_one_line_without_a_border(
    desk: Desk, tmp_path: Any
) -> None:
    """`tui/widgets/compact.py` makes them as `compact=True` does, without its restyle."""
    async with run_desk(make_desk_app(desk, tmp_path)) as pilot:
        form = await new_form(pilot, "h")
        for name in ("received_on", "party", "contact_phone", "direction"):
            widget = form.field_widget(name)
            assert widget.compact and widget.has_class("-textual-compact"), name
            assert widget.outer_size.height == 1, name
            assert widget.styles.border_top[0] in ("", "none", "hidden"), name
