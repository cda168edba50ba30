"""The rules of domain/deadlines.py pinned to the exact rule (key, date, sentence, flag,
parameters) and the exact Norwegian sentence shown: each rule's fallback dates, the status
it belongs to, the settings that lengthen it, the purring that moves it, and the sentence
made when shown."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from typing import Any

import pytest

from samhandlingsdesk.domain.deadlines import (
    REMINDER_LABELS,
    Reminders,
    Rule,
    active_rules,
    add_working_days,
    describe,
    due,
    flags_only,
    lis1_missing_notifications,
    lis3_confirmation_due,
    next_reminder,
    reason_text,
    theirs_statuses,
    weight_of,
    whose_move,
    working_days_before,
    working_days_between,
)
from samhandlingsdesk.domain.kinds import KINDS

R = Reminders()
MON = date(2026, 3, 2)  # a Monday; 2026's Easter holidays are 2, 3 and 6 April
SINCE = date(2026, 8, 12)  # a Wednesday


def own(kind: str, status: str, r: Reminders = R, **values: Any) -> list[Rule]:
    """The case's rules less its follow-up."""
    rules = active_rules(kind, status, values, r)
    return [rule for rule in rules if not rule.key.startswith("followup.")]


def waiting(
    kind: str, status: str, on: date, awaited: str, since: date = SINCE, **more: str
) -> Rule:
    """A follow-up counted from `since`: «Venter på {awaited} siden {since}»."""
    return Rule(
        f"followup.{kind}.{status}",
        on,
        f"Venter på {awaited} siden {since:%d.%m.%Y}",
        params={"since": since.isoformat(), **more},
    )


# --- working days -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 3, 14), 0, date(2026, 3, 16)),  # Saturday -> Monday
        (date(2026, 4, 3), 0, date(2026, 4, 7)),  # Good Friday -> Tuesday after Easter
        (date(2026, 4, 1), 0, date(2026, 4, 1)),  # a working day is itself
        (date(2026, 4, 1), 1, date(2026, 4, 7)),
        (date(2026, 4, 7), -1, date(2026, 4, 1)),
        (date(2026, 4, 7), -2, date(2026, 3, 31)),
        (datetime(2026, 3, 14, 23, 59), 0, date(2026, 3, 16)),
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    got = add_working_days(start, n)
    assert got == expected
    assert type(got) is date


@pytest.mark.parametrize(
    ("end", "n", "expected"),
    [
        (date(2026, 3, 15), 0, date(2026, 3, 13)),  # Sunday -> Friday
        (date(2026, 4, 6), 0, date(2026, 4, 1)),  # Easter Monday -> Wednesday before
        (date(2026, 4, 7), 0, date(2026, 4, 7)),
        (date(2026, 4, 7), 2, date(2026, 3, 31)),
        (datetime(2026, 3, 15, 8, 0), 0, date(2026, 3, 13)),
    ],
)
def test_working_days_before(end: date, n: int, expected: date) -> None:
    got = working_days_before(end, n)
    assert got == expected
    assert type(got) is date


def test_working_days_before_refuses_a_negative_count() -> None:
    with pytest.raises(ValueError) as info:
        working_days_before(date(2026, 3, 16), -1)
    assert str(info.value) == "antall virkedager kan ikke være negativt (-1)"


@pytest.mark.parametrize(
    ("start", "end", "n"),
    [
        (date(2026, 3, 13), date(2026, 3, 13), 0),  # the same day
        (date(2026, 3, 16), date(2026, 3, 13), 0),  # backwards
        (date(2027, 1, 4), date(2026, 12, 31), 0),  # backwards over a year end
        (date(2026, 3, 13), date(2026, 3, 16), 1),  # Friday -> Monday
        (date(2026, 3, 13), date(2026, 3, 15), 0),  # Friday -> Sunday
        (date(2026, 3, 14), date(2026, 3, 16), 1),  # Saturday -> Monday
        (date(2026, 4, 1), date(2026, 4, 7), 1),  # over Easter
        (date(2026, 4, 2), date(2026, 4, 7), 1),  # from a holiday
        (date(2026, 3, 31), date(2026, 4, 2), 1),  # to a holiday
        (date(2026, 12, 24), date(2027, 1, 4), 5),  # 28-31 Dec, 4 Jan (25 Dec, 1 Jan off)
        (date(2026, 12, 25), date(2026, 12, 28), 1),  # 26 Dec is a Saturday: not twice
        (date(2025, 12, 31), date(2027, 1, 1), 253),  # 261 weekdays, 8 of them holidays
        (datetime(2026, 3, 13, 23, 0), datetime(2026, 3, 16, 1, 0), 1),
    ],
)
def test_working_days_between(start: date, end: date, n: int) -> None:
    assert working_days_between(start, end) == n


def test_working_days_between_is_add_working_days_backwards() -> None:
    d = date(2025, 12, 1)
    for n in (1, 5, 10, 40, 260, 600):
        assert working_days_between(d, add_working_days(d, n)) == n


