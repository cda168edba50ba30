"""Statistics: periods, what each measure counts, and how a figure is shown.

DOMAIN.md «Statistics measures» and «Personal data»: counts come from the dates people
gave and `closed_on`, never from event times; a count below 3 in a breakdown by
profession, unit, specialty or party shows as «<3», and a median or percentile over fewer
than 3 cases is not shown, unless the user asks for exact numbers. Pure Python: the
service counts, the screen, the workbook and the CSV files show what is built here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from samhandlingsdesk.domain.dates import format_date
from samhandlingsdesk.domain.text import stats as txt

MIN_SHOWN = 3  # below this a sensitive count shows as «<3», a median is not shown
Outcome = Literal["completed", "declined", "withdrawn"]
ChartKind = Literal["month", "category"]

# The terminal statuses and what they mean for a yearly count (DOMAIN.md «Statuses»).
OUTCOMES: dict[str, dict[str, Outcome]] = {
    "hospitering": {
        "evaluert": "completed",
        "tilbakemeldt_avslag": "declined",
        "trukket": "withdrawn",
    },
    "veiledning": {"lukket": "completed", "avvist": "declined", "trukket": "withdrawn"},
    "lis1": {"avsluttet": "completed", "trukket": "withdrawn"},
    "lis3": {"fullfort": "completed", "avlyst": "withdrawn"},
    "nettverk": {"rapportert": "completed", "avlyst": "withdrawn"},
}
# Kinds whose cases are decided (a yes or no on a request): hospitering by either leader,
# veiledning when agreed or declined.
DECIDED_KINDS = ("hospitering", "veiledning")


# --- periods ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of days, both ends included."""

    start: date
    end: date
    label: str

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), str(year))

    @classmethod
    def quarter(cls, year: int, q: int) -> Period:
        if q not in (1, 2, 3, 4):
            raise ValueError(txt.BAD_QUARTER.format(q=q))
        start = date(year, 3 * q - 2, 1)
        nxt = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
        return cls(start, nxt - timedelta(days=1), txt.QUARTER_LABEL.format(q=q, year=year))

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        if end < start:
            raise ValueError(txt.BAD_PERIOD.format(start=format_date(start), end=format_date(end)))
        return cls(start, end, f"{format_date(start)}–{format_date(end)}")

    @property
    def iso(self) -> tuple[str, str]:
        return self.start.isoformat(), self.end.isoformat()

    def months(self) -> list[str]:
        """The months the period touches, as `YYYY-MM`."""
        out = []
        y, m = self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


def period_for(
    choice: str, today: date, start: date | None = None, end: date | None = None
) -> Period:
    """The screen's choices: this year, last year, a quarter of this year, from–to."""
    if choice == "this":
        return Period.year(today.year)
    if choice == "last":
        return Period.year(today.year - 1)
    if choice in ("q1", "q2", "q3", "q4"):
        return Period.quarter(today.year, int(choice[1]))
    if start is None or end is None:
        raise ValueError(txt.CUSTOM_NEEDS_DATES)
    return Period.between(start, end)


def month_label(ym: str, with_year: bool) -> str:
    """`2026-01` -> «jan» (or «jan 2026» when the period spans years)."""
    y, m = ym.split("-")
    name = txt.MONTHS[int(m) - 1]
    return f"{name} {y}" if with_year else name


# --- figures ---------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    s = sorted(values)
    n = len(s)
    mid = n // 2
    return float(s[mid]) if n % 2 else (s[mid - 1] + s[mid]) / 2


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank percentile: the smallest value with at least p % at or below it."""
    s = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(s)))
    return float(s[rank - 1])


def format_number(value: float) -> str:
    """Whole numbers as such, others with one decimal and a comma (Norwegian)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


@dataclass(frozen=True, slots=True)
class Cell:
    """One figure: its value (None when it is not shown), its text, the cases behind it."""

    value: int | float | None
    text: str
    pks: tuple[int, ...] = ()


def count_cell(pks: Iterable[int], *, masked: bool, exact: bool, n: int | None = None) -> Cell:
    """A count of cases (or of `n` things among these cases); «<3» when masked and small."""
    ids = tuple(sorted(set(pks)))
    value = len(ids) if n is None else n
    if masked and not exact and 0 < value < MIN_SHOWN:
        return Cell(None, txt.FEW, ids)
    return Cell(value, str(value), ids)


def sum_cell(total: int, pks: Iterable[int]) -> Cell:
    return Cell(total, str(total), tuple(sorted(set(pks))))


