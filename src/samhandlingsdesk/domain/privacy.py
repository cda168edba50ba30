"""National ID numbers (fødselsnummer, D-, H- and FH-nummer) in free text.

No patient-identifying data may be stored on the desk, so free text is screened before
every save and import. A number counts only when

- it is 11 digits on their own (not part of a longer run of digits, nor of a dotted group
  such as an account number ``1234.56.78903``), optionally with one space, dot or hyphen
  after the sixth digit (``010190 12345``, ``010190.12345``);
- both check sums hold: Σ(3,7,6,1,8,9,4,5,2,1 · d1..d10) ≡ 0 (mod 11), or ≡ 0, 1, 2 or 3
  under the rule for numbers issued from 2032, and Σ(5,4,3,2,7,6,5,4,3,2,1 · d1..d11) ≡ 0;
- its date part is a real calendar day in some century the register uses (1800s, 1900s,
  2000s), after undoing the D-nummer (+40 on the day) and H-nummer (+40 on the month)
  offsets. FH-numbers (first digit 8 or 9) have no date part: check sums only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

FODSELSNUMMER: Final = "fødselsnummer"
D_NUMMER: Final = "D-nummer"
H_NUMMER: Final = "H-nummer"
FH_NUMMER: Final = "FH-nummer"

# --- Messages (bokmål) -------------------------------------------------------------------

MSG_ONE_ID: Final = (
    "Teksten ser ut til å inneholde et {kind} ({masked}). Fjern det før du lagrer: "
    "pasient- og personnummer skal aldri lagres her."
)
MSG_MANY_IDS: Final = (
    "Teksten ser ut til å inneholde {count} personnumre ({masked}). Fjern dem før du "
    "lagrer: pasient- og personnummer skal aldri lagres her."
)

_K1_WEIGHTS: Final = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
_K2_WEIGHTS: Final = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
# Remainders of the first sum that pass: 0 under the old rule, 0-3 from 2032.
_K1_REMAINDERS: Final = frozenset({0, 1, 2, 3})
_CENTURIES: Final = (1800, 1900, 2000)

# Six digits, an optional separator, five digits, with no digit (or dot-and-digit, as in
# dotted account numbers and dates) directly on either side.
_CANDIDATE: Final = re.compile(
    r"(?<![0-9])(?<![0-9][.,])"
    r"([0-9]{6})[ .\u00a0-]?([0-9]{5})"
    r"(?![0-9])(?![.,][0-9])"
)


@dataclass(frozen=True, slots=True)
class IdHit:
    """One national ID number found in a text; `text[start:end]` as written."""

    start: int
    end: int
    text: str
    kind: str  # FODSELSNUMMER, D_NUMMER, H_NUMMER or FH_NUMMER

    @property
    def masked(self) -> str:
        """The first six digits, the rest hidden: ``010190 *****``."""
        digits = re.sub(r"[^0-9]", "", self.text)
        return f"{digits[:6]} *****"


def _is_digits(s: str, n: int) -> bool:
    return len(s) == n and s.isascii() and s.isdigit()


def _checksums_ok(digits: str) -> bool:
    d = [int(c) for c in digits]
    first = sum(w * x for w, x in zip(_K1_WEIGHTS, d[:10], strict=True)) % 11
    second = sum(w * x for w, x in zip(_K2_WEIGHTS, d, strict=True)) % 11
    return first in _K1_REMAINDERS and second == 0


def _real_day(day: int, month: int, yy: int) -> bool:
    """True if day.month.yy is a calendar day in some century the register covers."""
    for century in _CENTURIES:
        try:
            date(century + yy, month, day)
        except ValueError:
            continue
        return True
    return False


def _date_kind(digits: str) -> str | None:
    """The kind implied by the first six digits if they are a plausible date part."""
    day, month, yy = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    kind = FODSELSNUMMER
    if day > 40:
        day -= 40
        kind = D_NUMMER
    if month > 40:
        if kind == D_NUMMER:  # no such combined variant
            return None
        month -= 40
        kind = H_NUMMER
    return kind if _real_day(day, month, yy) else None


def is_plausible_date_part(digits: str) -> bool:
    """True if the first six digits are a real birth date as a fødselsnummer, D-nummer or
    H-nummer writes it (DDMMYY, day + 40, month + 40). FH-numbers have no date part."""
    head = digits[:6]
    if not _is_digits(head, 6) or head[0] in "89":
        return False
    return _date_kind(head) is not None


def classify_national_id(digits: str) -> str | None:
    """The kind of national ID that 11 `digits` are, or None if they are not a valid one."""
    if not _is_digits(digits, 11) or not _checksums_ok(digits):
        return None
    if digits[0] in "89":
        return FH_NUMMER
    return _date_kind(digits)


def find_national_ids(text: str) -> list[IdHit]:
    """Every valid national ID number in `text`, in order."""
    hits: list[IdHit] = []
    for m in _CANDIDATE.finditer(text):
        kind = classify_national_id(m[1] + m[2])
        if kind is not None:
            hits.append(IdHit(start=m.start(), end=m.end(), text=m[0], kind=kind))
    return hits


def screen_text(text: str | None) -> str | None:
    """None if `text` holds no national ID number, else a message asking to remove it."""
    if not text:
        return None
    hits = find_national_ids(text)
    if not hits:
        return None
    if len(hits) == 1:
        return MSG_ONE_ID.format(kind=hits[0].kind, masked=hits[0].masked)
    masked = ", ".join(hit.masked for hit in hits)
    return MSG_MANY_IDS.format(count=len(hits), masked=masked)


def screen_values(values: Mapping[str, object]) -> dict[str, str]:
    """Field name -> message for every string value that holds a national ID number."""
    problems: dict[str, str] = {}
    for name, value in values.items():
        if isinstance(value, str) and (message := screen_text(value)) is not None:
            problems[name] = message
    return problems
