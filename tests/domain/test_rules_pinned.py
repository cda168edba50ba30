"""Rules of domain/ that only tests of other layers reached (the mutation run of
benchmarks/mutation.py found them untested by the domain tests): pinned here directly,
with the cases that tell a correct rule from a near miss."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from typing import Any

import pytest

from samhandlingsdesk.domain.convert import veiledning_from_hospitering
from samhandlingsdesk.domain.kinds import default_direction
from samhandlingsdesk.domain.presentation import SOON_DAYS, badge
from samhandlingsdesk.domain.refs import Ref, make_ref, parse_ref

TODAY = date(2026, 11, 23)

# --- a hospitering about one patient becomes veiledning ------------------------------------


def test_a_hospitering_becomes_the_veiledning_it_asks_for() -> None:
    case = {
        "party": "Skien kommune",
        "contact_name": "Ola Kontakt",
        "contact_phone": "41234567",
        "email": "ola@example.org",
        "archive_ref": "26/123",
    }
    detail = {
        "direction": "til_sykehus",
        "theme_goals": "  Sår-\nbehandling   i  hjemmet ",
        "desired_host_unit": "Kirurgisk avdeling",
        "applicant_name": "Kari Søker",
        "workplace_phone": "35000000",
        "home_address": "Storgata 1",
    }
    assert veiledning_from_hospitering(case, detail, "H-2026-0007", TODAY) == {
        "received_on": TODAY,
        "party": "Skien kommune",
        "contact_name": "Ola Kontakt",
        "contact_phone": "41234567",
        "email": "ola@example.org",
        "archive_ref": "26/123",
        "direction": "hf_til_kommune",  # staff going to the hospital: the hospital guides
        "topic": "Sår- behandling i hjemmet",
        "unit_asked": "Kirurgisk avdeling",
        "scope": "en_pasient",
        "related_ref": "H-2026-0007",
    }


def test_a_converted_case_falls_back_to_the_applicant_and_a_plain_topic() -> None:
    detail: dict[str, Any] = {
        "direction": "til_kommune",
        "applicant_name": "Kari Søker",
        "workplace_phone": "35000000",
    }
    made = veiledning_from_hospitering({}, detail, "H-2026-0008", TODAY)
    assert made["direction"] == "kommune_til_hf"
    assert (made["contact_name"], made["contact_phone"]) == ("Kari Søker", "35000000")
    assert made["topic"] == "Veiledning"
    assert made["party"] is None and made["email"] is None and made["unit_asked"] is None
    assert "home_address" not in made  # the home address stays behind
    long = veiledning_from_hospitering({}, {"theme_goals": "ord " * 100}, "H-2026-0009", TODAY)
    assert len(long["topic"]) == 200 and long["topic"].startswith("ord ord")
    assert long["direction"] == "kommune_til_hf"  # no direction: as to the municipality


# --- the usual direction of a new case ------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "side", "expected"),
    [
        ("hospitering", "kommune", "til_sykehus"),
        ("hospitering", "helseforetak", "til_kommune"),
        ("hospitering", None, None),
        ("hospitering", "annet", None),
        ("veiledning", "kommune", "kommune_til_hf"),
        ("veiledning", "helseforetak", "hf_til_kommune"),
        ("veiledning", None, None),
        ("lis1", "kommune", None),
        ("lis3", "helseforetak", None),
        ("nettverk", "kommune", None),
    ],
)
def test_the_usual_direction_follows_the_side(kind: str, side: str | None, expected: str) -> None:
    assert default_direction(kind, side) == expected


# --- refs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("H-2026-0042", Ref("hospitering", 2026, 42)),
        ("V-2025-0001", Ref("veiledning", 2025, 1)),
        ("L1-2026-9999", Ref("lis1", 2026, 9999)),
        ("L3-2026-10000", Ref("lis3", 2026, 10000)),
        ("N-2030-0100", Ref("nettverk", 2030, 100)),
    ],
)
def test_a_ref_as_the_desk_writes_it_is_read(text: str, expected: Ref) -> None:
    assert parse_ref(text) == expected
    assert make_ref(text.split("-")[0], expected.year, expected.seq) == text


@pytest.mark.parametrize(
    "text",
    [None, "", "H-2026-42", "H-2026-00042", "h-2026-0042", "X-2026-0042", "H-26-0042",
     "H-2026-0042 ", " H-2026-0042", "H2026-0042", "L2-2026-0001", "H-2026-004a"],
)  # fmt: skip
def test_anything_else_is_not_a_ref(text: str | None) -> None:
    assert parse_ref(text) is None


# --- badges ----------------------------------------------------------------------------------


def _badge(**over: Any) -> str:
    values: dict[str, Any] = {
        "is_open": True,
        "snoozed_until": None,
        "due_on": None,
        "flag_count": 0,
        "today": TODAY,
    }
    return badge(**(values | over))


def test_the_badge_says_the_most_pressing_thing() -> None:
    day = timedelta(days=1)
    assert SOON_DAYS == 3
    assert _badge() == ""
    assert _badge(due_on=TODAY - day) == "overdue"
    assert _badge(due_on=TODAY) == "today"
    assert _badge(due_on=TODAY + day) == "soon"
    assert _badge(due_on=TODAY + SOON_DAYS * day) == "soon"
    assert _badge(due_on=TODAY + (SOON_DAYS + 1) * day) == ""
    assert _badge(due_on=TODAY + (SOON_DAYS + 1) * day, flag_count=2) == "flag"
    assert _badge(flag_count=1) == "flag"
    # A follow-up (oppfølging) that has come is «følg opp», not overdue; before, as any.
    assert _badge(due_on=TODAY, weight="oppfolging") == "followup"
    assert _badge(due_on=TODAY - day, weight="oppfolging") == "followup"
    assert _badge(due_on=TODAY + day, weight="oppfolging") == "soon"
    assert _badge(due_on=TODAY - day, weight="frist") == "overdue"
    # Critical beats dates; snoozed (to a later day) beats critical; closed says nothing.
    assert _badge(due_on=TODAY - day, critical=True) == "critical"
    assert _badge(snoozed_until=TODAY + day, critical=True, due_on=TODAY) == "snoozed"
    assert _badge(snoozed_until=TODAY, due_on=TODAY - day) == "overdue"  # its day has come
    assert _badge(is_open=False, due_on=TODAY - day, critical=True, flag_count=3) == ""


# --- values as a person sees them, and the history --------------------------------------


def _field(kind: str, name: str) -> Any:
    from samhandlingsdesk.domain.kinds import kind_spec

    return kind_spec(kind).field(name)


def test_values_are_shown_as_a_person_reads_them() -> None:
    from datetime import datetime

    from samhandlingsdesk.domain.display import display_value

    signed = _field("hospitering", "signed")
    assert [display_value(signed, v) for v in (True, False, None, 1, 0)] == [
        "Ja", "Nei", "Ukjent", "Ja", "Nei",
    ]  # fmt: skip
    decision = _field("hospitering", "own_leader_decision")
    assert display_value(decision, "ikke_innvilget") == "Ikke innvilget"
    assert display_value(decision, "ukjent_nokkel") == "ukjent_nokkel"
    assert display_value(decision, None) == ""
    phone = _field("hospitering", "contact_phone")
    assert display_value(phone, "97712345") == "97 71 23 45"
    assert display_value(_field("hospitering", "sent_on"), date(2026, 3, 4)) == "04.03.2026"
    at = datetime(2026, 7, 1, 10, 30, tzinfo=UTC)
    assert display_value(None, at) == "01.07.2026 12:30"  # Oslo summer time
    assert display_value(None, date(2026, 1, 2)) == "02.01.2026"
    assert display_value(None, 42) == "42"
    assert display_value(None, None) == ""
    assert display_value(_field("hospitering", "applicant_name"), "Kari\x07 Nord") == (
        "Kari\u2407 Nord"
    )  # control characters are never drawn as they are


def _decode(f: Any, text: str | None) -> Any:
    """The store's codec, as far as these tests need it."""
    if text is None:
        return None
    if f is not None and f.type == "date":
        return date.fromisoformat(text)
    if f is not None and f.type == "tri":
        return text == "1"
    return text