def test_lis3_confirmation_due_takes_a_datetime() -> None:
    got = lis3_confirmation_due(datetime(2026, 8, 31, 12, 0))
    assert got == date(2026, 2, 28)
    assert type(got) is date


# --- settings ---------------------------------------------------------------------------


def test_every_reminder_setting_has_its_norwegian_label() -> None:
    assert list(REMINDER_LABELS) == [f.name for f in fields(Reminders)]


def test_reminders_from_settings_keep_defaults_and_ignore_unknown_keys() -> None:
    got = Reminders.from_mapping(
        {"lis1_notification": 0, "ukjent": "x", "nettverk_report_after": 7}
    )
    assert got == Reminders(lis1_notification=0, nettverk_report_after=7)
    assert Reminders.from_mapping(got.as_dict()) == got
    assert list(got.as_dict()) == list(REMINDER_LABELS)
    assert got.as_dict()["lis1_notification"] == 0


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("5", "LIS1: virkedager fra hendelsen til varslingen skal være gjort: "
         "må være et helt antall virkedager, ikke '5'"),
        (True, "LIS1: virkedager fra hendelsen til varslingen skal være gjort: "
         "må være et helt antall virkedager, ikke True"),
        (2.0, "LIS1: virkedager fra hendelsen til varslingen skal være gjort: "
         "må være et helt antall virkedager, ikke 2.0"),
        (-1, "LIS1: virkedager fra hendelsen til varslingen skal være gjort: "
         "kan ikke være negativ (-1)"),
    ],
)  # fmt: skip
def test_a_bad_reminder_setting_is_named_by_its_label(value: object, message: str) -> None:
    with pytest.raises(ValueError) as info:
        Reminders.from_mapping({"lis1_notification": value})
    assert str(info.value) == message


# --- weights ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "weight"),
    [
        ("lis1.notice_type_missing", "kritisk"),
        ("lis3.confirmation_due", "kritisk"),
        ("lis3.confirmation_not_answered", "frist"),
        ("lis1", "frist"),
        ("nettverk.not_reported", "frist"),
        ("followup.lis1.varslet", "oppfolging"),
        ("followup", "frist"),
    ],
)
def test_weight_of_a_rule_key(key: str, weight: str) -> None:
    assert weight_of(key) == weight
    assert Rule(key, MON, "x").weight == weight


# --- values -------------------------------------------------------------------------------


def test_a_value_that_is_no_date_is_named() -> None:
    with pytest.raises(TypeError) as info:
        active_rules("hospitering", "sendt_vertsenhet", {"sent_on": "2026-03-13"}, R)
    assert str(info.value) == "sent_on: forventet en dato, fikk '2026-03-13'"


def test_datetimes_count_as_their_day() -> None:
    (rule,) = active_rules("veiledning", "mottatt", {"received_on": datetime(2026, 3, 2, 9)}, R)
    assert rule.on == date(2026, 3, 5)


# --- hospitering --------------------------------------------------------------------------

SENT = "Sendt vertsenheten, men ikke bekreftet mottatt"
FEEDBACK = "Vertsenheten har svart, men søkeren har ikke fått tilbakemelding"
CONFIDENTIALITY = "Taushetserklæring er ikke registrert"
EVALUATION = "Evalueringen er ikke gjennomført"


@pytest.mark.parametrize(
    ("values", "since", "on"),
    [
        (
            {"sent_on": date(2026, 3, 13), "own_leader_on": MON, "received_on": MON},
            date(2026, 3, 13),
            date(2026, 3, 20),
        ),
        ({"own_leader_on": date(2026, 3, 10), "received_on": MON},
         date(2026, 3, 10), date(2026, 3, 17)),
        ({"received_on": MON}, MON, date(2026, 3, 9)),
    ],
)  # fmt: skip
def test_hospitering_sent_counts_from_the_best_date_known(
    values: dict[str, date], since: date, on: date
) -> None:
    expected = Rule(
        "hospitering.sent_not_received", on, SENT, flag=True, params={"since": str(since)}
    )
    assert active_rules("hospitering", "sendt_vertsenhet", values, R) == [expected]


def test_hospitering_sent_length_is_a_setting() -> None:
    r = Reminders(hospitering_sent_not_received=1)
    (rule,) = own("hospitering", "sendt_vertsenhet", r, received_on=MON)
    assert rule.on == date(2026, 3, 3)


def test_hospitering_sent_without_any_date_has_no_rule() -> None:
    assert active_rules("hospitering", "sendt_vertsenhet", {}, R) == []


