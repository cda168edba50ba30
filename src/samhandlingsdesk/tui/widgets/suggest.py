"""Completion for the party field: Norway's municipalities and the hospital trusts.

Textual's `SuggestFromList` completes from the start of the whole value only, but many
municipality names carry parallel Sami or Kven names (`Kárášjohka - Karasjok`,
`Lyngen - Ivgu - Yykeä`): here the start of ANY part of a name (and of any word of a
hospital trust's name: `innlandet` -> `Sykehuset Innlandet HF`) finds it, case-insensitive
and without regard to Sami accents (`karasjohka` finds `Kárášjohka`; æ, ø and å stay
letters of their own). The suggestion is always the full name.

`PartyInput` shows a suggestion that does not continue what was typed as
`karas  → Kárášjohka - Karasjok`, and → (or Enter) takes it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from textual.suggester import Suggester, SuggestionReady
from textual.widgets import Input

from samhandlingsdesk.domain.parties import name_parts
from samhandlingsdesk.service.reference import hospital_trusts, municipalities

_KEEP = frozenset("æøåÆØÅ")
_WORD_SPLIT = re.compile(r"[\s\-/]+")


def fold(text: str) -> str:
    """Casefold and drop accents (á, š, ä -> a, s, a), but keep æ, ø and å."""
    out: list[str] = []
    for ch in text:
        if ch in _KEEP:
            out.append(ch.lower())
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out).casefold()


class NameSuggester(Suggester):
    """Suggest the full name whose whole, part or word starts with what was typed.

    Ranking: the start of the whole name first, then the start of a ` - `-separated part,
    then (only for `word_names`) the start of any word; alphabetical within each.
    """

    def __init__(self, names: Iterable[str], word_names: Iterable[str] = ()) -> None:
        super().__init__(use_cache=True, case_sensitive=False)
        entries: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
        for name in names:
            parts = tuple(fold(p) for p in name_parts(name))
            entries.append((name, parts, ()))
        for name in word_names:
            words = tuple(fold(w) for w in _WORD_SPLIT.split(name) if w)
            entries.append((name, (fold(name),), words))
        self._entries = sorted(entries, key=lambda e: (fold(e[0]), e[0]))
        self._known = frozenset(fold(e[0]) for e in entries)

    def is_known(self, value: str) -> bool:
        """True when `value` is one of the names (any case, any Sami accents)."""
        return fold(" ".join(value.split())) in self._known

    def match(self, value: str) -> str | None:
        """The best full name for `value` (any case), or None."""
        typed = fold(" ".join(value.split()))
        if not typed:
            return None
        best: tuple[int, str] | None = None
        for name, parts, words in self._entries:
            full = fold(name)
            if full.startswith(typed):
                tier = 0
            elif any(p.startswith(typed) for p in parts):
                tier = 1
            elif any(w.startswith(typed) for w in words):
                tier = 2
            else:
                continue
            if tier == 0:
                return name  # entries are sorted: the first whole-name match wins
            if best is None or tier < best[0]:
                best = (tier, name)
        return best[1] if best else None

    async def get_suggestion(self, value: str) -> str | None:
        name = self.match(value)
        if name is None or fold(name) == fold(value):
            return None  # nothing to add
        return name


@cache
def party_suggester() -> NameSuggester:
    """One shared suggester over the 357 municipalities and the hospital trusts."""
    return NameSuggester(municipalities(), hospital_trusts())


class PartyInput(Input):
    """An Input for a municipality or hospital unit, completing to the full name.

    `completion` is the full name on offer (empty when none). A completion that continues
    the typed text shows as usual (`gjøv` + `ik`); one found through another part of the
    name shows after an arrow. → at the end, or Enter, takes it.
    """

    DEFAULT_CSS = """
    PartyInput > .input--suggestion { color: $text-muted; }
    """

    def __init__(self, value: str = "", **kwargs: object) -> None:
        kwargs.setdefault("suggester", party_suggester())
        super().__init__(value, **kwargs)  # type: ignore[arg-type]
        self.completion = ""

    def watch_value(self, _value: str) -> None:
        self.completion = ""  # a new text: the name on offer comes with its suggestion

    def on_suggestion_ready(self, event: SuggestionReady) -> None:
        event.prevent_default()  # Input's own handler would show the raw suggestion
        if event.value != self.value:
            return
        self.completion = event.suggestion
        # Textual draws `_suggestion[len(value):]` faded after the text. A plain
        # continuation shows as usual (`gjøv` + `ik`); a name found through another part
        # shows after an arrow (`karas` + ` → Kárášjohka - Karasjok`). `_suggestion` is
        # Input's own (no public way to draw another text): tests/tui/test_input_widgets.py
        # pins what the field shows, so a Textual that changes it fails there.
        if event.suggestion.casefold().startswith(self.value.casefold()):
            self._suggestion = self.value + event.suggestion[len(self.value) :]
        else:
            self._suggestion = f"{self.value} → {event.suggestion}"

    def offered(self) -> str:
        """The full name on offer for what is in the field now (computed here, not
        waited for: Enter typed right after the last letter takes the same name)."""
        suggester = self.suggester
        if isinstance(suggester, NameSuggester):
            name = suggester.match(self.value)
            return name if name is not None and fold(name) != fold(self.value) else ""
        return self.completion

    def accept_completion(self) -> bool:
        """Take the offered full name; False when there is none."""
        name = self.offered()
        if not name:
            return False
        self.value = name
        self.cursor_position = len(self.value)
        return True

    def action_cursor_right(self, select: bool = False) -> None:
        if not select and self.cursor_at_end and self.completion and self._suggestion:
            self.accept_completion()
            return
        super().action_cursor_right(select)