def test_the_history_names_what_changed() -> None:
    from samhandlingsdesk.domain.presentation import ACTION_LABELS, history_label

    assert history_label("hospitering", "note", None) == "Notat"
    assert history_label("hospitering", "create", "note:17") == "Opprettet"
    assert history_label("hospitering", "undo", "note") == "Angret"
    assert history_label("hospitering", "rar_handling", None) == "rar_handling"
    assert history_label("hospitering", "update", "status") == "Status"
    assert history_label("hospitering", "snooze", "snoozed_until") == "Utsatt til"
    assert history_label("hospitering", "update", "reason") == "Begrunnelse"
    assert history_label("hospitering", "convert", "converted_to") == "Omgjort til veiledning"
    assert history_label("hospitering", "undo", "deleted_at") == ("Skjult (registreringen angret)")
    assert history_label("hospitering", "purring", "purring") == "Purret på svar"
    assert history_label("hospitering", "update", "sent_on") == "Sendt mottaker"
    assert history_label("lis1", "update", "event_on") == "Hendelsesdato"
    assert history_label("lis1", "update", "finnes_ikke") == "finnes_ikke"
    assert ACTION_LABELS["import_create"] == "Importert (ny sak)"


def test_the_history_shows_each_value_as_the_screens_do() -> None:
    from samhandlingsdesk.domain.presentation import history_value

    def value(kind: str, name: str | None, text: str | None) -> str:
        return history_value(kind, name, text, _decode)

    assert value("hospitering", "signed", None) == "Ukjent"
    assert value("hospitering", "signed", "1") == "Ja"
    assert value("hospitering", "sent_on", None) == ""
    assert value("hospitering", None, None) == ""
    assert value("hospitering", "finnes_ikke", None) == ""
    assert value("hospitering", "status", "godkjent_egen_leder") == "Godkjent av egen leder"
    assert value("lis1", "status", "varslet") == "Varslet"
    assert value("hospitering", "snoozed_until", "2026-11-27") == "27.11.2026"
    assert value("hospitering", "deleted_at", "2026-07-01T10:30:00+00:00") == "01.07.2026 12:30"
    assert value("hospitering", "purring", "2026-11-23 epost") == "e-post"
    assert value("hospitering", "purring", "2026-11-23 brevdue") == "brevdue"
    assert value("hospitering", "reason", "For få\x07") == "For få\u2407"
    assert value("hospitering", "converted_to", "V-2026-0001") == "V-2026-0001"
    assert value("hospitering", "note:3", "Ringte") == "Ringte"
    assert value("hospitering", None, "Fritt") == "Fritt"
    assert value("hospitering", "finnes_ikke", "x\x07") == "x\u2407"
    assert value("hospitering", "sent_on", "2026-03-04") == "04.03.2026"
    assert value("hospitering", "own_leader_decision", "innvilget") == "Innvilget"
    assert value("hospitering", "contact_phone", "97712345") == "97 71 23 45"


