"""How the search reads words (DESIGN.md «Data model», FTS5): words are runs of letters
and digits, and `aa` and `å` are the same letter (Aasen = Åsen), both ways; æ, ø and å
are never folded. The store builds its queries from these, and the search results
highlight with them (domain/presentation.py). Pure Python.
"""

from __future__ import annotations

import re
from itertools import product

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
MAX_VARIANTS = 8


def aa_variants(word: str) -> list[str]:
    """Every spelling of `word` with each `aa`/`å` swapped (capped)."""
    parts = re.split(r"(aa|å)", word)
    slots = [(p,) if i % 2 == 0 else ("aa", "å") for i, p in enumerate(parts)]
    out: list[str] = []
    for combo in product(*slots):
        out.append("".join(combo))
        if len(out) >= MAX_VARIANTS:
            break
    return list(dict.fromkeys(out))
