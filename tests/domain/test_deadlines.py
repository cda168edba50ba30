"""Working days, due dates and the rules of DOMAIN.md "Rules, due dates and the inbox"."""

from __future__ import annotations

import inspect
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from dateutil.easter import easter

from samhandlingsdesk.domain.deadlines import (
    REMINDER_LABELS,
    Reminders,
    Rule,
    active_rules,
    add_working_days,
    due,
    flags_only,
    is_working_day,
    lis1_missing_notifications,
    lis3_confirmation_due,
    whose_move,
    working_days_before,
)
from samhandlingsdesk.domain.kinds import KINDS

R = Reminders()


def rules(kind: str, status: str, **values: Any) -> list[Rule]:
    return active_rules(kind, status, values, R)


def keys(kind: str, status: str, **values: Any) -> list[str]:
    return [r.key for r in rules(kind, status, **values)]


# --- working days -----------------------------------------------------------------------


def expected_holidays(year: int) -> set[date]:
    e = easter(year)
    return {
        date(year, 1, 1),
        e - timedelta(days=3),
        e - timedelta(days=2),
        e,
        e + timedelta(days=1),
        date(year, 5, 1),
        date(year, 5, 17),
        e + timedelta(days=39),
        e + timedelta(days=49),
        e + timedelta(days=50),
        date(year, 12, 25),
        date(year, 12, 26),
    }


@pytest.mark.parametrize("year", range(2020, 2041))
def test_holidays_are_exactly_domain_list(year: int) -> None:
    """No other weekday is a holiday, and every listed holiday is not a working day."""
    listed = expected_holidays(year)
    d = date(year, 1, 1)
    while d.year == year:
        assert is_working_day(d) == (d.weekday() < 5 and d not in listed), d
        d += timedelta(days=1)


def test_weekends_are_not_working_days() -> None:
    assert is_working_day(date(2026, 3, 13))  # Friday
    assert not is_working_day(date(2026, 3, 14))  # Saturday
    assert not is_working_day(date(2026, 3, 15))  # Sunday
    assert is_working_day(date(2026, 3, 16))  # Monday


def test_ordinary_sunday_is_not_a_holiday_but_not_a_working_day_either() -> None:
    # Norway counts every Sunday as a holiday in some libraries' defaults; it must not
    # shift anything: Friday + 1 is Monday, Monday - 1 is Friday.
    assert add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)
    assert add_working_days(date(2026, 3, 16), -1) == date(2026, 3, 13)


def test_easter_2026() -> None:
    for d in (date(2026, 4, 2), date(2026, 4, 3), date(2026, 4, 5), date(2026, 4, 6)):
        assert not is_working_day(d)
    assert is_working_day(date(2026, 4, 1))
    assert is_working_day(date(2026, 4, 7))
    # Wednesday before Easter + 1 -> Tuesday after Easter Monday
    assert add_working_days(date(2026, 4, 1), 1) == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 1)
    assert add_working_days(date(2026, 3, 30), 5) == date(2026, 4, 9)


def test_may_2026() -> None:
    assert not is_working_day(date(2026, 5, 1))  # Friday, 1 May
    assert not is_working_day(date(2026, 5, 14))  # Ascension
    assert not is_working_day(date(2026, 5, 17))  # Sunday anyway
    assert not is_working_day(date(2026, 5, 25))  # Whit Monday
    assert is_working_day(date(2026, 5, 15))
    assert is_working_day(date(2026, 5, 18))
    # Wednesday 13 May + 1 -> Friday 15 May (Ascension skipped)
    assert add_working_days(date(2026, 5, 13), 1) == date(2026, 5, 15)
    # Friday 22 May + 1 -> Tuesday 26 May (Whit Monday skipped)
    assert add_working_days(date(2026, 5, 22), 1) == date(2026, 5, 26)
    # Thursday 30 April + 1 -> Monday 4 May (1 May skipped)
    assert add_working_days(date(2026, 4, 30), 1) == date(2026, 5, 4)


def test_2027_17_may_is_also_whit_monday() -> None:
    assert date(2027, 5, 17).weekday() == 0
    assert easter(2027) + timedelta(days=50) == date(2027, 5, 17)
    assert not is_working_day(date(2027, 5, 17))
    assert is_working_day(date(2027, 5, 18))
    assert add_working_days(date(2027, 5, 14), 1) == date(2027, 5, 18)