# --- statistics periods ---------------------------------------------------------------------


def test_the_periods_of_the_statistics_screen() -> None:
    from samhandlingsdesk.domain.statistics import Period, period_for

    assert period_for("this", TODAY) == Period(date(2026, 1, 1), date(2026, 12, 31), "2026")
    assert period_for("last", TODAY) == Period(date(2025, 1, 1), date(2025, 12, 31), "2025")
    quarters = [period_for(f"q{q}", TODAY) for q in (1, 2, 3, 4)]
    assert [(p.start, p.end, p.label) for p in quarters] == [
        (date(2026, 1, 1), date(2026, 3, 31), "1. kvartal 2026"),
        (date(2026, 4, 1), date(2026, 6, 30), "2. kvartal 2026"),
        (date(2026, 7, 1), date(2026, 9, 30), "3. kvartal 2026"),
        (date(2026, 10, 1), date(2026, 12, 31), "4. kvartal 2026"),
    ]
    custom = period_for("custom", TODAY, date(2026, 2, 3), date(2026, 2, 3))  # one day
    assert custom == Period(date(2026, 2, 3), date(2026, 2, 3), "03.02.2026–03.02.2026")
    assert custom.months() == ["2026-02"]
    assert Period.between(date(2025, 11, 30), date(2026, 2, 1)).months() == [
        "2025-11", "2025-12", "2026-01", "2026-02",
    ]  # fmt: skip
    with pytest.raises(ValueError, match=r"^Skriv både fra- og til-dato for perioden\.$"):
        period_for("custom", TODAY, date(2026, 2, 3), None)
    with pytest.raises(ValueError, match=r"^Skriv både"):
        period_for("custom", TODAY, None, date(2026, 2, 3))
    with pytest.raises(ValueError) as bad:
        Period.between(date(2026, 2, 4), date(2026, 2, 3))
    assert "04.02.2026" in str(bad.value) and "03.02.2026" in str(bad.value)
    for q in (0, 5):
        with pytest.raises(ValueError) as bad:
            Period.quarter(2026, q)
        assert str(q) in str(bad.value) and "None" not in str(bad.value)