def stat_cell(
    values: Sequence[float], pks: Iterable[int], how: Literal["median", "p90"], *, exact: bool
) -> Cell:
    ids = tuple(sorted(set(pks)))
    if not values or (len(values) < MIN_SHOWN and not exact):
        return Cell(None, txt.NOT_SHOWN, ids)
    v = median(values) if how == "median" else percentile(values, 90)
    v = round(v, 1)
    return Cell(v, format_number(v), ids)


@dataclass(frozen=True, slots=True)
class StatRow:
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class StatTable:
    """One table of the report; `chart` says how it is drawn (column `chart_column`)."""

    key: str
    title: str
    kind: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[StatRow, ...]
    chart: ChartKind | None = None
    chart_column: int = 0
    note: str = ""
    masked: bool = False

    def chart_rows(self) -> list[int]:
        """The rows a chart draws: all but the total."""
        return [i for i, r in enumerate(self.rows) if r.label != txt.TOTAL]


@dataclass(frozen=True, slots=True)
class Scope:
    """What the report covers: a period, optionally one party or one side."""

    period: Period
    party: str | None = None
    side: str | None = None  # "kommune" | "helseforetak"

    @property
    def label(self) -> str:
        parts = [self.period.label]
        if self.party:
            parts.append(self.party)
        elif self.side:
            parts.append(txt.SIDE_LABELS.get(self.side, self.side))
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class Report:
    scope: Scope
    made_on: date
    desk_side: str | None
    exact: bool
    tables: tuple[StatTable, ...] = field(default_factory=tuple)

    def table(self, key: str) -> StatTable:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)

    def rules(self) -> tuple[str, ...]:
        """The rules the figures follow, for the cover sheet and the screen."""
        rules = list(txt.RULES)
        rules.append(txt.RULE_EXACT if self.exact else txt.RULE_FEW)
        if self.scope.party or self.scope.side:
            rules.append(txt.RULE_PARTY)
        return tuple(rules)


def in_period(iso: str | None, period: tuple[str, str]) -> bool:
    return iso is not None and period[0] <= iso[:10] <= period[1]


# --- rules that need more than a date in a period ---------------------------------------

Timeliness = Literal["in_time", "late", "missing", "unknown"]
# The notifications each LIS1 notice type requires (DOMAIN.md (c)); a drop-out needs both
# the hospital and the Statsforvalter (whose date the hospital side may not know).
STATSFORVALTER = "statsforvalter_notified_on"
LIS1_REQUIRED: dict[str, tuple[str, ...]] = {
    "frafall_for": ("hospital_notified_on", STATSFORVALTER),
    "frafall_under": ("hospital_notified_on", STATSFORVALTER),
    "forsinkelse": ("other_party_informed_on",),
    "restplass": ("hospital_notified_on",),
}


def _day(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@lru_cache(maxsize=4096)
def _confirmation_due(start: date) -> date:
    from samhandlingsdesk.domain.deadlines import lis3_confirmation_due

    return lis3_confirmation_due(start)


@lru_cache(maxsize=4096)
def _notify_deadline(event: date, working_days: int) -> date:
    from samhandlingsdesk.domain.deadlines import add_working_days

    return add_working_days(event, working_days)


def lis1_timeliness(values: dict[str, object], working_days: int) -> Timeliness:
    """Were the notifications the type requires all made within `working_days` working
    days after the event date? Unknown without a type or an event date, or when the
    Statsforvalter was confirmed by the municipality without a date."""
    required = LIS1_REQUIRED.get(str(values.get("notice_type")))
    event = _day(values.get("event_on"))
    if not required or event is None:
        return "unknown"
    deadline = _notify_deadline(event, working_days)
    given = {name: _day(values.get(name)) for name in required}
    if any(d > deadline for d in given.values() if d is not None):
        return "late"
    missing = [name for name, d in given.items() if d is None]
    if STATSFORVALTER in missing and values.get("statsforvalter_confirmed"):
        missing.remove(STATSFORVALTER)
        return "missing" if missing else "unknown"
    return "missing" if missing else "in_time"


ConfirmAnswer = Literal["in_time", "late", "missing", "not_due"]


def lis3_confirmation_answer(
    desired_from: object, requested_on: object, today: date
) -> tuple[date, ConfirmAnswer] | None:
    """The confirmation due date and whether the question was asked on or before it."""
    start = _day(desired_from)
    if start is None:
        return None
    due = _confirmation_due(start)
    asked = _day(requested_on)
    if asked is not None:
        return due, "in_time" if asked <= due else "late"
    return due, "missing" if due < today else "not_due"


DAYS_PER_MONTH = 30.44


def months_between(first: object, last: object) -> float | None:
    a, b = _day(first), _day(last)
    if a is None or b is None or b < a:
        return None
    return (b - a).days / DAYS_PER_MONTH
