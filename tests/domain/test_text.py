"""The text catalogue: counted nouns agree with their number (no «1 saker»)."""

from __future__ import annotations

from samhandlingsdesk.domain.text import plural, transfer
from samhandlingsdesk.domain.text.common import cases, rows, who


def test_plural() -> None:
    assert [plural(n, "sak", "saker") for n in (0, 1, 2)] == ["0 saker", "1 sak", "2 saker"]


def test_counted_sentences() -> None:
    assert transfer.exported(1) == "Eksportert 1 sak"
    assert transfer.exported(3) == "Eksportert 3 saker"
    assert (cases(1), rows(1), rows(2)) == ("1 sak", "1 rad", "2 rader")
    assert who(["H-2026-0001"]) == "H-2026-0001"
    assert who(["H-2026-0001", "H-2026-0002"]) == "2 saker"
    assert transfer.invalid_rows(1, remedy=transfer.REMEDY_DESK).startswith(
        "1 rad har feil; ingenting er importert. Rett feilene, eller importer"
    )