@pytest.mark.parametrize("status", ["godkjent_vertsenhet", "avslatt_vertsenhet"])
@pytest.mark.parametrize(
    ("values", "on"),
    [
        ({"host_leader_on": date(2026, 3, 20), "host_received_on": date(2026, 3, 10)},
         date(2026, 3, 20)),
        ({"host_received_on": date(2026, 3, 10), "received_on": MON}, date(2026, 3, 10)),
        ({"received_on": MON}, MON),
    ],
)  # fmt: skip
def test_hospitering_host_answered_counts_from_the_best_date_known(
    status: str, values: dict[str, date], on: date
) -> None:
    expected = Rule("hospitering.feedback_missing", on, FEEDBACK, flag=True)
    assert active_rules("hospitering", status, values, R) == [expected]
    given = {**values, "feedback_on": on}
    assert active_rules("hospitering", status, given, R) == []
    assert active_rules("hospitering", status, {}, R) == []


@pytest.mark.parametrize(
    ("values", "on"),
    [
        ({"agreed_from": date(2026, 9, 7), "period_from": date(2026, 9, 1)}, date(2026, 9, 7)),
        ({"period_from": date(2026, 9, 1), "received_on": MON}, date(2026, 9, 1)),
        ({"received_on": MON}, MON),
    ],
)
def test_hospitering_under_way_without_confidentiality(values: dict[str, date], on: date) -> None:
    expected = Rule("hospitering.confidentiality_missing", on, CONFIDENTIALITY, flag=True)
    assert own("hospitering", "pagar", **values) == [expected]
    assert own("hospitering", "pagar", **values, confidentiality_on=on) == []


def test_hospitering_confidentiality_without_any_date_has_no_rule() -> None:
    assert own("hospitering", "pagar") == []


# Every date that makes a hospitering rule, none of the dates that end one.
EVERY_START = {
    "received_on": MON,
    "sent_on": date(2026, 3, 13),
    "host_leader_on": date(2026, 3, 24),
    "agreed_from": date(2026, 9, 7),
    "evaluation_planned_on": date(2026, 10, 5),
}
SENT_RULE = Rule(
    "hospitering.sent_not_received",
    date(2026, 3, 20),
    SENT,
    flag=True,
    params={"since": "2026-03-13"},
)
FEEDBACK_RULE = Rule("hospitering.feedback_missing", date(2026, 3, 24), FEEDBACK, flag=True)
CONFIDENTIALITY_RULE = Rule(
    "hospitering.confidentiality_missing", date(2026, 9, 7), CONFIDENTIALITY, flag=True
)
EVALUATION_RULE = Rule("hospitering.evaluation_not_done", date(2026, 10, 5), EVALUATION, flag=True)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("mottatt", []),
        ("hos_egen_leder", []),
        ("godkjent_egen_leder", []),
        ("avslatt_egen_leder", []),
        ("sendt_vertsenhet", [SENT_RULE]),
        ("mottatt_vertsenhet", []),
        ("godkjent_vertsenhet", [FEEDBACK_RULE]),
        ("avslatt_vertsenhet", [FEEDBACK_RULE]),
        ("tilbakemeldt", []),
        ("avtalt", [EVALUATION_RULE]),
        ("pagar", [CONFIDENTIALITY_RULE, EVALUATION_RULE]),
        ("gjennomfort", [EVALUATION_RULE]),
        ("evaluert", []),
        ("tilbakemeldt_avslag", []),
        ("trukket", []),
    ],
)
def test_each_hospitering_rule_belongs_to_its_statuses(status: str, expected: list[Rule]) -> None:
    assert own("hospitering", status, **EVERY_START) == expected


@pytest.mark.parametrize("status", ["avtalt", "pagar", "gjennomfort"])
def test_hospitering_evaluation_done_or_not_planned_has_no_flag(status: str) -> None:
    planned = date(2026, 10, 5)
    assert (
        own("hospitering", status, evaluation_planned_on=planned, evaluation_done_on=planned) == []
    )
    assert own("hospitering", status) == []


# --- veiledning ---------------------------------------------------------------------------


def test_veiledning_received_must_be_assessed_in_three_working_days() -> None:
    expected = Rule("veiledning.not_assessed", date(2026, 3, 5), "Henvendelsen er ikke vurdert")
    assert active_rules("veiledning", "mottatt", {"received_on": MON}, R) == [expected]
    r = Reminders(veiledning_not_assessed=0)
    assert own("veiledning", "mottatt", r, received_on=MON)[0].on == MON
    assert active_rules("veiledning", "mottatt", {}, R) == []
    assert own("veiledning", "vurdert", received_on=MON) == []


# --- LIS1 ---------------------------------------------------------------------------------

STATSFORVALTER = "Statsforvalteren er ikke varslet"
HOSPITAL = "Sykehuset er ikke varslet"
OTHER_PARTY = "Den andre parten er ikke informert om forsinkelsen"
RESTPLASS = "Sykehuset er ikke informert om restplassen"
NO_TYPE = "Type varsel er ikke valgt"


