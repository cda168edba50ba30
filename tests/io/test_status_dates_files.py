"""Issue #13: files carry «Status siden» and «Lukket». An export imported into a fresh
desk keeps every case's status dates and the statistics (CSV and xlsx); an import takes
them from the file when they are valid dates, reports bad ones by line and column, and
falls back to the backfill rule (never the day of the import) when they are missing."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine

from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.domain.statistics import Period, Scope
from samhandlingsdesk.io.csv_format import columns
from samhandlingsdesk.service import statistics as S
from samhandlingsdesk.service.demo import generate
from samhandlingsdesk.service.export import ExportFilter, export_csv
from samhandlingsdesk.service.imports import ReadOptions, apply_import, plan_import, plan_imports
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk, create_desk
from tests.conftest import TODAY, lis1_values

IMPORT_DAY = date(2026, 11, 27)  # a later day than any in the files


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    generate(path, 200, 13, TODAY)
    return path


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Desk]:
    d = create_desk(tmp_path / "fresh.db")
    try:
        yield d
    finally:
        d.close()


def status_dates(path: Path) -> dict[str, tuple[str, str | None, str | None]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            'SELECT id, status, status_since, closed_on FROM "case" WHERE deleted_at IS NULL'
        )
        return {r[0]: (r[1], r[2], r[3]) for r in rows}
    finally:
        conn.close()


def report_texts(desk: Desk) -> dict[str, list[tuple[str, list[str]]]]:
    opts = S.Options(TODAY, Reminders(), exact=True)
    report = S.build_report(desk, Scope(Period.year(2026)), opts)
    return {t.key: [(r.label, [c.text for c in r.cells]) for r in t.rows] for t in report.tables}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_imported_into_a_fresh_desk_keeps_status_dates_and_statistics(
    demo: Path, fresh: Desk, tmp_path: Path, fmt: str
) -> None:
    source = Desk(demo)
    try:
        result = export_csv(
            source, ExportFilter(include_personal=True), tmp_path / "out", today=TODAY, fmt=fmt
        )
        expected_report = report_texts(source)
    finally:
        source.close()
    for path in result.files:
        for plan in plan_imports(fresh, path, today=IMPORT_DAY):
            assert plan.invalid == 0, [str(p) for p in plan.problems[:3]]
            apply_import(fresh, path, today=IMPORT_DAY, options=ReadOptions(sheet=plan.file.sheet))
    before, after = status_dates(demo), status_dates(fresh.path)
    assert after == before
    assert any(closed for _status, _since, closed in before.values())  # closed cases too
    assert report_texts(fresh) == expected_report


# --- one file, by hand -----------------------------------------------------------------------


def write_lis1(path: Path, rows: list[dict[str, str]]) -> Path:
    headers = [c.header for c in columns("lis1")]
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, headers, delimiter=";", lineterminator="\r\n", restval="")
    w.writeheader()
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    return path


def lis1_row(**over: str) -> dict[str, str]:
    row = {
        "Lege": "Ola Hansen",
        "Kommune": "Bamble",
        "Type varsel": "Forsinkelse",
        "Mottatt": "02.11.2026",
        "Sist endret": "2026-11-20T10:00:00+01:00",
    }
    row.update(over)
    return row


def imported(desk: Desk, path: Path) -> tuple[str, str | None, str | None]:
    result = apply_import(desk, path, today=IMPORT_DAY)
    assert result.plan.invalid == 0, [str(p) for p in result.plan.problems]
    (only,) = status_dates(desk.path).values()
    return only


def test_the_import_takes_the_files_status_dates(fresh: Desk, tmp_path: Path) -> None:
    f = write_lis1(
        tmp_path / "a.csv",
        [lis1_row(Status="Avsluttet", **{"Status siden": "09.11.2026", "Lukket": "09.11.2026"})],
    )
    assert imported(fresh, f) == ("avsluttet", "2026-11-09", "2026-11-09")


@pytest.mark.parametrize(
    ("over", "expected"),
    [
        # Open, nothing given: since received (never the day of the import).
        ({"Status": "Varslet"}, ("varslet", "2026-11-02", None)),
        # Closed, nothing given: closed on the day of its last change («Sist endret»).
        ({"Status": "Avsluttet"}, ("avsluttet", "2026-11-20", "2026-11-20")),
        # Closed, only «Status siden»: it closed when it entered its status.
        (
            {"Status": "Avsluttet", "Status siden": "12.11.2026"},
            ("avsluttet", "2026-11-12", "2026-11-12"),
        ),
        # An intake without «Sist endret»: closed when received.
        ({"Status": "Trukket", "Sist endret": ""}, ("trukket", "2026-11-02", "2026-11-02")),
    ],
)
def test_missing_status_dates_follow_the_backfill_rule(
    fresh: Desk, tmp_path: Path, over: dict[str, str], expected: tuple[str, str, str | None]
) -> None:
    if over.get("Status") == "Trukket":
        over = {**over, "Begrunnelse": "Dublett av en annen sak"}
    f = write_lis1(tmp_path / "a.csv", [lis1_row(**over)])
    assert imported(fresh, f) == expected


def test_bad_status_dates_are_reported_by_line_and_column(fresh: Desk, tmp_path: Path) -> None:
    f = write_lis1(
        tmp_path / "a.csv",
        [
            lis1_row(Status="Varslet", **{"Status siden": "31.02.2026"}),
            lis1_row(Status="Varslet", **{"Status siden": "30.11.2026"}),
            lis1_row(Status="Avsluttet", Lukket="01.11.2026"),
            lis1_row(Status="Varslet", Lukket="10.11.2026"),
        ],
    )
    problems = [str(p) for p in plan_import(fresh, f, today=IMPORT_DAY).problems]
    assert len(problems) == 4, problems
    assert problems[0].startswith("Linje 2, kolonne «Status siden»: ")
    assert problems[1] == (
        "Linje 3, kolonne «Status siden»: «Status siden» (30.11.2026) kan ikke være etter "
        "i dag (27.11.2026): det har ikke skjedd ennå."
    )
    assert problems[2] == (
        "Linje 4, kolonne «Lukket»: «Lukket» (01.11.2026) kan ikke være før saken ble "
        "mottatt (02.11.2026)."
    )
    assert problems[3].startswith("Linje 5, kolonne «Lukket»: «Lukket» (10.11.2026) fylles bare")


def test_an_update_keeps_or_takes_status_dates_and_its_events_are_not_moves(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    with time_machine.travel(datetime(2026, 11, 23, 10, 0, tzinfo=UTC), tick=False):
        c = commands.create_case("lis1", lis1_values(received_on=date(2026, 11, 2)))
        commands.transition(c.id, None, "varsles")  # on TODAY, 23.11.2026
    out = export_csv(desk, ExportFilter(), tmp_path / "out", today=TODAY)
    (path,) = out.files
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
    assert (rows[0]["Status siden"], rows[0]["Lukket"]) == ("23.11.2026", "")
    # A colleague closed it on 25.11. and the file has no status dates: it closed on the
    # day of its last change, not on the day of the import (27.11.).
    newer = {**rows[0], "Sist endret": "2026-11-25T09:00:00+01:00", "Status": "Avsluttet"}
    newer["Status siden"] = ""
    f = write_lis1(tmp_path / "b.csv", [newer])
    result = apply_import(desk, f, today=IMPORT_DAY)
    assert result.plan.counts["updated"] == 1
    assert status_dates(desk.path)[c.id] == ("avsluttet", "2026-11-25", "2026-11-25")
    conn = sqlite3.connect(desk.path)
    try:
        events = conn.execute(
            "SELECT action, field FROM event WHERE case_id = ? AND action = 'import' "
            "ORDER BY field",
            (c.id,),
        ).fetchall()
    finally:
        conn.close()
    assert events == [("import", "closed_on"), ("import", "status"), ("import", "status_since")]
    # Undo of the import puts the status dates back with the status.
    Commands(desk, today=IMPORT_DAY).undo_last(confirmed=True)
    assert status_dates(desk.path)[c.id] == ("varsles", "2026-11-23", None)


def test_a_workbook_holds_the_status_dates_as_dates(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    c = commands.create_case("lis1", lis1_values(received_on=date(2026, 11, 2)))
    commands.transition(c.id, None, "trukket", reason="dublett")
    out = export_csv(desk, ExportFilter(), tmp_path / "out", today=TODAY, fmt="xlsx")
    (path,) = out.files
    ws = load_workbook(path, read_only=True)["LIS1"]
    header, row = list(ws.iter_rows(min_row=1, max_row=2, values_only=True))
    cells = dict(zip(header, row, strict=True))
    assert cells["Status siden"] == cells["Lukket"] == datetime(2026, 11, 23)
