"""Sentences live in the text catalogue (`domain/text/`): `tui/` and the layers below it,
`store/`, `service/` and `io/`, hold no Norwegian sentence literal of their own (issue #8
«A text catalogue»), so a new one written there is caught here.

A literal is a string constant or the literal parts of an f-string (a placeholder counts
as a break between words); docstrings are not literals. It is a Norwegian sentence when it
has at least two words and one of them is Norwegian: a word with æ, ø or å, or one of the
common function words below (none of them an English or SQL word). The desk's data in
these layers — the demo desk's synthetic texts, the Word form's and other spreadsheets'
own labels that the import recognises, the reference lists — are data, not sentences, and
are allowed by name below.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import samhandlingsdesk

PACKAGE = Path(samhandlingsdesk.__file__).parent
LAYERS = ("tui", "store", "service", "io")
# Single modules held to the same rule: the command line's texts are in domain/text/cli.py.
MODULES = ("cli.py",)
# Common Norwegian words that are neither English nor SQL (so «for», «at», «i» are not here).
_WORDS = (
    "er ikke og en et ei til med som av fra har kan kunne skal må den det denne dette du "
    "eller men om ingen ingenting allerede finnes finner ble blir var her nå enn etter før "
    "uten mot også hvilken hva"
)
FUNCTION_WORDS = frozenset(_WORDS.split())
LETTER = re.compile(r"[^\W\d_]")
# Data, not interface sentences: module -> the top-level names (tables, or the functions
# that write synthetic values) whose literals are data.
DATA: dict[str, frozenset[str]] = {
    # The demo desk's synthetic texts: its word lists and the cases it writes.
    "service/demo.py": frozenset(
        {
            "AGREEMENTS",
            "COMMENTS",
            "CONTRIBUTIONS",
            "GOALS",
            "MUNICIPAL_SERVICES",
            "NOTES",
            "PROFESSIONS",
            "SPECIALTIES",
            "STREETS",
            "TARGET_GROUPS",
            "THEMES",
            "_hospitering_start",
            "_hospitering_step",
            "_nettverk_start",
        }
    ),
    # The Word form's own labels and words, as the import reads them.
    "io/labels.py": frozenset(
        {"CHOICE_WORDS", "FORM_LABELS", "PLACED", "PLACED_SPELLINGS", "SECTION_LABELS"}
    ),
    # The other headers and cell words a CSV or spreadsheet file may use.
    "io/csv_format.py": frozenset({"INTAKE_ALIASES", "TRI_WORDS"}),
    # The hospital units of the shipped reference lists.
    "io/reference.py": frozenset({"HOSPITAL_UNITS"}),
}


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(v.value if isinstance(v, ast.Constant) else " " for v in node.values)
    return None


def is_norwegian_sentence(text: str) -> bool:
    words = [w.strip(".,:;!?()«»") for w in text.split() if LETTER.search(w)]
    return len(words) >= 2 and any(
        w.casefold() in FUNCTION_WORDS or set(w.casefold()) & set("æøå") for w in words
    )


def _top_level_names(tree: ast.Module) -> dict[int, str]:
    """Each node's top-level assignment or definition name."""
    owner: dict[int, str] = {}
    for stmt in tree.body:
        names: list[str] = []
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [stmt.name]
        for node in ast.walk(stmt):
            owner[id(node)] = names[0] if names else ""
    return owner


def sentences_in(path: Path, allowed: frozenset[str] = frozenset()) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    owner = _top_level_names(tree)
    inside_fstring = {
        id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in skip or id(node) in inside_fstring or owner.get(id(node)) in allowed:
            continue
        text = _literal(node)
        if text is not None and is_norwegian_sentence(text):
            found.append(f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}: {text!r}")
    return found


def test_no_sentence_outside_the_catalogue() -> None:
    found = []
    for layer in LAYERS:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # frozen history: a migration keeps the words it was written with
            name = str(path.relative_to(PACKAGE))
            found += sentences_in(path, DATA.get(name, frozenset()))
    assert found == []


def test_no_sentence_in_the_command_line() -> None:
    assert [s for module in MODULES for s in sentences_in(PACKAGE / module)] == []


def test_what_counts_as_a_sentence() -> None:
    """The test above would catch a Norwegian sentence, and only that."""
    assert is_norwegian_sentence("Notatet er tomt.")
    assert is_norwegian_sentence("Kan ikke lese {path}: {reason}.")
    assert is_norwegian_sentence("   rader peker til saker som ikke finnes.")  # an f-string
    assert is_norwegian_sentence("Søkeindeksen skadet")  # æøå, no function word
    assert not is_norwegian_sentence("Importert")  # one word: a label, not a sentence
    assert not is_norwegian_sentence("før-oppgradering-")  # a file name's label
    assert not is_norwegian_sentence(" AND is_open = 1 ORDER BY due_on, pk LIMIT :limit")
    assert not is_norwegian_sentence("the day the case closed (empty while it is open)")
