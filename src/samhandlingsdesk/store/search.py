"""Turning what a person types into a safe FTS5 query.

- Any text is a valid query: words are runs of letters and digits, everything else
  separates them, and every word is quoted, so quotes, `*`, `-`, `(`, `:`, `AND`, `OR`,
  `NEAR` never reach FTS5 as syntax.
- Every word is a prefix (`"kari"*`).
- `aa` and `å` are the same letter (Aasen = Åsen), both ways; æ, ø and å are never folded
  (the index keeps diacritics: `remove_diacritics 0`).
- Phone numbers: a query whose digits make a run of four or more also searches the
  trigram index of phone digits (any spacing, with or without +47).
- A ref like `H-2026-0042` is looked up directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from samhandlingsdesk.domain.words import WORD_RE, aa_variants

REF_RE = re.compile(r"^\s*(H|V|L1|L3|N)\s*-?\s*(\d{4})\s*-?\s*(\d{1,6})\s*$", re.IGNORECASE)
# The start of a ref as people type it: the kind letter(s), a dash, then digits.
REF_PREFIX_RE = re.compile(r"^\s*(H|V|L1|L3|N)\s*-\s*(\d{0,4})(?:\s*-\s*(\d{0,6}))?\s*$", re.I)
PHONE_CHARS_RE = re.compile(r"^[\d\s+().-]+$")
MIN_PHONE_DIGITS = 4
MAX_WORDS = 8


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    words: tuple[str, ...]  # lower-cased words as typed
    fts: str | None  # FTS5 MATCH expression, None when there are no words
    phone_digits: str | None  # digits for the trigram index (>= 4)
    ref: str | None  # a normalised ref (H-2026-0042)
    ref_prefix: str | None = None  # the start of a ref (H-2026-00): looked up on the ref

    @property
    def short(self) -> bool:
        """One- and two-letter queries are ordered by recency, not relevance."""
        return sum(len(w) for w in self.words) <= 2

    @property
    def empty(self) -> bool:
        return (
            self.fts is None
            and self.phone_digits is None
            and self.ref is None
            and self.ref_prefix is None
        )


def _term(word: str) -> str:
    variants = [f'"{v}"*' for v in aa_variants(word)]
    return variants[0] if len(variants) == 1 else "(" + " OR ".join(variants) + ")"


def phone_digits(text: str) -> str | None:
    """The digits to look for in phone numbers, or None if the query is not phone-like."""
    if not PHONE_CHARS_RE.match(text.strip() or "x"):
        return None
    digits = re.sub(r"\D", "", text)
    stripped = text.strip()
    if stripped.startswith("+47") or stripped.startswith("0047"):
        digits = digits[2:] if stripped.startswith("+") else digits[4:]
    elif len(digits) == 10 and digits.startswith("47"):
        digits = digits[2:]
    return digits if len(digits) >= MIN_PHONE_DIGITS else None


def short_phone(text: str) -> bool:
    """A phone-like query with too few digits to search phone numbers (1–3)."""
    if not PHONE_CHARS_RE.match(text.strip() or "x"):
        return False
    return 0 < len(re.sub(r"\D", "", text)) < MIN_PHONE_DIGITS


def parse_query(text: str) -> ParsedQuery:
    ref = None
    m = REF_RE.match(text)
    if m:
        ref = f"{m.group(1).upper()}-{m.group(2)}-{int(m.group(3)):04d}"
    prefix = None
    pm = REF_PREFIX_RE.match(text)
    if pm:
        prefix = f"{pm.group(1).upper()}-{pm.group(2)}"
        if pm.group(3) is not None:
            prefix += f"-{pm.group(3)}"
    words = tuple(w.lower() for w in WORD_RE.findall(text))[:MAX_WORDS]
    # An explicit AND: FTS5 accepts implicit AND only between phrases, so `"a"* ("b"* OR
    # "c"*)` (a word with aa/å next to another) would be a syntax error.
    fts = " AND ".join(_term(w) for w in words) if words else None
    return ParsedQuery(words, fts, phone_digits(text), ref, prefix)
