"""The reasons a case is closed with (domain/reasons.py): the keys each closing move
offers, a key's label, a reason as the case screen says it, and a reason as people write
it read back to its key."""

from __future__ import annotations

import pytest

from samhandlingsdesk.domain.reasons import (
    CANCEL_KEYS,
    COMMENT_FIELD,
    DECLINE_KEYS,
    REASON_FIELD,
    WITHDRAW_KEYS,
    choices,
    read_reason,
    reason_label,
    reason_shown,
)


def test_each_closing_move_offers_its_reasons_in_order() -> None:
    assert choices(DECLINE_KEYS) == (
        ("organisatorisk", "Gjelder organisatoriske eller administrative endringer"),
        ("ikke_helse", "Gjelder ikke helsemessige forhold"),
        ("ikke_nodvendig", "Veiledningen er ikke nødvendig"),
    )
    assert choices(WITHDRAW_KEYS) == (
        ("soker_trekker", "Søkeren eller parten trekker henvendelsen"),
        ("omgjort", "Omgjort til en annen sakstype"),
        ("dublett", "Dublett av en annen sak"),
        ("annet", "Annet"),
    )
    assert choices(CANCEL_KEYS) == (
        ("for_fa_deltakere", "For få deltakere"),
        ("kommunen_trakk", "Kommunen trakk seg"),
        ("endret_plan", "Endret utdanningsplan eller tidspunkt"),
        ("annet", "Annet"),
    )
    assert choices(()) == ()


def test_the_two_reason_columns_as_fields() -> None:
    assert (REASON_FIELD.name, REASON_FIELD.label, REASON_FIELD.type) == (
        "reason",
        "Begrunnelse",
        "choice",
    )
    assert REASON_FIELD.choice_label("kommunen_trakk") == "Kommunen trakk seg"
    assert len(REASON_FIELD.choices) == 10  # every key the desk knows
    assert (COMMENT_FIELD.name, COMMENT_FIELD.label, COMMENT_FIELD.type) == (
        "reason_comment",
        "Kommentar til begrunnelse",
        "longtext",
    )


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("dublett", "Dublett av en annen sak"),
        ("annet", "Annet"),
        ("Flyttet", "Flyttet"),  # a value that is no key is shown as it is
        ("", ""),
        (None, ""),
    ],
)
def test_a_stored_reason_is_shown_by_its_label(key: str | None, label: str) -> None:
    assert reason_label(key) == label


@pytest.mark.parametrize(
    ("key", "comment", "shown"),
    [
        ("annet", "flyttet til annen kommune", "Annet: flyttet til annen kommune"),
        ("annet", "  flyttet\n til   annen kommune ", "Annet: flyttet til annen kommune"),
        ("dublett", None, "Dublett av en annen sak"),
        ("dublett", "", "Dublett av en annen sak"),
        ("dublett", "  \n ", "Dublett av en annen sak"),
        (None, "bare en kommentar", "bare en kommentar"),
        (None, None, ""),
    ],
)
def test_a_reason_is_shown_with_its_comment_after_a_colon(
    key: str | None, comment: str | None, shown: str
) -> None:
    assert reason_shown(key, comment) == shown


def test_a_reason_is_shown_without_a_comment_by_default() -> None:
    assert reason_shown("omgjort") == "Omgjort til en annen sakstype"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        # a key, a label or a label the desk once wrote: its key, no comment
        ("dublett", ("dublett", None)),
        ("Dublett av en annen sak", ("dublett", None)),
        ("Annet (se kommentar)", ("annet", None)),
        # case and spacing do not matter
        ("  DUBLETT ", ("dublett", None)),
        ("dublett  av en\nannen   SAK", ("dublett", None)),
        ("annet  (SE kommentar)", ("annet", None)),
        ("Kommunen_Trakk", ("kommunen_trakk", None)),
        # anything else is «annet» with the text, trimmed, as its comment
        ("  Flyttet til  Bodø ", ("annet", "Flyttet til  Bodø")),
        ("dublett!", ("annet", "dublett!")),
        # nothing is nothing
        ("", (None, None)),
        ("  \n", (None, None)),
        (None, (None, None)),
    ],
)
def test_a_reason_as_written_is_read_back_to_its_key(
    written: str | None, read: tuple[str | None, str | None]
) -> None:
    assert read_reason(written) == read