@pytest.mark.parametrize(
    ("values", "missing"),
    [
        ({}, [NO_TYPE]),
        ({"notice_type": "hva som helst"}, [NO_TYPE]),
        ({"notice_type": "frafall_for"}, [STATSFORVALTER, HOSPITAL]),
        ({"notice_type": "frafall_under"}, [STATSFORVALTER, HOSPITAL]),
        ({"notice_type": "frafall_for", "statsforvalter_confirmed": True}, [HOSPITAL]),
        ({"notice_type": "frafall_for", "statsforvalter_confirmed": "ja"},
         [STATSFORVALTER, HOSPITAL]),
        ({"notice_type": "frafall_for", "statsforvalter_notified_on": MON}, [HOSPITAL]),
        ({"notice_type": "frafall_under", "hospital_notified_on": MON}, [STATSFORVALTER]),
        ({"notice_type": "frafall_for", "hospital_notified_on": MON,
          "statsforvalter_confirmed": True}, []),
        ({"notice_type": "forsinkelse"}, [OTHER_PARTY]),
        ({"notice_type": "forsinkelse", "hospital_notified_on": MON}, [OTHER_PARTY]),
        ({"notice_type": "forsinkelse", "other_party_informed_on": MON}, []),
        ({"notice_type": "restplass"}, [RESTPLASS]),
        ({"notice_type": "restplass", "other_party_informed_on": MON}, [RESTPLASS]),
        ({"notice_type": "restplass", "hospital_notified_on": MON}, []),
    ],
)  # fmt: skip
def test_lis1_what_is_missing_before_notifying(values: dict[str, Any], missing: list[str]) -> None:
    assert lis1_missing_notifications(values) == missing


@pytest.mark.parametrize("status", ["mottatt", "varsles"])
def test_lis1_rules_fall_due_a_working_day_after_the_event(status: str) -> None:
    values = {"event_on": date(2026, 4, 1), "received_on": MON, "notice_type": "frafall_for"}
    notice = {"notice": "frafall_for"}
    assert active_rules("lis1", status, values, R) == [
        Rule("lis1.statsforvalter_not_notified", date(2026, 4, 7), STATSFORVALTER, params=notice),
        Rule("lis1.hospital_not_notified", date(2026, 4, 7), HOSPITAL, params=notice),
    ]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"received_on": MON, "notice_type": "restplass"},
            [Rule("lis1.hospital_not_informed_restplass", date(2026, 3, 3), RESTPLASS,
                  params={"notice": "restplass"})],
        ),
        (
            {"received_on": MON, "notice_type": "forsinkelse"},
            [Rule("lis1.other_party_not_informed", date(2026, 3, 3), OTHER_PARTY,
                  params={"notice": "forsinkelse"})],
        ),
        (
            {"received_on": MON, "notice_type": "hva som helst"},
            [Rule("lis1.notice_type_missing", date(2026, 3, 3), NO_TYPE)],
        ),
        ({"notice_type": "restplass"}, []),
    ],
)  # fmt: skip
def test_lis1_rules_by_notice_type(values: dict[str, Any], expected: list[Rule]) -> None:
    assert active_rules("lis1", "mottatt", values, R) == expected


def test_lis1_rules_are_shown_with_the_notice() -> None:
    values = {"received_on": MON, "notice_type": "frafall_under"}
    shown = [rule.describe(MON) for rule in active_rules("lis1", "varsles", values, R)]
    assert shown == [f"LIS1 frafall: {STATSFORVALTER}", f"LIS1 frafall: {HOSPITAL}"]
    (rule,) = active_rules("lis1", "mottatt", {"received_on": MON}, R)
    assert rule.describe(MON) == NO_TYPE


def test_lis1_notified_waits_for_an_answer_only() -> None:
    values = {"received_on": MON, "status_since": MON, "notice_type": "frafall_for"}
    assert active_rules("lis1", "varslet", values, R) == [
        waiting("lis1", "varslet", date(2026, 3, 16), "svar etter varslingen", since=MON)
    ]


# --- LIS3 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["registrert", "i_ko"])
def test_lis3_confirmation_must_be_requested_six_months_before(status: str) -> None:
    values = {"desired_from": date(2027, 8, 31), "confirmation_requested_on": MON}
    assert active_rules("lis3", status, values, R) == [
        Rule(
            "lis3.confirmation_due",
            date(2027, 2, 28),
            "Bekreftelse fra kommunen må etterspørres senest 28.02.2027",
        )
    ]
    assert own("lis3", status, received_on=MON) == []


@pytest.mark.parametrize(
    ("values", "since", "on"),
    [
        ({"confirmation_requested_on": date(2026, 3, 4), "received_on": MON},
         "2026-03-04", date(2026, 3, 18)),
        ({"received_on": MON}, "2026-03-02", date(2026, 3, 16)),
    ],
)  # fmt: skip
def test_lis3_confirmation_not_answered_counts_from_the_request(
    values: dict[str, date], since: str, on: date
) -> None:
    assert active_rules("lis3", "bekreftelse_bedt", values, R) == [
        Rule(
            "lis3.confirmation_not_answered",
            on,
            "Kommunen har ikke svart på forespørselen om bekreftelse",
            params={"since": since},
        )
    ]


def test_lis3_confirmation_answer_length_is_a_setting() -> None:
    r = Reminders(lis3_confirmation_answer=1)
    (rule,) = active_rules("lis3", "bekreftelse_bedt", {"received_on": MON}, r)
    assert rule.on == date(2026, 3, 3)