def test_christmas_and_new_year() -> None:
    # 2026: 24 Dec Thursday (working day), 25 Friday, 26 Saturday, 1 Jan 2027 Friday.
    assert is_working_day(date(2026, 12, 24))
    assert not is_working_day(date(2026, 12, 25))
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert add_working_days(date(2027, 1, 4), -1) == date(2026, 12, 31)
    # 2025: 25/26 Dec Thursday/Friday.
    assert add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 29)


def test_add_working_days_zero_rolls_forward() -> None:
    assert add_working_days(date(2026, 3, 16), 0) == date(2026, 3, 16)
    assert add_working_days(date(2026, 3, 14), 0) == date(2026, 3, 16)
    assert add_working_days(date(2026, 4, 2), 0) == date(2026, 4, 7)


def test_add_working_days_counts_from_a_weekend() -> None:
    assert add_working_days(date(2026, 3, 14), 1) == date(2026, 3, 16)
    assert add_working_days(date(2026, 3, 14), 5) == date(2026, 3, 20)
    assert add_working_days(date(2026, 3, 14), -1) == date(2026, 3, 13)


def test_add_working_days_accepts_datetime() -> None:
    assert add_working_days(datetime(2026, 3, 13, 15, 30), 1) == date(2026, 3, 16)


def test_working_days_before() -> None:
    assert working_days_before(date(2026, 3, 16), 1) == date(2026, 3, 13)
    assert working_days_before(date(2026, 3, 20), 10) == date(2026, 3, 6)
    # Tuesday after Easter - 1 -> Wednesday before
    assert working_days_before(date(2026, 4, 7), 1) == date(2026, 4, 1)
    assert working_days_before(date(2026, 3, 16), 0) == date(2026, 3, 16)
    assert working_days_before(date(2026, 3, 15), 0) == date(2026, 3, 13)
    with pytest.raises(ValueError):
        working_days_before(date(2026, 3, 16), -1)


@pytest.mark.parametrize("n", [1, 3, 10, 25])
def test_add_and_back_round_trip_on_working_days(n: int) -> None:
    d = date(2026, 3, 2)
    while d < date(2026, 6, 30):
        if is_working_day(d):
            assert add_working_days(add_working_days(d, n), -n) == d
            assert working_days_before(add_working_days(d, n), n) == d
        d += timedelta(days=1)


# --- LIS3 month-end clamping ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2027, 8, 31), date(2027, 2, 28)),
        (date(2028, 8, 31), date(2028, 2, 29)),
        (date(2026, 9, 1), date(2026, 3, 1)),
        (date(2026, 3, 15), date(2025, 9, 15)),
        (date(2026, 12, 31), date(2026, 6, 30)),
    ],
)
def test_lis3_confirmation_due(start: date, expected: date) -> None:
    assert lis3_confirmation_due(start) == expected


# --- Reminders ----------------------------------------------------------------------------


def test_reminder_defaults() -> None:
    assert R.as_dict() == {
        "hospitering_sent_not_received": 5,
        "veiledning_not_assessed": 3,
        "lis1_notification": 1,
        "lis3_confirmation_answer": 10,
        "nettverk_announce_before": 10,
        "nettverk_report_after": 10,
        "followup_hospitering_hos_egen_leder": 5,
        "followup_hospitering_mottatt_vertsenhet": 10,
        "followup_hospitering_tilbakemeldt": 10,
        "followup_veiledning_avtalt": 15,
        "followup_lis1_varslet": 10,
        "followup_lis3_tilbudt": 10,
        "followup_lis3_sokt_vikariat": 10,
        "followup_without_date": 10,
        "followup_after_reminder": 5,
    }
    assert set(REMINDER_LABELS) == set(R.as_dict())
    assert all(label for label in REMINDER_LABELS.values())


def test_reminders_from_mapping() -> None:
    r = Reminders.from_mapping({"veiledning_not_assessed": 7, "unknown": "x", "side": 3})
    assert r.veiledning_not_assessed == 7
    assert r.hospitering_sent_not_received == 5
    assert Reminders.from_mapping(r.as_dict()) == r
    assert Reminders.from_mapping({}) == Reminders()
    assert Reminders.from_mapping({"lis1_notification": 0}).lis1_notification == 0


@pytest.mark.parametrize("bad", [-1, "5", 2.5, True, None])
def test_reminders_from_mapping_rejects(bad: object) -> None:
    with pytest.raises(ValueError, match="LIS1"):
        Reminders.from_mapping({"lis1_notification": bad})


