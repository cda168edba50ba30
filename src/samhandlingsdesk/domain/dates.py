"""Norwegian date entry and display.

Every accepted form has its own explicit pattern; python-dateutil is used for
`relativedelta` only. Its free parser never sees user input: it reads "17.5" as the 17th of
the current month and "175" as a year.

Forms accepted by `parse_date` (case-insensitive, surrounding and repeated whitespace
ignored):

- absolute: ``17.05.2026``, ``17.5.26`` (two-digit year -> 20yy), ``17/5/2026``,
  ``17-5-2026``, ISO ``2026-05-17``, ``17. mai 2026``;
- day and month without a year: ``17.5``, ``17.05``, ``17/5``, ``17. mai`` -> the nearest
  such date in the field's direction, today included (``29.2`` -> the nearest leap year);
- words: ``i dag``/``idag``, ``i morgen``/``imorgen``/``i morra``, ``i overmorgen``,
  ``i går``/``igår``/``i gar``, ``i forgårs``;
- weekday names, full or short (``man``/``mandag`` … ``søn``/``søndag``; ``lor``/``son``
  in ASCII): the nearest such weekday in the field's direction, today included;
- relative: ``om 3 dager``, ``om en uke``, ``om 2 måneder``, ``om 1 år``; backwards:
  ``for 3 dager siden``, ``3 dager siden``;
- ISO weeks: ``uke 34``, ``u34``, ``uke 34 2027`` -> the Monday of that week. Without a
  year: the nearest week-N Monday in the field's direction, today included, looking at the
  current ISO year and the next (future) or previous (past) one.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import UTC, date, datetime, timedelta
from typing import Final, Literal
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

Direction = Literal["past", "future"]

OSLO: Final = ZoneInfo("Europe/Oslo")
MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2100

# --- Messages (bokmål) -------------------------------------------------------------------

DATE_HELP: Final = "Skriv f.eks. 17.05.2026, 17.5, i morgen, fredag, om 2 uker eller uke 34."
FILE_DATE_HELP: Final = "I filer må datoer være fullstendige, som 17.05.2026."
MSG_INVALID_DATE: Final = "«{text}» er ikke en gyldig dato."
MSG_UNRECOGNISED: Final = "«{text}» er ikke en dato. " + DATE_HELP
MSG_FILE_NOT_ABSOLUTE: Final = "«{text}» er ikke en fullstendig dato. " + FILE_DATE_HELP
MSG_YEAR_OUT_OF_RANGE: Final = (
    f"«{{text}}» ligger utenfor det appen kan bruke: året må være mellom {MIN_YEAR} og {MAX_YEAR}."
)
MSG_NO_SUCH_WEEK: Final = "Det er ingen uke {week} i {year}."
MSG_WEEK_OUT_OF_RANGE: Final = "Uke {week} finnes ikke: ukene går fra 1 til 53."
MSG_NO_SUCH_DAY: Final = "{month} har ikke dag {day}."

_MAX_SHOWN = 40  # characters of the user's text repeated in a message


class DateError(ValueError):
    """A date the user typed (or a file holds) that cannot be used.

    `str(err)` is a Norwegian message fit to show where the date was typed.
    """


# --- Vocabulary --------------------------------------------------------------------------

_WORDS: Final[dict[str, int]] = {
    "i dag": 0,
    "idag": 0,
    "i morgen": 1,
    "imorgen": 1,
    "i morra": 1,
    "imorra": 1,
    "i overmorgen": 2,
    "iovermorgen": 2,
    "overmorgen": 2,
    "i går": -1,
    "igår": -1,
    "i gar": -1,
    "igar": -1,
    "i forgårs": -2,
    "iforgårs": -2,
    "forgårs": -2,
    "i forgars": -2,
    "iforgars": -2,
}

_WEEKDAYS: Final[dict[str, int]] = {
    "man": 0,
    "mandag": 0,
    "tir": 1,
    "tirs": 1,
    "tirsdag": 1,
    "ons": 2,
    "onsdag": 2,
    "tor": 3,
    "tors": 3,
    "torsdag": 3,
    "fre": 4,
    "fredag": 4,
    "lør": 5,
    "lørdag": 5,
    "lor": 5,
    "lordag": 5,
    "søn": 6,
    "søndag": 6,
    "son": 6,
    "sondag": 6,
}

_MONTHS: Final[dict[str, int]] = {
    "jan": 1,
    "januar": 1,
    "feb": 2,
    "februar": 2,
    "mar": 3,
    "mars": 3,
    "apr": 4,
    "april": 4,
    "mai": 5,
    "jun": 6,
    "juni": 6,
    "jul": 7,
    "juli": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oktober": 10,
    "nov": 11,
    "november": 11,
    "des": 12,
    "desember": 12,
}
_MONTH_NAMES: Final = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)

_NUMBER_WORDS: Final[dict[str, int]] = {
    "en": 1,
    "ett": 1,
    "ei": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "sju": 7,
    "syv": 7,
    "åtte": 8,
    "ni": 9,
    "ti": 10,
}

_UNITS: Final[dict[str, str]] = {
    "dag": "days",
    "dager": "days",
    "døgn": "days",
    "uke": "weeks",
    "uker": "weeks",
    "måned": "months",
    "måneder": "months",
    "maned": "months",
    "maneder": "months",
    "mnd": "months",
    "år": "years",
    "ar": "years",
}

# --- Patterns (ASCII digits only: `\d` would also take Arabic-Indic and other digits) ----

_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_ISO_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[t ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(?:z|[+-][0-9]{2}:?[0-9]{2})?"
)
_DMY = re.compile(r"([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})")
_DM = re.compile(r"([0-9]{1,2})[./]([0-9]{1,2})")
_D_MONTHNAME = re.compile(r"([0-9]{1,2})\.? ?([a-zæøå]+)\.?(?: ([0-9]{4}))?")
_WEEK = re.compile(r"(?:uke|u)\.? ?([0-9]{1,2})(?:(?: |, ?|/)([0-9]{4}))?")
_WEEKDAY = re.compile(r"([a-zæøå]+)\.?")
_AMOUNT = r"([0-9]{1,4}|[a-zæøå]+)"
_UNIT = r"([a-zæøå]+)"
_FORWARD = re.compile(rf"om {_AMOUNT} {_UNIT}")
_BACKWARD = re.compile(rf"(?:for )?{_AMOUNT} {_UNIT} siden")


# --- Public helpers ----------------------------------------------------------------------


def format_date(d: date | None) -> str:
    """`17.05.2026`; empty for None."""
    if d is None:
        return ""
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def to_oslo(dt: datetime) -> datetime:
    """The same instant in Europe/Oslo. A naive datetime is taken to be UTC."""
    if dt.utcoffset() is None:  # also None when there is no tzinfo at all
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(OSLO)


def format_datetime(dt: datetime | None) -> str:
    """`17.05.2026 14:03` in Europe/Oslo; naive datetimes are UTC; empty for None."""
    if dt is None:
        return ""
    local = to_oslo(dt)
    return f"{format_date(local.date())} {local.hour:02d}:{local.minute:02d}"


def month_end_clamp(year: int, month: int, day: int) -> date:
    """`date(year, month, day)`, with a day past the month's end moved to its last day.

    (2027, 2, 31) -> 28.02.2027. A month outside 1-12 or a day below 1 raises DateError.
    """
    if not 1 <= month <= 12 or day < 1:
        raise DateError(MSG_INVALID_DATE.format(text=f"{day}.{month}.{year}"))
    return date(year, month, min(day, monthrange(year, month)[1]))


def iso_week_monday(year: int, week: int) -> date:
    """The Monday of ISO week `week` of ISO year `year`; DateError if there is no such week."""
    if not 1 <= week <= 53:
        raise DateError(MSG_WEEK_OUT_OF_RANGE.format(week=week))
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise DateError(MSG_NO_SUCH_WEEK.format(week=week, year=year)) from None


def parse_date(text: str, *, today: date, direction: Direction = "past") -> date | None:
    """Read a date as a Norwegian user types it; None for empty input.

    `direction` decides forms without a full date (``17.5``, ``fredag``, ``uke 34``):
    "future" takes the nearest such date today or later, "past" today or earlier. Raises
    DateError (and nothing else) for anything it cannot use.
    """
    s = _normalise(text)
    if not s:
        return None
    shown = _shown(text)
    try:
        result = _parse(s, shown, today, direction)
    except DateError:
        raise
    except (ValueError, OverflowError):
        # Arithmetic past the ends of the calendar ("om 9999 år" near year 9999).
        raise DateError(MSG_YEAR_OUT_OF_RANGE.format(text=shown)) from None
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise DateError(MSG_YEAR_OUT_OF_RANGE.format(text=shown))
    return result


def parse_file_date(text: str) -> date | None:
    """Read an absolute date from a file; None for an empty cell.

    Accepts ``17.05.2026``, ``17.5.26``, ``17/5/2026``, ``2026-05-17`` and ISO datetimes
    (``2026-05-17T10:00:00+02:00`` -> the date as written, 17.05.2026). Everything relative
    (``17.5``, ``uke 34``, weekdays, words) raises DateError.
    """
    s = _normalise(text)
    if not s:
        return None
    shown = _shown(text)
    if m := _ISO.fullmatch(s):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), shown)
    if m := _DMY.fullmatch(s):
        return _make_date(_full_year(m[4]), int(m[3]), int(m[1]), shown)
    if _ISO_DATETIME.fullmatch(s):
        try:
            dt = datetime.fromisoformat(s.upper())  # "z" -> "Z"; any separator will do
        except ValueError:
            raise DateError(MSG_INVALID_DATE.format(text=shown)) from None
        return _make_date(dt.year, dt.month, dt.day, shown)
    raise DateError(MSG_FILE_NOT_ABSOLUTE.format(text=shown))


# --- Internals ---------------------------------------------------------------------------


def _normalise(text: str) -> str:
    return " ".join(text.split()).lower()


def _shown(text: str) -> str:
    s = " ".join(text.split())
    if len(s) > _MAX_SHOWN:
        s = s[: _MAX_SHOWN - 1] + "…"
    return s


def _full_year(digits: str) -> int:
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _make_date(year: int, month: int, day: int, shown: str) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(MSG_YEAR_OUT_OF_RANGE.format(text=shown))
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(MSG_INVALID_DATE.format(text=shown)) from None


def _parse(s: str, shown: str, today: date, direction: Direction) -> date:
    if s in _WORDS:
        return today + timedelta(days=_WORDS[s])
    if m := _ISO.fullmatch(s):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), shown)
    if m := _DMY.fullmatch(s):
        return _make_date(_full_year(m[4]), int(m[3]), int(m[1]), shown)
    if m := _DM.fullmatch(s):
        return _nearest_day_month(int(m[1]), int(m[2]), today, direction, shown)
    if (m := _D_MONTHNAME.fullmatch(s)) and m[2] in _MONTHS:
        day, month = int(m[1]), _MONTHS[m[2]]
        if m[3]:
            return _make_date(int(m[3]), month, day, shown)
        return _nearest_day_month(day, month, today, direction, shown)
    if m := _WEEK.fullmatch(s):
        week = int(m[1])
        if m[2]:
            return iso_week_monday(int(m[2]), week)
        return _nearest_week_monday(week, today, direction)
    if (m := _WEEKDAY.fullmatch(s)) and m[1] in _WEEKDAYS:
        return _nearest_weekday(_WEEKDAYS[m[1]], today, direction)
    if m := _FORWARD.fullmatch(s):
        return _shift(today, m[1], m[2], +1, shown)
    if m := _BACKWARD.fullmatch(s):
        return _shift(today, m[1], m[2], -1, shown)
    raise DateError(MSG_UNRECOGNISED.format(text=shown))


def _shift(today: date, amount: str, unit: str, sign: int, shown: str) -> date:
    if amount.isdigit():
        n = int(amount)
    elif amount in _NUMBER_WORDS:
        n = _NUMBER_WORDS[amount]
    else:
        raise DateError(MSG_UNRECOGNISED.format(text=shown))
    if unit not in _UNITS:
        raise DateError(MSG_UNRECOGNISED.format(text=shown))
    result: date = today + relativedelta(**{_UNITS[unit]: sign * n})
    return result


def _nearest_day_month(day: int, month: int, today: date, direction: Direction, shown: str) -> date:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise DateError(MSG_INVALID_DATE.format(text=shown))
    if day > monthrange(2000, month)[1]:  # 2000 is a leap year: 29.2 passes here
        raise DateError(MSG_NO_SUCH_DAY.format(month=_MONTH_NAMES[month - 1].capitalize(), day=day))
    step = _step(direction)
    year = today.year
    while True:  # 29.2: at most eight years to the next leap year (2096 -> 2104)
        if day <= monthrange(year, month)[1]:
            candidate = date(year, month, day)  # ValueError past year 9999: parse_date says so
            if _in_direction(candidate, today, direction):
                return candidate
        year += step


def _step(direction: Direction) -> int:
    """A year back for "past" (the default), a year on for "future"."""
    return -1 if direction == "past" else 1


def _in_direction(d: date, today: date, direction: Direction) -> bool:
    """Today or earlier ("past"), today or later ("future")."""
    return d <= today if direction == "past" else d >= today


def _nearest_weekday(weekday: int, today: date, direction: Direction) -> date:
    """Today if it is that weekday; else the latest (past) or the next (future) one."""
    if direction == "past":
        return today - timedelta(days=(today.weekday() - weekday) % 7)
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _nearest_week_monday(week: int, today: date, direction: Direction) -> date:
    """The Monday of week `week` in today's ISO year if it lies in the field's direction
    (today included), else in the following (future) or previous (past) ISO year.

    A week 53 missing from the year it would have to come from raises DateError: we do not
    jump several years ahead to the next long year.
    """
    if not 1 <= week <= 53:
        raise DateError(MSG_WEEK_OUT_OF_RANGE.format(week=week))
    step = _step(direction)
    year = today.isocalendar().year
    for candidate_year in (year, year + step):
        try:
            monday = date.fromisocalendar(candidate_year, week, 1)
        except ValueError:  # no week 53 that year
            continue
        if _in_direction(monday, today, direction):
            return monday
    raise DateError(MSG_NO_SUCH_WEEK.format(week=week, year=year + step))
