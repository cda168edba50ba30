"""Every statistics table against the hand-counted desk of stats_desk.py."""

from __future__ import annotations

from datetime import date

import pytest

from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.domain.statistics import (
    Period,
    Report,
    Scope,
    StatTable,
    lis1_timeliness,
    median,
    percentile,
    period_for,
)
from samhandlingsdesk.service import statistics as S
from samhandlingsdesk.store.db import Desk
from tests.service.stats_desk import TODAY, Built, build


@pytest.fixture
def built(desk: Desk) -> Built:
    return build(desk)


def report(desk: Desk, scope: Scope | None = None, *, exact: bool = False) -> Report:
    opts = S.Options(TODAY, Reminders(), exact=exact)
    return S.build_report(desk, scope or Scope(Period.year(2026)), opts)


def grid(t: StatTable) -> dict[str, list[str]]:
    return {row.label: [c.text for c in row.cells] for row in t.rows}


def months(t: StatTable) -> dict[str, list[str]]:
    """The month rows that are not all zero, and the total."""
    return {k: v for k, v in grid(t).items() if any(x != "0" for x in v)}


def test_hospitering_by_month(desk: Desk, built: Built) -> None:
    t = report(desk).table("hospitering_month")
    assert t.columns == ("Mottatt", "Vedtak", "Fullført", "Avslått", "Trukket")
    assert [r.label for r in t.rows][:2] == ["jan", "feb"] and len(t.rows) == 13
    assert months(t) == {
        "jan": ["2", "1", "1", "0", "1"],  # H2 H3 received; H1 host decision, completed; H2
        "feb": ["1", "1", "0", "1", "0"],  # H4 (its undone approval does not count); H3
        "des": ["1", "0", "0", "0", "0"],  # H5 on 31.12; H6 is hidden, H7 is next year's
        "I alt": ["4", "2", "1", "1", "1"],
    }
    jan = t.rows[0]
    assert set(jan.cells[0].pks) == {built.pks["H2"], built.pks["H3"]}
    assert jan.cells[2].pks == (built.pks["H1"],)


def test_hospitering_breakdowns(desk: Desk, built: Built) -> None:
    r = report(desk)
    assert grid(r.table("hospitering_direction")) == {
        "Til sykehuset": ["3"],
        "Til kommunen": ["1"],
    }
    prof = r.table("hospitering_profession")
    assert prof.columns == ("Til sykehuset", "Til kommunen", "I alt")
    # «sykepleier » groups with «Sykepleier» (the spelling used most names the group)
    assert grid(prof) == {"Sykepleier": ["<3", "<3", "3"], "Lege": ["<3", "0", "<3"]}
    assert prof.masked
    assert grid(r.table("hospitering_host_unit")) == {
        "Ikke oppgitt": ["3"],
        "Medisinsk avdeling": ["<3"],
    }
    assert grid(r.table("hospitering_outcome")) == {
        "Egen leder": ["0", "1"],  # H1's own leader decided in 2025
        "Vertsenhet": ["1", "0"],
        "Tilbakemelding til søker": ["1", "1"],
    }
    # Feedback after 10 (H1) and 28 (H3) days: too few for a median.
    assert grid(r.table("hospitering_feedback_days")) == {
        "Innvilget": ["1", "–", "–"],
        "Ikke innvilget": ["1", "–", "–"],
        "Alle": ["2", "–", "–"],
    }


def test_exact_numbers_show_small_counts_and_medians(desk: Desk, built: Built) -> None:
    r = report(desk, exact=True)
    assert grid(r.table("hospitering_profession")) == {
        "Sykepleier": ["2", "1", "3"],
        "Lege": ["1", "0", "1"],
    }
    assert grid(r.table("hospitering_feedback_days"))["Alle"] == ["2", "19", "28"]
    assert grid(r.table("lis3_wait"))["Alle"] == ["1", "5,9", "5,9"]
    assert "Eksakte tall" in " ".join(r.rules())