def test_reminders_are_frozen() -> None:
    with pytest.raises(AttributeError):
        R.lis1_notification = 3  # type: ignore[misc]


# --- hospitering ----------------------------------------------------------------------------


def test_hospitering_sent_not_received() -> None:
    (rule,) = rules("hospitering", "sendt_vertsenhet", sent_on=date(2026, 3, 30))
    assert rule.key == "hospitering.sent_not_received"
    assert rule.on == date(2026, 4, 9)  # 5 working days across Easter
    assert rule.sentence == "Sendt vertsenheten, men ikke bekreftet mottatt"
    assert rule.flag


def test_hospitering_sent_uses_setting() -> None:
    r = Reminders(hospitering_sent_not_received=1)
    (rule,) = active_rules("hospitering", "sendt_vertsenhet", {"sent_on": date(2026, 3, 13)}, r)
    assert rule.on == date(2026, 3, 16)


def test_hospitering_sent_without_sent_on_falls_back() -> None:
    (rule,) = rules(
        "hospitering",
        "sendt_vertsenhet",
        own_leader_on=date(2026, 3, 9),
        received_on=date(2026, 3, 2),
    )
    assert rule.on == date(2026, 3, 16)
    (rule,) = rules("hospitering", "sendt_vertsenhet", received_on=date(2026, 3, 2))
    assert rule.on == date(2026, 3, 9)
    assert rules("hospitering", "sendt_vertsenhet") == []


def test_hospitering_sent_and_received_by_host_has_no_reminder() -> None:
    assert (
        rules(
            "hospitering",
            "sendt_vertsenhet",
            sent_on=date(2026, 3, 2),
            host_received_on=date(2026, 3, 3),
        )
        == []
    )


def test_hospitering_confidentiality_flag() -> None:
    (rule,) = rules(
        "hospitering", "pagar", agreed_from=date(2026, 9, 7), period_from=date(2026, 9, 1)
    )
    assert rule.key == "hospitering.confidentiality_missing"
    assert rule.on == date(2026, 9, 7)
    assert rule.sentence == "Taushetserklæring er ikke registrert"
    assert rule.flag
    (rule,) = rules("hospitering", "pagar", period_from=date(2026, 9, 1))
    assert rule.on == date(2026, 9, 1)
    assert (
        rules(
            "hospitering",
            "pagar",
            agreed_from=date(2026, 9, 7),
            confidentiality_on=date(2026, 9, 7),
        )
        == []
    )
    # Only while ongoing.
    assert "hospitering.confidentiality_missing" not in keys(
        "hospitering", "avtalt", agreed_from=date(2026, 9, 7)
    )
    assert "hospitering.confidentiality_missing" not in keys(
        "hospitering", "gjennomfort", agreed_from=date(2026, 9, 7)
    )


@pytest.mark.parametrize("status", ["avtalt", "pagar", "gjennomfort"])
def test_hospitering_evaluation_not_done(status: str) -> None:
    values = {
        "evaluation_planned_on": date(2026, 10, 5),
        "confidentiality_on": date(2026, 9, 1),
    }
    (rule,) = active_rules("hospitering", status, values, R)
    assert rule.key == "hospitering.evaluation_not_done"
    assert rule.on == date(2026, 10, 5)
    assert rule.sentence == "Evalueringen er ikke gjennomført"
    assert rule.flag
    done = {**values, "evaluation_done_on": date(2026, 10, 5)}
    assert active_rules("hospitering", status, done, R) == []


def test_hospitering_evaluation_rule_does_not_depend_on_today() -> None:
    """Rules take no `today`: the rule's date is the planned evaluation, its deadline."""
    assert "today" not in inspect.signature(active_rules).parameters
    values = {"evaluation_planned_on": date(2026, 10, 5)}
    (rule,) = active_rules("hospitering", "gjennomfort", values, R)
    assert rule.on == date(2026, 10, 5)