def test_lis3_confirmation_request_without_dates_has_no_rule() -> None:
    assert active_rules("lis3", "bekreftelse_bedt", {}, R) == []
    assert own("lis3", "bekreftet", received_on=MON, desired_from=date(2027, 8, 31)) == []


def test_lis3_not_answered_is_shown_with_the_days_waited() -> None:
    (rule,) = active_rules("lis3", "bekreftelse_bedt", {"received_on": MON}, R)
    assert rule.describe(date(2026, 3, 3)) == (
        "Kommunen har ikke svart på forespørselen om bekreftelse fra 02.03.2026 (1 virkedag)"
    )


# --- nettverk -----------------------------------------------------------------------------

HELD = date(2026, 5, 12)  # a Tuesday between 1 May, Ascension (14th) and Whit Monday (25th)


def test_nettverk_planned_must_be_announced_ten_working_days_before() -> None:
    expected = Rule(
        "nettverk.not_announced",
        date(2026, 4, 27),
        "Aktiviteten er ikke kunngjort til den andre parten",
    )
    assert active_rules("nettverk", "planlagt", {"held_on": HELD}, R) == [expected]
    assert active_rules("nettverk", "planlagt", {"held_on": HELD, "announced_on": MON}, R) == []
    assert active_rules("nettverk", "planlagt", {"announced_on": MON}, R) == []
    r = Reminders(nettverk_announce_before=1)
    assert own("nettverk", "planlagt", r, held_on=HELD)[0].on == date(2026, 5, 11)


def test_nettverk_held_must_be_reported_ten_working_days_after() -> None:
    expected = Rule("nettverk.not_reported", date(2026, 5, 28), "Aktiviteten er ikke rapportert")
    assert active_rules("nettverk", "gjennomfort", {"held_on": HELD}, R) == [expected]
    assert active_rules("nettverk", "gjennomfort", {}, R) == []
    r = Reminders(nettverk_report_after=1)
    assert own("nettverk", "gjennomfort", r, held_on=HELD)[0].on == date(2026, 5, 13)


def test_nettverk_announced_waits_for_the_day_it_is_held() -> None:
    assert active_rules("nettverk", "kunngjort", {"held_on": HELD}, R) == [
        Rule("followup.nettverk.kunngjort", HELD, "Aktiviteten holdes 12.05.2026")
    ]


# --- all rules together -------------------------------------------------------------------


def test_rules_are_sorted_by_date_ties_in_rule_order() -> None:
    values = {
        "received_on": MON,
        "agreed_from": date(2026, 10, 5),
        "evaluation_planned_on": date(2026, 10, 5),
        "agreed_to": date(2026, 9, 1),
    }
    keys = [r.key for r in active_rules("hospitering", "pagar", values, R)]
    assert keys == [
        "followup.hospitering.pagar",
        "hospitering.confidentiality_missing",
        "hospitering.evaluation_not_done",
    ]


def test_due_is_the_earliest_rule_or_nothing() -> None:
    values = {"received_on": MON, "notice_type": "restplass"}
    assert due("lis1", "mottatt", values, R) == (date(2026, 3, 3), RESTPLASS)
    assert due("lis1", "avsluttet", values, R) == (None, None)
    assert due("veiledning", "vurdert", values, R) == (None, None)


def test_flags_only_keeps_the_flags_in_order() -> None:
    a = Rule("a", MON, "A", flag=True)
    b = Rule("b", MON, "B")
    c = Rule("c", MON, "C", flag=True)
    assert flags_only([c, b, a]) == [c, a]


def test_whose_move_and_the_theirs_statuses() -> None:
    assert whose_move("lis3", "tilbudt") == "theirs"
    assert whose_move("lis3", "bekreftet") == "ours"
    assert whose_move("lis3", "avlyst") == "done"
    assert theirs_statuses() == [
        (kind, st.key)
        for kind, spec in KINDS.items()
        for st in spec.statuses
        if st.move == "theirs"
    ]
    assert theirs_statuses()[:3] == [
        ("hospitering", "hos_egen_leder"),
        ("hospitering", "sendt_vertsenhet"),
        ("hospitering", "mottatt_vertsenhet"),
    ]
    assert len(theirs_statuses()) == 14


# --- follow-ups ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "status", "length", "awaited"),
    [
        ("hospitering", "hos_egen_leder", "followup_hospitering_hos_egen_leder", "egen leder"),
        ("hospitering", "mottatt_vertsenhet", "followup_hospitering_mottatt_vertsenhet",
         "vertsenheten"),
        ("hospitering", "tilbakemeldt", "followup_hospitering_tilbakemeldt", "søkeren"),
        ("lis1", "varslet", "followup_lis1_varslet", "svar etter varslingen"),
        ("lis3", "tilbudt", "followup_lis3_tilbudt", "kandidatens svar på tilbudet"),
        ("lis3", "sokt_vikariat", "followup_lis3_sokt_vikariat", "svar på vikariatsøknaden"),
    ],
)  # fmt: skip
def test_a_length_follow_up_counts_its_setting_from_status_since(
    kind: str, status: str, length: str, awaited: str
) -> None:
    r = Reminders(**{length: 1})
    values = {"received_on": MON, "status_since": SINCE}
    assert active_rules(kind, status, values, r) == [
        waiting(kind, status, date(2026, 8, 13), awaited)
    ]


