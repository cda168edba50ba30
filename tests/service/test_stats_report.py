"""The statistics report as a workbook and as CSV, from the hand-counted desk, and the
`stats` command."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import time_machine
from openpyxl import load_workbook

from samhandlingsdesk.cli import main
from samhandlingsdesk.domain.statistics import Period, Report, Scope
from samhandlingsdesk.domain.text import stats as txt
from samhandlingsdesk.io.stats_files import HEADER_ROW, sheet_name
from samhandlingsdesk.service.stats_report import (
    ReportError,
    make_report,
    save_report,
    save_report_csv,
)
from samhandlingsdesk.settings import Settings
from samhandlingsdesk.store.db import Desk
from tests.service.stats_desk import TODAY, build


@pytest.fixture
def report(desk: Desk) -> Report:
    build(desk)
    settings = Settings(side="helseforetak")
    return make_report(desk, Scope(Period.year(2026)), settings, today=TODAY)


def test_workbook_has_a_sheet_per_table_the_numbers_and_charts(
    report: Report, tmp_path: Path
) -> None:
    path = save_report(report, out=tmp_path / "rapport.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == [txt.COVER_SHEET, *(sheet_name(t) for t in report.tables)]
    assert len(set(wb.sheetnames)) == len(wb.sheetnames)
    cover = [[c for c in row if c is not None] for row in wb[txt.COVER_SHEET].values]
    flat = [x for row in cover for x in row]
    assert "2026 (01.01.2026–31.12.2026)" in flat
    assert "helseforetaket" in flat and "23.11.2026" in flat
    assert any(str(x).startswith("Antall under 3") for x in flat)  # the «<3» rule
    for t in report.tables:
        ws = wb[sheet_name(t)]
        assert ws["A1"].value == t.title
        header = [c.value for c in ws[HEADER_ROW]][: len(t.columns) + 1]
        assert header == [t.row_header, *t.columns]
        for i, row in enumerate(t.rows, start=HEADER_ROW + 1):
            got = [c.value for c in ws[i]][: len(t.columns) + 1]
            want = [row.label, *(c.value if c.value is not None else c.text for c in row.cells)]
            assert got == want, (t.key, row.label)
        charts = ws._charts
        if t.chart is None:
            assert charts == []
            continue
        assert len(charts) == 1, t.key
        series = charts[0].series
        col = "ABCDEFGHIJ"[1 + t.chart_column]
        last = HEADER_ROW + 1 + t.chart_rows()[-1]
        name = f"'{ws.title}'"
        assert series[0].val.numRef.f == f"{name}!${col}${HEADER_ROW + 1}:${col}${last}"
        cat = series[0].cat.strRef or series[0].cat.numRef
        assert cat.f == f"{name}!$A${HEADER_ROW + 1}:$A${last}"
    month = wb[sheet_name(report.table("hospitering_month"))]
    assert month._charts[0].type == "col"
    assert [month.cell(HEADER_ROW + 1, c).value for c in range(1, 7)] == ["jan", 2, 1, 1, 0, 1]
    prof = wb[sheet_name(report.table("hospitering_profession"))]
    assert [prof.cell(HEADER_ROW + 1, c).value for c in range(1, 5)] == [
        "Sykepleier",
        "<3",
        "<3",
        3,
    ]


def test_a_report_never_replaces_a_file(report: Report, tmp_path: Path) -> None:
    out = tmp_path / "rapport.xlsx"
    out.write_bytes(b"min fil")
    with pytest.raises(ReportError, match="finnes allerede"):
        save_report(report, out=out)
    assert out.read_bytes() == b"min fil"
    # In a folder: the first free name.
    first = save_report(report, folder=tmp_path / "eksport")
    second = save_report(report, folder=tmp_path / "eksport")
    assert first.name == "statistikk_2026.xlsx" and second.name == "statistikk_2026_2.xlsx"
    assert sorted(p.name for p in (tmp_path / "eksport").iterdir()) == [
        "statistikk_2026.xlsx",
        "statistikk_2026_2.xlsx",
    ]


def test_csv_in_the_export_format(report: Report, tmp_path: Path) -> None:
    paths = save_report_csv(report, tmp_path / "csv")
    assert len(paths) == len(report.tables) + 1
    month = tmp_path / "csv" / "statistikk_2026_hospitering_month.csv"
    data = month.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == "Måned;Mottatt;Vedtak;Fullført;Avslått;Trukket"
    assert lines[1] == "jan;2;1;1;0;1"
    assert lines[13] == "I alt;4;2;1;1;1" and lines[14] == ""
    prof = (tmp_path / "csv" / "statistikk_2026_hospitering_profession.csv").read_bytes()
    assert "Sykepleier;<3;<3;3\r\n" in prof.decode("utf-8-sig")


def test_the_stats_command(desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    build(desk)
    db = str(desk.path)
    desk.close()
    with time_machine.travel(date(2026, 11, 23), tick=False):
        assert main(["stats", "--db", db, "--year", "2026"]) == 0
        printed = capsys.readouterr().out
        assert "Hospiteringer per måned" in printed
        total = next(line for line in printed.splitlines() if line.startswith("I alt"))
        assert total.split() == ["I", "alt", "4", "2", "1", "1", "1"]
        out = tmp_path / "r.xlsx"
        assert main(["stats", "--db", db, "--year", "2026", "--out", str(out)]) == 0
        assert "21 tabeller" in capsys.readouterr().out
        assert main(["stats", "--db", db, "--year", "2026", "--out", str(out)]) == 2
        assert "finnes allerede" in capsys.readouterr().err
        assert main(["stats", "--db", db, "--year", "2026", "--party", "Porsgrunn",
                     "--csv", str(tmp_path / "c")]) == 0  # fmt: skip
        text = (tmp_path / "c" / "statistikk_2026_Porsgrunn_hospitering_month.csv").read_text(
            encoding="utf-8-sig"
        )
        assert "I alt;<3;<3;0;<3;0" in text
        assert main(["stats", "--db", db, "--party", "A", "--side", "kommune"]) == 2
        capsys.readouterr()
        assert main(["stats", "--db", db, "--year", "2026", "--party", "porsgrunn"]) == 0
        assert "2026 · Porsgrunn" in capsys.readouterr().out  # the party as written on cases
        assert main(["stats", "--db", db, "--party", "Atlantis"]) == 1
        assert "«Atlantis»" in capsys.readouterr().err