# --- urgency: the kritisk date a snooze must name ---------------------------------------


def test_the_critical_date_of_a_case_and_the_rule_behind_it() -> None:
    from samhandlingsdesk.domain.deadlines import Reminders, active_rules
    from samhandlingsdesk.domain.urgency import Critical, critical, is_kritisk

    r = Reminders()
    assert is_kritisk("lis1.statsforvalter_not_notified") and is_kritisk("lis3.confirmation_due")
    assert not is_kritisk("lis3.confirmation_not_answered")
    assert not is_kritisk("hospitering.sent_not_received") and not is_kritisk("followup.lis1.x")
    lis3 = {"received_on": date(2026, 11, 2), "desired_from": date(2027, 9, 1)}
    sentence = "Bekreftelse fra kommunen må etterspørres senest 01.03.2027"  # the stored one
    assert critical("lis3", "i_ko", lis3, r) == Critical(date(2027, 3, 1), sentence)
    # A stored critical date is kept, named by the rule that falls on it …
    assert critical("lis3", "i_ko", lis3, r, date(2027, 3, 1)) == Critical(
        date(2027, 3, 1), sentence
    )
    # … or by the first kritisk rule when none does; with no rule, no sentence.
    assert critical("lis3", "i_ko", lis3, r, date(2027, 2, 1)) == Critical(
        date(2027, 2, 1), sentence
    )
    assert critical("veiledning", "mottatt", lis3, r, date(2027, 2, 1)) == Critical(
        date(2027, 2, 1), ""
    )
    # A case with rules, none of them kritisk: nothing critical.
    veiledning = {"received_on": date(2026, 11, 2)}
    assert active_rules("veiledning", "mottatt", veiledning, r)
    assert critical("veiledning", "mottatt", veiledning, r) is None
    # LIS1: the earliest of its kritisk dates.
    lis1 = {"received_on": date(2026, 3, 2), "notice_type": "frafall_for"}
    rules = [x for x in active_rules("lis1", "mottatt", lis1, r) if is_kritisk(x.key)]
    found = critical("lis1", "mottatt", lis1, r)
    assert found is not None and found.on == min(x.on for x in rules) == date(2026, 3, 3)
    assert found.sentence == rules[0].sentence != ""


