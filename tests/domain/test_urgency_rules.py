"""Which rules are *kritisk* and the date a snooze must name (domain/urgency.py)."""

from __future__ import annotations

from datetime import date

import pytest

from samhandlingsdesk.domain.deadlines import Reminders, active_rules
from samhandlingsdesk.domain.kinds import kind_spec
from samhandlingsdesk.domain.urgency import Critical, critical, is_kritisk

LIS1_NOTICES = [key for key, _ in kind_spec("lis1").field("notice_type").choices]


@pytest.mark.parametrize("notice", LIS1_NOTICES)
@pytest.mark.parametrize("status", ["mottatt", "varsles"])
def test_the_kritisk_rules_of_a_case_fall_on_one_date(notice: str, status: str) -> None:
    # What lets `critical` name a stored date by the first kritisk rule.
    values = {"received_on": date(2026, 3, 2), "event_on": date(2026, 3, 6), "notice_type": notice}
    rules = [r for r in active_rules("lis1", status, values, Reminders()) if is_kritisk(r.key)]
    assert rules and {r.on for r in rules} == {date(2026, 3, 9)}  # a working day after


def test_a_stored_critical_date_is_named_by_the_first_kritisk_rule() -> None:
    values = {"received_on": date(2026, 3, 2), "notice_type": "frafall_for"}
    assert critical("lis1", "mottatt", values, Reminders(), date(2026, 3, 20)) == Critical(
        date(2026, 3, 20), "Statsforvalteren er ikke varslet"
    )
    notified = {**values, "statsforvalter_notified_on": date(2026, 3, 3)}
    assert critical("lis1", "mottatt", notified, Reminders()) == Critical(
        date(2026, 3, 3), "Sykehuset er ikke varslet"
    )
    assert critical("lis1", "varslet", values, Reminders()) is None  # notified: none left
