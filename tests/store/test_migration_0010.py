"""Schema 0010: reasons stored as keys. A desk at the revision before it, holding the
labels older desks wrote (in cases and in the events undo writes back) and free text an
import let in, is opened the way the app opens it: a backup first, then the upgrade."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command

from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.domain.reasons import reason_shown
from samhandlingsdesk.domain.statistics import Period, Scope
from samhandlingsdesk.service import statistics
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import create_desk, open_desk, read_schema_version
from samhandlingsdesk.store.migrate import alembic_config
from samhandlingsdesk.store.repo import Repo
from samhandlingsdesk.store.schema import SCHEMA_HEAD
from tests.conftest import TODAY, hospitering_values, nettverk_values, veiledning_values

FREE = "Har ikke kapasitet i høst"


def _reason(conn: sqlite3.Connection, case_id: str) -> tuple[str | None, str | None]:
    row = conn.execute(
        'SELECT reason, reason_comment FROM "case" WHERE id = ?', (case_id,)
    ).fetchone()
    return row[0], row[1]


def _events(conn: sqlite3.Connection, case_id: str) -> list[tuple[str | None, str | None]]:
    return [
        tuple(r)
        for r in conn.execute(
            "SELECT old, new FROM event WHERE case_id = ? AND field = 'reason' ORDER BY id",
            (case_id,),
        )
    ]


def _old_desk(path: Path) -> dict[str, str]:
    """A desk at head with closed cases, taken down to the revision before 0010 (which
    writes the labels back), then given the older labels and free text by hand."""
    desk = create_desk(path)
    try:
        c = Commands(desk, today=TODAY)
        ids = {}
        n = c.create_case("nettverk", nettverk_values())
        c.transition(n.id, 1, "avlyst", reason="for_fa_deltakere")
        ids["cancelled"] = n.id
        v = c.create_case("veiledning", veiledning_values(), status="vurdert")
        c.transition(v.id, 1, "avvist", reason="ikke_helse")
        ids["declined"] = v.id
        h = c.create_case("hospitering", hospitering_values())
        c.transition(h.id, 1, "trukket", reason="annet")
        ids["other"] = h.id
        f = c.create_case("veiledning", veiledning_values(topic="Sår"), status="vurdert")
        c.transition(f.id, 1, "avvist", reason="organisatorisk")
        ids["free"] = f.id
        command.downgrade(alembic_config(desk.engine), "0010-1")
    finally:
        desk.close()
    conn = sqlite3.connect(path)
    with conn:
        # The label before «Annet» (git history: «Annet (se kommentar)»), in case and event.
        for sql in (
            'UPDATE "case" SET reason = ? WHERE id = ?',
            "UPDATE event SET new = ? WHERE case_id = ? AND field = 'reason'",
        ):
            conn.execute(sql, ("Annet (se kommentar)", ids["other"]))
            conn.execute(sql, (FREE, ids["free"]))
            # Case and spacing as a spreadsheet left them.
            conn.execute(sql, ("  gjelder IKKE helsemessige   forhold ", ids["declined"]))
        # An import that changed a cancelled network's reason (label to label).
        conn.execute(
            'UPDATE "case" SET reason = ? WHERE id = ?', ("Kommunen trakk seg", ids["cancelled"])
        )
        conn.execute(
            "INSERT INTO event (case_id, batch_id, at, action, field, old, new, session_id) "
            "VALUES (?, 'import-batch', ?, 'import', 'reason', 'For få deltakere', "
            "'Kommunen trakk seg', 'an-older-start')",
            (ids["cancelled"], datetime(2026, 11, 22, 9, tzinfo=UTC).isoformat(" ")),
        )
    conn.close()
    return ids


def test_the_downgrade_wrote_labels_so_the_desk_is_as_an_older_one_left_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "desk.db"
    ids = _old_desk(path)
    conn = sqlite3.connect(path)
    try:
        assert read_schema_version(conn) != SCHEMA_HEAD
        cols = {r[1] for r in conn.execute('PRAGMA table_info("case")')}
        assert "reason_comment" not in cols
        row = conn.execute('SELECT reason FROM "case" WHERE id = ?', (ids["free"],)).fetchone()
        assert row == (FREE,)
    finally:
        conn.close()


def test_opening_an_older_desk_backs_it_up_and_stores_every_reason_as_a_key(
    tmp_path: Path,
) -> None:
    path = tmp_path / "desk.db"
    ids = _old_desk(path)
    backups = tmp_path / "backups"
    desk = open_desk(path, backup_dir=backups)
    try:
        assert read_schema_version(desk.reader()) == SCHEMA_HEAD
        assert len(list(backups.glob("desk_*_før-oppgradering-*.db"))) == 1
        conn = sqlite3.connect(path)
        # Cases: keys, whatever label, spelling or former label they had.
        assert _reason(conn, ids["cancelled"]) == ("kommunen_trakk", None)
        assert _reason(conn, ids["declined"]) == ("ikke_helse", None)
        assert _reason(conn, ids["other"]) == ("annet", None)
        # Free text: the legacy reason with its text as the comment.
        assert _reason(conn, ids["free"]) == ("annet", FREE)
        # Events: keys on both sides, so undo writes a key back.
        assert _events(conn, ids["cancelled"]) == [
            (None, "for_fa_deltakere"),
            ("for_fa_deltakere", "kommunen_trakk"),
        ]
        assert _events(conn, ids["declined"]) == [(None, "ikke_helse")]
        assert _events(conn, ids["other"]) == [(None, "annet")]
        assert _events(conn, ids["free"]) == [(None, "annet")]
        conn.close()

        # Readers show labels.
        repo = Repo(desk)
        shown = [h.new for h in repo.history(ids["cancelled"]) if h.field == "reason"]
        assert shown == ["Kommunen trakk seg", "For få deltakere"]
        free = repo.get_case(ids["free"])
        assert free is not None
        assert reason_shown(free.case.reason, free.case.reason_comment) == f"Annet: {FREE}"

        # Statistics count the declines by key: the odd spelling under its label, the
        # free text as the older desk's reason.
        opts = statistics.Options(TODAY, Reminders(), exact=True)
        report = statistics.build_report(desk, Scope(Period.year(TODAY.year)), opts)
        counted = {row.label: row.cells[0].text for row in report.table("veiledning_decline").rows}
        assert counted == {
            "Gjelder organisatoriske eller administrative endringer": "0",
            "Gjelder ikke helsemessige forhold": "1",
            "Veiledningen er ikke nødvendig": "0",
            "Annet (eldre grunn)": "1",
        }

        # Undo of the old import event writes the key it had.
        c = Commands(desk, today=TODAY)
        c.undo_last(batch_id="import-batch", confirmed=True)
        conn = sqlite3.connect(path)
        assert _reason(conn, ids["cancelled"]) == ("for_fa_deltakere", None)
        conn.close()
    finally:
        desk.close()


def test_a_new_move_clears_the_comment_and_undo_puts_it_back(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    ids = _old_desk(path)
    desk = open_desk(path, backup_dir=tmp_path / "backups")
    try:
        c = Commands(desk, today=TODAY)
        # The undo of the decline reopens the case: the comment stays with the event log.
        c.undo_last(batch_id=_batch(path, ids["free"]), confirmed=True)
        case = Repo(desk).get_case(ids["free"])
        assert case is not None and case.case.reason is None
        c.transition(ids["free"], None, "avvist", reason="ikke_nodvendig")
        conn = sqlite3.connect(path)
        assert _reason(conn, ids["free"]) == ("ikke_nodvendig", None)
        c.undo_last()
        assert _reason(conn, ids["free"]) == (None, FREE)
        conn.close()
    finally:
        desk.close()


def _batch(path: Path, case_id: str) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT batch_id FROM event WHERE case_id = ? AND field = 'reason'", (case_id,)
        ).fetchone()[0]
    finally:
        conn.close()


def test_the_downgrade_gives_the_free_text_back(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    ids = _old_desk(path)
    open_desk(path, backup_dir=tmp_path / "backups").close()
    desk = open_desk(path, upgrade=False)
    try:
        command.downgrade(alembic_config(desk.engine), "0010-1")
    finally:
        desk.close()
    conn = sqlite3.connect(path)
    try:
        assert _events(conn, ids["declined"]) == [(None, "Gjelder ikke helsemessige forhold")]
        row = conn.execute('SELECT reason FROM "case" WHERE id = ?', (ids["free"],)).fetchone()
        assert row == (FREE,)
    finally:
        conn.close()


def test_the_frozen_map_knows_every_label_and_key_the_catalogue_has() -> None:
    """0010 carries its own copy of the map; today it reads whatever the desk writes.
    (A catalogue label changed later needs a revision of its own: this test says so.)"""
    import importlib.util

    from samhandlingsdesk.domain.text.reasons import FORMER_LABELS, LABELS
    from samhandlingsdesk.store.migrate import MIGRATIONS

    spec = importlib.util.spec_from_file_location(
        "m0010", MIGRATIONS / "versions" / "0010_reason_keys.py"
    )
    assert spec is not None and spec.loader is not None
    m0010 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m0010)
    for key, label in LABELS.items():
        assert m0010.read(label) == (key, None) and m0010.read(key) == (key, None)
    for label, key in FORMER_LABELS.items():
        assert m0010.read(label) == (key, None)
    assert m0010.read(FREE) == ("annet", FREE)