# --- holidays, retention, competing networks ----------------------------------------------


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (1818, date(1818, 3, 22)),  # the earliest possible
        (1943, date(1943, 4, 25)),  # the latest possible
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
    ],
)
def test_easter_sunday(year: int, easter: date) -> None:
    from samhandlingsdesk.domain.deadlines import easter_sunday

    assert easter_sunday(year) == easter


def test_retention_counts_whole_months_back() -> None:
    from samhandlingsdesk.domain.retention import DEFAULT_MONTHS, cutoffs, months_before

    assert months_before(date(2026, 11, 23), 24) == date(2024, 11, 23)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)  # the month's last day
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2026, 5, 31), 1) == date(2026, 4, 30)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)
    assert months_before(date(2026, 12, 1), 0) == date(2026, 12, 1)
    assert DEFAULT_MONTHS == 24
    got = cutoffs(date(2026, 11, 23), {"lis1": 6})
    assert got == {
        "hospitering": date(2024, 11, 23),
        "veiledning": date(2024, 11, 23),
        "lis1": date(2026, 5, 23),
        "lis3": date(2024, 11, 23),
        "nettverk": date(2024, 11, 23),
    }


def test_retention_settings_are_checked_in_norwegian() -> None:
    from samhandlingsdesk.domain.retention import parse_months

    assert parse_months({}) == dict.fromkeys(
        ("hospitering", "veiledning", "lis1", "lis3", "nettverk"), 24
    )
    assert parse_months({"lis3": 1, "nettverk": 60})["lis3"] == 1
    assert parse_months({"lis3": 1, "nettverk": 60})["nettverk"] == 60
    with pytest.raises(ValueError) as bad:
        parse_months({"lis2": 12})
    assert str(bad.value) == (
        "[retention]: ukjent sakstype «lis2» (gyldige: hospitering, veiledning, lis1, lis3, "
        "nettverk)."
    )
    for wrong in (0, -1, True, "12", 1.5, None):
        with pytest.raises(ValueError) as bad:
            parse_months({"lis1": wrong})
        assert str(bad.value) == "[retention]: «lis1» må være et helt antall måneder, 1 eller mer."


def test_a_purge_empties_names_and_free_text_and_keeps_places_and_categories() -> None:
    from samhandlingsdesk.domain.retention import purged_fields

    names = {f.name for f in purged_fields("hospitering")}
    for personal in ("applicant_name", "home_address", "home_phone", "contact_name", "email"):
        assert personal in names
    for kept in ("profession", "host_unit", "desired_host_unit", "archive_ref", "sent_on"):
        assert kept not in names
    assert "own_leader_comment" in names and "own_leader_decision" not in names
    assert "signed" not in names and "party" not in names


def test_networks_compete_on_the_same_topic_and_target_group() -> None:
    from samhandlingsdesk.domain.presentation import competition_key, competition_warning

    assert competition_key({"topic": " Demens ", "target_group": "Sykepleiere"}) == (
        "demens",
        "sykepleiere",
    )
    assert competition_key({"topic": "Demens", "target_group": "  "}) is None
    assert competition_key({"topic": None, "target_group": "Sykepleiere"}) is None
    assert competition_key({}) is None
    assert competition_warning([]) is None
    assert competition_warning(["N-2026-0001", "N-2026-0004"]) == (
        "Samme tema og målgruppe som N-2026-0001, N-2026-0004: nettverk skal utfylle "
        "hverandre, ikke konkurrere."
    )


# --- what an export selects --------------------------------------------------------------