def test_a_follow_up_without_status_since_counts_from_received() -> None:
    (rule,) = active_rules("lis3", "tilbudt", {"received_on": MON}, R)
    assert (rule.on, rule.params) == (date(2026, 3, 16), {"since": "2026-03-02"})
    assert active_rules("lis3", "tilbudt", {}, R) == []


@pytest.mark.parametrize(
    ("kind", "status", "values", "on", "sentence"),
    [
        ("hospitering", "avtalt",
         {"agreed_from": date(2026, 9, 7), "period_from": date(2026, 9, 1)},
         date(2026, 9, 7), "Avtalt hospitering starter 07.09.2026"),
        ("hospitering", "avtalt", {"period_from": date(2026, 9, 1)},
         date(2026, 9, 1), "Avtalt hospitering starter 01.09.2026"),
        ("hospitering", "pagar", {"agreed_to": date(2026, 9, 18), "period_to": date(2026, 9, 30)},
         date(2026, 9, 18), "Hospiteringen skal være avsluttet 18.09.2026"),
        ("hospitering", "pagar", {"period_to": date(2026, 9, 30)},
         date(2026, 9, 30), "Hospiteringen skal være avsluttet 30.09.2026"),
        ("lis3", "pagar", {"offered_to": date(2028, 1, 31), "desired_to": date(2028, 2, 29)},
         date(2028, 1, 31), "LIS3-tjenesten avsluttes 31.01.2028"),
        ("lis3", "pagar", {"desired_to": date(2028, 2, 29)},
         date(2028, 2, 29), "LIS3-tjenesten avsluttes 29.02.2028"),
        ("veiledning", "avtalt", {"planned_delivery_on": date(2026, 9, 1), "agreed_on": SINCE},
         date(2026, 9, 1), "Veiledningen er planlagt levert 01.09.2026"),
    ],
)  # fmt: skip
def test_a_dated_follow_up_falls_due_on_its_date(
    kind: str, status: str, values: dict[str, date], on: date, sentence: str
) -> None:
    rule = Rule(f"followup.{kind}.{status}", on, sentence)
    assert rule in active_rules(kind, status, {"received_on": MON, **values}, R)


@pytest.mark.parametrize(
    ("kind", "status", "awaited"),
    [
        ("hospitering", "avtalt", "oppstart"),
        ("hospitering", "pagar", "avslutning"),
        ("lis3", "pagar", "avslutning"),
        ("nettverk", "kunngjort", "aktiviteten"),
    ],
)
def test_a_dated_follow_up_without_its_date_counts_ten_days_in_the_status(
    kind: str, status: str, awaited: str
) -> None:
    values = {"received_on": MON, "status_since": SINCE}
    rule = waiting(kind, status, date(2026, 8, 26), awaited)
    assert rule in active_rules(kind, status, values, R)
    r = Reminders(followup_without_date=2)
    assert [x.on for x in active_rules(kind, status, values, r) if x.key == rule.key] == [
        date(2026, 8, 14)
    ]


def test_veiledning_agreed_without_a_delivery_date_counts_from_agreed_on() -> None:
    values = {"received_on": MON, "status_since": SINCE, "agreed_on": date(2026, 8, 3)}
    r = Reminders(followup_veiledning_avtalt=1)
    awaited = "levering av veiledningen (uten planlagt dato)"
    assert active_rules("veiledning", "avtalt", values, r) == [
        waiting("veiledning", "avtalt", date(2026, 8, 4), awaited, since=date(2026, 8, 3))
    ]


def test_a_covering_rule_is_the_follow_up_until_it_ends() -> None:
    values = {"received_on": MON, "status_since": SINCE, "host_received_on": SINCE}
    r = Reminders(hospitering_sent_not_received=1)
    assert active_rules("hospitering", "sendt_vertsenhet", values, r) == [
        waiting("hospitering", "sendt_vertsenhet", date(2026, 8, 13), "vertsenheten")
    ]
    values = {"received_on": MON, "status_since": SINCE, "confirmation_requested_on": SINCE}
    (rule,) = active_rules("lis3", "bekreftelse_bedt", values, R)
    assert rule.key == "lis3.confirmation_not_answered"


def test_lis3_queue_without_a_desired_start_waits_for_a_place() -> None:
    values = {"received_on": MON, "status_since": SINCE}
    assert active_rules("lis3", "i_ko", values, R) == [
        waiting("lis3", "i_ko", date(2026, 8, 26), "en plass")
    ]


# --- purring ------------------------------------------------------------------------------