def test_veiledning(desk: Desk, built: Built) -> None:
    r = report(desk)
    assert months(r.table("veiledning_month")) == {
        "mar": ["1", "0", "0", "0", "0"],
        "apr": ["1", "2", "1", "1", "0"],  # V1 agreed and closed, V2 declined
        "mai": ["1", "0", "0", "0", "0"],  # V4: its decline was undone
        "des": ["1", "1", "0", "1", "0"],  # V3 declined on 31.12
        "I alt": ["4", "3", "1", "2", "0"],
    }
    assert grid(r.table("veiledning_direction")) == {
        "Helseforetaket veileder kommunen": ["3"],
        "Kommunen veileder helseforetaket": ["1"],
    }
    assert grid(r.table("veiledning_subject")) == {
        "Psykisk helse": ["1"],
        "Fysisk helse": ["1"],
        "Ikke oppgitt": ["2"],
    }
    assert grid(r.table("veiledning_scope"))["Generell"] == ["1"]
    assert grid(r.table("veiledning_channel"))["Møte"] == ["1"]
    decline = r.table("veiledning_decline")
    assert grid(decline) == {
        "Gjelder organisatoriske eller administrative endringer": ["0"],
        "Gjelder ikke helsemessige forhold": ["1"],
        "Veiledningen er ikke nødvendig": ["0"],
        "Annet (eldre grunn)": ["1"],
    }
    assert decline.rows[3].cells[0].pks == (built.pks["V3"],)


def test_lis1(desk: Desk, built: Built) -> None:
    r = report(desk)
    assert months(r.table("lis1_month")) == {
        "jan": ["2", "0", "0"],
        "mai": ["1", "0", "0"],
        "jun": ["1", "0", "0"],
        "I alt": ["4", "0", "0"],
    }
    t = r.table("lis1_type")
    assert t.columns == ("Saker", "I tide", "For sent", "Ikke varslet", "Kan ikke vurderes")
    assert grid(t) == {
        "Frafall før kommunedelen": ["3", "1", "0", "1", "1"],
        "Frafall under kommunedelen": ["1", "0", "1", "0", "0"],
        "Forsinkelse": ["0", "0", "0", "0", "0"],
        "Restplass fylt av kommunen": ["0", "0", "0", "0", "0"],
    }
    assert t.rows[0].cells[1].pks == (built.pks["L1a"],)


def test_lis1_in_time_follows_the_reminder_length() -> None:
    late = {
        "notice_type": "frafall_for",
        "event_on": "2026-01-02",
        "hospital_notified_on": "2026-01-02",
        "statsforvalter_notified_on": "2026-01-06",
    }
    assert lis1_timeliness(late, 1) == "late"
    assert lis1_timeliness(late, 2) == "in_time"
    assert lis1_timeliness({**late, "event_on": None}, 1) == "unknown"
    assert lis1_timeliness({"notice_type": "forsinkelse", "event_on": "2026-01-02"}, 1) == (
        "missing"
    )


def test_lis3(desk: Desk, built: Built) -> None:
    r = report(desk)
    assert grid(r.table("lis3_specialty")) == {"Allmennmedisin": ["<3"], "Psykiatri": ["<3"]}
    wait = r.table("lis3_wait")
    assert grid(wait)["Alle"] == ["<3", "–", "–"]
    assert wait.rows[-1].cells[1].pks == (built.pks["L3a"],)
    assert grid(r.table("lis3_confirmation")) == {
        "I tide (innen fristen)": ["1"],  # due 28.02 (31.08 − 6 months), asked 28.02
        "Etter fristen": ["1"],  # due 01.03, asked 02.03
        "Ikke spurt, fristen er ute": ["0"],
        "Ikke spurt, fristen er ikke ute": ["0"],  # L3c is due in 2027
    }