def test_an_export_filter_is_recorded_as_json() -> None:
    import json

    from samhandlingsdesk.domain.export import ExportFilter

    assert json.loads(ExportFilter().to_json()) == {
        "kinds": [],
        "statuses": [],
        "parties": [],
        "received_from": None,
        "received_to": None,
        "changed_since": None,
        "since_last": False,
        "include_personal": False,
    }
    flt = ExportFilter(
        kinds=("lis1",),
        statuses=("varslet",),
        parties=("Kárášjohka",),
        received_from=date(2026, 1, 1),
        received_to=date(2026, 6, 30),
        changed_since=date(2026, 3, 1),
        since_last=True,
        include_personal=True,
    )
    text = flt.to_json()
    assert "Kárášjohka" in text  # as written, not escaped
    assert list(json.loads(text)) == sorted(json.loads(text))
    assert json.loads(text) == {
        "kinds": ["lis1"],
        "statuses": ["varslet"],
        "parties": ["Kárášjohka"],
        "received_from": "2026-01-01",
        "received_to": "2026-06-30",
        "changed_since": "2026-03-01",
        "since_last": True,
        "include_personal": True,
    }
    assert flt.selected_kinds == ("lis1",)
    assert len(ExportFilter().selected_kinds) == 5


def test_an_export_names_statuses_by_key_or_label_and_parties_by_any_part() -> None:
    from samhandlingsdesk.domain.export import party_matches, resolve_statuses

    assert resolve_statuses("lis1", ["VARSLET", "  mottatt "]) == ["mottatt", "varslet"]
    assert resolve_statuses("hospitering", ["godkjent av  egen leder"]) == ["godkjent_egen_leder"]
    assert resolve_statuses("lis1", ["finnes ikke"]) == []
    assert party_matches("Skien kommune", ["skien  KOMMUNE"])
    assert not party_matches("Skien kommune", ["Skien"])
    assert not party_matches("Skien kommune", ["", "  "])
    assert party_matches("Kárášjoga gielda - Karasjok kommune", ["karasjok kommune"])
    assert party_matches("Kárášjoga gielda - Karasjok kommune", ["Kárášjoga gielda"])


def test_an_export_filter_is_refused_in_words() -> None:
    from samhandlingsdesk.domain.export import ExportError, ExportFilter, check_filter

    check_filter(ExportFilter(kinds=("lis1",), statuses=("Varslet",)))
    check_filter(ExportFilter(statuses=("Pågår",)))  # some kind has it
    check_filter(ExportFilter(received_from=date(2026, 2, 1), received_to=date(2026, 2, 1)))
    with pytest.raises(ExportError) as bad:
        check_filter(ExportFilter(kinds=("lis2",)))
    assert str(bad.value) == (
        "Ukjent sakstype «lis2». Gyldige: hospitering, veiledning, lis1, lis3, nettverk."
    )
    with pytest.raises(ExportError) as bad:
        check_filter(ExportFilter(kinds=("lis1", "nettverk"), statuses=("Pågår",)))
    assert str(bad.value) == "Ukjent status «Pågår» for lis1, nettverk."
    with pytest.raises(ExportError) as bad:
        check_filter(ExportFilter(received_from=date(2026, 2, 2), received_to=date(2026, 2, 1)))
    assert str(bad.value) == "«Mottatt til» kan ikke være før «Mottatt fra»."


# --- control characters: named, and placed by line and column --------------------------