@pytest.mark.parametrize("status", ["godkjent_vertsenhet", "avslatt_vertsenhet"])
def test_hospitering_host_decided_without_feedback(status: str) -> None:
    (rule,) = rules(
        "hospitering",
        status,
        host_leader_on=date(2026, 4, 20),
        host_received_on=date(2026, 4, 10),
        received_on=date(2026, 3, 1),
    )
    assert rule.key == "hospitering.feedback_missing"
    assert rule.on == date(2026, 4, 20)
    assert rule.sentence == "Vertsenheten har svart, men søkeren har ikke fått tilbakemelding"
    assert rule.flag
    (rule,) = rules(status=status, kind="hospitering", host_received_on=date(2026, 4, 10))
    assert rule.on == date(2026, 4, 10)
    (rule,) = rules(status=status, kind="hospitering", received_on=date(2026, 3, 1))
    assert rule.on == date(2026, 3, 1)
    assert rules("hospitering", status, feedback_on=date(2026, 4, 21)) == []


@pytest.mark.parametrize(
    "status",
    # The *theirs* statuses among them have follow-ups now (DOMAIN.md «Follow-ups»,
    # tests/domain/test_followups.py).
    ["mottatt", "godkjent_egen_leder", "avslatt_egen_leder"],
)
def test_hospitering_statuses_without_a_number_of_days_have_no_rule(status: str) -> None:
    values = {
        "received_on": date(2026, 3, 2),
        "sent_on": date(2026, 3, 3),
        "period_from": date(2026, 9, 1),
    }
    assert active_rules("hospitering", status, values, R) == []


def test_hospitering_several_rules_are_sorted() -> None:
    got = rules(
        "hospitering",
        "pagar",
        agreed_from=date(2026, 9, 7),
        evaluation_planned_on=date(2026, 9, 1),
    )
    assert [r.key for r in got] == [
        "hospitering.evaluation_not_done",
        "hospitering.confidentiality_missing",
    ]
    assert flags_only(got) == got


# --- veiledning ---------------------------------------------------------------------------


def test_veiledning_not_assessed() -> None:
    (rule,) = rules("veiledning", "mottatt", received_on=date(2026, 5, 13))
    assert rule.key == "veiledning.not_assessed"
    # Wednesday 13 May + 3: Ascension 14 May skipped -> 15, 18, 19
    assert rule.on == date(2026, 5, 19)
    assert rule.sentence == "Henvendelsen er ikke vurdert"
    assert not rule.flag
    assert rules("veiledning", "mottatt") == []


@pytest.mark.parametrize("status", ["vurdert", "levert"])  # «Avtalt» has a follow-up
def test_veiledning_other_open_statuses_have_no_rule(status: str) -> None:
    assert rules("veiledning", status, received_on=date(2026, 5, 13)) == []


# --- LIS1 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("notice_type", ["frafall_for", "frafall_under"])
@pytest.mark.parametrize("status", ["mottatt", "varsles"])
def test_lis1_drop_out_needs_both(notice_type: str, status: str) -> None:
    got = rules(
        "lis1",
        status,
        notice_type=notice_type,
        event_on=date(2026, 4, 1),
        received_on=date(2026, 3, 20),
    )
    assert [(r.key, r.on, r.sentence) for r in got] == [
        ("lis1.statsforvalter_not_notified", date(2026, 4, 7), "Statsforvalteren er ikke varslet"),
        ("lis1.hospital_not_notified", date(2026, 4, 7), "Sykehuset er ikke varslet"),
    ]
    assert flags_only(got) == []
    assert due("lis1", status, {"notice_type": notice_type, "event_on": date(2026, 4, 1)}, R) == (
        date(2026, 4, 7),
        "Statsforvalteren er ikke varslet",
    )


def test_lis1_drop_out_partial_and_complete() -> None:
    base = {"notice_type": "frafall_under", "received_on": date(2026, 3, 13)}
    got = active_rules("lis1", "varsles", {**base, "hospital_notified_on": date(2026, 3, 13)}, R)
    assert [(r.sentence, r.on) for r in got] == [
        ("Statsforvalteren er ikke varslet", date(2026, 3, 16))
    ]
    got = active_rules(
        "lis1", "varsles", {**base, "statsforvalter_notified_on": date(2026, 3, 13)}, R
    )
    assert [r.sentence for r in got] == ["Sykehuset er ikke varslet"]
    confirmed = {**base, "statsforvalter_confirmed": True}
    assert lis1_missing_notifications(confirmed) == ["Sykehuset er ikke varslet"]
    not_confirmed = {**base, "statsforvalter_confirmed": False}
    assert "Statsforvalteren er ikke varslet" in lis1_missing_notifications(not_confirmed)
    complete = {**confirmed, "hospital_notified_on": date(2026, 3, 13)}
    assert lis1_missing_notifications(complete) == []
    assert active_rules("lis1", "varsles", complete, R) == []


