"""Excel workbooks: the export's sheets and formats, the round trip through the import,
and workbooks from elsewhere (dates and phones stored as numbers)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from samhandlingsdesk.cli import main
from samhandlingsdesk.io import xlsx
from samhandlingsdesk.io.csv_import import CsvImportError, ReadOptions, read_files
from samhandlingsdesk.service.export import ExportFilter, export_csv
from samhandlingsdesk.service.imports import apply_import, apply_imports, plan_imports
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk, create_desk
from tests.conftest import TODAY, VALUES


@pytest.fixture
def filled(desk: Desk, commands: Commands) -> Desk:
    h = commands.create_case(
        "hospitering",
        VALUES["hospitering"](
            applicant_name='=HYPERLINK("http://x")',
            workplace="0301 Oslo",
            home_address="Åsveien 3",
            workplace_phone="97712345",
            theme_goals="'sitat' og +pluss",
        ),
    )
    commands.add_note(h.id, "Ringte søker\nto linjer")
    commands.create_case("lis3", VALUES["lis3"]())
    commands.create_case("veiledning", VALUES["veiledning"]())
    # a note with a control character, stored before any rule refused it
    conn = sqlite3.connect(desk.path)
    conn.execute(
        "INSERT INTO note (case_id, at, text) VALUES (?, '2026-11-20 10:00:00.000000', ?)",
        (h.id, "ESC her: \x1b slutt"),
    )
    conn.commit()
    conn.close()
    return desk


def export(desk: Desk, out: Path, **kw: Any) -> Path:
    (path,) = export_csv(desk, ExportFilter(**kw), out, today=TODAY, fmt="xlsx").files
    return path


def values(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    wb = load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = [tuple(c.value for c in row) for row in ws.iter_rows()]
    return out


def test_the_workbook_opens_right(filled: Desk, tmp_path: Path) -> None:
    path = export(filled, tmp_path / "ut")
    assert path.name == f"samhandlingsdesk_{TODAY.isoformat()}.xlsx"
    wb = load_workbook(path)
    assert wb.sheetnames == ["Hospitering", "Veiledning", "LIS3-ALIS", "Notater"]
    ws = wb["Hospitering"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Referanse", "ID", "Status"]
    assert "Notater" not in header and "Hjemmeadresse" not in header
    assert "Privat telefon" not in header
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}2"
    row = {h: c for h, c in zip(header, ws[2], strict=True)}
    # text as text: a formula stays text, a leading zero stays, phones in pairs
    assert row["Søkers navn"].value == '=HYPERLINK("http://x")'
    assert row["Søkers navn"].data_type == "s"
    assert row["Arbeidssted"].value == "0301 Oslo"
    assert row["Arbeidsstedets telefon"].value == "97 71 23 45"
    # dates are real dates shown dd.mm.åååå
    assert row["Periode fra"].value == datetime(2027, 2, 1)
    assert row["Periode fra"].number_format == "dd.mm.yyyy"
    # widths fit
    dims = ws.column_dimensions
    assert dims["A"].width >= len("Referanse") and dims["B"].width >= 36
    notes = wb["Notater"]
    rows = [[c.value for c in r] for r in notes.iter_rows()]
    assert rows[0] == ["Referanse", "ID", "Tidspunkt", "Notat"]
    texts = [r[3] for r in rows[1:]]
    assert "Ringte søker\nto linjer" in texts
    assert "ESC her: ␛ slutt" in texts  # the control character made visible


def test_round_trip_export_import_export_has_equal_cells(filled: Desk, tmp_path: Path) -> None:
    first = export(filled, tmp_path / "1", include_personal=True)
    other = create_desk(tmp_path / "kollega.db")
    try:
        plans = plan_imports(other, first, today=TODAY)
        assert [p.kind for p in plans] == ["hospitering", "veiledning", "lis3"]
        assert all(p.invalid == 0 for p in plans), [str(x) for p in plans for x in p.problems]
        for p in plans:
            apply_import(other, first, today=TODAY, options=ReadOptions(sheet=p.file.sheet))
        second = export(other, tmp_path / "2", include_personal=True)
    finally:
        other.close()
    a, b = values(first), values(second)
    assert a == b
    assert "Åsveien 3" in str(a["Hospitering"])


def test_cli_export_format_xlsx_and_import(
    filled: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled.close()
    out = tmp_path / "ut"
    assert main(["export", "--db", str(filled.path), "--format", "xlsx", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    (book,) = out.glob("*.xlsx")
    assert str(book) in text and "LIS3" not in text.split(str(book))[0]
    empty = tmp_path / "tom.db"
    create_desk(empty).close()
    assert main(["import", str(book), "--db", str(empty), "--yes"]) == 0
    out_text = capsys.readouterr().out
    assert out_text.count("Importert: 1 nye") == 3
    conn = sqlite3.connect(empty)
    try:
        assert conn.execute("SELECT count(*) FROM note").fetchone()[0] == 2
    finally:
        conn.close()


def test_a_workbook_from_elsewhere_with_numbers_for_dates_and_phones(
    desk: Desk, tmp_path: Path
) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Søknader 2027"
    ws.append(
        [
            "Søkerens navn:",
            "Arbeidssted:",
            "Adresse:",
            "Tlf.:",
            "Hospiteringsperiode fra",
            "Hospiteringsperiode til",
            "Ønsket tema og mål for hospiteringen:",
            "Dato:",
            "Postnr",
        ]
    )
    ws.append(
        [
            "Kari Nordmann",
            "Hamar sykehjem",
            "Parkgata 3",
            62510000,
            datetime(2027, 2, 1),
            "12.02.2027",
            "Ernæring",
            date(2026, 11, 15),
            301,
        ]
    )
    ws["I2"].number_format = "0000"
    path = tmp_path / "liste.xlsx"
    wb.save(path)
    (file,) = read_files(path, ReadOptions(side="kommune"))
    assert file.kind == "hospitering" and file.sheet == "Søknader 2027"
    (row,) = file.rows
    assert row.problems == []
    assert row.values["workplace_phone"] == "62510000"
    assert row.values["period_from"] == date(2027, 2, 1)
    assert row.values["applied_on"] == date(2026, 11, 15)
    assert xlsx.cell_text(301, "0000") == "0301"
    (plan,) = plan_imports(desk, path, today=TODAY, options=ReadOptions(side="kommune"))
    assert plan.counts["new"] == 1
    assert any("«Postnr»" in w for w in plan.warnings)


def test_sheet_names_are_legal() -> None:
    assert xlsx.sheet_name("lis3") == "LIS3-ALIS"
    assert all(len(xlsx.sheet_name(k)) <= 31 for k in xlsx.SHEET_KINDS.values())


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    from samhandlingsdesk.io.csv_import import CsvImportError

    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(CsvImportError, match="kan ikke leses som en Excel-arbeidsbok"):
        read_files(path)


@pytest.mark.parametrize("engine", ["openpyxl", "xlsxwriter"])
def test_both_writers_write_the_same_cells(filled: Desk, tmp_path: Path, engine: str) -> None:
    from samhandlingsdesk.io.csv_export import file_columns
    from samhandlingsdesk.store.export import export_snapshot

    cols = file_columns("hospitering", include_personal=False)
    with export_snapshot(filled, ExportFilter(kinds=("hospitering",))) as snap:
        path, rows = xlsx.write_workbook(
            [("hospitering", snap.batches("hospitering", cols))],
            tmp_path,
            TODAY,
            include_personal=False,
            library=engine,
        )
    assert rows == {"hospitering": 1}
    wb = load_workbook(path)
    assert wb["Hospitering"]["A2"].value == "H-2026-0001"
    assert wb["Hospitering"].freeze_panes == "A2"


def test_the_fast_reader_and_openpyxl_read_the_same_text(filled: Desk, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Tekst", "Dato", "Tall", "Postnr", "Sann", "Desimal", "Tid"])
    ws.append(
        ["'sitat", datetime(2027, 2, 1), 62510000, 301, True, 1.5, datetime(2027, 2, 1, 9, 30)]
    )
    ws.append([None, "01.02.2027", None, 1234, False, None, None])
    ws["B2"].number_format = "dd.mm.yyyy"
    ws["D2"].number_format = ws["D3"].number_format = "0000"
    foreign = tmp_path / "fremmed.xlsx"
    wb.save(foreign)
    ours = export(filled, tmp_path / "ut", include_personal=True)
    for path in (foreign, ours):
        fast, slow = xlsx.FastBook(path), xlsx._OpenpyxlBook(path)
        assert fast.sheetnames == slow.sheetnames
        for name in fast.sheetnames:
            a = [(n, _trim(c)) for n, c in fast.rows(name)]
            b = [(n, _trim(c)) for n, c in slow.rows(name)]
            assert a == b, name
    rows = list(xlsx.FastBook(foreign).rows(xlsx.FastBook(foreign).sheetnames[0]))
    assert rows[1][1] == [
        "''sitat",
        "01.02.2027",
        "62510000",
        "0301",
        "Ja",
        "1,5",
        "2027-02-01T09:30:00",
    ]


def _trim(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def test_the_xlsx_export_is_logged_like_csv(filled: Desk, tmp_path: Path) -> None:
    path = export(filled, tmp_path / "ut")
    conn = sqlite3.connect(filled.path)
    try:
        (rows, files) = conn.execute("SELECT rows, files FROM export_log").fetchone()
    finally:
        conn.close()
    assert rows == 3 and str(path) in files


# --- a workbook is one transaction ------------------------------------------------------------


def refuse_inserts_into(path: Path, table: str) -> None:
    """A real write failure in the desk's own SQLite file: inserting into `table` aborts."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
            "BEGIN SELECT RAISE(ABORT, 'stengt for test'); END"
        )
        conn.commit()
    finally:
        conn.close()