def test_networks(desk: Desk, built: Built) -> None:
    r = report(desk)
    assert months(r.table("nettverk_month")) == {
        "jan": ["2", "0", "0"],
        "feb": ["0", "1", "0"],
        "mar": ["0", "0", "1"],
        "I alt": ["2", "1", "1"],
    }
    t = r.table("nettverk_type")
    assert t.columns == (
        "Aktiviteter",
        "Deltakere kommune",
        "Deltakere HF",
        "Teller mot læringsmål",
    )
    assert grid(t)["Fagnettverk"] == ["2", "20", "3", "1"]
    assert grid(t)["Kurs"] == ["0", "0", "0", "0"]  # cancelled: not an activity
    level = grid(r.table("nettverk_level"))
    assert level["På tvers av nivåene"] == ["1", "12", "3", "1"]
    assert level["Internt"] == ["1", "8", "0", "0"]


def test_other_periods(desk: Desk, built: Built) -> None:
    q1 = report(desk, Scope(Period.quarter(2026, 1)))
    t = q1.table("hospitering_month")
    assert [r.label for r in t.rows] == ["jan", "feb", "mar", "I alt"]
    assert grid(t)["I alt"] == ["3", "2", "1", "1", "1"]
    # 31.12.2025–01.01.2026 spans two years: months carry the year.
    span = report(desk, Scope(Period.between(date(2025, 12, 31), date(2026, 1, 1))))
    t = span.table("hospitering_month")
    assert grid(t) == {
        "des 2025": ["1", "1", "0", "0", "0"],  # H1 received, its own leader's decision
        "jan 2026": ["1", "1", "1", "0", "0"],  # H2; H1's host decision and completion
        "I alt": ["2", "2", "1", "0", "0"],
    }
    last = report(desk, Scope(period_for("last", TODAY)))
    assert grid(last.table("hospitering_month"))["I alt"][0] == "1"  # H1


def test_one_party_masks_every_count_of_cases(desk: Desk, built: Built) -> None:
    r = report(desk, Scope(Period.year(2026), party="Porsgrunn"))
    assert grid(r.table("hospitering_month"))["I alt"] == ["<3", "<3", "0", "<3", "0"]
    assert grid(r.table("hospitering_direction")) == {
        "Til sykehuset": ["<3"],
        "Til kommunen": ["0"],
    }
    assert grid(r.table("veiledning_direction"))["Helseforetaket veileder kommunen"] == ["0"]
    assert any("én part" in rule for rule in r.rules())
    exact = report(desk, Scope(Period.year(2026), party="Porsgrunn"), exact=True)
    assert grid(exact.table("hospitering_month"))["I alt"] == ["1", "1", "0", "1", "0"]


def test_one_side(desk: Desk, built: Built) -> None:
    hf = report(desk, Scope(Period.year(2026), side="helseforetak"))
    assert grid(hf.table("nettverk_type"))["Fagnettverk"] == ["1", "12", "3", "1"]  # N1
    assert grid(hf.table("hospitering_month"))["I alt"] == ["0"] * 5
    muni = report(desk, Scope(Period.year(2026), side="kommune"))
    assert grid(muni.table("nettverk_type"))["Fagnettverk"] == ["1", "8", "0", "0"]  # N2
    assert grid(muni.table("hospitering_month"))["I alt"] == ["4", "<3", "<3", "<3", "<3"]


def test_cases_behind_a_figure(desk: Desk, built: Built) -> None:
    t = report(desk).table("hospitering_month")
    rows = S.cases_behind(desk, t.rows[0].cells[0])
    assert [r.ref for r in rows] == [built.refs["H2"], built.refs["H3"]]


def test_figures() -> None:
    assert median([3, 1, 2]) == 2 and median([1, 2, 3, 4]) == 2.5
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile([10, 28], 90) == 28
    with pytest.raises(ValueError):
        Period.quarter(2026, 5)
    with pytest.raises(ValueError):
        Period.between(date(2026, 2, 1), date(2026, 1, 1))
    assert period_for("q4", TODAY) == Period.quarter(2026, 4)
    assert period_for("q4", TODAY).end == date(2026, 12, 31)
    with pytest.raises(ValueError, match="fra- og til-dato"):
        period_for("custom", TODAY, date(2026, 1, 1), None)