def test_lis1_delay() -> None:
    values = {"notice_type": "forsinkelse", "received_on": date(2026, 5, 22)}
    (rule,) = active_rules("lis1", "mottatt", values, R)
    assert rule.key == "lis1.other_party_not_informed"
    assert rule.sentence == "Den andre parten er ikke informert om forsinkelsen"
    assert rule.on == date(2026, 5, 26)  # Friday + 1 over Whit Monday
    assert (
        lis1_missing_notifications({**values, "other_party_informed_on": date(2026, 5, 22)}) == []
    )
    # A delay does not need the hospital or the Statsforvalter.
    assert lis1_missing_notifications(values) == [
        "Den andre parten er ikke informert om forsinkelsen"
    ]


def test_lis1_remaining_place() -> None:
    values = {"notice_type": "restplass", "received_on": date(2026, 12, 24)}
    (rule,) = active_rules("lis1", "varsles", values, R)
    assert rule.key == "lis1.hospital_not_informed_restplass"
    assert rule.sentence == "Sykehuset er ikke informert om restplassen"
    assert rule.on == date(2026, 12, 28)
    assert lis1_missing_notifications({**values, "hospital_notified_on": date(2026, 12, 28)}) == []


def test_lis1_without_type() -> None:
    assert lis1_missing_notifications({}) == ["Type varsel er ikke valgt"]
    (rule,) = rules("lis1", "mottatt", received_on=date(2026, 3, 16))
    assert rule.key == "lis1.notice_type_missing"


def test_lis1_event_on_wins_over_received_on_and_setting_applies() -> None:
    values = {
        "notice_type": "restplass",
        "event_on": date(2026, 3, 2),
        "received_on": date(2026, 3, 9),
    }
    r = Reminders(lis1_notification=0)
    (rule,) = active_rules("lis1", "mottatt", values, r)
    assert rule.on == date(2026, 3, 2)
    assert rules("lis1", "mottatt", notice_type="restplass") == []


def test_lis1_notified_has_only_its_follow_up() -> None:
    got = rules("lis1", "varslet", notice_type="frafall_for", received_on=date(2026, 3, 2))
    assert [r.key for r in got] == ["followup.lis1.varslet"]


# --- LIS3 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["registrert", "i_ko"])
def test_lis3_confirmation_must_be_requested(status: str) -> None:
    (rule,) = rules(
        "lis3", status, desired_from=date(2027, 8, 31), confirmation_requested_on=date(2026, 1, 5)
    )
    assert rule.key == "lis3.confirmation_due"
    assert rule.on == date(2027, 2, 28)
    assert rule.sentence == "Bekreftelse fra kommunen må etterspørres senest 28.02.2027"
    assert not rule.flag
    assert rules("lis3", status) == []


def test_lis3_confirmation_not_answered() -> None:
    (rule,) = rules(
        "lis3",
        "bekreftelse_bedt",
        confirmation_requested_on=date(2026, 12, 21),
        desired_from=date(2027, 6, 1),
    )
    assert rule.key == "lis3.confirmation_not_answered"
    # 22, 23, 24, 28, 29, 30, 31 Dec, 4, 5, 6 Jan
    assert rule.on == date(2027, 1, 6)
    assert rule.sentence == "Kommunen har ikke svart på forespørselen om bekreftelse"
    (rule,) = rules("lis3", "bekreftelse_bedt", received_on=date(2026, 3, 2))
    assert rule.on == date(2026, 3, 16)


@pytest.mark.parametrize("status", ["bekreftet"])  # the *theirs* ones have follow-ups
def test_lis3_later_statuses_have_no_rule(status: str) -> None:
    assert (
        rules(
            "lis3",
            status,
            desired_from=date(2027, 8, 31),
            confirmation_requested_on=date(2026, 1, 5),
        )
        == []
    )


# --- nettverk -----------------------------------------------------------------------------


def test_nettverk_not_announced() -> None:
    (rule,) = rules("nettverk", "planlagt", held_on=date(2026, 4, 16))
    assert rule.key == "nettverk.not_announced"
    # 10 working days before Thursday 16 April 2026, over Easter:
    # 15, 14, 13, 10, 9, 8, 7, 1, 31 Mar, 30 Mar
    assert rule.on == date(2026, 3, 30)
    assert rule.sentence == "Aktiviteten er ikke kunngjort til den andre parten"
    assert not rule.flag
    assert (
        rules("nettverk", "planlagt", held_on=date(2026, 4, 16), announced_on=date(2026, 3, 1))
        == []
    )
    assert rules("nettverk", "planlagt") == []
    (followup,) = rules("nettverk", "kunngjort", held_on=date(2026, 4, 16))
    assert (followup.key, followup.on) == ("followup.nettverk.kunngjort", date(2026, 4, 16))