def _counts(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(path)
    try:
        return tuple(  # type: ignore[return-value]
            conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            for t in ("case", "event", "note")
        )
    finally:
        conn.close()


@pytest.fixture
def book(filled: Desk, tmp_path: Path) -> Path:
    path = export(filled, tmp_path / "ut", include_personal=True)
    assert load_workbook(path).sheetnames[:2] == ["Hospitering", "Veiledning"]
    return path


def test_a_workbook_is_written_in_one_transaction_and_one_batch(book: Path, tmp_path: Path) -> None:
    other = create_desk(tmp_path / "kollega.db")
    try:
        results = apply_imports(other, book, today=TODAY)
    finally:
        other.close()
    assert [len(r.created) for r in results] == [1, 1, 1]
    assert len({r.batch_id for r in results}) == 1  # one undo takes the workbook back


def test_a_failure_on_the_second_sheet_leaves_the_desk_unchanged(
    book: Path, tmp_path: Path
) -> None:
    path = tmp_path / "kollega.db"
    create_desk(path).close()
    refuse_inserts_into(path, "veiledning")
    before = _counts(path)
    other = Desk(path)
    try:
        with pytest.raises(CsvImportError) as info:
            apply_imports(other, book, today=TODAY)
        assert str(info.value).startswith("Ingenting fra filen er importert. Kunne ikke lagre")
        assert "INSERT" not in str(info.value) and "stengt" not in str(info.value)
    finally:
        other.close()
    assert _counts(path) == before == (0, 0, 0)  # not even the Hospitering sheet


def test_the_cli_imports_a_workbook_all_or_nothing(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kollega.db"
    create_desk(path).close()
    refuse_inserts_into(path, "veiledning")
    assert main(["import", str(book), "--db", str(path), "--yes"]) != 0
    assert "Ingenting fra filen er importert." in capsys.readouterr().err
    assert _counts(path) == (0, 0, 0)
