"""`samhandlingsdesk agenda` (issue #13): the list, --days, --kind, --json, the exit codes,
and `--ics` parsed back with icalendar (all-day events, stable UIDs, DTSTAMP, no home
address or phone, names only with --with-names)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine
from icalendar import Calendar

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import create_desk
from tests.conftest import Run, hospitering_values, lis1_values, nettverk_values, veiledning_values

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SAMHANDLINGSDESK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SAMHANDLINGSDESK_DB", raising=False)
    with time_machine.travel(datetime(2026, 11, 23, 9, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def desk_file(tmp_path: Path) -> Path:
    path = tmp_path / "desk.db"
    desk = create_desk(path)
    c = Commands(desk, today=TODAY)
    c.create_case(  # critical LIS1, overdue since 17.11
        "lis1",
        lis1_values(
            notice_type="frafall_for",
            received_on=date(2026, 11, 16),
            doctor_name="Ola Hansen",
        ),
    )
    c.create_case(  # agreed, with a period and a home address and phone
        "hospitering",
        hospitering_values(
            applicant_name="Kari Bråthen",
            home_address="Storgata 1, 3700 Skien",
            home_phone="91234567",
            agreed_from=date(2027, 2, 1),
            agreed_to=date(2027, 2, 12),
            evaluation_planned_on=date(2027, 2, 12),
            sent_on=date(2026, 11, 2),
            host_received_on=date(2026, 11, 3),
            host_leader_decision="innvilget",
            host_leader_on=date(2026, 11, 10),
            feedback_decision="innvilget",
            feedback_on=date(2026, 11, 12),
            own_leader_decision="innvilget",
            own_leader_on=date(2026, 11, 1),
        ),
        status="avtalt",
    )
    c.create_case("veiledning", veiledning_values(received_on=TODAY))  # due Thu 26.11
    c.create_case(
        "nettverk", nettverk_values(announced_on=TODAY), status="kunngjort"
    )  # held 10.03.2027
    desk.close()
    return path


def test_agenda_lists_groups_with_rules_and_weights(run: Run, desk_file: Path) -> None:
    code, out, err = run("agenda", "--db", desk_file)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Agenda 23.11.2026"
    assert "Forfalt (1): 1 LIS1" in lines
    assert "Resten av uken (1): 1 Veiledning" in lines
    assert any(
        "L1-2026-0001" in line and "Kritisk" in line and "LIS1 frafall: Statsforvalteren" in line
        for line in lines
    )
    assert any("Senere" in line for line in lines)
    assert "Ola Hansen" not in out  # the agenda shows rules, not names


def test_days_kind_and_nothing_due(run: Run, desk_file: Path) -> None:
    code, out, _ = run("agenda", "--db", desk_file, "--days", "0")
    assert code == 0 and "L1-2026-0001" in out and "V-2026-0001" not in out
    code, out, err = run("agenda", "--db", desk_file, "--days", "0", "--kind", "veiledning")
    assert code == 1 and out == ""
    assert err.strip() == "Ingenting å gjøre de neste 0 dagene."
    code, _, err = run("agenda", "--db", desk_file, "--days", "-1")
    assert code == 2 and "Traceback" not in err


def test_json(run: Run, desk_file: Path) -> None:
    code, out, _ = run("agenda", "--db", desk_file, "--json", "--kind", "lis1")
    data = json.loads(out)
    assert code == 0 and data["today"] == "2026-11-23"
    (item,) = data["items"]
    assert item["ref"] == "L1-2026-0001" and item["weight"] == "kritisk"
    assert item["group"] == "forfalt" and item["rule"].startswith("lis1.")
    assert data["counts"]["forfalt"] == 1


def _events(path: Path) -> list[dict[str, object]]:
    cal = Calendar.from_ical(path.read_bytes())
    return [
        {
            "uid": str(e["UID"]),
            "summary": str(e["SUMMARY"]),
            "start": e.decoded("DTSTART"),
            "end": e.decoded("DTEND"),
            "stamp": e.decoded("DTSTAMP"),
            "text": e.to_ical().decode(),
        }
        for e in cal.walk("VEVENT")
    ]


def test_ics_is_a_calendar_of_all_day_events(run: Run, desk_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "agenda.ics"
    code, out, _ = run("agenda", "--db", desk_file, "--ics", path)
    assert code == 0 and out.startswith(f"Skrev {path}: ")
    events = _events(path)
    by_summary = {e["summary"]: e for e in events}
    lis1 = next(e for s, e in by_summary.items() if s.startswith("L1-2026-0001 LIS1: "))
    assert lis1["start"] == date(2026, 11, 17) and lis1["end"] == date(2026, 11, 18)
    assert isinstance(lis1["stamp"], datetime) and lis1["stamp"].year == 2026
    period = by_summary["H-2026-0001 Hospitering: avtalt hospitering"]
    assert (period["start"], period["end"]) == (date(2027, 2, 1), date(2027, 2, 13))
    assert by_summary["N-2026-0001 Nettverk: aktiviteten holdes"]["start"] == date(2027, 3, 10)
    for e in events:
        assert "Storgata" not in e["text"] and "91234567" not in e["text"]
        assert "Kari" not in e["text"] and "Ola Hansen" not in e["text"]
    # Written again: the same UIDs (an import updates instead of duplicating).
    run("agenda", "--db", desk_file, "--ics", path)
    assert sorted(e["uid"] for e in _events(path)) == sorted(e["uid"] for e in events)
    assert len({e["uid"] for e in events}) == len(events)
    # The same UIDs as earlier versions wrote, so a calendar that imported those updates.
    assert all(e["uid"].endswith("@samhandlingsdesk") for e in events)
    assert period["uid"].endswith(".hospitering.dato@samhandlingsdesk")


def test_ics_with_names(run: Run, desk_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "names.ics"
    run("agenda", "--db", desk_file, "--ics", path, "--with-names")
    text = path.read_text(encoding="utf-8")
    assert "Kari Bråthen" in text.replace("\r\n ", "")
    assert "Storgata" not in text and "91234567" not in text


def test_ics_without_events_is_still_valid(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    create_desk(empty).close()
    path = tmp_path / "empty.ics"
    code, _, _ = run("agenda", "--db", empty, "--ics", path)
    assert code == 1
    cal = Calendar.from_ical(path.read_bytes())
    assert cal.walk("VEVENT") == [] and str(cal["VERSION"]) == "2.0"
    code, _, err = run("agenda", "--db", empty)
    assert code == 1 and err.strip() == "Ingenting å gjøre."


def test_limit_keeps_the_counts_of_all(run: Run, desk_file: Path) -> None:
    code, out, _ = run("agenda", "--db", desk_file, "--limit", "1")
    lines = out.splitlines()
    assert code == 0
    assert "Forfalt (1): 1 LIS1" in lines and "Resten av uken (1): 1 Veiledning" in lines
    assert sum(1 for line in lines if line.startswith("  ")) == 1
    assert "Senere (2): 1 Hospitering, 1 Nettverk" in lines  # counted, not listed
    assert lines[-1] == "… og 3 til (--limit 0 viser alle)"
    code, out, _ = run("agenda", "--db", desk_file, "--limit", "0")
    assert "til (--limit 0" not in out