def test_nettverk_not_reported() -> None:
    (rule,) = rules("nettverk", "gjennomfort", held_on=date(2026, 5, 12))
    assert rule.key == "nettverk.not_reported"
    # 13, 15, 18, 19, 20, 21, 22, 26, 27, 28 May (14 and 25 are holidays)
    assert rule.on == date(2026, 5, 28)
    assert rule.sentence == "Aktiviteten er ikke rapportert"
    r = Reminders(nettverk_report_after=1)
    (rule,) = active_rules("nettverk", "gjennomfort", {"held_on": date(2026, 5, 12)}, r)
    assert rule.on == date(2026, 5, 13)


# --- due, terminal statuses, whose move --------------------------------------------------


def test_due_picks_the_earliest() -> None:
    values = {
        "agreed_from": date(2026, 9, 7),
        "evaluation_planned_on": date(2026, 9, 21),
    }
    assert due("hospitering", "pagar", values, R) == (
        date(2026, 9, 7),
        "Taushetserklæring er ikke registrert",
    )
    values["evaluation_planned_on"] = date(2026, 9, 1)
    assert due("hospitering", "pagar", values, R) == (
        date(2026, 9, 1),
        "Evalueringen er ikke gjennomført",
    )


def test_due_without_rules() -> None:
    assert due("veiledning", "vurdert", {"received_on": date(2026, 3, 2)}, R) == (None, None)


EVERYTHING: dict[str, Any] = {
    "received_on": date(2026, 3, 2),
    "sent_on": date(2026, 3, 3),
    "agreed_from": date(2026, 9, 7),
    "period_from": date(2026, 9, 7),
    "evaluation_planned_on": date(2026, 10, 1),
    "notice_type": "frafall_for",
    "event_on": date(2026, 3, 2),
    "desired_from": date(2027, 8, 31),
    "confirmation_requested_on": date(2026, 3, 2),
    "held_on": date(2026, 4, 16),
}


@pytest.mark.parametrize(
    ("kind", "status"),
    [(k, s.key) for k, spec in KINDS.items() for s in spec.statuses if not s.is_open],
)
def test_terminal_statuses_have_no_rules(kind: str, status: str) -> None:
    assert active_rules(kind, status, EVERYTHING, R) == []
    assert due(kind, status, EVERYTHING, R) == (None, None)


def test_every_rule_is_dated_and_keyed() -> None:
    for kind, spec in KINDS.items():
        for s in spec.statuses:
            for rule in active_rules(kind, s.key, EVERYTHING, R):
                assert isinstance(rule.on, date)
                assert rule.sentence
                assert rule.key.startswith((f"{kind}.", f"followup.{kind}."))


@pytest.mark.parametrize(
    ("kind", "status", "move"),
    [(k, s.key, s.move) for k, spec in KINDS.items() for s in spec.statuses],
)
def test_whose_move_matches_kinds(kind: str, status: str, move: str) -> None:
    assert whose_move(kind, status) == move


def test_whose_move_examples_from_domain() -> None:
    assert whose_move("hospitering", "sendt_vertsenhet") == "theirs"
    assert whose_move("hospitering", "gjennomfort") == "ours"
    assert whose_move("lis1", "varslet") == "theirs"
    assert whose_move("lis3", "fullfort") == "done"
    assert whose_move("nettverk", "planlagt") == "ours"


def test_unknown_kind_or_status_raises() -> None:
    with pytest.raises(KeyError):
        whose_move("ukjent", "mottatt")
    with pytest.raises(KeyError):
        active_rules("hospitering", "ukjent", {}, R)


def test_non_date_value_raises() -> None:
    with pytest.raises(TypeError):
        rules("veiledning", "mottatt", received_on="2026-03-02")


def test_datetime_values_are_read_as_dates() -> None:
    (rule,) = rules("veiledning", "mottatt", received_on=datetime(2026, 3, 13, 9, 0))
    assert rule.on == date(2026, 3, 18)
    assert type(rule.on) is date
