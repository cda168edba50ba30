"""CSV export: round trips through the import, and the bytes a colleague's Excel sees."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.lifecycle import TRANSITIONS
from samhandlingsdesk.domain.timelines import DATE_PAIRS, HAPPENED, stay
from samhandlingsdesk.io import csv_export
from samhandlingsdesk.io.csv_format import (
    columns,
    escape_cell,
    format_decimal,
    format_note,
    format_value,
    parse_notes,
    unescape_cell,
)
from samhandlingsdesk.service.export import ExportFilter, count_rows, export_csv
from samhandlingsdesk.service.imports import apply_import, plan_import
from samhandlingsdesk.store.commands import Commands, Created
from samhandlingsdesk.store.db import Desk, create_desk
from tests.conftest import TODAY, VALUES

BOM = b"\xef\xbb\xbf"


def read_csv(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def as_dicts(path: Path) -> list[dict[str, str]]:
    rows = read_csv(path)
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def by_kind(files: tuple[Path, ...]) -> dict[str, Path]:
    return {p.name.split("_", 1)[0]: p for p in files}


# --- a template desk, copied for every example (migrations run once) ---------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.db"
    create_desk(path).close()
    return path


class Desks:
    def __init__(self, template: Path, folder: Path) -> None:
        self.template = template
        self.folder = folder
        self.n = 0
        self.open: list[Desk] = []

    def new(self) -> Desk:
        self.n += 1
        path = self.folder / f"desk{self.n}.db"
        shutil.copyfile(self.template, path)
        desk = Desk(path)
        self.open.append(desk)
        return desk

    def out(self) -> Path:
        self.n += 1
        return self.folder / f"out{self.n}"

    def close(self) -> None:
        for d in self.open:
            d.close()


@pytest.fixture
def desks(template: Path, tmp_path: Path) -> Iterator[Desks]:
    d = Desks(template, tmp_path)
    try:
        yield d
    finally:
        d.close()


# --- generated cases ---------------------------------------------------------------------

SPECIAL = "æøåÆØÅ\"';\n\r\t=+-@ ,.:«»–"
LEADS = ("", "=", "+", "-", "@", "'", '"', ";", "''", "=SUM(A1)", "\n", "- ")
plain = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Nd", "Co", "Cn"),
    # The bidi overrides and isolates are refused by the desk (DOMAIN.md «Limits»).
    exclude_characters="\x85\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
)
texts = st.builds(
    lambda lead, body: lead + body,
    st.sampled_from(LEADS),
    st.text(st.one_of(plain, st.sampled_from(SPECIAL)), min_size=1, max_size=25),
).filter(lambda s: s.strip() != "")
# Single-line fields hold no line breaks or tabs (DOMAIN.md «Limits»).
lines = texts.map(lambda s: " ".join(s.split("\t")).replace("\n", " ").replace("\r", " ")).filter(
    lambda s: s.strip() != ""
)
phones = st.one_of(
    st.from_regex(r"[49][0-9]{7}", fullmatch=True),
    st.from_regex(r"\+46[0-9]{8}", fullmatch=True),
)
emails = st.from_regex(r"[a-z]{1,8}\.[a-zæøå]{1,6}@[a-z]{2,8}\.no", fullmatch=True)
dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
# Decisions, notifications, sendings and receipts have happened (DOMAIN.md «Timelines»).
past_dates = st.dates(min_value=date(2024, 1, 1), max_value=TODAY)


@st.composite
def case_values(draw: st.DrawFn) -> tuple[str, dict[str, Any], list[str], bool]:
    kind = draw(st.sampled_from(sorted(KINDS)))
    spec = KINDS[kind]
    values = VALUES[kind]()
    for f in spec.all_fields:
        if f.name == "received_on" or not draw(st.booleans()):
            continue
        if f.type == "longtext":
            values[f.name] = draw(texts)
        elif f.type in ("text", "party"):
            values[f.name] = draw(lines)
        elif f.type == "date":
            values[f.name] = draw(past_dates if f.name in HAPPENED[kind] else dates)
        elif f.type == "tri":
            values[f.name] = draw(st.sampled_from([True, False, None]))
        elif f.type == "choice":
            values[f.name] = draw(st.sampled_from([k for k, _ in f.choices]))
        elif f.type == "int":
            values[f.name] = draw(st.integers(0, 500))
        elif f.type == "phone":
            values[f.name] = draw(phones)
        elif f.type == "email":
            values[f.name] = draw(emails)
    for start, end in DATE_PAIRS:
        a, b = values.get(start), values.get(end)
        if isinstance(a, date) and isinstance(b, date) and b < a:
            values[start], values[end] = b, a
    # Received by the host after it was sent; evaluated after the stay starts.
    sent, received = values.get("sent_on"), values.get("host_received_on")
    if isinstance(sent, date) and isinstance(received, date) and received < sent:
        values["sent_on"], values["host_received_on"] = received, sent
    start = stay(values)[0]
    planned = values.get("evaluation_planned_on")
    if isinstance(planned, date) and isinstance(start, date) and planned < start:
        values["evaluation_planned_on"] = start
    # A veiledning is delivered as planned after it was agreed.
    agreed, delivery = values.get("agreed_on"), values.get("planned_delivery_on")
    if isinstance(agreed, date) and isinstance(delivery, date) and delivery < agreed:
        values["planned_delivery_on"] = agreed
    notes = draw(st.lists(texts, max_size=3))
    withdraw = draw(st.booleans())
    return kind, values, notes, withdraw


def make(commands: Commands, kind: str, values: dict[str, Any], notes: list[str], wd: bool):
    created = commands.create_case(kind, values)
    for text in notes:
        commands.add_note(created.id, text)
    if wd:
        closing = [
            t
            for t in TRANSITIONS[kind]
            if t.source == KINDS[kind].first_status and t.reason and t.closing
        ]
        t = closing[0]
        commands.transition(created.id, None, t.target, reason=t.reason_choices[0][0])
    return created


# --- the round trip ----------------------------------------------------------------------


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cases=st.lists(case_values(), min_size=1, max_size=6))
def test_round_trip_into_an_empty_desk_is_identical(desks: Desks, cases: list[Any]) -> None:
    a = desks.new()
    commands = Commands(a, today=TODAY)
    for kind, values, notes, wd in cases:
        make(commands, kind, values, notes, wd)
    flt = ExportFilter(include_personal=True)
    first = export_csv(a, flt, desks.out(), today=TODAY)
    assert first.total == len(cases)

    b = desks.new()
    for path in first.files:
        result = apply_import(b, path, today=TODAY)
        assert result.plan.invalid == 0, [str(p) for p in result.plan.problems]
    second = export_csv(b, flt, desks.out(), today=TODAY)

    one, two = by_kind(first.files), by_kind(second.files)
    assert one.keys() == two.keys()
    for kind in one:
        assert read_csv(one[kind]) == read_csv(two[kind])
        assert one[kind].read_bytes() == two[kind].read_bytes()
    # Importing the same files again changes nothing.
    for path in first.files:
        plan = plan_import(b, path, today=TODAY)
        assert plan.counts["unchanged"] == len(plan.rows)


def test_notes_that_look_like_note_heads_survive() -> None:
    text = "første linje\n[01.02.2026 10:00] ikke et nytt notat\n\\[02.02.2026 11:00] heller ikke"
    cell = format_note("23.11.2026 09:15", text) + "\n" + format_note("22.11.2026 08:00", "eldre")
    notes = parse_notes(cell)
    assert [n.text for n in notes] == [text, "eldre"]


@pytest.mark.parametrize(
    "text", ["=1+1", "+47 99", "-5", "@navn", "\tfane", "\rcr", "\nlf", "'sitat", "''to", "vanlig"]
)
def test_escape_round_trips(text: str) -> None:
    cell = escape_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
    assert unescape_cell(cell) == text


def test_decimals_use_a_comma() -> None:
    assert format_decimal(Decimal("1.5")) == "1,5"
    assert format_decimal(2.25) == "2,25"
    assert format_decimal(3.0) == "3"
    col = columns("nettverk")[0]
    assert format_value(col, "nettverk", Decimal("12.75")) == "12,75"


# --- the bytes -----------------------------------------------------------------------------


@pytest.fixture
def sample(desk: Desk, commands: Commands) -> dict[str, Created]:
    h = commands.create_case(
        "hospitering",
        VALUES["hospitering"](
            applicant_name='=HYPERLINK("http://x")',
            home_address="Åsveien 3, 3710 Skien",
            home_phone="41234567",
            workplace_phone="97712345",
            signed=True,
            theme_goals='Sår; "kompresjon"\nog ødem',
            contribution="-minus først",
            party="Skien",
        ),
    )
    commands.add_note(h.id, "@ringt søker")
    n = commands.create_case(
        "nettverk",
        VALUES["nettverk"](participants_municipality=12, virtual=False, party="Porsgrunn"),
    )
    return {"h": h, "n": n}


def test_exported_bytes(desk: Desk, sample: dict[str, Created], tmp_path: Path) -> None:
    result = export_csv(desk, ExportFilter(), tmp_path / "ut", today=TODAY)
    files = by_kind(result.files)
    assert sorted(files) == ["hospitering", "nettverk"]
    data = files["hospitering"].read_bytes()
    assert data.startswith(BOM)
    assert data.endswith(b"\r\n")
    # Every line break outside a quoted cell is CRLF; the one inside the theme stays LF.
    assert data.count(b"\r\n") == 2
    rows = read_csv(files["hospitering"])
    header = rows[0]
    assert header[:4] == ["Referanse", "ID", "Status", "Mottatt"]
    assert header[-4:] == ["Begrunnelse", "Kommentar til begrunnelse", "Notater", "Sist endret"]
    assert "Hjemmeadresse" not in header and "Privat telefon" not in header
    assert "Åsveien".encode() not in data and b"41 23 45 67" not in data
    row = dict(zip(header, rows[1], strict=True))
    assert row["Referanse"] == "H-2026-0001"
    assert row["ID"] == sample["h"].id
    assert row["Status"] == "Mottatt"
    assert row["Mottatt"] == "20.11.2026"
    assert row["Periode fra"] == "01.02.2027"
    assert row["Signert av søker"] == "Ja"
    assert row["Egen leders vedtak"] == ""
    assert row["Arbeidsstedets telefon"] == "97 71 23 45"
    assert row["Retning"] == "Til sykehuset"
    assert row["Søkers navn"] == '\'=HYPERLINK("http://x")'
    assert row["Hva søker kan bidra med"] == "'-minus først"
    assert row["Ønsket tema og mål"] == 'Sår; "kompresjon"\nog ødem'
    assert row["Notater"].startswith("'[") is False and "] @ringt søker" in row["Notater"]
    assert row["Sist endret"].startswith("2026-") and row["Sist endret"][-6:] in (
        "+01:00",
        "+02:00",
    )
    for r in rows[1:]:
        for cell in r:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), cell
    net = dict(zip(*read_csv(files["nettverk"]), strict=True))
    assert net["Deltakere fra kommunene"] == "12"
    assert net["Digitalt"] == "Nei"
    assert net["Teller mot læringsmål"] == "Ukjent"
    assert net["Dato"] == "10.03.2027"


def test_personal_columns_only_when_asked(
    desk: Desk, sample: dict[str, Created], tmp_path: Path
) -> None:
    flt = ExportFilter(kinds=("hospitering",), include_personal=True)
    result = export_csv(desk, flt, tmp_path, today=TODAY)
    row = as_dicts(result.files[0])[0]
    assert row["Hjemmeadresse"] == "Åsveien 3, 3710 Skien"
    assert row["Privat telefon"] == "41 23 45 67"


def test_temp_file_renamed_and_none_left(
    desk: Desk, sample: dict[str, Created], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "delt"
    export_csv(desk, ExportFilter(), out, today=TODAY)
    assert sorted(p.name for p in out.iterdir()) == [
        "hospitering_2026-11-23.csv",
        "nettverk_2026-11-23.csv",
    ]
    # A failure half-way leaves neither a temporary file nor a half file.
    real = csv_export.cell_formatter

    def broken(column: Any, kind: str) -> Callable[[Any], str]:
        if kind == "nettverk":

            def boom(_v: Any) -> str:
                raise RuntimeError("disk full")

            return boom
        return real(column, kind)

    monkeypatch.setattr(csv_export, "cell_formatter", broken)
    with pytest.raises(RuntimeError):
        export_csv(desk, ExportFilter(), out, today=TODAY)
    assert sorted(p.name for p in out.iterdir()) == [
        "hospitering_2026-11-23.csv",
        "nettverk_2026-11-23.csv",
    ]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_permissions_follow_the_umask(
    desk: Desk, sample: dict[str, Created], tmp_path: Path, umask: int, mode: int
) -> None:
    old = os.umask(umask)
    try:
        result = export_csv(desk, ExportFilter(kinds=("nettverk",)), tmp_path, today=TODAY)
    finally:
        os.umask(old)
    assert stat.S_IMODE(result.files[0].stat().st_mode) == mode
    assert stat.S_IMODE(desk.path.stat().st_mode) == 0o600  # the desk stays private


def test_same_day_gets_a_suffix(desk: Desk, sample: dict[str, Created], tmp_path: Path) -> None:
    flt = ExportFilter(kinds=("hospitering",))
    names = [export_csv(desk, flt, tmp_path, today=TODAY).files[0].name for _ in range(3)]
    assert names == [
        "hospitering_2026-11-23.csv",
        "hospitering_2026-11-23_2.csv",
        "hospitering_2026-11-23_3.csv",
    ]
    assert export_csv(desk, flt, tmp_path, today=date(2026, 11, 24)).files[0].name == (
        "hospitering_2026-11-24.csv"
    )


def test_export_log(desk: Desk, sample: dict[str, Created], tmp_path: Path) -> None:
    flt = ExportFilter(kinds=("hospitering", "nettverk"), parties=("skien",))
    result = export_csv(desk, flt, tmp_path, today=TODAY)
    assert result.rows == {"hospitering": 1}
    conn = sqlite3.connect(desk.path)
    rows = conn.execute("SELECT at, filter, kinds, rows, files FROM export_log").fetchall()
    conn.close()
    assert len(rows) == 1
    at, filter_json, kinds, n, files = rows[0]
    assert at.startswith("20")
    assert json.loads(filter_json)["parties"] == ["skien"]
    assert kinds == "hospitering"
    assert n == 1
    assert json.loads(files) == [str(result.files[0])]


def test_no_rows_no_file_no_log(desk: Desk, sample: dict[str, Created], tmp_path: Path) -> None:
    result = export_csv(desk, ExportFilter(kinds=("lis1",)), tmp_path / "x", today=TODAY)
    assert result.files == () and result.total == 0
    assert not (tmp_path / "x").exists()
    conn = sqlite3.connect(desk.path)
    assert conn.execute("SELECT count(*) FROM export_log").fetchone()[0] == 0
    conn.close()


def test_filters_and_preview(desk: Desk, commands: Commands, tmp_path: Path) -> None:
    commands.create_case("hospitering", VALUES["hospitering"](party="Kárášjohka - Karasjok"))
    commands.create_case(
        "hospitering", VALUES["hospitering"](party="Ås", received_on=date(2026, 1, 5))
    )
    commands.create_case("veiledning", VALUES["veiledning"](party="Ås"))
    assert count_rows(desk, ExportFilter()) == {
        "hospitering": 2,
        "veiledning": 1,
        "lis1": 0,
        "lis3": 0,
        "nettverk": 0,
    }
    assert count_rows(desk, ExportFilter(parties=("karasjok",)))["hospitering"] == 1
    assert count_rows(desk, ExportFilter(parties=("ås",)))["veiledning"] == 1
    assert count_rows(desk, ExportFilter(parties=("as",)))["veiledning"] == 0  # Ås ≠ As
    assert count_rows(desk, ExportFilter(received_to=date(2026, 6, 1)))["hospitering"] == 1
    assert count_rows(desk, ExportFilter(received_from=date(2026, 6, 1)))["hospitering"] == 1
    assert count_rows(desk, ExportFilter(statuses=("Mottatt",)))["veiledning"] == 1
    assert count_rows(desk, ExportFilter(statuses=("trukket",)))["hospitering"] == 0
    assert count_rows(desk, ExportFilter(changed_since=TODAY))["hospitering"] == 2
    assert count_rows(desk, ExportFilter(changed_since=date(2099, 1, 1)))["hospitering"] == 0


def test_since_last_exports_what_changed_after_the_previous_export(
    desks: Desks, tmp_path: Path
) -> None:
    a = desks.new()
    commands = Commands(a, today=TODAY)
    first = commands.create_case("hospitering", VALUES["hospitering"]())
    commands.create_case("lis1", VALUES["lis1"]())
    flt = ExportFilter(since_last=True, include_personal=True)
    # No export yet: everything.
    assert export_csv(a, flt, desks.out(), today=TODAY).total == 2
    # Nothing changed since: no rows, no file.
    assert export_csv(a, flt, desks.out(), today=TODAY).files == ()
    commands.add_note(first.id, "ringte tilbake")
    result = export_csv(a, flt, desks.out(), today=TODAY)
    assert result.rows == {"hospitering": 1}
    # An import counts as a change too: B exports, imports A's file, exports since last.
    b = desks.new()
    Commands(b, today=TODAY).create_case("nettverk", VALUES["nettverk"]())
    assert export_csv(b, flt, desks.out(), today=TODAY).total == 1
    apply_import(b, result.files[0], today=TODAY)
    again = export_csv(b, flt, desks.out(), today=TODAY)
    assert again.rows == {"hospitering": 1}
    assert as_dicts(again.files[0])[0]["ID"] == first.id