def test_a_control_character_is_named_and_placed() -> None:
    from samhandlingsdesk.domain.limits import text_problems

    def message(text: str, kind: Any = "longtext") -> str:
        (problem,) = text_problems("notes", text, kind)
        assert (problem.field, problem.severity) == ("notes", "refuse")
        return problem.message

    assert message("ab\x07") == (
        "Teksten inneholder et kontrolltegn (BEL, U+0007) på linje 1, tegn 3. Fjern det før "
        "du lagrer."
    )
    assert "(C1-kontrolltegn, U+0085) på linje 2, tegn 1." in message("a\n\x85")
    assert "(C1-kontrolltegn, U+0080) på linje 1, tegn 1." in message("\x80")
    assert "(C1-kontrolltegn, U+009F) på linje 3, tegn 4." in message("x\nyy\nabc\x9f")
    assert "(retningstegn, U+202E) på linje 1, tegn 2." in message("a\u202e")
    assert "(kontrolltegn, U+0001) på linje 1, tegn 1." in message("\x01")
    assert "(DEL, U+007F) på linje 1, tegn 1." in message("\x7f")
    assert message("ab\ncd\tef", "line") == (
        "Feltet skal ha én linje, men teksten har et linjeskift eller en tabulator på linje "
        "1, tegn 3. Skriv den på én linje."
    )
    assert "på linje 1, tegn 2." in message("a\tb", "line")
    assert text_problems("notes", "ab\ncd\tef", "longtext") == []
    assert text_problems("notes", None) == [] and text_problems("notes", "") == []
    (long,) = text_problems("title", "x" * 201)
    assert long.code == "too_long" and long.field == "title"
    assert text_problems("title", "x" * 200) == []


# --- phones, snoozes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored", "refused"),
    [
        ("977 12 345", "97712345", False),
        ("+47 977 12 345", "97712345", False),
        ("0047 97712345", "97712345", False),
        ("4797712345", "97712345", False),
        ("+46 8 123 456", "+468123456", False),
        ("0046 8 123 456", "+468123456", False),
        ("+1 23456", "+123456", False),  # six digits after +: the shortest
        ("+1 2345", "+12345", True),
        ("+123 456 789 012 345", "+123456789012345", False),  # fifteen: the longest
        ("+123 456 789 012 3456", "+1234567890123456", True),
        ("+47 977 12 34", "+479771234", True),  # +47 with 7 digits
        ("9771234", "9771234", True),
        ("977123456", "977123456", True),
        ("   ", None, False),
        (None, None, False),
    ],
)
def test_a_phone_number_is_normalised_then_checked(
    typed: str | None, stored: str | None, refused: bool
) -> None:
    from samhandlingsdesk.domain.validate import MSG_PHONE, normalize_phone, phone_problem

    assert normalize_phone(typed) == stored
    assert phone_problem(typed) == (MSG_PHONE if refused else None)


def test_a_snooze_goes_to_a_later_day() -> None:
    from samhandlingsdesk.domain.validate import snooze_problem

    assert snooze_problem(None, TODAY) is None
    assert snooze_problem(TODAY + timedelta(days=1), TODAY) is None
    assert snooze_problem(TODAY, TODAY) == "Velg en dato etter i dag (23.11.2026)."
    assert snooze_problem(TODAY - timedelta(days=1), TODAY) == (
        "Velg en dato etter i dag (23.11.2026)."
    )


# --- what refuses a move, at its field ------------------------------------------------------


