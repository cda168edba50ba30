"""CSV import: intake files as other offices send them, problems by line and column, the
dry run, skipping invalid rows, no duplicates, merging on updated_at, national IDs."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from samhandlingsdesk.io.csv_export import ExportFilter, export_csv
from samhandlingsdesk.io.csv_import import CsvImportError, apply_import, plan_import, read_file
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk, create_desk
from tests.conftest import TODAY, VALUES

FNR = "02013299997"  # passes both check sums


def write(path: Path, rows: list[list[str]], *, delimiter: str = ";", encoding: str = "utf-8"):
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def count(desk: Desk, table: str = "case") -> int:
    conn = sqlite3.connect(desk.path)
    try:
        return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        conn.close()


def rows_of(desk: Desk, sql: str, *params: object) -> list[sqlite3.Row]:
    conn = sqlite3.connect(desk.path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# --- an intake file from another office: Windows-1252, commas, aliases --------------------

INTAKE_HEADER = [
    "Søkers navn",
    "Epost",
    "Tlf.",
    "Kommune",
    "Retning",
    "Yrke",
    "Ønsket avdeling",
    "Fra",
    "Til",
    "Tema og mål",
    "Søknadsdato",
    "Signert",
    "Merknad",
]


def intake_rows() -> list[list[str]]:
    return [
        INTAKE_HEADER,
        [
            "Åse Ødegård",
            "ase@skien.kommune.no",
            "977 12 345",
            "Skien",
            "Til sykehuset",
            "sykepleier",
            "Medisinsk avdeling",
            "01.02.2027",
            "12.02.2027",
            "Lære om ernæring ved KOLS; sondeernæring",
            "2026-11-15",
            "Ja",
            "Ringer etter 15",
        ],
        [
            "Bjørn Aasen",
            "bjorn.aasen@porsgrunn.kommune.no",
            "+47 41234567",
            "Porsgrunn",
            "til_sykehus",
            "vernepleier",
            "Alderspsykiatri",
            "1.3.27",
            "14.3.27",
            "Observasjon av uro hos personer med demens",
            "16.11.2026",
            "nei",
            "",
        ],
        [
            "Sølvi Bråthen",
            "",
            "",
            "Bamble",
            "Til sykehuset",
            "fysioterapeut",
            "Ortopedisk avdeling",
            "2027-04-05",
            "2027-04-09",
            "'=Mobilisering etter hoftebrudd",
            "17.11.2026",
            "",
            "",
        ],
    ]


@pytest.fixture
def intake(tmp_path: Path) -> Path:
    return write(tmp_path / "søknader.csv", intake_rows(), delimiter=",", encoding="cp1252")


def test_windows_1252_comma_intake_with_aliases(desk: Desk, intake: Path) -> None:
    assert intake.read_bytes().count("ø".encode("cp1252")) > 0
    file = read_file(intake)
    assert (file.kind, file.source, file.encoding, file.delimiter) == (
        "hospitering",
        "intake",
        "Windows-1252",
        ",",
    )
    assert file.warnings == []
    plan = plan_import(desk, intake, today=TODAY)
    assert plan.counts == {
        "new": 3,
        "updated": 0,
        "unchanged": 0,
        "older": 0,
        "duplicate": 0,
        "invalid": 0,
    }, [str(p) for p in plan.problems]
    result = apply_import(desk, intake, today=TODAY)
    assert result.created == ("H-2026-0001", "H-2026-0002", "H-2026-0003")
    rows = rows_of(
        desk,
        'SELECT c.*, h.* FROM "case" c JOIN hospitering h ON h.case_id = c.id ORDER BY c.ref',
    )
    first, second, third = rows
    assert first["applicant_name"] == "Åse Ødegård"
    assert first["title"] == "Åse Ødegård"
    assert first["email"] == "ase@skien.kommune.no"
    assert first["contact_phone"] == "97712345"
    assert first["party"] == "Skien"
    assert first["direction"] == "til_sykehus"
    assert first["period_from"] == "2027-02-01"
    assert first["applied_on"] == "2026-11-15"
    assert first["signed"] == 1
    assert first["status"] == "mottatt"
    assert first["received_on"] == TODAY.isoformat()
    assert second["contact_phone"] == "41234567"
    assert second["period_to"] == "2027-03-14"
    assert second["signed"] == 0
    assert third["theme_goals"] == "=Mobilisering etter hoftebrudd"  # one ' removed
    assert third["signed"] is None
    notes = rows_of(desk, "SELECT text FROM note")
    assert [n["text"] for n in notes] == ["Ringer etter 15"]
    events = rows_of(desk, "SELECT action, new FROM event ORDER BY id")
    assert [e["action"] for e in events] == ["import_create"] * 3
    assert len({e["new"] for e in events}) == 3


def test_utf8_with_bom_and_semicolons_too(desk: Desk, tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", intake_rows(), encoding="utf-8-sig")
    plan = plan_import(desk, path, today=TODAY)
    assert plan.file.encoding == "UTF-8" and plan.file.delimiter == ";"
    assert plan.counts["new"] == 3


def test_the_same_intake_twice_makes_no_duplicates(desk: Desk, intake: Path) -> None:
    apply_import(desk, intake, today=TODAY)
    plan = plan_import(desk, intake, today=TODAY)
    assert plan.counts["duplicate"] == 3 and plan.to_write == 0
    assert "finnes allerede som H-2026-0001" in plan.warnings[0]
    result = apply_import(desk, intake, today=TODAY)
    assert result.written == 0
    assert count(desk) == 3 and count(desk, "note") == 1


def test_a_repeated_row_in_one_file_is_a_duplicate(desk: Desk, tmp_path: Path) -> None:
    rows = intake_rows()
    rows.append(list(rows[1]))
    rows[-1][0] = "  åse  ØDEGÅRD "  # the same applicant, written differently
    path = write(tmp_path / "dup.csv", rows)
    plan = plan_import(desk, path, today=TODAY)
    assert plan.counts["new"] == 3 and plan.counts["duplicate"] == 1


# --- five bad rows ---------------------------------------------------------------------------


def bad_rows() -> list[list[str]]:
    rows = intake_rows()
    bad = [list(rows[1]) for _ in range(5)]
    bad[0][8] = "17.5"  # line 5: Til — no year: refused in files
    bad[1][0] = ""  # line 6: no applicant
    bad[2][1] = "ikke-en-adresse"  # line 7: e-mail
    bad[3][7], bad[3][8] = "20.03.2027", "10.03.2027"  # line 8: the end before the start
    bad[4][4] = "Til månen"  # line 9: direction
    for i, r in enumerate(bad):
        r[0] = r[0] and f"Søker {i}"
    return [*rows, *bad]


def test_five_bad_rows_are_named_by_line_and_column_and_nothing_is_written(
    desk: Desk, tmp_path: Path
) -> None:
    path = write(tmp_path / "feil.csv", bad_rows())
    plan = plan_import(desk, path, today=TODAY)
    assert plan.counts["invalid"] == 5 and plan.counts["new"] == 3
    problems = [str(p) for p in plan.problems]
    assert problems[0].startswith("Linje 5, kolonne «Til»: «17.5» er ikke en fullstendig dato")
    assert problems[1] == "Linje 6, kolonne «Søkers navn»: «Søkers navn» må fylles ut."
    assert problems[2].startswith("Linje 7, kolonne «Epost»: «ikke-en-adresse»")
    assert problems[3].startswith("Linje 8, kolonne «Til»: «Periode til» (10.03.2027)")
    assert problems[4].startswith("Linje 9, kolonne «Retning»: «Til månen» er ikke et gyldig")
    assert len(problems) == 5
    with pytest.raises(CsvImportError, match="5 rader har feil; ingenting er importert"):
        apply_import(desk, path, today=TODAY)
    assert count(desk) == 0 and count(desk, "event") == 0


def test_dry_run_writes_nothing(desk: Desk, intake: Path) -> None:
    before = desk.path.read_bytes()
    plan = plan_import(desk, intake, today=TODAY)
    assert plan.counts["new"] == 3
    assert count(desk) == 0
    assert desk.path.read_bytes() == before


def test_skip_invalid_imports_the_valid_rows(desk: Desk, tmp_path: Path) -> None:
    path = write(tmp_path / "feil.csv", bad_rows())
    result = apply_import(desk, path, skip_invalid=True, today=TODAY)
    assert len(result.created) == 3 and result.skipped_invalid == 5
    assert count(desk) == 3
    assert "5 med feil hoppet over" in result.summary()


def test_unknown_columns_are_reported_not_read(desk: Desk, tmp_path: Path) -> None:
    rows = intake_rows()
    rows[0] = [*rows[0], "Favorittfarge"]
    for r in rows[1:]:
        r.append("blå")
    path = write(tmp_path / "x.csv", rows)
    plan = plan_import(desk, path, today=TODAY)
    assert plan.warnings == ["Ukjente kolonner blir ikke lest: «Favorittfarge»."]
    assert plan.counts["new"] == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "er tom"),
        (b"Navn;Fra\r\n", "ingen rader"),
        (b"Foo;Bar\r\n1;2\r\n", "Finner ikke ut hvilken sakstype"),
        (b"\x00\x01\x02binary", "binærdata"),
    ],
)
def test_files_that_cannot_be_read(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "fil.csv"
    path.write_bytes(content)
    with pytest.raises(CsvImportError, match=message):
        read_file(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CsvImportError, match="Finner ikke filen"):
        read_file(tmp_path / "borte.csv")


# --- national ID numbers ----------------------------------------------------------------


def test_a_national_id_in_a_note_stops_the_row(desk: Desk, tmp_path: Path) -> None:
    rows = intake_rows()
    rows[2][12] = f"Pasienten har fnr {FNR[:6]} {FNR[6:]}"
    path = write(tmp_path / "fnr.csv", rows)
    plan = plan_import(desk, path, today=TODAY)
    assert plan.counts["invalid"] == 1
    (problem,) = plan.problems
    assert str(problem).startswith("Linje 3, kolonne «Merknad»: Teksten ser ut til å inneholde")
    assert FNR not in str(problem)  # masked
    with pytest.raises(CsvImportError):
        apply_import(desk, path, today=TODAY)
    assert count(desk) == 0


def test_a_national_id_in_an_exported_note_stops_the_row(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    created = commands.create_case("lis1", VALUES["lis1"]())
    commands.add_note(created.id, "ringt")
    (path,) = export_csv(desk, ExportFilter(), tmp_path, today=TODAY).files
    text = path.read_text("utf-8-sig").replace("] ringt", f"] ringt om {FNR}")
    path.write_text(text, "utf-8-sig")
    other = create_desk(tmp_path / "annen.db")
    try:
        plan = plan_import(other, path, today=TODAY)
        assert [str(p).split(":")[0] for p in plan.problems] == ["Linje 2, kolonne «Notater»"]
    finally:
        other.close()


# --- merging on updated_at ---------------------------------------------------------------


def test_merge_newer_wins_and_the_older_side_loses(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    created = commands.create_case("veiledning", VALUES["veiledning"](unit_asked="Legevakten"))
    (old_file,) = export_csv(desk, ExportFilter(), tmp_path / "1", today=TODAY).files

    # A colleague imports the file, then edits the case on their desk.
    other = create_desk(tmp_path / "kollega.db")
    try:
        apply_import(other, old_file, today=TODAY)
        theirs = Commands(other, today=TODAY)
        theirs.update_case(created.id, 1, {"unit_asked": "Hjemmetjenesten", "tags": "haster"})
        theirs.add_note(created.id, "avtalt møte")
        (new_file,) = export_csv(other, ExportFilter(), tmp_path / "2", today=TODAY).files
    finally:
        other.close()

    # Our old file is older than the desk's copy after our own later edit? First: equal.
    plan = plan_import(desk, old_file, today=TODAY)
    assert plan.counts["unchanged"] == 1

    # Their newer file wins here: fields changed, events written, version bumped.
    plan = plan_import(desk, new_file, today=TODAY)
    assert plan.counts["updated"] == 1
    assert set(plan.rows[0].changes) == {"unit_asked", "tags"}
    result = apply_import(desk, new_file, today=TODAY)
    assert result.updated == ("V-2026-0001",)
    (case,) = rows_of(desk, 'SELECT * FROM "case" WHERE id = ?', created.id)
    (detail,) = rows_of(desk, "SELECT * FROM veiledning WHERE case_id = ?", created.id)
    assert detail["unit_asked"] == "Hjemmetjenesten" and case["tags"] == "haster"
    assert case["version"] == 2
    rows = list(csv.reader(io.StringIO(new_file.read_text("utf-8-sig")), delimiter=";"))
    stamp = datetime.fromisoformat(rows[1][-1]).astimezone(UTC)
    assert datetime.fromisoformat(case["updated_at"]).replace(tzinfo=UTC) == stamp
    events = rows_of(
        desk, "SELECT action, field, old, new FROM event WHERE action = 'import' ORDER BY id"
    )
    assert {(e["field"], e["old"], e["new"]) for e in events[:2]} == {
        ("unit_asked", "Legevakten", "Hjemmetjenesten"),
        ("tags", None, "haster"),
    }
    assert events[2]["field"].startswith("note:") and events[2]["new"] == "avtalt møte"
    assert [n["text"] for n in rows_of(desk, "SELECT text FROM note")] == ["avtalt møte"]

    # Now the old file is older than the desk: the desk keeps its copy.
    plan = plan_import(desk, old_file, today=TODAY)
    assert plan.counts["older"] == 1 and plan.to_write == 0
    result = apply_import(desk, old_file, today=TODAY)
    assert result.written == 0
    (detail,) = rows_of(desk, "SELECT unit_asked FROM veiledning WHERE case_id = ?", created.id)
    assert detail["unit_asked"] == "Hjemmetjenesten"

    # And the same newer file again changes nothing.
    assert plan_import(desk, new_file, today=TODAY).counts["unchanged"] == 1


def test_a_minimised_export_leaves_the_home_address_alone(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    created = commands.create_case(
        "hospitering", VALUES["hospitering"](home_address="Åsveien 3", workplace="Skien sykehjem")
    )
    (path,) = export_csv(desk, ExportFilter(), tmp_path, today=TODAY).files
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
    header = rows[0]
    rows[1][header.index("Arbeidssted")] = "Bamble sykehjem"
    later = datetime.fromisoformat(rows[1][-1]) + timedelta(minutes=5)
    rows[1][-1] = later.isoformat()
    write(path, rows, encoding="utf-8-sig")
    # the colleague's edit is five minutes later; the import runs after it
    result = apply_import(desk, path, today=TODAY, now=later + timedelta(minutes=1))
    assert result.updated == ("H-2026-0001",)
    (d,) = rows_of(desk, "SELECT * FROM hospitering WHERE case_id = ?", created.id)
    assert d["workplace"] == "Bamble sykehjem" and d["home_address"] == "Åsveien 3"


def test_new_case_keeps_a_free_ref_and_gets_a_local_one_otherwise(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    commands.create_case("lis3", VALUES["lis3"]())  # L3-2026-0001 here
    source = create_desk(tmp_path / "kilde.db")
    try:
        theirs = Commands(source, today=TODAY)
        for _ in range(3):
            theirs.create_case("lis3", VALUES["lis3"]())
        (path,) = export_csv(source, ExportFilter(), tmp_path, today=TODAY).files
    finally:
        source.close()
    result = apply_import(desk, path, today=TODAY)
    # 0002 and 0003 are free and kept; 0001 is taken and gets the next: 0004.
    assert sorted(result.created) == ["L3-2026-0002", "L3-2026-0003", "L3-2026-0004"]
    assert any("fikk ref L3-2026-0004 (L3-2026-0001" in w for w in result.plan.warnings)


def test_an_id_without_a_change_time_cannot_be_merged(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    commands.create_case("lis1", VALUES["lis1"]())
    (path,) = export_csv(desk, ExportFilter(), tmp_path, today=TODAY).files
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
    rows[1][-1] = ""
    write(path, rows)
    plan = plan_import(desk, path, today=TODAY)
    assert [str(p).split(":")[0] for p in plan.problems] == ["Linje 2, kolonne «Sist endret»"]


def test_undo_takes_the_whole_import_back(desk: Desk, intake: Path) -> None:
    apply_import(desk, intake, today=TODAY)
    assert count(desk) == 3
    Commands(desk, today=TODAY).undo_last()
    assert count(desk) == 0


def test_import_writes_events_after_the_export_and_keeps_received_dates(
    desk: Desk, tmp_path: Path
) -> None:
    rows = intake_rows()
    rows[0].append("Mottatt")
    for r in rows[1:]:
        r.append("10.11.2026")
    path = write(tmp_path / "m.csv", rows)
    apply_import(desk, path, today=TODAY)
    received = {r["received_on"] for r in rows_of(desk, 'SELECT received_on FROM "case"')}
    assert received == {date(2026, 11, 10).isoformat()}


def test_readme_lists_every_column_and_alias() -> None:
    from samhandlingsdesk.io.csv_format import all_headers, intake_columns

    doc = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    for kind, headers in all_headers().items():
        for header in headers:
            assert f"| {header} |" in doc, (kind, header)
    for col, aliases in intake_columns():
        for alias in aliases:
            assert alias in doc, (col.name, alias)
