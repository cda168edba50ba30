"""Writes: refs, titles, derived columns, events, versions, undo, bulk, snooze, convert."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.domain.text.common import NOTE_EMPTY, TAG_EMPTY
from samhandlingsdesk.domain.text.moves import NOTHING_TO_UNDO, STALE
from samhandlingsdesk.store.commands import (
    CommandError,
    Commands,
    Created,
    StaleError,
)
from samhandlingsdesk.store.db import Desk, StaleVersionError
from samhandlingsdesk.store.repo import ListFilter, Repo
from tests.conftest import TODAY, VALUES

NATIONAL_ID = "130972 48022"
ID_MESSAGE = (
    "Teksten ser ut til å inneholde et fødselsnummer (130972 *****). Fjern det før du "
    "lagrer: pasient- og personnummer skal aldri lagres her."
)

Make = Callable[..., Created]


def case_row(raw: sqlite3.Connection, case_id: str) -> dict[str, Any]:
    r = raw.execute('SELECT * FROM "case" WHERE id = ?', (case_id,)).fetchone()
    return dict(r) if r else {}


def detail_row(raw: sqlite3.Connection, kind: str, case_id: str) -> dict[str, Any]:
    r = raw.execute(f"SELECT * FROM {kind} WHERE case_id = ?", (case_id,)).fetchone()
    return dict(r) if r else {}


def events(raw: sqlite3.Connection, case_id: str) -> list[tuple]:
    return [
        tuple(r)
        for r in raw.execute(
            "SELECT action, field, old, new, undone_by IS NOT NULL FROM event "
            "WHERE case_id = ? ORDER BY id",
            (case_id,),
        )
    ]


def counts(raw: sqlite3.Connection) -> tuple[int, int, int]:
    return tuple(
        raw.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in ("case", "event", "note")
    )  # type: ignore[return-value]


# --- create -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "letter"),
    [("hospitering", "H"), ("veiledning", "V"), ("lis1", "L1"), ("lis3", "L3"), ("nettverk", "N")],
)
def test_ref_per_kind_per_year(desk: Desk, kind: str, letter: str) -> None:
    # Registered on 4 January 2027: a case received then (a receipt in the future is
    # refused, DOMAIN.md «Timelines») and one received in late December.
    commands = Commands(desk, today=date(2027, 1, 4))

    def make_case(kind: str, **over: Any) -> Created:
        return commands.create_case(kind, VALUES[kind](**over))

    assert make_case(kind).ref == f"{letter}-2026-0001"
    assert make_case(kind).ref == f"{letter}-2026-0002"
    assert make_case(kind, received_on=date(2027, 1, 4)).ref == f"{letter}-2027-0001"
    assert make_case(kind, received_on=date(2026, 12, 30)).ref == f"{letter}-2026-0003"


def test_sequences_are_separate_per_kind(make_case: Make) -> None:
    refs = [make_case(k).ref for k in ("lis1", "lis3", "lis1", "hospitering", "lis3")]
    assert refs == ["L1-2026-0001", "L3-2026-0001", "L1-2026-0002", "H-2026-0001", "L3-2026-0002"]


def test_ref_grows_past_four_digits(make_case: Make, raw: sqlite3.Connection) -> None:
    c = make_case("lis1")
    raw.execute('UPDATE "case" SET ref_seq = 9999 WHERE id = ?', (c.id,))
    raw.commit()
    assert make_case("lis1").ref == "L1-2026-10000"


def test_create_stores_the_values(make_case: Make, raw: sqlite3.Connection) -> None:
    c = make_case(
        "hospitering",
        contact_phone="+47 977 12 345",
        home_address="Storgata 1, 3717 Skien",
        applicant_name="  Kari Nordmann  ",
        signed=True,
    )
    row = case_row(raw, c.id)
    assert row["kind"] == "hospitering" and row["queue"] == "hospitering"
    assert row["status"] == "mottatt" and row["version"] == 1
    assert row["contact_phone"] == "97712345"
    assert row["received_on"] == "2026-11-20"
    d = detail_row(raw, "hospitering", c.id)
    assert d["applicant_name"] == "Kari Nordmann"
    assert d["home_address"] == "Storgata 1, 3717 Skien"
    assert d["signed"] == 1
    assert events(raw, c.id) == [("create", None, None, c.ref, 0)]


def test_received_on_defaults_to_today(commands: Commands, raw: sqlite3.Connection) -> None:
    values = VALUES["lis1"]()
    del values["received_on"]
    c = commands.create_case("lis1", values)
    assert case_row(raw, c.id)["received_on"] == TODAY.isoformat()


@pytest.mark.parametrize(
    ("kind", "over", "title"),
    [
        ("hospitering", {}, "Kari Nordmann"),
        ("veiledning", {}, "Porsgrunn: Opplæring i bruk av smertepumpe for"),
        ("veiledning", {"party": None, "topic": "Sårstell"}, "Sårstell"),
        ("lis1", {}, "Ola Hansen"),
        ("lis3", {}, "Per Olsen"),
        ("nettverk", {}, "Sårnettverket 10.03.2027"),
    ],
)
def test_title_per_kind(
    make_case: Make, raw: sqlite3.Connection, kind: str, over: dict, title: str
) -> None:
    c = make_case(kind, **over)
    assert case_row(raw, c.id)["title"] == title


def test_title_follows_edits(commands: Commands, make_case: Make, raw: sqlite3.Connection) -> None:
    c = make_case("nettverk")
    commands.update_case(c.id, 1, {"held_on": date(2027, 4, 1), "network_name": "Demensnettet"})
    assert case_row(raw, c.id)["title"] == "Demensnettet 01.04.2027"


@pytest.mark.parametrize(
    ("kind", "due_on", "reason", "move"),
    [
        ("hospitering", None, None, "ours"),
        ("veiledning", "2026-11-25", "Henvendelsen er ikke vurdert", "ours"),
        ("lis1", "2026-11-23", "Den andre parten er ikke informert om forsinkelsen", "ours"),
        (
            "lis3",
            "2027-03-01",
            "Bekreftelse fra kommunen må etterspørres senest 01.03.2027",
            "ours",
        ),
        ("nettverk", "2027-02-24", "Aktiviteten er ikke kunngjort til den andre parten", "ours"),
    ],
)
def test_derived_columns_on_create(
    make_case: Make, raw: sqlite3.Connection, kind: str, due_on, reason, move
) -> None:
    row = case_row(raw, make_case(kind).id)
    assert (row["due_on"], row["due_reason"], row["whose_move"], row["is_open"]) == (
        due_on,
        reason,
        move,
        1,
    )


def test_derived_columns_after_each_write(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    c = make_case("lis1", notice_type="frafall_for", event_on=date(2026, 11, 20))
    row = case_row(raw, c.id)
    assert (row["due_on"], row["due_reason"]) == ("2026-11-23", "Statsforvalteren er ikke varslet")
    v = commands.update_case(c.id, 1, {"statsforvalter_notified_on": date(2026, 11, 23)})
    row = case_row(raw, c.id)
    assert (row["due_on"], row["due_reason"]) == ("2026-11-23", "Sykehuset er ikke varslet")
    v = commands.transition(c.id, v, "varsles")
    v = commands.update_case(c.id, v, {"hospital_notified_on": date(2026, 11, 23)})
    row = case_row(raw, c.id)
    assert (row["due_on"], row["due_reason"], row["whose_move"]) == (None, None, "ours")
    v = commands.transition(c.id, v, "varslet")
    row = case_row(raw, c.id)
    assert (row["status"], row["whose_move"], row["is_open"]) == ("varslet", "theirs", 1)
    v = commands.transition(c.id, v, "avsluttet")
    row = case_row(raw, c.id)
    assert (row["whose_move"], row["is_open"], row["version"]) == ("done", 0, 6)


# --- events and versions ------------------------------------------------------------------


def test_edit_writes_one_event_per_field_and_bumps_version(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    c = make_case("lis3")
    before = case_row(raw, c.id)
    v = commands.update_case(
        c.id, 1, {"specialty": "Allmennmedisin", "party": "Bø", "desired_from": date(2027, 10, 1)}
    )
    assert v == 2
    after = case_row(raw, c.id)
    assert after["version"] == 2
    assert after["updated_at"] > before["updated_at"]
    assert after["due_on"] == "2027-04-01"
    assert sorted(events(raw, c.id)[1:]) == [
        ("edit", "desired_from", "2027-09-01", "2027-10-01", 0),
        ("edit", "party", "Notodden", "Bø", 0),
        ("edit", "specialty", None, "Allmennmedisin", 0),
    ]
    # An edit that changes nothing writes nothing.
    assert commands.update_case(c.id, 2, {"party": "Bø"}) == 2
    assert len(events(raw, c.id)) == 4


def test_transition_events_and_fills(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    c = make_case("hospitering")
    v = commands.transition(c.id, 1, "hos_egen_leder")
    v = commands.transition(
        c.id, v, "avslatt_egen_leder", changes={"own_leader_comment": "Ikke plass i høst"}
    )
    assert v == 3
    assert events(raw, c.id)[-4:] == [
        ("transition", "own_leader_comment", None, "Ikke plass i høst", 0),
        ("transition", "own_leader_on", None, TODAY.isoformat(), 0),
        ("transition", "own_leader_decision", None, "ikke_innvilget", 0),
        ("transition", "status", "hos_egen_leder", "avslatt_egen_leder", 0),
    ]


def test_refused_transition_writes_nothing(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    c = make_case("hospitering", status="tilbakemeldt")
    before = (case_row(raw, c.id), counts(raw))
    with pytest.raises(CommandError) as e:
        commands.transition(c.id, 1, "avtalt", changes={"agreed_from": date(2027, 2, 1)})
    assert str(e.value) == "«Avtalt» krever «Avtalt til» og «Evaluering planlagt»."
    assert (case_row(raw, c.id), counts(raw)) == before
    assert detail_row(raw, "hospitering", c.id)["agreed_from"] is None


def test_transition_refuses_what_an_edit_refuses(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    """A move validates the values it writes as an edit does (#8: it stored both)."""
    c = make_case("hospitering", status="tilbakemeldt")
    before = (case_row(raw, c.id), counts(raw))
    with pytest.raises(CommandError) as e:
        commands.transition(
            c.id,
            1,
            "avtalt",
            changes={
                "agreed_from": date(2027, 2, 10),
                "agreed_to": date(2027, 2, 1),
                "evaluation_planned_on": date(2027, 3, 1),
            },
        )
    assert set(e.value.fields) == {"agreed_to"}
    assert [p.code for p in e.value.problems] == ["end_before_start"]
    assert (case_row(raw, c.id), counts(raw)) == before
    lis = make_case("lis1")
    before = (case_row(raw, lis.id), counts(raw))
    with pytest.raises(CommandError) as e:
        commands.transition(lis.id, 1, "varsles", changes={"notice_type": "hva som helst"})
    assert set(e.value.fields) == {"notice_type"}
    assert (case_row(raw, lis.id), counts(raw)) == before
    commands.transition(lis.id, 1, "varsles", changes={"notice_type": "forsinkelse"})
    assert case_row(raw, lis.id)["status"] == "varsles"


def test_old_stored_data_never_blocks_an_edit_of_another_field(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    c = make_case("lis1")
    raw.execute("UPDATE lis1 SET notice_type = 'hva som helst' WHERE case_id = ?", (c.id,))
    raw.commit()
    assert commands.update_case(c.id, 1, {"party": "Bø"}) == 2
    with pytest.raises(CommandError) as e:
        commands.update_case(c.id, 2, {"notice_type": "noe annet"})
    assert set(e.value.fields) == {"notice_type"}


def test_closing_transition_stores_the_reason_key(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    """The key is stored (and in the event undo writes back); the label is shown."""
    c = make_case("veiledning", status="vurdert")
    with pytest.raises(CommandError) as e:
        commands.transition(c.id, 1, "avvist", reason="Har ikke kapasitet")
    assert "Veiledningsplikten er absolutt" in str(e.value)
    commands.transition(c.id, 1, "avvist", reason="ikke_helse")
    row = case_row(raw, c.id)
    assert (row["status"], row["reason"], row["is_open"]) == ("avvist", "ikke_helse", 0)
    event = raw.execute(
        "SELECT old, new FROM event WHERE case_id = ? AND field = 'reason'", (c.id,)
    ).fetchone()
    assert tuple(event) == (None, "ikke_helse")
    shown = [h for h in Repo(commands.desk).history(c.id) if h.field == "reason"]
    assert [h.new for h in shown] == ["Gjelder ikke helsemessige forhold"]


def test_stale_version_is_refused_and_nothing_written(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    c = make_case("lis1")
    commands.update_case(c.id, 1, {"party": "Skien"})
    before = (case_row(raw, c.id), counts(raw))
    for write in (
        lambda: commands.update_case(c.id, 1, {"party": "Bø"}),
        lambda: commands.transition(c.id, 1, "varsles"),
        lambda: commands.convert_to_veiledning(make_case("hospitering").id, 7),
    ):
        with pytest.raises(StaleError) as e:
            write()
        assert str(e.value) == STALE
        assert isinstance(e.value, StaleVersionError)
    assert case_row(raw, c.id) == before[0]
    assert counts(raw)[1:] == (before[1][1] + 1, 0)  # only the extra hospitering's create


def test_unknown_field_and_missing_case(commands: Commands, make_case: Make) -> None:
    c = make_case("lis1")
    with pytest.raises(CommandError) as e:
        commands.update_case(c.id, 1, {"applicant_name": "x"})
    assert str(e.value) == "Ukjent felt «applicant_name» for LIS1."
    with pytest.raises(CommandError) as e:
        commands.update_case("finnes-ikke", 1, {"party": "x"})
    assert str(e.value) == "Finner ikke saken."


def test_invalid_values_are_refused(commands: Commands, raw: sqlite3.Connection) -> None:
    with pytest.raises(CommandError) as e:
        commands.create_case("lis1", VALUES["lis1"](email="ikke-epost", doctor_name=""))
    assert e.value.fields == {
        "email": "«ikke-epost» er ikke en gyldig e-postadresse.",
        "doctor_name": "«Lege» må fylles ut.",
    }
    assert counts(raw) == (0, 0, 0)


# --- national ID numbers --------------------------------------------------------------------


def test_national_id_in_a_note_is_refused(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    c = make_case("veiledning")
    before = counts(raw)
    with pytest.raises(CommandError) as e:
        commands.add_note(c.id, f"Pasienten har fnr {NATIONAL_ID}")
    assert str(e.value) == ID_MESSAGE
    assert e.value.fields == {"note": ID_MESSAGE}
    assert counts(raw) == before


def test_national_id_in_a_text_field_is_refused(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    with pytest.raises(CommandError) as e:
        make_case("veiledning", topic=f"Gjelder {NATIONAL_ID}")
    assert str(e.value) == ID_MESSAGE and e.value.fields == {"topic": ID_MESSAGE}
    assert counts(raw) == (0, 0, 0)
    c = make_case("veiledning")
    before = (case_row(raw, c.id), counts(raw))
    with pytest.raises(CommandError) as e:
        commands.update_case(c.id, 1, {"agreement": f"Ring om {NATIONAL_ID}"})
    assert e.value.fields == {"agreement": ID_MESSAGE}
    with pytest.raises(CommandError) as e:
        commands.transition(c.id, 1, "vurdert", changes={"grouping_key": NATIONAL_ID})
    assert str(e.value) == ID_MESSAGE
    with pytest.raises(CommandError) as e:
        commands.add_tag([c.id], NATIONAL_ID)
    assert str(e.value) == ID_MESSAGE
    assert (case_row(raw, c.id), counts(raw)) == before


def test_blank_tag_and_note_are_refused(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    c = make_case("veiledning")
    before = (case_row(raw, c.id), counts(raw))
    with pytest.raises(CommandError) as e:
        commands.add_tag([c.id], "  ")
    assert str(e.value) == TAG_EMPTY
    with pytest.raises(CommandError) as e:
        commands.add_note(c.id, " \n ")
    assert str(e.value) == NOTE_EMPTY and e.value.fields == {}
    # A note's refusal is shown at the note; a tag has no field of its own.
    with pytest.raises(CommandError) as e:
        commands.add_note(c.id, f"Ring {NATIONAL_ID}")
    assert e.value.fields == {"note": ID_MESSAGE}
    with pytest.raises(CommandError) as e:
        commands.add_tag([c.id], NATIONAL_ID)
    assert e.value.fields == {}
    assert (case_row(raw, c.id), counts(raw)) == before


# --- undo -------------------------------------------------------------------------------


def test_undo_once_and_twice(commands: Commands, make_case: Make, raw: sqlite3.Connection) -> None:
    c = make_case("lis3")
    commands.update_case(c.id, 1, {"party": "Bø"})
    commands.update_case(c.id, 2, {"specialty": "Samfunnsmedisin", "party": "Seljord"})
    r = commands.undo_last()
    assert r.case_ids == (c.id,)
    row = case_row(raw, c.id)
    assert row["party"] == "Bø" and detail_row(raw, "lis3", c.id)["specialty"] is None
    assert row["version"] == 4
    r = commands.undo_last()
    assert case_row(raw, c.id)["party"] == "Notodden"
    r = commands.undo_last()  # the create: hidden, kept for redo (issue #9)
    assert r.description == "L3-2026-0001: saken er skjult (den kan hentes tilbake)"
    assert case_row(raw, c.id)["deleted_at"] is not None
    assert Repo(commands.desk).get_case(c.id) is None
    with pytest.raises(CommandError) as e:
        commands.undo_last()
    assert str(e.value) == NOTHING_TO_UNDO


def test_undo_marks_the_events_and_logs_itself(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    c = make_case("veiledning")
    commands.transition(c.id, 1, "vurdert")
    r = commands.undo_last()
    assert r.description == "V-2026-0001: status Vurdert → Mottatt"
    evs = events(raw, c.id)
    assert ("transition", "status", "mottatt", "vurdert", 1) in evs
    assert evs[-1][:4] == ("undo", "status", "vurdert", "mottatt")
    row = case_row(raw, c.id)
    assert (row["status"], row["due_on"]) == ("mottatt", "2026-11-25")


def test_undo_of_a_transition_restores_fills_and_reason(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    c = make_case("nettverk")
    commands.transition(c.id, 1, "avlyst", reason="for_fa_deltakere")
    assert case_row(raw, c.id)["reason"] == "for_fa_deltakere"
    commands.undo_last()
    row = case_row(raw, c.id)
    assert (row["status"], row["reason"], row["is_open"]) == ("planlagt", None, 1)
    c2 = make_case("nettverk")
    commands.transition(c2.id, 1, "kunngjort")
    assert detail_row(raw, "nettverk", c2.id)["announced_on"] == TODAY.isoformat()
    commands.undo_last()
    assert detail_row(raw, "nettverk", c2.id)["announced_on"] is None
    assert case_row(raw, c2.id)["due_on"] == "2027-02-24"


def test_undo_of_a_note(commands: Commands, make_case: Make, raw: sqlite3.Connection) -> None:
    c = make_case("lis1")
    commands.add_note(c.id, "Første")
    commands.add_note(c.id, "Andre")
    r = commands.undo_last()
    assert r.description == "L1-2026-0001: notatet er slettet"
    assert [n[0] for n in raw.execute("SELECT text FROM note")] == ["Første"]
    assert case_row(raw, c.id)  # the case is still there


def _three(make_case: Make) -> list[Created]:
    return [make_case("veiledning", topic=f"Tema {i}") for i in range(3)]


def test_undo_of_a_bulk_transition(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    cases = _three(make_case)
    res = commands.bulk_transition([c.id for c in cases], "vurdert")
    assert res.done == ("V-2026-0001", "V-2026-0002", "V-2026-0003") and res.refused == {}
    assert {case_row(raw, c.id)["status"] for c in cases} == {"vurdert"}
    batches = {r[0] for r in raw.execute("SELECT batch_id FROM event WHERE action='transition'")}
    assert len(batches) == 1
    r = commands.undo_last()
    assert set(r.case_ids) == {c.id for c in cases}
    assert {case_row(raw, c.id)["status"] for c in cases} == {"mottatt"}


def test_bulk_transition_is_all_or_nothing(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    cases = _three(make_case)
    commands.transition(cases[1].id, 1, "vurdert")
    before = ([case_row(raw, c.id) for c in cases], counts(raw))
    res = commands.bulk_transition([c.id for c in cases], "vurdert")
    assert res.done == ()
    assert res.refused == {"V-2026-0002": "Fra «Vurdert» kan saken ikke gå til «Vurdert»."}
    assert ([case_row(raw, c.id) for c in cases], counts(raw)) == before


def test_undo_of_bulk_snooze_and_tags(
    commands: Commands, make_case: Make, raw: sqlite3.Connection
) -> None:
    cases = _three(make_case)
    ids = [c.id for c in cases]
    commands.add_tag(ids, "høst")
    commands.add_tag(ids[:1], "Høst")  # already there: nothing to write
    assert {case_row(raw, i)["tags"] for i in ids} == {"høst"}
    commands.snooze(ids, date(2026, 12, 1))
    assert {case_row(raw, i)["snoozed_until"] for i in ids} == {"2026-12-01"}
    assert {case_row(raw, i)["version"] for i in ids} == {2}  # snooze is not a content change
    r = commands.undo_last()
    assert set(r.case_ids) == set(ids)
    assert {case_row(raw, i)["snoozed_until"] for i in ids} == {None}
    assert {case_row(raw, i)["tags"] for i in ids} == {"høst"}
    commands.undo_last()
    assert {case_row(raw, i)["tags"] for i in ids} == {None}


# --- snooze -------------------------------------------------------------------------------


def test_snooze_hides_until_the_date(commands: Commands, make_case: Make, repo: Repo) -> None:
    c = make_case("veiledning")
    inbox = ListFilter()

    def ids(today: date) -> list[str]:
        return [r.id for r in repo.page(inbox, today).rows]

    assert ids(TODAY) == [c.id]
    commands.snooze([c.id], date(2026, 11, 26))
    assert ids(TODAY) == []
    assert ids(date(2026, 11, 25)) == []
    assert ids(date(2026, 11, 26)) == [c.id]  # back on its own
    assert repo.row(c.id).badge(TODAY) == "snoozed"
    commands.snooze([c.id], None)
    assert ids(TODAY) == [c.id]


def test_snooze_must_be_after_today(commands: Commands, make_case: Make) -> None:
    c = make_case("veiledning")
    for day in (TODAY, TODAY - timedelta(days=1)):
        with pytest.raises(CommandError) as e:
            commands.snooze([c.id], day)
        assert str(e.value) == "Velg en dato etter i dag (23.11.2026)."


# --- convert ------------------------------------------------------------------------------


def test_convert_to_veiledning(
    commands: Commands, make_case: Make, raw: sqlite3.Connection, repo: Repo
) -> None:
    h = make_case(
        "hospitering",
        home_address="Storgata 1, 3717 Skien",
        home_phone="41234567",
        contact_name="Kari Nordmann",
        desired_host_unit="Medisinsk avdeling",
    )
    created = commands.convert_to_veiledning(h.id, 1)
    assert created.ref == "V-2026-0001"
    new = case_row(raw, created.id)
    d = detail_row(raw, "veiledning", created.id)
    assert d["related_ref"] == h.ref
    assert d["scope"] == "en_pasient"
    assert d["direction"] == "hf_til_kommune"
    assert d["unit_asked"] == "Medisinsk avdeling"
    assert new["status"] == "mottatt" and new["received_on"] == TODAY.isoformat()
    everything = " ".join(str(v) for v in (*new.values(), *d.values()))
    assert "Storgata" not in everything and "41234567" not in everything
    old = case_row(raw, h.id)
    assert (old["status"], old["reason"], old["is_open"]) == (
        "trukket",
        "omgjort",
        0,
    )
    assert [hit.row.ref for hit in repo.search(h.ref)][:1] == [h.ref]
    # The new case is found by the old ref it refers to.
    assert created.ref in [hit.row.ref for hit in repo.search(h.ref)]

    r = commands.undo_last()  # one undo reverses both
    assert set(r.case_ids) == {h.id, created.id}
    assert case_row(raw, created.id)["deleted_at"] is not None  # hidden (issue #9)
    assert created.ref not in [hit.row.ref for hit in repo.search(h.ref)]
    old = case_row(raw, h.id)
    assert (old["status"], old["reason"], old["is_open"]) == ("mottatt", None, 1)


def test_convert_refuses_other_kinds_and_closed_cases(commands: Commands, make_case: Make) -> None:
    v = make_case("veiledning")
    with pytest.raises(CommandError) as e:
        commands.convert_to_veiledning(v.id, 1)
    assert str(e.value) == "Bare hospiteringssøknader kan gjøres om til veiledning."
    h = make_case("hospitering")
    commands.transition(h.id, 1, "trukket", reason="dublett")
    with pytest.raises(CommandError) as e:
        commands.convert_to_veiledning(h.id, 2)
    assert str(e.value) == "Saken er avsluttet og kan ikke gjøres om."


# --- recompute ----------------------------------------------------------------------------


def test_recompute_due_after_reminders_change(
    desk: Desk, make_case: Make, raw: sqlite3.Connection
) -> None:
    v = make_case("veiledning")
    closed = make_case("veiledning")
    Commands(desk, today=TODAY).transition(closed.id, 1, "trukket", reason="annet")
    assert case_row(raw, v.id)["due_on"] == "2026-11-25"
    before_events = counts(raw)[1]
    slower = Commands(desk, reminders=Reminders(veiledning_not_assessed=10), today=TODAY)
    assert slower.recompute_due() == 1
    row = case_row(raw, v.id)
    assert (row["due_on"], row["version"]) == ("2026-12-04", 1)
    assert counts(raw)[1] == before_events
    assert slower.recompute_due() == 0


def test_recompute_walks_every_open_case_in_several_transactions(
    desk: Desk, make_case: Make, raw: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    import samhandlingsdesk.store.commands as commands_module

    monkeypatch.setattr(commands_module, "RECOMPUTE_CHUNK", 2)
    made = [make_case("veiledning") for _ in range(5)]
    slower = Commands(desk, reminders=Reminders(veiledning_not_assessed=10), today=TODAY)
    assert slower.recompute_due() == 5
    assert {case_row(raw, c.id)["due_on"] for c in made} == {"2026-12-04"}


def test_sync_reminders_recomputes_only_when_the_settings_changed(
    desk: Desk, make_case: Make, raw: sqlite3.Connection
) -> None:
    v = make_case("veiledning")
    assert case_row(raw, v.id)["due_on"] == "2026-11-25"
    before_events = counts(raw)[1]
    # Computed with the defaults, opened with the defaults: nothing to do, nothing written.
    assert Commands(desk, today=TODAY).sync_reminders() == 0
    assert raw.execute("SELECT count(*) FROM meta WHERE key = 'reminders'").fetchone()[0] == 0
    slower = Commands(desk, reminders=Reminders(veiledning_not_assessed=10), today=TODAY)
    assert slower.sync_reminders() == 1
    row = case_row(raw, v.id)
    assert (row["due_on"], row["version"]) == ("2026-12-04", 1)
    assert counts(raw)[1] == before_events  # not a change: no history
    assert slower.sync_reminders() == 0  # recorded: the next start does nothing
    # Back to the defaults: the record says 10, so the dates are computed again.
    assert Commands(desk, today=TODAY).sync_reminders() == 1
    assert case_row(raw, v.id)["due_on"] == "2026-11-25"
    assert Commands(desk, today=TODAY).sync_reminders() == 0


def test_opened_is_not_a_change(
    commands: Commands, make_case: Make, raw: sqlite3.Connection, repo: Repo
) -> None:
    a, b = make_case("lis1"), make_case("lis3")
    commands.mark_opened(a.id)
    commands.mark_opened(b.id)
    commands.mark_opened(a.id)
    assert [r.id for r in repo.recently_opened()] == [a.id, b.id]
    assert case_row(raw, a.id)["version"] == 1
    assert len(events(raw, a.id)) == 1


def test_status_since_and_closed_on_follow_moves_and_undo(
    desk: Desk, make_case: Make, raw: sqlite3.Connection
) -> None:
    """DOMAIN.md «Dates that statistics and retention count from»: the day the case
    entered its status and the day it closed; undo puts back the earlier ones."""
    c = make_case("nettverk")
    row = case_row(raw, c.id)
    assert (row["status_since"], row["closed_on"]) == (row["received_on"], None)
    later = TODAY + timedelta(days=3)
    cmds = Commands(desk, today=later)
    cmds.transition(c.id, 1, "avlyst", reason="for_fa_deltakere")
    row = case_row(raw, c.id)
    assert (row["status_since"], row["closed_on"]) == (later.isoformat(), later.isoformat())
    cmds.undo_last()
    row = case_row(raw, c.id)
    assert (row["status"], row["closed_on"]) == ("planlagt", None)
    assert row["status_since"] == row["received_on"]
    # Bookkeeping, not history: the status row says it.
    fields = [h.field for h in Repo(desk).history(c.id)]
    assert "status_since" not in fields and "closed_on" not in fields
