"""The words of «Skjema hospitering» in intake headers: as printed, in variants, compound,
by place; direction from the desk's side; unknown columns with a hint; future change
times; cells over the limits; rows really wrong."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from samhandlingsdesk.cli import main
from samhandlingsdesk.io import labels
from samhandlingsdesk.io.csv_export import ExportFilter, export_csv
from samhandlingsdesk.io.csv_import import ReadOptions, apply_import, plan_import, read_file
from samhandlingsdesk.store.db import Desk, create_desk
from tests.conftest import TODAY

# Every label printed on the form (S3, attachment), as printed, and the field it fills.
# Labels printed twice are given with the label before them on the form.
AS_PRINTED: list[tuple[list[str], str]] = [
    (["Jeg søker om hospitering i (sett kryss/fyll inn for aktuelt alternativ)"], "direction"),
    (["Søkerens navn:"], "applicant_name"),
    (["Hjemmeadresse:"], "home_address"),
    (["Hjemmeadresse:", "Tlf.:"], "home_phone"),
    (["Arbeidssted:"], "workplace"),
    (["Arbeidssted:", "Adresse:"], "workplace_address"),
    (["Arbeidssted:", "Adresse:", "Tlf.:"], "workplace_phone"),
    (["Ønsket hospiteringsenhet"], "desired_host_unit"),
    (["Hospiteringsperiode Fra"], "period_from"),
    (["Hospiteringsperiode Til"], "period_to"),
    (["Hospiteringsperiode", "Fra"], "period_from"),
    (["Hospiteringsperiode", "Til"], "period_to"),
    (["Ønsket tema og mål for hospiteringen:"], "theme_goals"),
    (["Hva jeg eventuelt kan bidra med til vertsenheten:"], "contribution"),
    (["Faggruppe:"], "profession"),
    (["Faggruppe:", "Dato:"], "applied_on"),
    (["Dato:"], "applied_on"),
    (["Underskrift:"], "signed"),
    (["Leder i egen enhet:", "Innvilget"], "own_leader_decision"),
    (["Leder i egen enhet:", "Ikke innvilget (se kommentarfelt)"], "own_leader_decision"),
    (["Leder i egen enhet:", "Innvilget", "Dato:"], "own_leader_on"),
    (["Sendes mottaker:", "Sendt dato:"], "sent_on"),
    (["Sendes mottaker:", "Sendt dato:", "Mottatt dato:"], "host_received_on"),
    (["Leder i egen enhet:", "Ev. kommentar:"], "own_leader_comment"),
    (["Leder i hospiteringsenhet:", "Innvilget"], "host_leader_decision"),
    (["Leder i hospiteringsenhet:", "Dato:"], "host_leader_on"),
    (["Eventuelle kommentarer:"], "host_leader_comment"),
    (["Navn på enhet hospitering:"], "host_unit"),
    (["Kontaktperson i vertsenheten:"], "host_contact"),
    (["Navn på enhet hospitering:", "E-postadresse:"], "host_email"),
    (["Kontaktperson i vertsenheten:", "E-postadresse:", "Tlf.:"], "host_phone"),
    (["Tilbakemelding til hospitant/søkers virksomhet", "Innvilget"], "feedback_decision"),
    (["Tilbakemelding til hospitant/søkers virksomhet", "Dato:"], "feedback_on"),
    # compound labels a spreadsheet writes
    (["Hospiteringsperiode fra"], "period_from"),
    (["Hospiteringsperiode til"], "period_to"),
    (["Adresse arbeidssted"], "workplace_address"),
    (["Tlf. arbeidssted"], "workplace_phone"),
    (["Tlf. hjemme"], "home_phone"),
    (["Dato (egen leder)"], "own_leader_on"),
    (["Tlf. vertsenhet"], "host_phone"),
    # Nynorsk where it differs
    (["Ønska hospiteringseining"], "desired_host_unit"),
    (["Søkjarens namn"], "applicant_name"),
]


def _target(headers: list[str]) -> labels.Target | None:
    return labels.resolve_all(headers)[-1]


@pytest.mark.parametrize(("headers", "name"), AS_PRINTED, ids=lambda v: str(v))
def test_each_label_as_printed(headers: list[str], name: str) -> None:
    target = _target(headers)
    assert target is not None and target.field == name


def _variants(label: str) -> list[str]:
    bare = label.rstrip(":. ")
    folded = bare.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return [bare, bare + ":", bare + ".", bare.upper(), bare.lower(), folded, f"  {bare} :"]


@pytest.mark.parametrize(("headers", "name"), AS_PRINTED[:18], ids=lambda v: str(v))
def test_each_label_in_its_variants(headers: list[str], name: str) -> None:
    for variant in _variants(headers[-1]):
        target = _target([*headers[:-1], variant])
        assert target is not None and target.field == name, variant


def test_sett_kryss_is_ignored_in_any_wording() -> None:
    for h in ("Jeg søker om hospitering i (sett kryss)", "JEG SOEKER OM HOSPITERING I"):
        assert _target([h]) == labels.Target("direction", section="applicant")


def write(path: Path, rows: list[list[str]]) -> Path:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8-sig")
    return path


# A list from another office whose header row is the form's labels as printed.
FORM_HEADER = [
    "Søkerens navn:",
    "Hjemmeadresse:",
    "Tlf.:",
    "Arbeidssted:",
    "Adresse:",
    "Tlf.:",
    "Ønsket hospiteringsenhet",
    "Hospiteringsperiode fra",
    "Hospiteringsperiode til",
    "Ønsket tema og mål for hospiteringen:",
    "Hva jeg eventuelt kan bidra med til vertsenheten:",
    "Faggruppe:",
    "Dato:",
    "Underskrift:",
]


def form_row(name: str, start: str = "01.02.2027", end: str = "12.02.2027") -> list[str]:
    return [
        name,
        "Storgata 1, 2317 Hamar",
        "97712345",
        "Hamar sykehjem",
        "Parkgata 3, 2317 Hamar",
        "62 51 00 00",
        "Medisinsk avdeling",
        start,
        end,
        "Lære om ernæring ved KOLS",
        "Erfaring fra hjemmetjenesten",
        "Sykepleier",
        "15.11.2026",
        "X",
    ]


@pytest.fixture
def form_file(tmp_path: Path) -> Path:
    return write(
        tmp_path / "liste.csv",
        [FORM_HEADER, form_row("Åse Ødegård"), form_row("Bjørn Aasen", "1.3.27", "14.3.27")],
    )


def test_a_list_headed_with_the_form_imports_with_the_sides_direction(
    desk: Desk, form_file: Path, tmp_path: Path
) -> None:
    plan = plan_import(desk, form_file, today=TODAY, options=ReadOptions(side="kommune"))
    assert plan.counts["new"] == 2, [str(p) for p in plan.problems]
    assert plan.warnings == [
        "Filen har ingen retning; alle rader får «Til sykehuset» fordi skrivebordet står på "
        "kommunesiden."
    ]
    apply_import(desk, form_file, today=TODAY, options=ReadOptions(side="helseforetak"))
    import sqlite3

    conn = sqlite3.connect(desk.path)
    (row,) = conn.execute(
        "SELECT direction, home_address, home_phone, workplace_address, workplace_phone, "
        'applied_on, signed, profession FROM hospitering h JOIN "case" c ON c.id = h.case_id '
        "WHERE c.title = 'Åse Ødegård'"
    ).fetchall()
    conn.close()
    assert row == (
        "til_kommune",
        "Storgata 1, 2317 Hamar",
        "97712345",  # the phone beside «Hjemmeadresse» is the private one
        "Parkgata 3, 2317 Hamar",
        "62510000",
        "2026-11-15",  # the applicant's «Dato» is the application date
        1,
        "Sykepleier",
    )
    # the private phone and the home address stay out of a default export
    (out,) = export_csv(desk, ExportFilter(), tmp_path / "ut", today=TODAY).files
    text = out.read_text("utf-8-sig")
    assert "97 71 23 45" not in text and "Storgata" not in text
    assert "62 51 00 00" in text


def test_without_a_side_the_missing_direction_is_reported(desk: Desk, form_file: Path) -> None:
    plan = plan_import(desk, form_file, today=TODAY)
    assert plan.counts["invalid"] == 2
    assert any("Retning" in str(p) for p in plan.problems)


def test_unknown_columns_are_listed_once_with_the_closest_label(desk: Desk, tmp_path: Path) -> None:
    rows = [[*FORM_HEADER, "Periode fr", "Favorittfarge"], [*form_row("Kari"), "x", "blå"]]
    plan = plan_import(desk, write(tmp_path / "x.csv", rows), options=ReadOptions(side="kommune"))
    unknown = [w for w in plan.warnings if w.startswith("Ukjente")]
    assert unknown == [
        "Ukjente kolonner blir ikke lest: «Periode fr» (mente du «Periode fra»?), «Favorittfarge»."
    ]


def test_rows_really_wrong_are_named_by_line_and_column(desk: Desk, tmp_path: Path) -> None:
    rows = [
        FORM_HEADER,
        form_row("Kari Nordmann"),
        form_row("Per Feil", "32.13.2027", "12.02.2027"),
        form_row("Ola Baklengs", "12.02.2027", "01.02.2027"),
    ]
    plan = plan_import(desk, write(tmp_path / "x.csv", rows), options=ReadOptions(side="kommune"))
    problems = [str(p) for p in plan.problems]
    assert plan.counts["new"] == 1 and plan.counts["invalid"] == 2
    assert any(p.startswith("Linje 3, kolonne «Hospiteringsperiode fra»: ") for p in problems)
    assert any(p.startswith("Linje 4, kolonne «Hospiteringsperiode til»: ") for p in problems)


def test_skip_invalid_with_no_valid_row_says_so_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.db"
    create_desk(db).close()
    path = write(tmp_path / "x.csv", [FORM_HEADER, form_row("Per", "32.13.2027")])
    code = main(["import", str(path), "--db", str(db), "--skip-invalid", "--yes"])
    assert code == 1
    assert "Ingen gyldige rader å importere" in capsys.readouterr().err


def _export_then_edit(desk: Desk, tmp_path: Path, when: datetime) -> Path:
    from samhandlingsdesk.store.commands import Commands
    from tests.conftest import VALUES

    Commands(desk, today=TODAY).create_case("hospitering", VALUES["hospitering"]())
    (path,) = export_csv(desk, ExportFilter(), tmp_path / "ut", today=TODAY).files
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
    rows[1][rows[0].index("Arbeidssted")] = "Fremtidsgården"
    rows[1][-1] = when.isoformat()
    return write(path, rows)


def test_a_future_change_time_is_invalid_unless_taken_as_now(desk: Desk, tmp_path: Path) -> None:
    future = datetime.now(UTC) + timedelta(days=30)
    path = _export_then_edit(desk, tmp_path, future)
    plan = plan_import(desk, path, today=TODAY)
    (problem,) = plan.problems
    assert str(problem).startswith("Linje 2, kolonne «Sist endret»: «")
    assert "fram i tid" in str(problem)
    now = datetime.now(UTC)
    result = apply_import(desk, path, today=TODAY, now=now, options=ReadOptions(future_as_now=True))
    assert len(result.updated) == 1
    # the same file again: the row is now as old as the desk's copy, never newer
    again = plan_import(desk, path, today=TODAY, options=ReadOptions(future_as_now=True))
    assert again.counts["updated"] == 0


def test_a_cell_over_the_limit_is_reported_never_cut(desk: Desk, tmp_path: Path) -> None:
    row = form_row("Kari Nordmann")
    row[FORM_HEADER.index("Arbeidssted:")] = "x" * 201
    row[FORM_HEADER.index("Ønsket tema og mål for hospiteringen:")] = "y" * 4001
    plan = plan_import(
        desk, write(tmp_path / "x.csv", [FORM_HEADER, row]), options=ReadOptions(side="kommune")
    )
    problems = sorted(str(p) for p in plan.problems)
    assert len(problems) == 2, problems
    assert problems[0].startswith("Linje 2, kolonne «Arbeidssted:»: Teksten er 201 tegn")
    assert problems[1].startswith(
        "Linje 2, kolonne «Ønsket tema og mål for hospiteringen:»: Teksten er 4\u00a0001 tegn"
    )
    # never cut: the value read is the whole cell
    (row,) = read_file(tmp_path / "x.csv", ReadOptions(side="kommune")).rows
    assert len(row.values["workplace"]) == 201


def test_the_reader_takes_a_cell_larger_than_the_csv_default(tmp_path: Path) -> None:
    big = "z" * 200_000  # the csv module's default field limit is 131,072
    row = form_row("Kari")
    row[FORM_HEADER.index("Ønsket tema og mål for hospiteringen:")] = big
    file = read_file(write(tmp_path / "x.csv", [FORM_HEADER, row]))
    assert file.rows[0].values["theme_goals"] == big


def test_notes_too_long_for_one_cell_go_to_a_notes_file_and_come_back(
    desk: Desk, tmp_path: Path
) -> None:
    from samhandlingsdesk.io.notes_file import notes_path
    from samhandlingsdesk.store.commands import Commands
    from tests.conftest import VALUES

    commands = Commands(desk, today=TODAY)
    created = commands.create_case("hospitering", VALUES["hospitering"]())
    for i in range(4):
        commands.add_note(created.id, f"notat {i} " + "n" * 9_000)
    commands.add_note(
        commands.create_case("hospitering", VALUES["hospitering"](applicant_name="Ola")).id,
        "kort",
    )
    result = export_csv(desk, ExportFilter(), tmp_path / "ut", today=TODAY)
    (path,) = result.files
    beside = notes_path(path)
    assert result.notes_files == (beside,)
    assert result.messages == (
        f"Notatene til 1 sak var for lange for én celle og står i {beside.name} "
        "(ett notat per rad).",
    )
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
    notes_col = rows[0].index("Notater")
    assert rows[1][notes_col] == "" and rows[2][notes_col].endswith("kort")
    lines = list(csv.reader(io.StringIO(beside.read_text("utf-8-sig")), delimiter=";"))
    assert lines[0] == ["Referanse", "ID", "Tidspunkt", "Notat"] and len(lines) == 5
    # the desk reads its own export back, the notes file included
    other = create_desk(tmp_path / "kollega.db")
    try:
        apply_import(other, path, today=TODAY)
        import sqlite3

        conn = sqlite3.connect(other.path)
        n = conn.execute("SELECT count(*) FROM note WHERE case_id = ?", (created.id,)).fetchone()
        conn.close()
        assert n[0] == 4
    finally:
        other.close()


def test_tick_columns_become_the_decision_and_both_ticked_is_an_error(
    desk: Desk, tmp_path: Path
) -> None:
    header = [*FORM_HEADER, "Leder i egen enhet:", "Innvilget", "Ikke innvilget", "Dato:"]
    rows = [
        header,
        [*form_row("Kari"), "Per Leder", "X", "", "20.11.2026"],
        [*form_row("Ola"), "", "", "☒", "21.11.2026"],
        [*form_row("Åse"), "", "x", "x", ""],
    ]
    file = read_file(write(tmp_path / "x.csv", rows), ReadOptions(side="kommune"))
    kari, ola, ase = file.rows
    assert kari.values["own_leader_decision"] == "innvilget"
    assert kari.values["own_leader_on"].isoformat() == "2026-11-20"
    assert kari.values["applied_on"].isoformat() == "2026-11-15"  # the first «Dato:»
    assert ola.values["own_leader_decision"] == "ikke_innvilget"
    (problem,) = ase.problems
    assert str(problem).startswith("Linje 4, kolonne «Innvilget»: ")
    assert "både «Innvilget» og «Ikke innvilget» er krysset av" in str(problem)
