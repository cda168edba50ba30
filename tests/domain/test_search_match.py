"""Why a case was found, said from its stored values alone (no desk): the store hands
over facts, the domain makes the excerpt and the highlights."""

from __future__ import annotations

from samhandlingsdesk.domain.presentation import Match, excerpt, search_match


def test_a_phone_match_is_highlighted_in_the_shown_pairs() -> None:
    m = search_match("lis1", "L1-2026-0001", "Kari", {"contact_phone": "97712345"}, (), "2345")
    assert m == Match("Telefon", "97 71 23 45", ((6, 11),))
    assert m.text[6:11] == "23 45"


def test_the_first_field_with_a_matching_word_and_aa_is_a() -> None:
    values = {"topic": "Sårbehandling", "_notes": ["Ringt Aasen om saken"]}
    m = search_match("veiledning", "V-2026-0001", "Skien: Sår", values, ("åsen",), None)
    assert m == Match("Notat", "Ringt Aasen om saken", ((6, 11),))
    m = search_match("veiledning", "V-2026-0001", "Skien: Sår", values, ("sår",), None)
    assert (m.field_label, m.spans) == ("Tittel", ((7, 10),))


def test_nothing_matching_says_the_title() -> None:
    assert search_match("lis1", "L1-2026-0001", "Kari", {}, ("zz",), None) == Match(
        "Tittel", "Kari"
    )


def test_a_long_text_is_cut_around_the_match_on_one_line() -> None:
    text = "a" * 100 + " treff\n" + "b" * 100
    shown, spans = excerpt(text, [(101, 106)])
    assert shown.startswith("…") and shown.endswith("…") and "\n" not in shown
    assert len(shown) == 82
    ((a, b),) = spans
    assert shown[a:b] == "treff"
