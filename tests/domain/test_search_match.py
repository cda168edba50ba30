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


def test_a_long_note_is_cut_around_the_match_on_one_line() -> None:
    note = "a" * 100 + " treff\n" + "b" * 100
    m = search_match("veiledning", "V-2026-0001", "Skien", {"_notes": [note]}, ("treff",), None)
    # 20 characters before the match, 80 in all, … where cut; the line break as its picture
    assert m == Match("Notat", "…" + "a" * 19 + " treff\u240a" + "b" * 54 + "…", ((21, 26),))


# --- phones: the stored digits highlighted in the shown pairs ---------------------------------


def _phone(stored: str, digits: str, kind: str = "lis1") -> Match:
    return search_match(kind, "L1-2026-0001", "Kari", {"contact_phone": stored}, (), digits)


def test_digits_at_the_start_of_a_phone_are_highlighted() -> None:
    assert _phone("97712345", "9771") == Match("Telefon", "97 71 23 45", ((0, 5),))


def test_the_first_place_that_holds_the_digits_is_highlighted() -> None:
    assert _phone("12121212", "1212") == Match("Telefon", "12 12 12 12", ((0, 5),))


def test_a_foreign_phone_is_highlighted_as_stored_after_its_plus() -> None:
    assert _phone("+468123456", "4681") == Match("Telefon", "+468123456", ((1, 5),))
    assert _phone("+468123456", "3456") == Match("Telefon", "+468123456", ((6, 10),))


def test_a_phone_stored_with_other_signs_is_highlighted_where_its_digits_are() -> None:
    # An older desk kept what was typed: the digits are found between the signs.
    assert _phone("12345-67", "1234") == Match("Telefon", "12345-67", ((0, 4),))
    assert _phone("977-12345", "1234") == Match("Telefon", "977-12345", ((4, 8),))


def test_a_phone_without_the_digits_is_no_match() -> None:
    assert _phone("97712345", "5555") == Match("Tittel", "Kari")


def test_the_phone_that_holds_the_digits_is_the_one_shown() -> None:
    values = {"contact_phone": "11111111", "home_phone": "97712345"}
    m = search_match("hospitering", "H-2026-0001", "Kari", values, (), "2345")
    assert m == Match("Privat telefon", "97 71 23 45", ((6, 11),))


def test_digits_are_only_looked_for_in_phones() -> None:
    values = {"archive_ref": "2345", "topic": "2345"}
    m = search_match("veiledning", "V-2026-0001", "Skien", values, (), "2345")
    assert m == Match("Tittel", "Skien")


# --- words: the ref, the title, the searchable fields, the notes --------------------------


def test_a_word_in_a_searchable_field_is_shown_with_its_label() -> None:
    values = {"topic": "Sårbehandling i hjemmet", "_notes": ["Sår"]}
    m = search_match("veiledning", "V-2026-0001", "Skien", values, ("hjem",), None)
    assert m == Match("Tema", "Sårbehandling i hjemmet", ((16, 20),))


def test_the_ref_is_looked_at_first() -> None:
    m = search_match("veiledning", "V-2026-0001", "V-sak", {}, ("v",), None)
    assert m == Match("Saksnummer", "V-2026-0001", ((0, 1),))


def test_words_are_not_looked_for_in_phones() -> None:
    values = {"contact_phone": "97712345"}
    m = search_match("veiledning", "V-2026-0001", "Skien", values, ("9771",), None)
    assert m == Match("Tittel", "Skien")


# --- the excerpt of a long line ---------------------------------------------------------------


def test_a_line_as_wide_as_the_excerpt_is_shown_whole() -> None:
    line = "x" * 79 + "y"
    assert excerpt(line, [(79, 80)]) == (line, ((79, 80),))


def test_a_match_near_the_start_is_cut_only_at_the_end() -> None:
    line = "treff " + "b" * 100
    assert excerpt(line, [(0, 5)]) == ("treff " + "b" * 74 + "…", ((0, 5),))
    assert excerpt(line, [(19, 20)])[0].startswith("treff")


def test_the_excerpt_starts_twenty_characters_before_the_first_match() -> None:
    line = "".join(chr(ord("a") + i % 26) for i in range(200))
    shown, spans = excerpt(line, [(30, 35)])
    assert shown == "…" + line[10:90] + "…"
    assert spans == ((21, 26),) and shown[21:26] == line[30:35]


def test_only_the_matches_wholly_inside_the_excerpt_keep_their_highlight() -> None:
    line = "c" * 200
    spans = [(30, 35), (10, 12), (9, 11), (85, 90), (88, 91), (95, 100)]
    _, kept = excerpt(line, spans)  # from 10 to 90
    assert kept == ((21, 26), (1, 3), (76, 81))


def test_an_excerpt_that_reaches_the_end_is_cut_only_at_the_start() -> None:
    line = "d" * 60 + "treff" + "e" * 55  # 120: from 40, the 80 characters end with it
    assert excerpt(line, [(60, 65)]) == ("…" + "d" * 20 + "treff" + "e" * 55, ((21, 26),))
    assert excerpt("d" * 95 + "treff", [(95, 100)]) == ("…" + "d" * 20 + "treff", ((21, 26),))
