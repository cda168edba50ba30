"""National ID numbers (fødselsnummer, D-, H- and FH-nummer) in free text.

No patient-identifying data may be stored on the desk, so free text is screened before
every save and import (DOMAIN.md «Personal data»). A number counts only when

- it is written in one of the ways people write them, with no digit (or dot-and-digit,
  as in dotted account numbers ``1234.56.78903``) directly on either side:
  the 11 digits with or without one space, dot or hyphen after the sixth digit
  (``150385 12363``, ``150385-12363``, also ``150385 123 63``), or a birth date written
  as a date (``15.03.85``, ``15.03.1985``, ``15/03/85``) followed by the five-digit
  personal number with or without a space (``15.03.85 123 63``);
- both check sums hold: Σ(3,7,6,1,8,9,4,5,2,1 · d1..d10) ≡ 0 (mod 11), or ≡ 0, 1, 2 or 3
  under the rule for numbers issued from 2032, and Σ(5,4,3,2,7,6,5,4,3,2,1 · d1..d11) ≡ 0;
- its date part is a real calendar day in some century the register uses (1800s, 1900s,
  2000s), after undoing the D-nummer (+40 on the day) and H-nummer (+40 on the month)
  offsets. FH-numbers (first digit 8 or 9) have no date part: check sums only, so every
  valid account number would pass — they count only beside «FH», «hjelpenummer» or an ID
  word;
- it is not beside an account word («konto», «kontonr», «kontonummer»): the check sums
  cannot tell an account number from a person's number (K2 uses the account weights), so
  only context can. A number with a plausible date and both check digits is flagged
  without such context, since it may be a person's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from operator import mul
from typing import Final

from samhandlingsdesk.domain.text.privacy import MSG_MANY_IDS, MSG_ONE_ID

FODSELSNUMMER: Final = "fødselsnummer"
D_NUMMER: Final = "D-nummer"
H_NUMMER: Final = "H-nummer"
FH_NUMMER: Final = "FH-nummer"

_K1_WEIGHTS: Final = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
_K2_WEIGHTS: Final = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
# Remainders of the first sum that pass: 0 under the old rule, 0-3 from 2032.
_K1_REMAINDERS: Final = frozenset({0, 1, 2, 3})
# How each kind writes its date part: (kind, added to the day, added to the month). No
# number adds to both; FH-numbers have no date part.
_DATE_KINDS: Final = ((FODSELSNUMMER, 0, 0), (D_NUMMER, 40, 0), (H_NUMMER, 0, 40))
_FH_FIRST: Final = frozenset("89")  # the first digit of an FH-number (no date part)

# The two ways an ID is written, with no digit (or dot-and-digit, as in dotted account
# numbers and dates) directly on either side: six digits (an optional separator) or a
# date (dd.mm.yy, dd.mm.åååå, dd/mm/yy), then the five-digit personal number, which may
# be split 3 + 2 by a space.
_SPACE: Final = "[ \u00a0]"
_CANDIDATE: Final = re.compile(
    r"(?<![0-9])(?<![0-9][.,/])"
    r"(?:"
    r"(?P<dd>[0-9]{2})(?P<sep>[./])(?P<mm>[0-9]{2})(?P=sep)(?:[0-9]{2})?(?P<yy>[0-9]{2})"
    rf"{_SPACE}?(?P<pn>[0-9]{{3}}{_SPACE}?[0-9]{{2}})"
    r"|(?P<six>[0-9]{6})"
    rf"(?:[ .\u00a0-]?(?P<five>[0-9]{{5}})|{_SPACE}(?P<split>[0-9]{{3}}{_SPACE}[0-9]{{2}}))"
    r")"
    r"(?![0-9])(?![.,][0-9])"
)

# Words that decide what a number beside them is (DOMAIN.md «Personal data»).
_ACCOUNT_WORD: Final = re.compile(
    r"(?:bank)?konto(?:nr\.?|nummer(?:et)?)?|kto\.?(?:nr\.?)?", re.IGNORECASE
)
_ID_WORD: Final = re.compile(
    r"f\.?nr\.?|fødselsnr\.?|fødselsnummer(?:et)?|personnummer(?:et)?|pnr\.?|"
    r"[dh]-?nummer(?:et)?|fh(?:-?nummer(?:et)?)?|hjelpenummer(?:et)?",
    re.IGNORECASE,
)
# A word starts with a letter and ends with a letter or digit: «fnr.» is read as «fnr»,
# «D-nummer:» as «D-nummer» (every dot the words above may end with is optional).
_WORD: Final = re.compile(r"[^\W\d_](?:[\w.-]*\w)?")
_WORDS_BEFORE: Final = 3  # «kontonummer er», «fnr. til pasienten»: the nearest words
_WORDS_AFTER: Final = 2
_REACH: Final = 40  # characters looked at on either side

ACCOUNT: Final = "account"
ID: Final = "id"


def _context(text: str, start: int, end: int) -> str | None:
    """ACCOUNT or ID if the nearest context word beside text[start:end] says so."""
    before = _WORD.findall(text[max(0, start - _REACH) : start])[-_WORDS_BEFORE:]
    after = _WORD.findall(text[end : end + _REACH])[:_WORDS_AFTER]
    for word in [*reversed(before), *after]:
        if _ACCOUNT_WORD.fullmatch(word):
            return ACCOUNT
        if _ID_WORD.fullmatch(word):
            return ID
    return None


@dataclass(frozen=True, slots=True)
class IdHit:
    """One national ID number found in a text; `text[start:end]` as written."""

    start: int
    end: int
    text: str
    kind: str  # FODSELSNUMMER, D_NUMMER, H_NUMMER or FH_NUMMER

    @property
    def digits(self) -> str:
        """The 11 digits (a four-digit year written as a date counts by its last two)."""
        m = _CANDIDATE.fullmatch(self.text)
        return _digits(m) if m else re.sub(r"[^0-9]", "", self.text)

    @property
    def masked(self) -> str:
        """The first six digits, the rest hidden: ``010190 *****``."""
        return f"{self.digits[:6]} *****"


def _is_digits(s: str, n: int) -> bool:
    return len(s) == n and s.isascii() and s.isdigit()


def _checksums_ok(digits: str) -> bool:
    d = [int(c) for c in digits]
    first = sum(map(mul, _K1_WEIGHTS, d)) % 11  # the first ten digits: map stops with K1
    second = sum(map(mul, _K2_WEIGHTS, d)) % 11
    return first in _K1_REMAINDERS and second == 0


def _real_day(day: int, month: int, yy: int) -> bool:
    """True if day.month.yy is a calendar day in some century the register covers (the
    1800s, 1900s or 2000s): the year decides only 29 February, and 1800 + yy, 1900 + yy
    or 2000 + yy is a leap year exactly when yy is divisible by 4 (2000 is one)."""
    try:
        date(2000, month, day)  # a leap year: every day of the calendar
    except ValueError:
        return False
    return (month, day) != (2, 29) or yy % 4 == 0


def _date_kind(digits: str) -> str | None:
    """The kind implied by the first six digits if they are a plausible date part."""
    day, month, yy = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    for kind, day_offset, month_offset in _DATE_KINDS:
        if _real_day(day - day_offset, month - month_offset, yy):
            return kind
    return None


def is_plausible_date_part(digits: str) -> bool:
    """True if the first six digits are a real birth date as a fødselsnummer, D-nummer or
    H-nummer writes it (DDMMYY, day + 40, month + 40). FH-numbers have no date part."""
    head = digits[:6]
    if not _is_digits(head, 6) or head[0] in _FH_FIRST:
        return False
    return _date_kind(head) is not None


def classify_national_id(digits: str) -> str | None:
    """The kind of national ID that 11 `digits` are, or None if they are not a valid one."""
    if not _is_digits(digits, 11) or not _checksums_ok(digits):
        return None
    if digits[0] in _FH_FIRST:
        return FH_NUMMER
    return _date_kind(digits)


def _digits(m: re.Match[str]) -> str:
    if m["six"] is not None:
        return m["six"] + (m["five"] or m["split"][:3] + m["split"][-2:])
    return m["dd"] + m["mm"] + m["yy"] + m["pn"][:3] + m["pn"][-2:]


def find_national_ids(text: str) -> list[IdHit]:
    """Every national ID number in `text` that is to be refused, in order."""
    hits: list[IdHit] = []
    for m in _CANDIDATE.finditer(text):
        kind = classify_national_id(_digits(m))
        if kind is None:
            continue
        context = _context(text, m.start(), m.end())
        if context == ACCOUNT or (kind == FH_NUMMER and context != ID):
            continue
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
