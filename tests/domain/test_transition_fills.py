"""What every move fills on its own, pinned transition by transition (#8: the lifecycle
table is built at import time, out of a mutation tool's reach; hand-mutated fills broke
nothing). A move that loses or gains a fill fails here by name."""

from __future__ import annotations

from datetime import date

import pytest

from samhandlingsdesk.domain.lifecycle import TRANSITIONS, apply_fills, find_transition

TODAY = date(2026, 11, 23)
EARLIER = date(2026, 11, 2)

FILLS: dict[tuple[str, str, str], tuple[tuple[str, ...], dict[str, str]]] = {
    ("hospitering", "hos_egen_leder", "godkjent_egen_leder"): (
        ("own_leader_on",),
        {"own_leader_decision": "innvilget"},
    ),
    ("hospitering", "hos_egen_leder", "avslatt_egen_leder"): (
        ("own_leader_on",),
        {"own_leader_decision": "ikke_innvilget"},
    ),
    ("hospitering", "godkjent_egen_leder", "sendt_vertsenhet"): (("sent_on",), {}),
    ("hospitering", "sendt_vertsenhet", "mottatt_vertsenhet"): (("host_received_on",), {}),
    ("hospitering", "mottatt_vertsenhet", "godkjent_vertsenhet"): (
        ("host_leader_on",),
        {"host_leader_decision": "innvilget"},
    ),
    ("hospitering", "mottatt_vertsenhet", "avslatt_vertsenhet"): (
        ("host_leader_on",),
        {"host_leader_decision": "ikke_innvilget"},
    ),
    ("hospitering", "godkjent_vertsenhet", "tilbakemeldt"): (
        ("feedback_on",),
        {"feedback_decision": "innvilget"},
    ),
    ("hospitering", "avslatt_egen_leder", "tilbakemeldt_avslag"): (
        ("feedback_on",),
        {"feedback_decision": "ikke_innvilget"},
    ),
    ("hospitering", "avslatt_vertsenhet", "tilbakemeldt_avslag"): (
        ("feedback_on",),
        {"feedback_decision": "ikke_innvilget"},
    ),
    ("hospitering", "gjennomfort", "evaluert"): (("evaluation_done_on",), {}),
    ("veiledning", "vurdert", "avtalt"): (("agreed_on",), {}),
    ("veiledning", "avtalt", "levert"): (("delivered_on",), {}),
    ("lis3", "registrert", "i_ko"): (("queued_on",), {}),
    ("lis3", "i_ko", "bekreftelse_bedt"): (("confirmation_requested_on",), {}),
    ("lis3", "bekreftelse_bedt", "i_ko"): (("change_reported_on",), {}),
    ("nettverk", "planlagt", "kunngjort"): (("announced_on",), {}),
}


def test_exactly_these_moves_fill_fields() -> None:
    filling = {
        (kind, t.source, t.target)
        for kind, ts in TRANSITIONS.items()
        for t in ts
        if t.fill_today or t.fill
    }
    assert filling == set(FILLS)


@pytest.mark.parametrize(("kind", "source", "target"), list(FILLS))
def test_the_fills_of_a_move(kind: str, source: str, target: str) -> None:
    today_fields, fixed = FILLS[(kind, source, target)]
    t = find_transition(kind, source, target)
    assert t is not None
    # On an empty case: today in each date field, the fixed decisions.
    assert apply_fills(t, {}, TODAY) == {**dict.fromkeys(today_fields, TODAY), **fixed}
    # A date already filled is kept; a decision is set whatever it was.
    kept = dict.fromkeys(today_fields, EARLIER) | {k: "annet" for k in fixed}
    assert apply_fills(t, kept, TODAY) == fixed
    # Nothing to change when the case already says it all.
    assert apply_fills(t, dict.fromkeys(today_fields, EARLIER) | fixed, TODAY) == {}


def test_moves_without_fills_fill_nothing() -> None:
    for kind, ts in TRANSITIONS.items():
        for t in ts:
            if (kind, t.source, t.target) not in FILLS:
                assert apply_fills(t, {}, TODAY) == {}, (kind, t.source, t.target)


# --- other rules a hand mutation broke without a test noticing ---------------------------


def test_zero_working_days_before_a_weekend_day_is_the_friday() -> None:
    from samhandlingsdesk.domain.deadlines import working_days_before

    saturday, sunday, friday = date(2026, 11, 21), date(2026, 11, 22), date(2026, 11, 20)
    assert working_days_before(saturday, 0) == friday
    assert working_days_before(sunday, 0) == friday
    assert working_days_before(friday, 0) == friday


def test_a_naive_time_is_utc_whatever_the_machine_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    import time
    from datetime import datetime

    from samhandlingsdesk.domain.dates import format_datetime

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert format_datetime(datetime(2026, 11, 23, 12, 0)) == "23.11.2026 13:00"
    finally:
        monkeypatch.undo()
        time.tzset()