REMINDED = date(2026, 11, 23)  # a Monday


def test_a_purring_counts_the_status_length_again_from_the_purring() -> None:
    values = {"received_on": MON, "status_since": SINCE, "reminded_on": REMINDED}
    r = Reminders(followup_lis3_tilbudt=1)
    awaited = "kandidatens svar på tilbudet"
    assert active_rules("lis3", "tilbudt", values, r) == [
        waiting("lis3", "tilbudt", date(2026, 11, 24), awaited, reminded="2026-11-23")
    ]


def test_a_purring_on_a_dateless_follow_up_counts_the_ten_days_again() -> None:
    values = {"received_on": MON, "status_since": SINCE, "reminded_on": REMINDED}
    r = Reminders(followup_without_date=1)
    (rule,) = active_rules("nettverk", "kunngjort", values, r)
    assert (rule.on, rule.params) == (
        date(2026, 11, 24),
        {"since": "2026-08-12", "reminded": "2026-11-23"},
    )


def test_a_purring_on_the_day_the_status_began_counts() -> None:
    values = {"received_on": MON, "status_since": REMINDED, "reminded_on": REMINDED}
    (rule,) = active_rules("lis3", "tilbudt", values, Reminders(followup_lis3_tilbudt=1))
    assert rule.params == {"since": "2026-11-23", "reminded": "2026-11-23"}


def test_a_purring_without_status_since_counts() -> None:
    values = {"received_on": MON, "reminded_on": REMINDED}
    (rule,) = active_rules("lis3", "tilbudt", values, Reminders(followup_lis3_tilbudt=1))
    assert (rule.on, rule.params) == (
        date(2026, 11, 24),
        {"since": "2026-03-02", "reminded": "2026-11-23"},
    )


def test_a_purring_keeps_a_covering_rule_a_flag() -> None:
    values = {"sent_on": SINCE, "status_since": SINCE, "reminded_on": REMINDED}
    assert active_rules("hospitering", "sendt_vertsenhet", values, R) == [
        Rule(
            "hospitering.sent_not_received",
            date(2026, 11, 30),
            SENT,
            flag=True,
            params={"since": "2026-08-12", "reminded": "2026-11-23"},
        )
    ]


@pytest.mark.parametrize(
    ("agreed_from", "on"),
    [
        (date(2026, 11, 24), date(2026, 11, 24)),  # still to come: the date stays
        (REMINDED, date(2026, 11, 30)),  # today is the date: five working days more
        (date(2026, 11, 2), date(2026, 11, 30)),
    ],
)
def test_a_purring_on_a_dated_follow_up(agreed_from: date, on: date) -> None:
    values = {"status_since": SINCE, "agreed_from": agreed_from, "reminded_on": REMINDED}
    assert active_rules("hospitering", "avtalt", values, R) == [
        Rule(
            "followup.hospitering.avtalt",
            on,
            f"Avtalt hospitering starter {agreed_from:%d.%m.%Y}",
            params={"reminded": "2026-11-23"},
        )
    ]
    r = Reminders(followup_after_reminder=1)
    (moved,) = active_rules("hospitering", "avtalt", values, r)
    assert moved.on == (on if on == agreed_from else date(2026, 11, 24))


def test_a_purring_leaves_the_other_rules_alone() -> None:
    values = {
        "received_on": MON,
        "status_since": SINCE,
        "evaluation_planned_on": date(2026, 10, 5),
        "reminded_on": REMINDED,
    }
    rules = active_rules("hospitering", "pagar", values, R)
    assert rules[0] == Rule("hospitering.confidentiality_missing", MON, CONFIDENTIALITY, flag=True)
    assert rules[1] == EVALUATION_RULE
    assert rules[2].params == {"since": "2026-08-12", "reminded": "2026-11-23"}


def test_next_reminder_after_a_purring() -> None:
    values = {"received_on": MON, "status_since": SINCE}
    assert next_reminder("lis3", "tilbudt", values, R, REMINDED) == date(2026, 12, 7)
    queued = {**values, "desired_from": date(2027, 9, 1)}
    assert next_reminder("lis3", "i_ko", queued, R, REMINDED) == date(2027, 3, 1)
    assert next_reminder("lis3", "bekreftet", values, R, REMINDED) is None  # ours
    assert next_reminder("lis3", "tilbudt", {}, R, REMINDED) is None  # nothing to count from


