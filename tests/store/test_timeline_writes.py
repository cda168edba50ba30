"""DOMAIN.md «Timelines» on every write: the form's create and edit, a move, a bulk move
and an import refuse what a change touches; old data never blocks another field."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from samhandlingsdesk.service.imports import plan_import
from samhandlingsdesk.store.commands import CommandError, Commands
from samhandlingsdesk.store.db import Desk
from tests.conftest import TODAY, VALUES


def test_create_refuses_a_decision_in_the_future(commands: Commands) -> None:
    with pytest.raises(CommandError) as info:
        commands.create_case("hospitering", VALUES["hospitering"](own_leader_on=date(2026, 12, 1)))
    assert set(info.value.fields) == {"own_leader_on"}
    assert "01.12.2026" in str(info.value) and "23.11.2026" in str(info.value)


def test_edit_refuses_what_it_touches_only(desk: Desk, commands: Commands, raw) -> None:
    h = commands.create_case("hospitering", VALUES["hospitering"]())
    with pytest.raises(CommandError) as info:
        commands.update_case(h.id, 1, {"evaluation_planned_on": date(2027, 1, 15)})
    assert set(info.value.fields) == {"evaluation_planned_on"}
    assert "01.02.2027, søkt periode" in str(info.value)
    # Old data outside the rules (written before they existed) blocks no other field.
    raw.execute("UPDATE hospitering SET sent_on = '2027-01-01' WHERE case_id = ?", (h.id,))
    raw.commit()
    assert commands.update_case(h.id, 1, {"contact_name": "Kari"}) == 2
    # Moving the period the evaluation is measured against touches it too.
    commands.update_case(h.id, 2, {"evaluation_planned_on": date(2027, 2, 12)})
    with pytest.raises(CommandError) as info:
        commands.update_case(
            h.id, 3, {"period_from": date(2027, 3, 1), "period_to": date(2027, 3, 5)}
        )
    assert "evaluation_planned_on" in info.value.fields


def test_move_refuses_host_receipt_before_sending(commands: Commands) -> None:
    h = commands.create_case(
        "hospitering", VALUES["hospitering"](sent_on=date(2026, 11, 20)), status="sendt_vertsenhet"
    )
    with pytest.raises(CommandError) as info:
        commands.transition(
            h.id, 1, "mottatt_vertsenhet", changes={"host_received_on": date(2026, 11, 19)}
        )
    assert set(info.value.fields) == {"host_received_on"}
    assert commands.transition(
        h.id, 1, "mottatt_vertsenhet", changes={"host_received_on": date(2026, 11, 20)}
    )


def test_bulk_move_refuses_a_network_reported_before_its_date(commands: Commands) -> None:
    held = commands.create_case(
        "nettverk",
        VALUES["nettverk"](held_on=date(2026, 11, 10), announced_on=date(2026, 10, 1)),
        status="gjennomfort",
    )
    coming = commands.create_case(
        "nettverk", VALUES["nettverk"](announced_on=date(2026, 10, 1)), status="gjennomfort"
    )
    result = commands.bulk_transition([held.id, coming.id], "rapportert")
    assert result.done == ()
    assert list(result.refused) == [coming.ref]
    assert "10.03.2027" in result.refused[coming.ref]
    assert commands.bulk_transition([held.id], "rapportert").done == (held.ref,)


def test_import_refuses_a_notification_in_the_future(desk: Desk, tmp_path: Path) -> None:
    rows = [
        ["Lege", "Kommune", "Type varsel", "Mottatt", "Sykehuset varslet"],
        ["Ola Hansen", "Bamble", "Forsinkelse", "20.11.2026", "24.11.2026"],
        ["Per Olsen", "Bamble", "Forsinkelse", "20.11.2026", "23.11.2026"],
    ]
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    path = tmp_path / "lis1.csv"
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    plan = plan_import(desk, path, today=TODAY)
    assert [p.column for p in plan.problems] == ["Sykehuset varslet"]
    assert "24.11.2026" in plan.problems[0].message
