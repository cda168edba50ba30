"""Reasons in files: the export writes the label (and the comment of a legacy reason);
the import takes a key, a label or a label the desk once wrote, case and spacing aside,
and keeps any other text as «Annet» with the text as the comment."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from samhandlingsdesk.domain.reasons import read_reason, reason_label, reason_shown
from samhandlingsdesk.io.csv_import import reason_values
from samhandlingsdesk.service.export import ExportFilter, export_csv
from samhandlingsdesk.service.imports import apply_import, plan_import
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk, create_desk
from tests.conftest import TODAY, VALUES

FREE = "Flyttet til en annen kommune"


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("dublett", "dublett"),
        ("Dublett av en annen sak", "dublett"),
        ("  DUBLETT av en  annen\tsak ", "dublett"),
        ("Annet (se kommentar)", "annet"),  # the label before «Annet»
        ("annet", "annet"),
        ("Omgjort til en annen sakstype", "omgjort"),
    ],
)
def test_a_known_reason_reads_as_its_key(written: str, key: str) -> None:
    assert read_reason(written) == (key, None)


def test_other_text_is_the_legacy_reason_with_the_text_as_comment() -> None:
    assert read_reason(f"  {FREE} ") == ("annet", FREE)
    assert read_reason("") == (None, None) and read_reason(None) == (None, None)
    assert reason_label("annet") == "Annet"
    assert reason_shown("annet", FREE) == f"Annet: {FREE}"
    assert reason_shown("dublett") == "Dublett av en annen sak"


def test_the_comment_cell_goes_after_the_free_text() -> None:
    assert reason_values({"reason": FREE, "reason_comment": "ringt"}) == {
        "reason": "annet",
        "reason_comment": f"{FREE}\nringt",
    }
    # A file without the comment column: another reason leaves no comment behind, and
    # «Annet» keeps the one the desk has.
    assert reason_values({"reason": "Dublett av en annen sak"}) == {
        "reason": "dublett",
        "reason_comment": None,
    }
    assert reason_values({"reason": "Annet"}) == {"reason": "annet"}


def _rewrite(path: Path, reasons: list[str]) -> None:
    """Set the reason cell of each row."""
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    at = rows[0].index("Begrunnelse")
    for row, reason in zip(rows[1:], reasons, strict=True):
        row[at] = reason
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8-sig"))


def _stored(desk: Desk) -> list[tuple[str, str | None]]:
    with sqlite3.connect(desk.path) as conn:
        return conn.execute(
            'SELECT reason, reason_comment FROM "case" ORDER BY ref_year, ref_seq'
        ).fetchall()


def test_export_writes_labels_and_import_stores_keys(tmp_path: Path, desk: Desk) -> None:
    c = Commands(desk, today=TODAY)
    written = ["Dublett av en annen sak", "SØKEREN eller parten trekker henvendelsen", "annet"]
    for _ in range(4):
        h = c.create_case("hospitering", VALUES["hospitering"]())
        c.transition(h.id, 1, "trukket", reason="dublett")
    out = export_csv(desk, ExportFilter(), tmp_path / "ut", today=TODAY).files[0]
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";"))
    assert {r["Begrunnelse"] for r in rows} == {"Dublett av en annen sak"}
    assert {r["Kommentar til begrunnelse"] for r in rows} == {""}

    _rewrite(out, [*written, FREE])
    other = create_desk(tmp_path / "other.db")
    try:
        result = apply_import(other, out, today=TODAY)
        assert len(result.created) == 4
        assert _stored(other) == [
            ("dublett", None),
            ("soker_trekker", None),
            ("annet", None),
            ("annet", FREE),
        ]
        # Out again: the label and the comment; in again: nothing to change.
        back = export_csv(other, ExportFilter(), tmp_path / "igjen", today=TODAY).files[0]
        again = list(csv.DictReader(io.StringIO(back.read_text("utf-8-sig")), delimiter=";"))
        assert [(r["Begrunnelse"], r["Kommentar til begrunnelse"]) for r in again] == [
            ("Dublett av en annen sak", ""),
            ("Søkeren eller parten trekker henvendelsen", ""),
            ("Annet", ""),
            ("Annet", FREE),
        ]
        assert plan_import(other, back, today=TODAY).counts["unchanged"] == 4
    finally:
        other.close()


def test_a_reason_longer_than_free_text_may_be_is_refused(tmp_path: Path, desk: Desk) -> None:
    c = Commands(desk, today=TODAY)
    h = c.create_case("hospitering", VALUES["hospitering"]())
    c.transition(h.id, 1, "trukket", reason="dublett")
    out = export_csv(desk, ExportFilter(), tmp_path / "ut", today=TODAY).files[0]
    _rewrite(out, ["x" * 4001])
    other = create_desk(tmp_path / "other.db")
    try:
        plan = plan_import(other, out, today=TODAY)
        (problem,) = plan.problems
        assert problem.column == "Begrunnelse" and "høyst 4\u00a0000 tegn" in problem.message
    finally:
        other.close()