def test_a_move_says_what_it_needs_at_each_field() -> None:
    from samhandlingsdesk.domain import lifecycle
    from samhandlingsdesk.domain.moves import check_move

    def found(kind: str, source: str, target: str, values: dict[str, Any], **kw: Any) -> Any:
        t = lifecycle.find_transition(kind, source, target)
        assert t is not None
        changes = kw.get("changes", {})
        return [
            (p.field, p.code, p.message, p.severity)
            for p in check_move(kind, t, values, changes, kw.get("reason"), TODAY)
        ]

    # «Avtalt» without the period: each missing field at its place, then the move's rule.
    got = found("hospitering", "tilbakemeldt", "avtalt", {})
    assert got[:3] == [
        ("agreed_from", "move.required", "«Avtalt fra» må fylles ut.", "refuse"),
        ("agreed_to", "move.required", "«Avtalt til» må fylles ut.", "refuse"),
        ("evaluation_planned_on", "move.required", "«Evaluering planlagt» må fylles ut.", "refuse"),
    ]
    assert got[3][:2] == ("", "move.refused") and got[3][2].startswith("«Avtalt» krever")
    assert len(got) == 4
    # Blank text is not filled.
    values = {"agreed_from": date(2027, 2, 1), "agreed_to": date(2027, 2, 12)}
    got = found(
        "hospitering", "tilbakemeldt", "avtalt", values, changes={"evaluation_planned_on": "  "}
    )
    assert [g[0] for g in got] == ["evaluation_planned_on", ""]
    # Everything there: nothing to say.
    full = {**values, "evaluation_planned_on": date(2027, 3, 1)}
    assert found("hospitering", "tilbakemeldt", "avtalt", full) == []
    # LIS1 «Varslet» after a drop-out: the Statsforvalter's date, unless the municipality
    # has confirmed.
    base = {"notice_type": "frafall_for", "hospital_notified_on": date(2026, 11, 20)}
    got = found("lis1", "varsles", "varslet", base)
    assert ("statsforvalter_notified_on", "move.required") in [(g[0], g[1]) for g in got]
    confirmed = {**base, "statsforvalter_confirmed": True}
    got = found("lis1", "varsles", "varslet", confirmed)
    assert "statsforvalter_notified_on" not in [g[0] for g in got]
    unsure = {**base, "statsforvalter_confirmed": False}
    got = found("lis1", "varsles", "varslet", unsure)
    assert "statsforvalter_notified_on" in [g[0] for g in got]
    # A decision the move fixes counts as there (it is the move's own fill).
    decided = found(
        "hospitering", "hos_egen_leder", "godkjent_egen_leder", {"own_leader_on": TODAY}
    )
    assert decided == []


# --- key lines, groups, counted sentences, problems ------------------------------------------


def test_the_key_lines_name_the_keys_bound_now() -> None:
    from samhandlingsdesk.domain.text.entry_keys import form_keys_help
    from samhandlingsdesk.domain.text.moves import dialog_help

    assert form_keys_help(sections="A/B", find="C", save="D", close="E") == (
        "* må fylles ut · Tab/Shift+Tab: neste/forrige · A/B: del · C: finn felt · D: lagre · "
        "E: lukk"
    )
    assert dialog_help(save="Ctrl+W", cancel="Q") == (
        "Enter: neste felt · Ctrl+U tømmer feltet · Ctrl+W lagrer det som står · Q avbryter"
    )


def test_the_form_groups_every_field_once_in_form_order() -> None:
    from samhandlingsdesk.domain.kinds import KINDS, grouped_fields, kind_spec

    for kind in KINDS:
        groups = grouped_fields(kind)
        spec = kind_spec(kind)
        assert [g.name for g in groups] == [
            g for g in spec.groups if any(f.group == g for f in spec.all_fields)
        ]
        assert [f for g in groups for f in g.fields] == sorted(
            spec.all_fields, key=lambda f: spec.groups.index(f.group)
        )
        assert all(f.group == g.name for g in groups for f in g.fields)


def test_a_stopped_import_counts_its_rows() -> None:
    from samhandlingsdesk.domain.text.transfer import REMEDY_DESK, invalid_rows

    assert invalid_rows(1, remedy=REMEDY_DESK) == (
        "1 rad har feil; ingenting er importert. Rett feilene, eller importer bare de gyldige "
        "radene."
    )
    assert invalid_rows(3, remedy="eller gi opp").startswith("3 rader har feil;")


def test_warnings_and_refusals_are_told_apart() -> None:
    from samhandlingsdesk.domain.problems import REFUSE, WARN, Problem, by_field, refusals, warnings

    a = Problem("a", "x", "A", WARN)
    b = Problem("b", "y", "B", REFUSE)
    c = Problem("a", "z", "C", REFUSE)
    assert warnings([a, b, c]) == [a]
    assert refusals([a, b, c]) == [b, c]
    assert by_field([b, c]) == {"b": "B", "a": "C"}
    assert by_field([a, c]) == {"a": "C"}  # the refusal before the warning
