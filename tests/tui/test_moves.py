"""Pilot tests of the move dialog (issue #9, the moves half): choose-then-change paths,
what each move shows and stores, refused moves opening at the missing field, timeline
warnings and refusals, snooze of a *kritisk* case.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Select

from samhandlingsdesk.domain import lifecycle
from samhandlingsdesk.domain.text.moves import MOVE_RELOADED
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.store.repo import Repo
from samhandlingsdesk.tui.screens.case import CaseScreen
from samhandlingsdesk.tui.screens.confirm import ConfirmScreen
from samhandlingsdesk.tui.screens.prompt import PromptScreen
from samhandlingsdesk.tui.screens.transition import TransitionChoice, TransitionScreen
from samhandlingsdesk.tui.triage import Target
from tests.conftest import VALUES, hospitering_values, lis1_values, lis3_values, veiledning_values
from tests.tui.helpers import (
    TODAY,
    case_row,
    detail_row,
    make_app,
    notes_of,
    notifications,
    press,
    raw_conn,
    running,
    settle,
    step,
    table_refs,
    type_text,
)


async def _open_case(app: Any, pilot: Any, case_id: str) -> None:
    app.open_case(case_id)
    await settle(app, pilot)
    assert isinstance(app.screen, CaseScreen)


async def _dialog(app: Any, pilot: Any, case_id: str, key: str) -> TransitionScreen:
    """The case opened and its move dialog opened with `key` (`v` or `r`)."""
    await _open_case(app, pilot, case_id)
    await press(app, pilot, key)
    assert isinstance(app.screen, TransitionScreen)
    return app.screen


def _detail_ids(app: Any) -> list[str]:
    return [w.id or "" for w in app.screen.query("#transition-details > *") if w.id]


# --- 1. choose, then change: every dialog -------------------------------------------------


async def test_enter_tab_enter_on_a_reason_dialog_does_not_crash(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    """The reported crash: Enter on «Avvis», Tab, Enter -> DuplicateIds 'reason-options'."""
    v = commands.create_case("veiledning", veiledning_values(), status="vurdert")
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        await _dialog(app, pilot, v.id, "r")
        await press(app, pilot, "enter", "tab", "enter")
        assert isinstance(app.screen, TransitionScreen)
        assert len(app.screen.query("#reason-options")) == 1
        # and on to the other choice: its details replace the first one's
        await press(app, pilot, "shift+tab")
        ol = app.screen.query_one("#transition-options", OptionList)
        ol.focus()
        await press(app, pilot, "down", "enter")
        assert app.screen.chosen is not None and app.screen.chosen.target == "trukket"
        reasons = app.screen.query_one("#reason-options", OptionList)
        ids = [reasons.get_option_at_index(i).id for i in range(reasons.option_count)]
        assert ids == [k for k, _ in lifecycle.WITHDRAW_REASONS]
    assert case_row(desk, v.ref)["status"] == "vurdert"


async def _every_choose_then_change(app: Any, pilot: Any) -> None:
    """In an open move dialog: choose each option, then each other one, quickly (keys
    posted without waiting between the two choices), and check that one set of details
    is shown, for the last choice."""
    screen = app.screen
    assert isinstance(screen, TransitionScreen)
    ol = screen.query_one("#transition-options", OptionList)
    # A move without anything to ask is made at once when chosen: not a path to change.
    asking = [i for i, t in enumerate(screen.options) if screen.has_details(t)]
    for first in asking:
        for second in asking:
            ol.focus()
            ol.highlighted = first
            await pilot.pause()
            ol.action_select()
            ol.focus()
            ol.highlighted = second
            ol.action_select()
            await settle(app, pilot)
            assert app.screen is screen
            assert screen.chosen is not None
            assert screen.chosen.target == ol.get_option_at_index(second).id
            ids = [w.id for w in screen.query("#transition-details *") if w.id]
            assert len(ids) == len(set(ids)), ids


async def test_every_choose_then_change_path_of_every_dialog(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    cases = [
        commands.create_case("veiledning", veiledning_values(), status="vurdert"),
        commands.create_case("hospitering", hospitering_values(), status="hos_egen_leder"),
        commands.create_case("hospitering", hospitering_values(), status="mottatt_vertsenhet"),
        commands.create_case("lis3", lis3_values(), status="bekreftelse_bedt"),
    ]
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        for c in cases:
            await _open_case(app, pilot, c.id)
            for key in ("v", "r"):
                await press(app, pilot, key)
                if isinstance(app.screen, TransitionScreen):
                    if len(app.screen.query("#transition-options")):
                        await _every_choose_then_change(app, pilot)
                    await press(app, pilot, "escape")
                assert isinstance(app.screen, CaseScreen)
            await press(app, pilot, "escape")
        assert not [n for n in notifications(app) if "gikk galt" in n]


# --- 2. every move shows what it records, and stores exactly that ---------------------------

# Values typed where a move asks for something the case does not have yet.
TYPED = {
    "own_leader_comment": "Ikke rom i turnus",
    "host_leader_comment": "Fullt denne våren",
    "evaluation_planned_on": "12.2.2027",
    "agreement": "To møter med sårsykepleier",
    "notice_type": "forsinkelse",
    "other_party_informed_on": "i dag",
    "hospital_notified_on": "i går",
    "statsforvalter_notified_on": "i dag",
    "offered_from": "1.9.2027",
}

PATHS: dict[str, list[str]] = {
    "hospitering": [
        "hos_egen_leder",
        "godkjent_egen_leder",
        "sendt_vertsenhet",
        "mottatt_vertsenhet",
        "godkjent_vertsenhet",
        "tilbakemeldt",
        "avtalt",
        "pagar",
        "gjennomfort",
        "evaluert",
    ],
    "veiledning": ["vurdert", "avtalt", "levert", "lukket"],
    "lis1": ["varsles", "varslet", "avsluttet"],
    "lis3": [
        "i_ko",
        "bekreftelse_bedt",
        "bekreftet",
        "tilbudt",
        "sokt_vikariat",
        "pagar",
        "fullfort",
    ],
    "nettverk": ["kunngjort", "gjennomfort"],
}


def _set(widget: Any, value: str) -> None:
    """Put `value` in a dialog field (an Input's text, or a Select's choice)."""
    widget.value = value


async def _move_and_compare(app: Any, pilot: Any, desk: Desk, case_id: str, target: str) -> None:
    await press(app, pilot, "v")
    screen = app.screen
    if not isinstance(screen, TransitionScreen):
        # Nothing to show: made at once, and it wrote the status only.
        detail = Repo(desk).get_case(case_id)
        assert detail is not None and detail.status == target
        return
    if len(screen.query("#transition-options")):
        ol = screen.query_one("#transition-options", OptionList)
        ids = [ol.get_option_at_index(i).id for i in range(ol.option_count)]
        ol.focus()
        ol.highlighted = ids.index(target)
        await press(app, pilot, "enter")
        if app.screen is not screen:  # a choice that records nothing is made at once
            detail = Repo(desk).get_case(case_id)
            assert detail is not None and detail.status == target
            return
    assert screen.chosen is not None and screen.chosen.target == target
    for f in screen.fields:
        if f.fixed:
            assert len(screen.query(f"#fixed-{f.name}")) == 1
            continue
        w = screen.query_one(f"#field-{f.name}")
        if f.required and screen._is_empty(w):
            _set(w, TYPED[f.name])
    await pilot.pause()
    shown = screen.typed()
    fixed = {f.name: f.value for f in screen.fields if f.fixed}
    await press(app, pilot, "f2")
    if app.screen is screen:  # a warning: shown, and a second F2 saves anyway
        assert "Advarsel: " in str(screen.query_one("#transition-error").render())
        await press(app, pilot, "f2")
    assert app.screen is not screen
    detail = Repo(desk).get_case(case_id)
    assert detail is not None and detail.status == target
    stored = detail.values()
    for name, value in {**shown, **fixed}.items():
        assert stored[name] == value, (target, name)


@pytest.mark.parametrize("kind", list(PATHS))
async def test_each_move_of_each_kind_stores_what_its_dialog_showed(
    desk: Desk, tmp_path: Path, commands: Commands, kind: str
) -> None:
    extra = {"desired_host_unit": "Medisinsk avdeling"} if kind == "hospitering" else {}
    made = commands.create_case(kind, VALUES[kind](**extra))
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        await _open_case(app, pilot, made.id)
        for target in PATHS[kind]:
            with step(f"{kind}: til «{target}»"):
                await _move_and_compare(app, pilot, desk, made.id, target)
        await press(app, pilot, "escape")
        assert not [n for n in notifications(app) if "gikk galt" in n]
    assert case_row(desk, made.ref)["status"] == PATHS[kind][-1]
    if kind == "hospitering":
        d = detail_row(desk, made.ref)
        assert (d["host_unit"], d["host_contact"]) == ("Medisinsk avdeling", None)
        assert (d["agreed_from"], d["evaluation_done_on"]) == ("2027-02-01", TODAY.isoformat())
        assert d["agreed_to"] == TODAY.isoformat()  # ended before the agreed end
    if kind == "lis3":
        assert detail_row(desk, made.ref)["offered_from"] == "2027-09-01"  # the desired


async def test_a_decision_made_on_friday_is_recorded_on_friday(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    h = commands.create_case("hospitering", hospitering_values(), status="hos_egen_leder")
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        await _dialog(app, pilot, h.id, "v")
        assert "Egen leders vedtak: Innvilget" in str(
            app.screen.query_one("#fixed-own_leader_decision").render()
        )
        field = app.screen.query_one("#field-own_leader_on", Input)
        assert app.focused is field and field.value == "23.11.2026"
        field.value = ""
        await type_text(app, pilot, "fredag")
        # echoed as the form does
        assert "= fredag 20.11.2026" in str(app.screen.query_one("#m-own_leader_on").render())
        await press(app, pilot, "f2")
        assert isinstance(app.screen, CaseScreen)
    d = detail_row(desk, h.ref)
    assert (d["own_leader_decision"], d["own_leader_on"]) == ("innvilget", "2026-11-20")


async def test_a_date_in_the_future_is_refused_at_its_field(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    h = commands.create_case("hospitering", hospitering_values(), status="godkjent_egen_leder")
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        await _open_case(app, pilot, h.id)
        await press(app, pilot, "v")
        screen = app.screen
        assert isinstance(screen, TransitionScreen)
        screen.query_one("#field-sent_on", Input).value = "i morgen"
        screen.query_one("#field-host_unit", Input).focus()
        await press(app, pilot, "f2")
        assert app.screen is screen
        message = str(screen.query_one("#m-sent_on").render())
        assert message == (
            "«Sendt mottaker» (24.11.2026) kan ikke være etter i dag (23.11.2026): "
            "det har ikke skjedd ennå."
        )
        assert app.focused is screen.query_one("#field-sent_on")
        await press(app, pilot, "f2")  # a refusal is not confirmed away
        assert app.screen is screen
    assert case_row(desk, h.ref)["status"] == "godkjent_egen_leder"


async def test_bulk_move_asks_once_and_names_the_cases_that_differ(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    a = commands.create_case("hospitering", hospitering_values(), status="tilbakemeldt")
    b = commands.create_case(
        "hospitering",
        hospitering_values(applicant_name="Berit Berg", period_to=date(2027, 2, 19)),
        status="tilbakemeldt",
    )
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        await press(app, pilot, "2", "space", "space", "v")
        screen = app.screen
        assert isinstance(screen, TransitionScreen)
        assert screen.query_one("#field-agreed_from", Input).value == "01.02.2027"
        assert screen.query_one("#field-agreed_to", Input).value == ""
        hint = str(screen.query_one("#hint-agreed_to").render())
        assert f"{a.ref} 12.02.2027" in hint and f"{b.ref} 19.02.2027" in hint
        screen.query_one("#field-evaluation_planned_on", Input).value = "1.3.2027"
        await press(app, pilot, "f2")
        assert app.screen is not screen
    da, db = detail_row(desk, a.ref), detail_row(desk, b.ref)
    assert (da["agreed_to"], db["agreed_to"]) == ("2027-02-12", "2027-02-19")
    assert (da["evaluation_planned_on"], db["evaluation_planned_on"]) == ("2027-03-01",) * 2
    assert {case_row(desk, r)["status"] for r in (a.ref, b.ref)} == {"avtalt"}


# --- 4. snooze respects urgency -----------------------------------------------------------


async def test_snoozing_a_kritisk_case_asks_naming_the_rule(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    lis1 = commands.create_case("lis1", lis1_values())
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        await _open_case(app, pilot, lis1.id)
        await press(app, pilot, "s")
        assert isinstance(app.screen, PromptScreen)
        await type_text(app, pilot, "fredag")
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert "«Den andre parten er ikke informert om forsinkelsen»" in app.screen.detail
        assert "23.11.2026" in app.screen.detail
        assert case_row(desk, lis1.ref)["snoozed_until"] is None
        await press(app, pilot, "escape")
        assert case_row(desk, lis1.ref)["snoozed_until"] is None
        await press(app, pilot, "s")
        await type_text(app, pilot, "fredag")
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "j")
        assert f"{lis1.ref} er utsatt til 27.11.2026" in notifications(app)
    assert case_row(desk, lis1.ref)["snoozed_until"] == "2026-11-27"


async def test_bulk_snooze_says_which_cases_it_left_alone(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    lis1 = commands.create_case("lis1", lis1_values())
    lis3 = commands.create_case("lis3", lis3_values())  # due next March: not kritisk now
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        await press(app, pilot, "4", "space", "space", "s")
        await type_text(app, pilot, "fredag")
        await press(app, pilot, "enter")
        shown = notifications(app)
        assert f"{lis3.ref} er utsatt til 27.11.2026" in shown
        assert f"Ikke utsatt (kritisk): {lis1.ref}." in shown
    assert case_row(desk, lis1.ref)["snoozed_until"] is None
    assert case_row(desk, lis3.ref)["snoozed_until"] == "2026-11-27"


# --- 5. undo that is safe and visible ------------------------------------------------------


async def test_window_a_undo_leaves_window_b_case_note_and_history(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    """Two App instances on one desk: A moves a case; B registers a case with a note; A's
    undo takes back A's move only, never B's case, note or history."""
    a_case = commands.create_case("hospitering", hospitering_values())
    app_a = make_app(desk, tmp_path / "a")
    app_b = make_app(desk, tmp_path / "b")
    # A: mottatt -> hos egen leder (made at once)
    async with running(app_a, "v", notifications=True) as pa:
        assert case_row(desk, a_case.ref)["status"] == "hos_egen_leder"
        async with running(app_b, notifications=True):
            b_case = app_b.commands.create_case(
                "veiledning", veiledning_values(topic="Sårbehandling i hjemmet")
            )
            app_b.commands.add_note(b_case.id, "Ringt tilbake")
        with step("A's undo takes back A's move"):
            await press(app_a, pa, "u")
            assert case_row(desk, a_case.ref)["status"] == "mottatt"
            undone = f"Angret: {a_case.ref}: status Hos egen leder → Mottatt (Gjør om: Ctrl+Y)"
            assert undone in notifications(app_a)

        with step("B's case, note and history are all there, visible"):
            row = case_row(desk, b_case.ref)
            assert row["deleted_at"] is None
            assert notes_of(desk, b_case.ref) == ["Ringt tilbake"]
            with raw_conn(desk) as conn:
                undone_events = conn.execute(
                    "SELECT count(*) FROM event WHERE case_id = ? AND undone_by IS NOT NULL",
                    (b_case.id,),
                ).fetchone()[0]
            assert undone_events == 0

        with step("A has nothing more of its own: the next undo names B's change and asks"):
            await press(app_a, pa, "u")
            assert isinstance(app_a.screen, ConfirmScreen)
            assert "i et annet vindu" in app_a.screen.detail
            assert b_case.ref in app_a.screen.detail
            await press(app_a, pa, "escape")
    assert notes_of(desk, b_case.ref) == ["Ringt tilbake"]
    assert case_row(desk, b_case.ref)["deleted_at"] is None


async def test_undo_never_reverts_a_value_changed_since(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    h = commands.create_case("hospitering", hospitering_values())
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        app.commands.update_case(h.id, 1, {"contact_name": "Kari", "archive_ref": "2026/1"})
        # another window changes the contact after that
        Commands(desk, today=TODAY).update_case(h.id, 2, {"contact_name": "Per"})
        await press(app, pilot, "u")
        assert isinstance(app.screen, ConfirmScreen)
        assert "«Kontaktperson» er endret senere" in app.screen.detail
        await press(app, pilot, "j")
    row = case_row(desk, h.ref)
    assert (row["contact_name"], row["archive_ref"]) == ("Per", None)


async def test_undo_and_redo_of_a_creation(desk: Desk, tmp_path: Path, commands: Commands) -> None:
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        created = app.commands.create_case("lis1", lis1_values())
        app.commands.add_note(created.id, "Avtalt å ringe")
        app.refresh_cases()
        await settle(app, pilot)
        assert created.ref in table_refs(app)
        await press(app, pilot, "u")  # the note
        await press(app, pilot, "u")  # the creation: hidden
        assert created.ref not in table_refs(app)
        repo = Repo(desk)
        assert repo.get_case(created.id) is None
        assert repo.search(created.ref) == []
        assert repo.counts(TODAY)["inbox"] == 0
        assert case_row(desk, created.ref)["deleted_at"] is not None  # kept
        await press(app, pilot, "ctrl+y")  # back
        assert created.ref in table_refs(app)
        assert repo.get_case(created.id) is not None
        await press(app, pilot, "ctrl+y")  # and its note
        assert notes_of(desk, created.ref) == ["Avtalt å ringe"]
        await press(app, pilot, "ctrl+y")
        assert notifications(app)[-1] == "Det er ingenting å gjøre om."


async def test_a_move_the_store_refuses_reopens_the_dialog_with_what_was_typed(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    h = commands.create_case("hospitering", hospitering_values(), status="tilbakemeldt")
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        await _open_case(app, pilot, h.id)
        commands.update_case(h.id, 1, {"contact_name": "Per"})  # another window
        await press(app, pilot, "v")
        screen = app.screen
        assert isinstance(screen, TransitionScreen)
        screen.query_one("#field-evaluation_planned_on", Input).value = "1.3.2027"
        await press(app, pilot, "f2")
        again = app.screen
        assert isinstance(again, TransitionScreen) and again is not screen
        shown = str(again.query_one("#transition-error").render())
        assert shown == MOVE_RELOADED.format(save="F2/Ctrl+S")
        assert shown.endswith("Se over og lagre (F2/Ctrl+S).")
        assert again.query_one("#field-evaluation_planned_on", Input).value == "01.03.2027"
        assert case_row(desk, h.ref)["status"] == "tilbakemeldt"
        await press(app, pilot, "f2")  # onto the newer version
        assert isinstance(app.screen, CaseScreen)
    row = case_row(desk, h.ref)
    assert (row["status"], row["contact_name"]) == ("avtalt", "Per")
    assert detail_row(desk, h.ref)["evaluation_planned_on"] == "2027-03-01"


async def test_a_reopened_dialog_restores_choices_and_text(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    h = commands.create_case(
        "hospitering",
        hospitering_values(
            agreed_from=date(2026, 11, 2),
            agreed_to=date(2026, 11, 13),
            evaluation_planned_on=date(2026, 11, 20),
        ),
        status="gjennomfort",
    )
    t = lifecycle.find_transition("hospitering", "gjennomfort", "evaluert")
    assert t is not None
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        detail = Repo(desk).get_case(h.id)
        assert detail is not None
        target = Target(h.id, h.ref, "hospitering", "gjennomfort", 1, detail.values())
        preset = TransitionChoice(
            t,
            None,
            {
                "evaluation_done_on": date(2026, 11, 20),
                "evaluation_form": "digital",
                "evaluation_notes": "Nyttig",
            },
        )
        app.push_screen(
            TransitionScreen([target], [t], detail.values(), TODAY, preset=preset, error="Nei.")
        )
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, TransitionScreen)
        assert screen.query_one("#field-evaluation_form", Select).value == "digital"
        assert screen.query_one("#field-evaluation_notes", Input).value == "Nyttig"
        assert screen.query_one("#field-evaluation_done_on", Input).value == "20.11.2026"
        assert screen.typed() == preset.changes
