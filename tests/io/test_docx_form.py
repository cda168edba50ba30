"""«Skjema hospitering» filled in Word: forms built here with python-docx, writing the XML
Word writes for content controls and checkboxes (no binary fixtures), in several layouts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from samhandlingsdesk.cli import main
from samhandlingsdesk.io.csv_import import (
    CsvImportError,
    ReadOptions,
    apply_import,
    plan_import,
    read_file,
)
from samhandlingsdesk.io.docx_form import read_form
from samhandlingsdesk.store.db import Desk, create_desk
from tests.conftest import TODAY

W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'


# --- writing the XML Word writes -----------------------------------------------------------


def content_control(paragraph: Any, text: str, *, placeholder: bool = False) -> None:
    """A plain-text content control (w:sdt) holding `text`."""
    plc = "<w:showingPlcHdr/>" if placeholder else ""
    paragraph._p.append(
        parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:id w:val="{abs(hash(text)) % 10**8}"/>'
            f'<w:text/>{plc}</w:sdtPr><w:sdtContent><w:r><w:t xml:space="preserve">'
            f"{text}</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )


def sdt_checkbox(paragraph: Any, checked: bool) -> None:
    """A content-control checkbox (Word 2010+): w14:checkbox with w14:checked."""
    glyph = "☒" if checked else "☐"
    paragraph._p.append(
        parse_xml(
            f'<w:sdt {nsdecls("w")} {W14}><w:sdtPr><w:id w:val="1"/><w14:checkbox>'
            f'<w14:checked w14:val="{int(checked)}"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
            '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
            "</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr>"
            '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/>'
            f"</w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )


def legacy_checkbox(paragraph: Any, checked: bool, *, by_default: bool = False) -> None:
    """A legacy form field checkbox: w:ffData/w:checkBox with w:checked (or w:default)."""
    state = (
        f'<w:default w:val="{int(checked)}"/>'
        if by_default
        else f'<w:default w:val="0"/><w:checked w:val="{int(checked)}"/>'
    )
    for xml in (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="K1"/>'
        f'<w:enabled/><w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>{state}</w:checkBox>'
        "</w:ffData></w:fldChar></w:r>",
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def typed_checkbox(paragraph: Any, checked: bool) -> None:
    paragraph.add_run("☒" if checked else "☐")


def typed_x(paragraph: Any, checked: bool) -> None:
    paragraph.add_run("[X]" if checked else "[ ]")


BOXES: dict[str, Callable[..., None]] = {
    "typed": typed_checkbox,
    "x": typed_x,
    "sdt": sdt_checkbox,
    "legacy": legacy_checkbox,
}


def boxes(cell: Any, options: list[tuple[bool, str]], kind: str) -> None:
    """Options with their boxes in one cell: «☒ Sykehuset Innlandet / ☐ kommune»."""
    p = cell.paragraphs[0]
    for i, (checked, text) in enumerate(options):
        if i:
            p.add_run(" / ")
        BOXES[kind](p, checked)
        p.add_run(f" {text}")


# --- the form ----------------------------------------------------------------------------

BOKMAL = {
    "direction": "Jeg søker om hospitering i (sett kryss/fyll inn for aktuelt alternativ)",
    "name": "Søkerens navn:",
    "home": "Hjemmeadresse:",
    "tlf": "Tlf.:",
    "work": "Arbeidssted:",
    "address": "Adresse:",
    "unit": "Ønsket hospiteringsenhet",
    "period": "Hospiteringsperiode",
    "from": "Fra",
    "to": "Til",
    "goals": "Ønsket tema og mål for hospiteringen:",
    "contribution": "Hva jeg eventuelt kan bidra med til vertsenheten:",
    "profession": "Faggruppe:",
    "date": "Dato:",
    "signature": "Underskrift:",
    "leader": "Leder i egen enhet:",
    "granted": "Innvilget",
    "not_granted": "Ikke innvilget (se kommentarfelt)",
}
NYNORSK = {
    **BOKMAL,
    "direction": "Eg søkjer om hospitering i (set kryss for aktuelt alternativ)",
    "name": "Søkjarens namn:",
    "home": "Heimeadresse:",
    "work": "Arbeidsstad:",
    "unit": "Ønska hospiteringseining",
    "from": "Frå",
    "goals": "Ønska tema og mål for hospiteringa:",
    "contribution": "Kva eg eventuelt kan bidra med til vertseininga:",
    "leader": "Leiar i eiga eining:",
    "granted": "Innvilga",
    "not_granted": "Ikkje innvilga",
}
ANSWERS = {
    "name": "Kari Nordmann",
    "home": "Storgata 1, 2317 Hamar",
    "tlf_home": "977 12 345",
    "work": "Hamar sykehjem",
    "address": "Parkgata 3, 2317 Hamar",
    "tlf_work": "62 51 00 00",
    "unit": "Medisinsk avdeling, Sykehuset Innlandet Hamar",
    "from": "1.2.27",
    "to": "2027-02-12",
    "goals": "Lære om ernæring ved KOLS",
    "contribution": "Erfaring fra hjemmetjenesten",
    "profession": "Sykepleier",
    "date": "15.11.2026",
    "signature": "Kari Nordmann",
}


def build(
    path: Path,
    *,
    layout: str = "left",
    box: str = "sdt",
    to_hospital: bool = True,
    granted: bool | None = True,
    words: dict[str, str] = BOKMAL,
    answers: dict[str, str] = ANSWERS,
    in_controls: bool = False,
) -> Path:
    """The form as a table: label left of its answer, or above it; merged cells; a blank
    row between label and answer."""
    d = docx.Document()
    d.add_paragraph("Vedlegg: Skjema hospitering")
    pairs = [
        ("name", "name"),
        ("home", "home"),
        ("tlf", "tlf_home"),
        ("work", "work"),
        ("address", "address"),
        ("tlf", "tlf_work"),
        ("unit", "unit"),
        ("goals", "goals"),
        ("contribution", "contribution"),
        ("profession", "profession"),
        ("date", "date"),
        ("signature", "signature"),
    ]

    def answer(cell: Any, key: str) -> None:
        if in_controls:
            content_control(cell.paragraphs[0], answers[key])
        else:
            cell.text = answers[key]

    t = d.add_table(rows=0, cols=4 if layout == "merged" else 2)
    # direction: the question, then the boxes
    row = t.add_row().cells
    row[0].text = words["direction"]
    boxes(row[-1], [(to_hospital, "Sykehuset Innlandet"), (not to_hospital, "kommune")], box)
    if layout == "merged":
        row[0].merge(row[1])
        row[2].merge(row[3])
    for label, key in pairs[:7]:
        if layout == "above":
            t.add_row().cells[0].text = words[label]
            answer(t.add_row().cells[0], key)
        elif layout == "blank":
            t.add_row().cells[0].text = words[label]
            t.add_row()
            answer(t.add_row().cells[0], key)
        elif layout == "merged":
            cells = t.add_row().cells
            a = cells[0].merge(cells[1])
            a.text = words[label]
            b = cells[2].merge(cells[3])
            answer(b, key)
        else:
            cells = t.add_row().cells
            cells[0].text = words[label]
            answer(cells[1], key)
    # the period: «Hospiteringsperiode | Fra | date | Til | date» in a table of its own
    p = d.add_table(rows=1, cols=5).rows[0].cells
    p[0].text = words["period"]
    p[1].text = words["from"]
    answer(p[2], "from")
    p[3].text = words["to"]
    answer(p[4], "to")
    t2 = d.add_table(rows=0, cols=2)
    for label, key in pairs[7:]:
        if layout in ("above", "blank"):
            t2.add_row().cells[0].text = words[label]
            if layout == "blank":
                t2.add_row()
            answer(t2.add_row().cells[0], key)
        else:
            cells = t2.add_row().cells
            cells[0].text = words[label]
            answer(cells[1], key)
    d.add_paragraph("Vedtak")
    t3 = d.add_table(rows=2, cols=2)
    t3.cell(0, 0).text = words["leader"]
    if granted is not None:
        boxes(
            t3.cell(0, 1),
            [(granted, words["granted"]), (not granted, words["not_granted"])],
            box,
        )
    t3.cell(1, 0).text = "Dato:"
    t3.cell(1, 1).text = "20.11.2026"
    d.save(str(path))
    return path


EXPECTED = {
    "direction": "Til sykehuset",
    "applicant_name": "Kari Nordmann",
    "home_address": "Storgata 1, 2317 Hamar",
    "home_phone": "977 12 345",
    "workplace": "Hamar sykehjem",
    "workplace_address": "Parkgata 3, 2317 Hamar",
    "workplace_phone": "62 51 00 00",
    "desired_host_unit": "Medisinsk avdeling, Sykehuset Innlandet Hamar",
    "period_from": "1.2.27",
    "period_to": "2027-02-12",
    "theme_goals": "Lære om ernæring ved KOLS",
    "contribution": "Erfaring fra hjemmetjenesten",
    "profession": "Sykepleier",
    "applied_on": "15.11.2026",
    "signed": "Ja",
    "own_leader_decision": "Innvilget",
    "own_leader_on": "20.11.2026",
}


@pytest.mark.parametrize("layout", ["left", "above", "merged", "blank"])
@pytest.mark.parametrize("box", ["typed", "x", "sdt", "legacy"])
def test_every_layout_and_every_kind_of_box(tmp_path: Path, layout: str, box: str) -> None:
    read = read_form(build(tmp_path / "søknad.docx", layout=layout, box=box))
    assert read.answers == EXPECTED


@pytest.mark.parametrize("box", ["typed", "x", "sdt", "legacy"])
def test_unticked_and_the_other_box_ticked(tmp_path: Path, box: str) -> None:
    read = read_form(build(tmp_path / "s.docx", box=box, to_hospital=False, granted=False))
    assert read.answers["direction"] == "Til kommunen"
    assert read.answers["own_leader_decision"] == "Ikke innvilget"


def test_no_box_ticked_leaves_the_field_out(tmp_path: Path) -> None:
    path = tmp_path / "s.docx"
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Leder i egen enhet:"
    boxes(t.cell(0, 1), [(False, "Innvilget"), (False, "Ikke innvilget")], "sdt")
    t.cell(1, 0).text = "Søkerens navn:"
    t.cell(1, 1).text = "Kari"
    d.save(str(path))
    assert read_form(path).answers == {"applicant_name": "Kari"}


def test_legacy_checkbox_by_its_default(tmp_path: Path) -> None:
    path = tmp_path / "s.docx"
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = BOKMAL["direction"]
    p = t.cell(0, 1).paragraphs[0]
    legacy_checkbox(p, False, by_default=True)
    p.add_run(" Sykehuset Innlandet / ")
    legacy_checkbox(p, True, by_default=True)
    p.add_run(" kommune")
    d.save(str(path))
    assert read_form(path).answers == {"direction": "Til kommunen"}


def test_answers_in_content_controls_and_placeholders(tmp_path: Path) -> None:
    read = read_form(build(tmp_path / "s.docx", in_controls=True))
    assert read.answers == EXPECTED
    # cell.text does not see them: the reason the reader walks the XML
    d = docx.Document(str(tmp_path / "s.docx"))
    assert d.tables[0].rows[1].cells[1].text == ""
    path = tmp_path / "tom.docx"
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Søkerens navn:"
    content_control(
        t.cell(0, 1).paragraphs[0], "Klikk her for å skrive inn tekst.", placeholder=True
    )
    t.cell(1, 0).text = "Faggruppe:"
    t.cell(1, 1).text = "Lege"
    d.save(str(path))
    assert read_form(path).answers == {"profession": "Lege"}


def test_nynorsk_labels(tmp_path: Path) -> None:
    read = read_form(build(tmp_path / "s.docx", words=NYNORSK, box="typed"))
    assert read.answers == EXPECTED


def test_label_and_answer_in_one_cell(tmp_path: Path) -> None:
    path = tmp_path / "s.docx"
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Søkerens navn: Kari Nordmann"
    t.cell(0, 1).text = "Tlf.: 97712345"
    t.cell(1, 0).text = "Hjemmeadresse: Storgata 1"
    t.cell(1, 1).text = "Tlf.: 41234567"
    d.save(str(path))
    assert read_form(path).answers == {
        "applicant_name": "Kari Nordmann",
        "contact_phone": "97712345",
        "home_address": "Storgata 1",
        "home_phone": "41234567",  # beside «Hjemmeadresse»: the private phone
    }


def test_the_preview_is_one_new_case_and_saves(desk: Desk, tmp_path: Path) -> None:
    path = build(tmp_path / "søknad.docx")
    file = read_file(path)
    assert (file.kind, file.source, len(file.rows)) == ("hospitering", "intake", 1)
    (row,) = file.rows
    assert row.problems == []
    assert row.values["period_from"] == date(2027, 2, 1)
    assert row.values["home_phone"] == "97712345"
    missing = [w for w in file.warnings if w.startswith("Ikke funnet")]
    assert missing and "Vertsenhet" in missing[0] and "Søkers navn" not in missing[0]
    plan = plan_import(desk, path, today=TODAY)
    assert plan.counts["new"] == 1
    result = apply_import(desk, path, today=TODAY)
    assert result.created == ("H-2026-0001",)
    # the same form again is a duplicate
    assert plan_import(desk, path, today=TODAY).counts["duplicate"] == 1


def test_a_national_id_in_the_goals_is_refused(desk: Desk, tmp_path: Path) -> None:
    answers = {**ANSWERS, "goals": "Pasient 02013299997 skal følges opp"}
    path = build(tmp_path / "s.docx", answers=answers)
    plan = plan_import(desk, path, today=TODAY)
    assert plan.counts["invalid"] == 1
    (problem,) = plan.problems
    assert str(problem).startswith("Feltet «Ønsket tema og mål»: ")
    with pytest.raises(CsvImportError):
        apply_import(desk, path, today=TODAY)


def test_a_form_without_direction_takes_the_sides(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "s.docx"
    d = docx.Document()
    t = d.add_table(rows=4, cols=2)
    for i, (label, value) in enumerate(
        [
            ("Søkerens navn:", "Kari"),
            ("Hospiteringsperiode fra", "01.02.2027"),
            ("Hospiteringsperiode til", "12.02.2027"),
            ("Ønsket tema og mål for hospiteringen:", "Ernæring"),
        ]
    ):
        t.cell(i, 0).text = label
        t.cell(i, 1).text = value
    d.save(str(path))
    plan = plan_import(desk, path, today=TODAY, options=ReadOptions(side="helseforetak"))
    assert plan.counts["new"] == 1
    assert any("«Til kommunen»" in w for w in plan.warnings)


def test_cli_import_of_a_word_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.db"
    create_desk(db).close()
    path = build(tmp_path / "søknad.docx")
    assert main(["import", str(path), "--db", str(db), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Funnet i skjemaet:" in out
    assert "  Søkers navn: Kari Nordmann" in out and "  Periode fra: 01.02.2027" in out
    assert "Ikke funnet i skjemaet:" in out
    assert main(["import", str(path), "--db", str(db), "--yes"]) == 0
    assert "Importert: 1 nye" in capsys.readouterr().out


def test_not_a_word_file(tmp_path: Path) -> None:
    path = tmp_path / "s.docx"
    path.write_bytes(b"nei")
    with pytest.raises(CsvImportError, match="kan ikke leses som et Word-dokument"):
        read_file(path)


def test_the_same_form_twice_is_named_a_duplicate_without_a_line(
    desk: Desk, tmp_path: Path
) -> None:
    path = build(tmp_path / "søknad.docx")
    apply_import(desk, path, today=TODAY)
    plan = plan_import(desk, path, today=TODAY)
    assert "Finnes allerede som H-2026-0001; raden er hoppet over." in plan.warnings


def test_a_form_typed_as_lines_with_two_labels_on_a_line(tmp_path: Path) -> None:
    path = tmp_path / "linjer.docx"
    d = docx.Document()
    for line in (
        "Vedlegg: Skjema hospitering",
        "Søkerens navn: Kari Nordmann",
        "Hjemmeadresse: Storgata 1 Tlf.: 977 12 345",
        "Arbeidssted: Hamar sykehjem",
        "Adresse: Parkgata 3 Tlf.: 62 51 00 00",
        "Ønsket tema og mål for hospiteringen: Møte kl. 10:00 om ernæring",
        "Dato: 15.11.2026 Underskrift: Kari Nordmann",
    ):
        d.add_paragraph(line)
    d.save(str(path))
    assert read_form(path).answers == {
        "applicant_name": "Kari Nordmann",
        "home_address": "Storgata 1",
        "home_phone": "977 12 345",
        "workplace": "Hamar sykehjem",
        "workplace_address": "Parkgata 3",
        "workplace_phone": "62 51 00 00",
        "theme_goals": "Møte kl. 10:00 om ernæring",
        "applied_on": "15.11.2026",
        "signed": "Ja",
    }