# --- the sentence shown -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "params", "on", "today", "shown"),
    [
        # A follow-up with its date, whatever today is.
        ("followup.hospitering.avtalt", {}, date(2026, 9, 7), SINCE,
         "Avtalt hospitering starter 07.09.2026"),
        # Counted from a date: the working days waited, one and many.
        ("followup.hospitering.avtalt", {"since": "2026-08-12"}, None, date(2026, 8, 13),
         "Venter på oppstart siden 12.08.2026 (1 virkedag)"),
        ("followup.hospitering.avtalt", {"since": "2026-08-12"}, None, date(2026, 8, 12),
         "Venter på oppstart siden 12.08.2026 (0 virkedager)"),
        ("followup.lis1.varslet", {"since": "2026-08-12"}, None, date(2026, 8, 14),
         "Venter på svar etter varslingen siden 12.08.2026 (2 virkedager)"),
        ("followup.lis1.varslet", {"since": "2026-08-12"}, None, None,
         "Venter på svar etter varslingen siden 12.08.2026"),
        # A counted follow-up whose start is not stored (a hand-edited desk): no «siden ».
        ("followup.lis1.varslet", {}, None, SINCE, "Venter på svar etter varslingen"),
        ("followup.lis1.varslet", {"since": "ikke en dato"}, None, SINCE,
         "Venter på svar etter varslingen"),
        ("followup.ukjent.status", {}, None, None, "Venter på andre"),
        # A follow-up of a status the catalogue does not know.
        ("followup.ukjent.status", {"since": "2026-08-12"}, None, None,
         "Venter på andre siden 12.08.2026"),
        ("followup.lis1.varslet.annet", {"since": "2026-08-12"}, None, None,
         "Venter på andre siden 12.08.2026"),
        ("followup.lis1", {"since": "2026-08-12"}, None, None,
         "Venter på andre siden 12.08.2026"),
        # Rules whose sentence carries a date.
        ("hospitering.sent_not_received", {"since": "2026-08-12"}, None, date(2026, 8, 19),
         "Sendt vertsenheten 12.08.2026 (5 virkedager), ikke bekreftet mottatt"),
        ("hospitering.sent_not_received", {}, None, SINCE, "lagret"),
        ("hospitering.sent_not_received", {"since": "ikke en dato"}, None, SINCE, "lagret"),
        ("lis3.confirmation_due", {}, date(2027, 2, 28), SINCE,
         "LIS3: kommunen skal spørres innen 28.02.2027 om institusjonstjenesten går som planlagt"),
        # Other rules keep the sentence they were made with.
        ("veiledning.not_assessed", {"since": "2026-08-12"}, MON, SINCE, "lagret"),
        ("lis1.hospital_not_notified", {"notice": "restplass"}, MON, SINCE,
         "LIS1 restplass: lagret"),
        ("lis1.hospital_not_notified", {"notice": "ukjent"}, MON, SINCE, "lagret"),
        ("veiledning.not_assessed", {"notice": "restplass"}, MON, SINCE, "lagret"),
        # A purring is told at the end.
        ("veiledning.not_assessed", {"reminded": "2026-11-23"}, MON, SINCE,
         "lagret · purret 23.11.2026"),
        ("followup.lis1.varslet", {"since": "2026-08-12", "reminded": "2026-11-23"}, None, None,
         "Venter på svar etter varslingen siden 12.08.2026 · purret 23.11.2026"),
        ("veiledning.not_assessed", {"reminded": ""}, MON, SINCE, "lagret"),
        ("veiledning.not_assessed", {"reminded": "2026-13-01"}, MON, SINCE, "lagret"),
    ],
)  # fmt: skip
def test_the_sentence_shown(
    key: str, params: dict[str, str], on: date | None, today: date | None, shown: str
) -> None:
    assert describe(key, params, on, today, "lagret") == shown


def test_an_unknown_rule_without_a_stored_sentence_shows_nothing() -> None:
    assert describe("ukjent.regel", {}, MON, SINCE) == ""
    assert Rule("ukjent.regel", MON, "Noe mangler").describe(SINCE) == "Noe mangler"
    assert Rule("ukjent.regel", MON, "Noe mangler").describe() == "Noe mangler"


@pytest.mark.parametrize(
    ("key", "params_json", "stored", "shown"),
    [
        (None, None, "Gammel setning", "Gammel setning"),
        ("", '{"since": "2026-08-12"}', "Gammel setning", "Gammel setning"),
        (None, None, None, ""),
        ("followup.lis1.varslet", '{"since": "2026-08-12"}', "x",
         "Venter på svar etter varslingen siden 12.08.2026 (1 virkedag)"),
        ("lis1.notice_type_missing", None, "Lagret", "Lagret"),
        ("lis1.notice_type_missing", "", "Lagret", "Lagret"),
        ("lis1.notice_type_missing", "ikke json", "Lagret", "Lagret"),
        ("lis1.notice_type_missing", '["restplass"]', "Lagret", "Lagret"),
        ("lis1.notice_type_missing", '{"notice": "restplass"}', "Lagret", "LIS1 restplass: Lagret"),
        ("lis1.notice_type_missing", '{"notice": "restplass"}', None, "LIS1 restplass: "),
        ("lis3.confirmation_due", "{}", "Lagret",
         "LIS3: kommunen skal spørres innen 02.03.2026 om institusjonstjenesten går som planlagt"),
    ],
)  # fmt: skip
def test_the_stored_reason_shown(
    key: str | None, params_json: str | None, stored: str | None, shown: str
) -> None:
    assert reason_text(key, params_json, MON, stored, date(2026, 8, 13)) == shown
