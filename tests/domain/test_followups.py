"""Follow-ups for every *theirs* status, weights, purring and the sentence made when shown
(DOMAIN.md «Follow-ups», «Weights»)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from samhandlingsdesk.domain.deadlines import (
    FOLLOWUPS,
    Reminders,
    active_rules,
    describe,
    next_reminder,
    theirs_statuses,
    weight_of,
    working_days_between,
)
from samhandlingsdesk.domain.derived import derive
from samhandlingsdesk.domain.kinds import KINDS

R = Reminders()
BASE = {"received_on": date(2026, 3, 2), "status_since": date(2026, 8, 12)}


def test_every_theirs_status_in_kinds_has_a_follow_up_rule() -> None:
    theirs = theirs_statuses()
    assert len(theirs) >= 14
    missing = [ks for ks in theirs if ks not in FOLLOWUPS]
    assert missing == [], f"*theirs* statuses without a follow-up rule: {missing}"
    assert set(FOLLOWUPS) <= set(theirs)  # no rule for a status that is not theirs


@pytest.mark.parametrize(("kind", "status"), theirs_statuses())
def test_a_waiting_case_always_has_a_due_date(kind: str, status: str) -> None:
    """With nothing but the dates every case has, a waiting case is never forgotten."""
    rules = active_rules(kind, status, BASE, R)
    assert rules, f"{kind} «{status}» has no rule"
    d = derive(kind, status, BASE, R)
    assert d["due_on"] is not None and d["due_key"]
    assert d["due_on"] >= BASE["received_on"]


def test_length_follow_up_counts_from_status_since() -> None:
    (rule,) = active_rules("hospitering", "mottatt_vertsenhet", BASE, R)
    assert rule.key == "followup.hospitering.mottatt_vertsenhet"
    assert rule.weight == "oppfolging"
    # Wednesday 12 Aug 2026 + 10 working days -> Wednesday 26 Aug
    assert rule.on == date(2026, 8, 26)
    assert rule.params == {"since": "2026-08-12"}
    assert rule.sentence == "Venter på vertsenheten siden 12.08.2026"


def test_the_sentence_counts_working_days_to_today() -> None:
    (rule,) = active_rules("hospitering", "mottatt_vertsenhet", BASE, R)
    today = date(2026, 11, 25)
    n = working_days_between(date(2026, 8, 12), today)
    assert n == 75
    assert rule.describe(today) == "Venter på vertsenheten siden 12.08.2026 (75 virkedager)"
    d = derive("hospitering", "mottatt_vertsenhet", BASE, R)
    params = json.loads(d["due_params"])
    assert describe(d["due_key"], params, d["due_on"], date(2026, 8, 13)) == (
        "Venter på vertsenheten siden 12.08.2026 (1 virkedag)"
    )
    assert "virkedag" not in d["due_reason"]  # nothing that depends on today is stored


def test_lengths_are_settings() -> None:
    r = Reminders(followup_lis1_varslet=2)
    (rule,) = active_rules("lis1", "varslet", BASE, r)
    assert rule.on == date(2026, 8, 14)


@pytest.mark.parametrize(
    ("kind", "status", "values", "expected"),
    [
        ("hospitering", "avtalt", {"agreed_from": date(2027, 3, 3)}, date(2027, 3, 3)),
        ("hospitering", "avtalt", {"period_from": date(2027, 4, 5)}, date(2027, 4, 5)),
        ("hospitering", "pagar", {"agreed_to": date(2027, 3, 19)}, date(2027, 3, 19)),
        ("lis3", "pagar", {"offered_to": date(2028, 1, 31)}, date(2028, 1, 31)),
        ("nettverk", "kunngjort", {"held_on": date(2026, 12, 1)}, date(2026, 12, 1)),
        ("veiledning", "avtalt", {"planned_delivery_on": date(2026, 9, 1)}, date(2026, 9, 1)),
    ],
)
def test_date_based_follow_ups_follow_their_date(
    kind: str, status: str, values: dict[str, date], expected: date
) -> None:
    rules = active_rules(kind, status, {**BASE, **values}, R)
    f = FOLLOWUPS[(kind, status)]
    (rule,) = [r for r in rules if r.key == f.key]
    assert rule.on == expected
    assert "since" not in rule.params


def test_veiledning_agreed_counts_15_from_agreed_on() -> None:
    (rule,) = active_rules("veiledning", "avtalt", {**BASE, "agreed_on": date(2026, 8, 3)}, R)
    assert rule.on == date(2026, 8, 24)


def test_lis3_queue_follows_the_confirmation_date_and_is_critical() -> None:
    values = {**BASE, "desired_from": date(2027, 9, 1)}
    (rule,) = active_rules("lis3", "i_ko", values, R)
    assert rule.key == "lis3.confirmation_due"
    assert rule.weight == "kritisk"
    d = derive("lis3", "i_ko", values, R)
    assert d["critical_on"] == date(2027, 3, 1)
    assert rule.describe(date(2026, 11, 1)) == (
        "LIS3: kommunen skal spørres innen 01.03.2027 om institusjonstjenesten går som planlagt"
    )


def test_weights() -> None:
    assert weight_of("lis1.statsforvalter_not_notified") == "kritisk"
    assert weight_of("lis3.confirmation_due") == "kritisk"
    assert weight_of("hospitering.sent_not_received") == "frist"
    assert weight_of("veiledning.not_assessed") == "frist"
    assert weight_of("followup.lis3.tilbudt") == "oppfolging"
    lis1 = {"received_on": date(2026, 3, 2), "notice_type": "frafall_for"}
    d = derive("lis1", "mottatt", lis1, R)
    assert d["critical_on"] == d["due_on"] == date(2026, 3, 3)
    d = derive("veiledning", "mottatt", lis1, R)
    assert d["critical_on"] is None and d["due_on"] is not None


def test_purring_sets_the_next_reminder_the_status_length_later() -> None:
    values = {**BASE, "reminded_on": date(2026, 11, 23)}
    (rule,) = active_rules("hospitering", "mottatt_vertsenhet", values, R)
    assert rule.on == date(2026, 12, 7)  # Monday 23 Nov + 10 working days
    assert rule.params == {"since": "2026-08-12", "reminded": "2026-11-23"}
    assert rule.describe(date(2026, 11, 25)).endswith("· purret 23.11.2026")
    assert next_reminder("hospitering", "mottatt_vertsenhet", BASE, R, date(2026, 11, 23)) == date(
        2026, 12, 7
    )


def test_purring_before_the_status_was_entered_does_not_count() -> None:
    values = {**BASE, "reminded_on": date(2026, 8, 1)}
    (rule,) = active_rules("hospitering", "mottatt_vertsenhet", values, R)
    assert rule.on == date(2026, 8, 26)
    assert "reminded" not in rule.params


def test_purring_a_passed_date_based_follow_up_gives_5_days() -> None:
    values = {**BASE, "agreed_from": date(2026, 11, 2), "reminded_on": date(2026, 11, 23)}
    (rule,) = active_rules("hospitering", "avtalt", values, R)
    assert rule.on == date(2026, 11, 30)
    # Before the date has come, the date stays.
    values = {**BASE, "agreed_from": date(2027, 1, 11), "reminded_on": date(2026, 11, 23)}
    (rule,) = active_rules("hospitering", "avtalt", values, R)
    assert rule.on == date(2027, 1, 11)


def test_purring_moves_a_covering_deadline_too() -> None:
    values = {**BASE, "sent_on": date(2026, 8, 12), "reminded_on": date(2026, 11, 23)}
    (rule,) = active_rules("hospitering", "sendt_vertsenhet", values, R)
    assert rule.key == "hospitering.sent_not_received"
    assert rule.on == date(2026, 11, 30)


def test_purring_never_moves_a_critical_date() -> None:
    values = {**BASE, "desired_from": date(2027, 9, 1), "reminded_on": date(2027, 3, 5)}
    (rule,) = active_rules("lis3", "i_ko", values, R)
    assert rule.on == date(2027, 3, 1)


def test_ours_and_done_statuses_get_no_follow_up() -> None:
    for kind, spec in KINDS.items():
        for st in spec.statuses:
            if st.move != "theirs":
                keys = [r.key for r in active_rules(kind, st.key, BASE, R)]
                assert not any(k.startswith("followup.") for k in keys), (kind, st.key)


def test_public_holidays_are_those_of_the_holidays_package() -> None:
    import holidays

    from samhandlingsdesk.domain.deadlines import _public_holidays

    for year in range(1990, 2101):
        expected = frozenset(holidays.Norway(years=year, include_sundays=False).keys())
        assert _public_holidays(year) == expected, year


def test_working_days_between_matches_walking_the_days() -> None:
    from datetime import timedelta

    from samhandlingsdesk.domain.deadlines import is_working_day

    def walked(a: date, b: date) -> int:
        n, d = 0, a
        while d < b:
            d += timedelta(days=1)
            n += is_working_day(d)
        return n

    start = date(2026, 12, 20)
    for offset in range(0, 800, 3):
        a = start + timedelta(days=offset % 11)
        b = a + timedelta(days=offset)
        assert working_days_between(a, b) == walked(a, b), (a, b)
    assert working_days_between(date(2026, 11, 25), date(2026, 11, 20)) == 0
