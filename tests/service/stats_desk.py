"""A small desk whose statistics for 2026 are counted by hand (the comments give each
case's part in them). Used by the service, CLI, report and screen tests.

Dates sit on year and month ends; one case is moved by the real commands and the move is
undone; one case is hidden as an undone creation is (`deleted_at`); one is next year's.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk

TODAY = date(2026, 11, 23)


@dataclass
class Built:
    refs: dict[str, str] = field(default_factory=dict)  # name -> ref
    pks: dict[str, int] = field(default_factory=dict)  # name -> pk


def _put(
    desk: Desk,
    commands: Commands,
    built: Built,
    name: str,
    kind: str,
    status: str,
    *,
    closed_on: date | None = None,
    reason: str | None = None,
    **values: Any,
) -> None:
    created = commands.create_case(kind, values, status=status, validate=False)
    with sqlite3.connect(desk.path) as conn:
        conn.execute(
            'UPDATE "case" SET closed_on = ?, reason = ?, status_since = coalesce(?, '
            "status_since) WHERE id = ?",
            (
                closed_on.isoformat() if closed_on else None,
                reason,
                closed_on.isoformat() if closed_on else None,
                created.id,
            ),
        )
        pk = conn.execute('SELECT pk FROM "case" WHERE id = ?', (created.id,)).fetchone()[0]
    built.refs[name] = created.ref
    built.pks[name] = pk


def build(desk: Desk) -> Built:
    c = Commands(desk, today=TODAY)
    b = Built()
    H = "hospitering"
    base_h = {
        "applicant_name": "Søker",
        "period_from": date(2026, 6, 1),
        "period_to": date(2026, 6, 12),
        "theme_goals": "Mål",
    }
    # H1: received last year; host decision 01.01, completed 01.01, feedback 10 days after
    # receipt (innvilget). Counts in 2026: vedtak jan (host), fullført jan, feedback 10 d.
    _put(desk, c, b, "H1", H, "evaluert", closed_on=date(2026, 1, 1), **base_h,
         received_on=date(2025, 12, 31), party="Skien", direction="til_sykehus",
         profession="Sykepleier", own_leader_decision="innvilget",
         own_leader_on=date(2025, 12, 31), host_leader_decision="innvilget",
         host_leader_on=date(2026, 1, 1), feedback_decision="innvilget",
         feedback_on=date(2026, 1, 10), host_unit="Medisinsk avdeling")  # fmt: skip
    # H2: received 01.01, withdrawn 31.01 (jan); til kommunen; «sykepleier » groups with
    # «Sykepleier».
    _put(desk, c, b, "H2", H, "trukket", closed_on=date(2026, 1, 31),
         reason="soker_trekker", **base_h,
         received_on=date(2026, 1, 1), party="Skien", direction="til_kommune",
         profession="sykepleier ", host_unit="Medisinsk avdeling")  # fmt: skip
    # H3: received 31.01 (jan); own leader says no 01.02 (vedtak feb); feedback (no) 28.02
    # = 28 days; closed 28.02 as declined (feb).
    _put(desk, c, b, "H3", H, "tilbakemeldt_avslag", closed_on=date(2026, 2, 28), **base_h,
         received_on=date(2026, 1, 31), party="Porsgrunn", direction="til_sykehus",
         profession="Lege", own_leader_decision="ikke_innvilget",
         own_leader_on=date(2026, 2, 1), own_leader_comment="Nei",
         feedback_decision="ikke_innvilget", feedback_on=date(2026, 2, 28))  # fmt: skip
    # H4: received 01.02 (feb); moved to own leader and approved on 02.03 by the real
    # commands, then the approval is undone: no decision counts.
    h4 = Commands(desk, today=date(2026, 3, 2)).create_case(
        H, {**base_h, "received_on": date(2026, 2, 1), "party": "Skien",
            "direction": "til_sykehus", "profession": "Sykepleier"},
    )  # fmt: skip
    moves = Commands(desk, today=date(2026, 3, 2))
    v = moves.transition(h4.id, None, "hos_egen_leder")
    moves.transition(h4.id, v, "godkjent_egen_leder")
    moves.undo_last()
    with sqlite3.connect(desk.path) as conn:
        b.pks["H4"] = conn.execute('SELECT pk FROM "case" WHERE id = ?', (h4.id,)).fetchone()[0]
    b.refs["H4"] = h4.ref
    # H5: received 31.12 (des), open.
    _put(desk, c, b, "H5", H, "mottatt", **base_h, received_on=date(2026, 12, 31),
         party="Skien", direction="til_sykehus", profession="Sykepleier")  # fmt: skip
    # H6: hidden (a creation undone): never counts.
    _put(desk, c, b, "H6", H, "mottatt", **base_h, received_on=date(2026, 3, 3),
         party="Skien", direction="til_sykehus", profession="Sykepleier")  # fmt: skip
    with sqlite3.connect(desk.path) as conn:
        conn.execute(
            "UPDATE \"case\" SET deleted_at = '2026-03-03 10:00:00' WHERE pk = ?", (b.pks["H6"],)
        )
    # H7: next year's.
    _put(desk, c, b, "H7", H, "mottatt", **base_h, received_on=date(2027, 1, 1),
         party="Skien", direction="til_sykehus", profession="Sykepleier")  # fmt: skip

    V = "veiledning"
    base_v = {"topic": "Sårstell"}
    # V1: received 31.03, agreed 01.04 (vedtak apr), closed 30.04 (fullført apr).
    _put(desk, c, b, "V1", V, "lukket", closed_on=date(2026, 4, 30), **base_v,
         received_on=date(2026, 3, 31), party="Bamble", direction="hf_til_kommune",
         subject="fysisk", scope="generell", channel="mote", agreement="Møte",
         agreed_on=date(2026, 4, 1))  # fmt: skip
    # V2: received 01.04, declined 30.04 (vedtak apr, avslått apr): not a health matter.
    _put(desk, c, b, "V2", V, "avvist", closed_on=date(2026, 4, 30),
         reason="ikke_helse", **base_v, received_on=date(2026, 4, 1),
         party="Bamble", direction="kommune_til_hf", subject="psykisk")  # fmt: skip
    # V3: declined by an older desk with another reason (kept as «annet»), 31.12 (des).
    _put(desk, c, b, "V3", V, "avvist", closed_on=date(2026, 12, 31),
         reason="annet", **base_v, received_on=date(2026, 12, 1),
         party="Bamble", direction="hf_til_kommune")  # fmt: skip

    # V4: received 04.05 (mai), declined on 05.05 by the real commands, and the decline
    # undone: it counts as received only (closed_on went back to empty with the status).
    mai = Commands(desk, today=date(2026, 5, 5))
    v4 = mai.create_case(V, {**base_v, "received_on": date(2026, 5, 4), "party": "Bamble",
                             "direction": "hf_til_kommune"})  # fmt: skip
    ver = mai.transition(v4.id, None, "vurdert")
    mai.transition(v4.id, ver, "avvist", reason="ikke_helse")
    mai.undo_last()
    with sqlite3.connect(desk.path) as conn:
        b.pks["V4"] = conn.execute('SELECT pk FROM "case" WHERE id = ?', (v4.id,)).fetchone()[0]
    b.refs["V4"] = v4.ref

    L1 = "lis1"
    base_l1 = {"doctor_name": "Lege"}
    # L1a: drop-out, event Fri 02.01; 1 working day after = Mon 05.01: both on 05.01 = in time.
    _put(desk, c, b, "L1a", L1, "varslet", **base_l1, received_on=date(2026, 1, 2),
         party="Bamble", notice_type="frafall_for", event_on=date(2026, 1, 2),
         hospital_notified_on=date(2026, 1, 5),
         statsforvalter_notified_on=date(2026, 1, 5))  # fmt: skip
    # L1b: drop-out, Statsforvalter on 06.01 = late.
    _put(desk, c, b, "L1b", L1, "varslet", **base_l1, received_on=date(2026, 1, 2),
         party="Bamble", notice_type="frafall_under", event_on=date(2026, 1, 2),
         hospital_notified_on=date(2026, 1, 2),
         statsforvalter_notified_on=date(2026, 1, 6))  # fmt: skip
    # L1c: drop-out, hospital not notified yet = missing.
    _put(desk, c, b, "L1c", L1, "varsles", **base_l1, received_on=date(2026, 5, 31),
         party="Bamble", notice_type="frafall_for", event_on=date(2026, 5, 29),
         statsforvalter_notified_on=date(2026, 5, 29))  # fmt: skip
    # L1d: drop-out, Statsforvalter confirmed by the municipality (no date) = unknown.
    _put(desk, c, b, "L1d", L1, "varslet", **base_l1, received_on=date(2026, 6, 1),
         party="Bamble", notice_type="frafall_for", event_on=date(2026, 6, 1),
         hospital_notified_on=date(2026, 6, 1), statsforvalter_confirmed=True)  # fmt: skip

    L3 = "lis3"
    base_l3 = {"doctor_name": "Lege"}
    # L3a: allmennmedisin, queued 01.01, offered from 01.07 (181 days = 5,9 months).
    # Desired from 31.08.2026: confirmation due 28.02.2026, asked 28.02 = in time.
    _put(desk, c, b, "L3a", L3, "pagar", **base_l3, received_on=date(2026, 1, 1),
         party="Notodden", program="alis", specialty="Allmennmedisin",
         desired_from=date(2026, 8, 31), queued_on=date(2026, 1, 1),
         confirmation_requested_on=date(2026, 2, 28),
         offered_from=date(2026, 7, 1))  # fmt: skip
    # L3b: allmennmedisin, desired from 01.09.2026: due 01.03.2026, asked 02.03 = late.
    _put(desk, c, b, "L3b", L3, "bekreftet", **base_l3, received_on=date(2026, 1, 15),
         party="Notodden", program="alis", specialty="allmennmedisin",
         desired_from=date(2026, 9, 1), queued_on=date(2026, 1, 15),
         confirmation_requested_on=date(2026, 3, 2))  # fmt: skip
    # L3c: psykiatri, desired from 01.07.2027: due 01.01.2027 (not this year).
    _put(desk, c, b, "L3c", L3, "i_ko", **base_l3, received_on=date(2026, 2, 1),
         party="Notodden", program="sykehus", specialty="Psykiatri",
         desired_from=date(2027, 7, 1), queued_on=date(2026, 2, 1))  # fmt: skip

    N = "nettverk"
    base_n = {"network_name": "Nett", "target_group": "Alle"}
    # N1, N2: fagnettverk held in 2026 (12+3, 8+0 participants), N1 counts toward goals;
    # N1 is the hospital's (the only case on that side).
    _put(desk, c, b, "N1", N, "rapportert", closed_on=date(2026, 2, 1), **base_n,
         received_on=date(2025, 12, 1), party="Sykehuset Telemark HF",
         activity_type="fagnettverk",
         level="tvers", held_on=date(2026, 1, 31), participants_municipality=12,
         participants_hospital=3, counts_learning_goals=True)  # fmt: skip
    _put(desk, c, b, "N2", N, "gjennomfort", **base_n, received_on=date(2026, 1, 5),
         party="Skien", activity_type="fagnettverk", level="intern",
         held_on=date(2026, 12, 31), participants_municipality=8,
         participants_hospital=0, counts_learning_goals=False)  # fmt: skip
    # N3: cancelled (avlyst 15.03): not an activity, but cancelled in mar.
    _put(desk, c, b, "N3", N, "avlyst", closed_on=date(2026, 3, 15),
         reason="for_fa_deltakere", **base_n, received_on=date(2026, 1, 5), party="Skien",
         activity_type="kurs", level="tvers", held_on=date(2026, 3, 20))  # fmt: skip
    return b
