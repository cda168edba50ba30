"""A case's ref: «H-2026-0042» — the kind's letter, the year received and a number that
counts per kind and year (four digits at least). One place for its format and pattern.
Pure Python.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from samhandlingsdesk.domain.kinds import BY_LETTER

REF_RE = re.compile(r"(H|V|L1|L3|N)-([0-9]{4})-([0-9]{4,})")


class Ref(NamedTuple):
    kind: str
    year: int
    seq: int


def make_ref(letter: str, year: int, seq: int) -> str:
    return f"{letter}-{year}-{seq:04d}"


def parse_ref(text: str | None) -> Ref | None:
    """The parts of a ref written exactly as the desk writes it, else None."""
    m = REF_RE.fullmatch(text) if text else None
    if m is None or text != make_ref(m[1], int(m[2]), int(m[3])):
        return None
    return Ref(str(BY_LETTER[m[1]].key), int(m[2]), int(m[3]))
