"""Search: the FTS index, Norwegian letters, prefixes, odd input, phones, refs, highlights."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samhandlingsdesk.domain.presentation import digit_span, word_matches
from samhandlingsdesk.domain.words import MAX_VARIANTS, aa_variants
from samhandlingsdesk.store.commands import Commands, Created
from samhandlingsdesk.store.db import create_desk
from samhandlingsdesk.store.repo import Repo
from samhandlingsdesk.store.search import parse_query, phone_digits
from tests.conftest import TODAY, VALUES

Make = Callable[..., Created]


def refs(repo: Repo, text: str, **kw) -> list[str]:
    return [h.row.ref for h in repo.search(text, **kw)]


# --- the index follows the cases ----------------------------------------------------------


def test_found_after_insert_update_delete(
    commands: Commands, make_case: Make, repo: Repo, raw: sqlite3.Connection
) -> None:
    c = make_case("lis1", doctor_name="Ingrid Solberg")
    assert refs(repo, "solberg") == [c.ref]
    commands.update_case(c.id, 1, {"doctor_name": "Ingrid Haugen"})
    assert refs(repo, "solberg") == []
    assert refs(repo, "haugen") == [c.ref]
    commands.add_note(c.id, "Snakket med kommuneoverlegen")
    assert refs(repo, "kommuneoverlege") == [c.ref]
    commands.update_case(c.id, 2, {"tags": "prioritert"})
    assert refs(repo, "prioritert") == [c.ref]
    commands.undo_last()  # the create is still there, but the tag is gone
    assert refs(repo, "prioritert") == []
    commands.undo_last()  # the note
    assert refs(repo, "kommuneoverlege") == []
    raw.execute("PRAGMA foreign_keys = ON")
    raw.execute('DELETE FROM "case" WHERE id = ?', (c.id,))
    raw.commit()
    assert refs(repo, "haugen") == []


def test_every_searchable_field_is_found(make_case: Make, repo: Repo) -> None:
    from samhandlingsdesk.domain.kinds import KINDS

    for kind, spec in KINDS.items():
        for f in spec.all_fields:
            if not f.searchable or f.type in ("phone", "email"):
                continue
            word = f"zq{kind}{f.name.replace('_', '')}"
            over = {f.name: f"Noe {word} her"}
            c = make_case(kind, **over)
            assert refs(repo, word) == [c.ref], (kind, f.name)


def test_email_is_found(make_case: Make, repo: Repo) -> None:
    c = make_case("lis3", email="kari.lege@notodden.kommune.no")
    assert refs(repo, "kari.lege@notodden") == [c.ref]
    assert refs(repo, "notodden.kommune") == [c.ref]


def test_filter_by_kind(make_case: Make, repo: Repo) -> None:
    a = make_case("lis1", doctor_name="Eva Moen")
    b = make_case("lis3", doctor_name="Eva Moen")
    assert set(refs(repo, "moen")) == {a.ref, b.ref}
    assert refs(repo, "moen", kind="lis3") == [b.ref]


# --- Norwegian letters --------------------------------------------------------------------


@pytest.fixture
def names(make_case: Make) -> dict[str, str]:
    return {
        n: make_case("lis1", doctor_name=n).ref
        for n in ("Ødegård", "Aasen", "Åsen", "As", "Ås", "Østby", "Ost", "Bærum")
    }


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("ØDEGÅRD", {"Ødegård"}),
        ("ødegård", {"Ødegård"}),
        ("ØDEGAARD", {"Ødegård"}),
        ("Aasen", {"Aasen", "Åsen"}),
        ("Åsen", {"Aasen", "Åsen"}),
        ("ÅSEN", {"Aasen", "Åsen"}),
        ("aas", {"Aasen", "Åsen", "Ås"}),
        ("aasen kari", set()),
        ("Ødegård Aasen", set()),
        ("Ås", {"Ås", "Åsen", "Aasen"}),
        ("As", {"As"}),
        ("ost", {"Ost"}),
        ("øst", {"Østby"}),
        ("BÆR", {"Bærum"}),
        ("bar", set()),
    ],
)
def test_norwegian_letters(repo: Repo, names: dict[str, str], query: str, found: set) -> None:
    by_ref = {v: k for k, v in names.items()}
    assert {by_ref[r] for r in refs(repo, query)} == found


# --- prefixes and several words -------------------------------------------------------------


def test_every_word_is_a_prefix(make_case: Make, repo: Repo) -> None:
    c = make_case("hospitering", applicant_name="Kari Nordmann", workplace="Skien sykehjem")
    make_case("hospitering", applicant_name="Kari Hansen")
    assert refs(repo, "kar nor") == [c.ref]
    assert refs(repo, "nordm sykeh") == [c.ref]
    assert len(refs(repo, "kar")) == 2
    assert refs(repo, "kari nordmannen") == []


# --- odd input never raises ---------------------------------------------------------------

ODD = [
    '"',
    '"(*',
    "*",
    "-",
    "(",
    ")",
    ":",
    "AND",
    "OR",
    "NEAR",
    "NOT",
    "^",
    "a:b",
    "' OR 1=1 --",
    '"; DROP TABLE case; --',
    "😀",
    "kari 😀 nord",
    "x" * 500,
    "æ" * 500,
    " ".join(["ord"] * 200),
    "1" * 500,
    "+",
    "+47",
    "NEAR(kari nord, 2)",
    "kari*",
    "{kari}",
    "title:kari",
    "½",
    "\x00",
    "\u0301",
    "e\u0301",
    "",
    "   ",
]


@pytest.mark.parametrize("query", ODD)
def test_odd_queries_never_raise(make_case: Make, repo: Repo, query: str) -> None:
    make_case("hospitering")
    make_case("lis1", contact_phone="97712345")
    assert isinstance(repo.search(query), list)


def test_operators_are_words(make_case: Make, repo: Repo) -> None:
    c = make_case("nettverk", network_name="Nettverk OR og AND")
    make_case("nettverk", network_name="Noe annet")
    assert refs(repo, "OR") == [c.ref]
    assert refs(repo, "and") == [c.ref]
    assert refs(repo, "NOT") == []


@pytest.fixture(scope="module")
def shared_repo(tmp_path_factory: pytest.TempPathFactory):
    path: Path = tmp_path_factory.mktemp("search") / "desk.db"
    desk = create_desk(path)
    c = Commands(desk, today=TODAY)
    c.create_case("hospitering", VALUES["hospitering"](contact_phone="97712345"))
    c.create_case("lis1", VALUES["lis1"](doctor_name="Åse Ødegård"))
    yield Repo(desk)
    desk.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_any_text_is_a_valid_query(shared_repo: Repo, text: str) -> None:
    assert isinstance(shared_repo.search(text), list)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(['"', "*", "(", ")", "-", ":", "^", "+", "AND", "OR", "NOT", "NEAR",
                         "kari", "å", "aa", "97", " ", "{", "}", "'", ",", "."]),
        max_size=12,
    )
)  # fmt: skip
def test_any_mix_of_fts_syntax_is_a_valid_query(shared_repo: Repo, parts: list[str]) -> None:
    assert isinstance(shared_repo.search("".join(parts)), list)


# --- phones -------------------------------------------------------------------------------


@pytest.fixture
def phoned(make_case: Make) -> dict[str, str]:
    return {
        "contact": make_case("lis1", contact_phone="97712345").ref,
        "home": make_case("hospitering", home_phone="41234567", applicant_name="Per").ref,
        "work": make_case("hospitering", workplace_phone="+47 22 33 44 55").ref,
        "host": make_case("hospitering", host_phone="93 00 11 22").ref,
    }


@pytest.mark.parametrize(
    "query",
    [
        "97712345",
        "977 12 345",
        "97 71 23 45",
        "9771 2345",
        "+47 97 71 23 45",
        "+4797712345",
        "0047 97712345",
        "7712",
        "7123",
        "97712",
    ],
)
def test_phone_found_by_any_run_of_four_digits(phoned: dict[str, str], repo: Repo, query) -> None:
    assert refs(repo, query) == [phoned["contact"]]


def test_every_phone_field_is_searchable(phoned: dict[str, str], repo: Repo) -> None:
    assert refs(repo, "4123 4567") == [phoned["home"]]
    assert refs(repo, "22334455") == [phoned["work"]]
    assert refs(repo, "0011") == [phoned["host"]]


def test_three_digits_are_not_a_phone_query(phoned: dict[str, str], repo: Repo) -> None:
    assert parse_query("977").phone_digits is None


def test_phone_hit_is_highlighted_in_pairs(phoned: dict[str, str], repo: Repo) -> None:
    [hit] = repo.search("7123")
    assert (hit.field_label, hit.text) == ("Telefon", "97 71 23 45")
    assert [hit.text[a:b] for a, b in hit.spans] == ["71 23"]
    [hit] = repo.search("4123")
    assert (hit.field_label, hit.text) == ("Privat telefon", "41 23 45 67")
    assert [hit.text[a:b] for a, b in hit.spans] == ["41 23"]


# --- refs, matched fields, order ----------------------------------------------------------


def test_a_ref_finds_its_case_first(make_case: Make, repo: Repo) -> None:
    cases = [make_case("hospitering") for _ in range(45)]
    target = cases[41]
    assert target.ref == "H-2026-0042"
    for query in ("H-2026-0042", "h-2026-0042", "H 2026 42", "H-2026-42", "h2026-0042"):
        got = refs(repo, query)
        assert got[:1] == ["H-2026-0042"], query
    hit = repo.search("H-2026-0042")[0]
    assert hit.field_label == "Saksnummer"


def test_matched_field_and_spans(commands: Commands, make_case: Make, repo: Repo) -> None:
    c = make_case("veiledning", unit_asked="Geriatrisk poliklinikk")
    [hit] = repo.search("geriatri")
    assert hit.row.ref == c.ref
    assert hit.field_label == "Enhet som blir spurt"
    assert [hit.text[a:b] for a, b in hit.spans] == ["Geriatri"]
    commands.add_note(c.id, "Avklart med Åsmund på telefon")
    [hit] = repo.search("aasmund")
    assert hit.field_label == "Notat"
    assert [hit.text[a:b] for a, b in hit.spans] == ["Åsmund"]
    [hit] = repo.search("porsgr smerte")
    assert hit.field_label == "Tittel"
    assert [hit.text[a:b] for a, b in hit.spans] == ["Porsgr", "smerte"]


def test_long_text_is_shortened_around_the_match(make_case: Make, repo: Repo) -> None:
    words = " ".join(f"ord{i}" for i in range(60))
    make_case("hospitering", theme_goals=f"{words} hjertesvikt {words}")
    [hit] = repo.search("hjertesvikt")
    assert hit.field_label == "Ønsket tema og mål"
    assert hit.text.startswith("…") and hit.text.endswith("…")
    assert [hit.text[a:b] for a, b in hit.spans] == ["hjertesvikt"]


def test_short_queries_are_ordered_by_recency(
    commands: Commands, make_case: Make, repo: Repo
) -> None:
    a = make_case("lis1", doctor_name="Bo Berg")
    b = make_case("lis1", doctor_name="Bo Bakke")
    c = make_case("lis1", doctor_name="Bo Brenna")
    commands.update_case(a.id, 1, {"party": "Seljord"})  # a is now the newest
    assert refs(repo, "bo") == [a.ref, c.ref, b.ref]
    assert refs(repo, "b") == [a.ref, c.ref, b.ref]


def test_longer_queries_rank_title_matches_first(make_case: Make, repo: Repo) -> None:
    in_body = make_case("lis3", doctor_name="Per Olsen", department="Lunde legekontor")
    in_title = make_case("lis3", doctor_name="Lars Lunde")
    assert refs(repo, "lunde") == [in_title.ref, in_body.ref]


def test_limit(make_case: Make, repo: Repo) -> None:
    for _ in range(5):
        make_case("lis1")
    assert len(repo.search("ola", limit=3)) == 3


# --- store/search.py units ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "variants"),
    [
        ("aasen", ["aasen", "åsen"]),
        ("åsen", ["aasen", "åsen"]),
        ("kari", ["kari"]),
        ("haaland", ["haaland", "håland"]),
        ("aaå", ["aaaa", "aaå", "åaa", "åå"]),
        ("ås", ["aas", "ås"]),
        ("as", ["as"]),
        ("øst", ["øst"]),
    ],
)
def test_aa_variants(word: str, variants: list[str]) -> None:
    assert sorted(aa_variants(word)) == sorted(variants)


def test_aa_variants_are_capped() -> None:
    assert len(aa_variants("å" * 20)) <= MAX_VARIANTS


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("97712345", "97712345"),
        ("977 12 345", "97712345"),
        ("97 71 23 45", "97712345"),
        ("+47 977 12 345", "97712345"),
        ("0047 97712345", "97712345"),
        ("4797712345", "97712345"),
        ("(+47) 977-12-345", "97712345"),
        ("2345", "2345"),
        ("234", None),
        ("kari 2345", None),
        ("", None),
        ("+47", None),
        ("+46 70 123 45 67", "46701234567"),
    ],
)
def test_phone_digits(text: str, digits: str | None) -> None:
    assert phone_digits(text) == digits


def test_parse_query() -> None:
    q = parse_query('Kari "Nord(*')
    assert q.words == ("kari", "nord")
    assert q.fts == '"kari"* AND "nord"*'
    assert q.phone_digits is None and q.ref is None and not q.short and not q.empty
    q = parse_query("Aasen")
    assert q.fts == '("aasen"* OR "åsen"*)'
    q = parse_query("H-2026-42")
    assert q.ref == "H-2026-0042"
    assert parse_query("l3 2026 7").ref == "L3-2026-0007"
    assert parse_query("X-2026-0001").ref is None
    assert parse_query("bo").short and not parse_query("bob").short
    for text in ('"', "*", "-", "😀", "", "  "):
        q = parse_query(text)
        assert q.empty and q.fts is None, text
    assert len(parse_query(" ".join(f"w{i}" for i in range(30))).words) == 8


def test_word_matches_and_digit_span() -> None:
    assert word_matches(("kar", "nord"), "Kari Nordmann") == [(0, 3), (5, 9)]
    assert word_matches(("aas",), "Åse Aasen") == [(0, 2), (4, 7)]
    assert word_matches(("as",), "Åse") == []
    assert word_matches(("x",), "") == []
    assert digit_span("2345", "97712345") == (4, 8)
    assert digit_span("0000", "97712345") is None


def test_several_words_with_aa_and_å(make_case: Make, repo: Repo) -> None:
    """Regression: `"kari"* ("aasen"* OR "åsen"*)` was an FTS5 syntax error."""
    c = make_case("lis1", doctor_name="Kari Åsen Haaland")
    make_case("lis1", doctor_name="Kari Berg")
    for query in ("kari aasen", "aasen kari", "kari åsen", "håland åsen kari", "Kari Haaland"):
        assert refs(repo, query) == [c.ref], query


def test_the_start_of_a_ref_finds_the_refs_that_begin_so(make_case: Make, repo: Repo) -> None:
    made = [make_case("hospitering") for _ in range(3)]
    other = make_case("veiledning")
    refs = [c.ref for c in made]
    assert [h.row.ref for h in repo.search("H-2026")] == sorted(refs, reverse=True)
    assert [h.row.ref for h in repo.search("h-2026-000")] == sorted(refs, reverse=True)
    assert [h.row.ref for h in repo.search("V-")] == [other.ref]
    assert repo.search("H-2025") == []


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("H-20", "H-20"),
        ("l3-2026-00", "L3-2026-00"),
        ("N - 2026", "N-2026"),
        ("H2026", None),
        ("hansen", None),
        ("H-2026-0042", "H-2026-0042"),
    ],
)
def test_ref_prefix_parsing(text: str, prefix: str | None) -> None:
    assert parse_query(text).ref_prefix == prefix


def test_open_cases_rank_above_closed_ones_at_equal_relevance(
    commands: Commands, repo: Repo
) -> None:
    from tests.conftest import hospitering_values

    open_case = commands.create_case(
        "hospitering", hospitering_values(applicant_name="Sigrid Tveit", contact_phone="91234567")
    )
    closed = commands.create_case(
        "hospitering", hospitering_values(applicant_name="Sigrid Tveit", contact_phone="91234567")
    )
    commands.transition(closed.id, closed.version, "trukket", reason="soker_trekker")
    for query in ("sigrid tveit", "si", "9123 45"):
        refs = [h.row.ref for h in repo.search(query)]
        assert refs[:2] == [open_case.ref, closed.ref], query
