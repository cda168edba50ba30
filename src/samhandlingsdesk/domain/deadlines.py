"""Due dates, reminders and warning flags (DOMAIN.md "Rules, due dates and the inbox").

Every rule gives a date and a Norwegian sentence. A case's `due_on` is the earliest date
among its active rules and `due_reason` that rule's sentence. Rules never look at today:
each rule's date *is* its deadline, and the inbox compares `due_on` with today in its query,
so a case shows up on its own once the date has come.

Working days skip weekends and Norwegian public holidays (computed per year, the same
dates as `holidays.Norway`: a test compares them). Pure Python: no SQLAlchemy, no Textual.

Decisions, where DOMAIN.md leaves room:

- `add_working_days(d, 0)` is `d` itself if it is a working day, else the next working day;
  `working_days_before(d, 0)` is `d` if it is a working day, else the previous one.
- Where a rule counts from a date that is missing (hospitering sent to the host without
  `sent_on`, LIS3 confirmation requested without `confirmation_requested_on`), it counts
  from the best earlier date known (own leader's decision, then `received_on`): a case
  waiting on others with no due date would otherwise never reach the inbox. Counting from
  an earlier date can only make the reminder come sooner, never later.
- Where the texts give no number of days (hospitering received, at own leader, decided by
  own leader; veiledning assessed, agreed, delivered; LIS3 after confirmation), there is no
  rule: "where the texts give no number of days, the app gives none".
- LIS3 confirmation in `registrert` / `i_ko` ignores `confirmation_requested_on`: a case
  goes back to the queue when the timing changes, and the new period needs a new request.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

from dateutil.easter import easter as easter_sunday  # Gregorian (Western) Easter Sunday
from dateutil.relativedelta import relativedelta

from samhandlingsdesk.domain.dates import format_date
from samhandlingsdesk.domain.kinds import KINDS, Move, kind_spec
from samhandlingsdesk.domain.text import agenda as txt
from samhandlingsdesk.domain.text import plural

__all__ = [
    "FOLLOWUPS",
    "REMINDER_LABELS",
    "WEIGHTS",
    "FollowUp",
    "Reminders",
    "Rule",
    "active_rules",
    "add_working_days",
    "describe",
    "due",
    "flags_only",
    "is_working_day",
    "lis1_missing_notifications",
    "lis3_confirmation_due",
    "next_reminder",
    "reason_text",
    "theirs_statuses",
    "weight_of",
    "whose_move",
    "working_days_before",
    "working_days_between",
]


# --- settings ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reminders:
    """Reminder lengths in working days (settings), with DOMAIN.md's defaults."""

    hospitering_sent_not_received: int = 5
    veiledning_not_assessed: int = 3
    lis1_notification: int = 1
    lis3_confirmation_answer: int = 10
    nettverk_announce_before: int = 10
    nettverk_report_after: int = 10
    # Follow-ups (DOMAIN.md «Follow-ups»): working days in a *theirs* status.
    followup_hospitering_hos_egen_leder: int = 5
    followup_hospitering_mottatt_vertsenhet: int = 10
    followup_hospitering_tilbakemeldt: int = 10
    followup_veiledning_avtalt: int = 15
    followup_lis1_varslet: int = 10
    followup_lis3_tilbudt: int = 10
    followup_lis3_sokt_vikariat: int = 10
    # A date-based follow-up whose date is missing counts this many days in the status.
    followup_without_date: int = 10
    # After a purring on a date-based follow-up whose date has passed.
    followup_after_reminder: int = 5

    @classmethod
    def from_mapping(cls, m: Mapping[str, object]) -> Reminders:
        """Build from settings; unknown keys are ignored, missing keys keep the default.

        Raises ValueError (Norwegian message) for values that are not whole numbers >= 0.
        """
        values: dict[str, int] = {}
        for f in fields(cls):
            if f.name not in m:
                continue
            v = m[f.name]
            label = REMINDER_LABELS[f.name]
            if isinstance(v, bool) or not isinstance(v, int):
                raise ValueError(f"{label}: må være et helt antall virkedager, ikke {v!r}")
            if v < 0:
                raise ValueError(f"{label}: kan ikke være negativ ({v})")
            values[f.name] = int(v)
        return cls(**values)

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


REMINDER_LABELS: dict[str, str] = {
    "hospitering_sent_not_received": (
        "Hospitering: virkedager fra sendt vertsenheten til mottak skal være bekreftet"
    ),
    "veiledning_not_assessed": "Veiledning: virkedager fra mottatt til henvendelsen er vurdert",
    "lis1_notification": "LIS1: virkedager fra hendelsen til varslingen skal være gjort",
    "lis3_confirmation_answer": (
        "LIS3/ALIS: virkedager kommunen har til å svare på forespørselen om bekreftelse"
    ),
    "nettverk_announce_before": (
        "Nettverk: virkedager før datoen aktiviteten senest skal være kunngjort"
    ),
    "nettverk_report_after": "Nettverk: virkedager etter datoen aktiviteten skal være rapportert",
    "followup_hospitering_hos_egen_leder": "Hospitering: oppfølging «Hos egen leder» etter",
    "followup_hospitering_mottatt_vertsenhet": (
        "Hospitering: oppfølging «Mottatt av vertsenhet» etter"
    ),
    "followup_hospitering_tilbakemeldt": "Hospitering: oppfølging «Tilbakemelding gitt» etter",
    "followup_veiledning_avtalt": "Veiledning: oppfølging «Avtalt» uten leveringsdato etter",
    "followup_lis1_varslet": "LIS1: oppfølging «Varslet» etter",
    "followup_lis3_tilbudt": "LIS3/ALIS: oppfølging «Tilbudt» etter",
    "followup_lis3_sokt_vikariat": "LIS3/ALIS: oppfølging «Søkt vikariat» etter",
    "followup_without_date": "Oppfølging når datoen den følger mangler, etter",
    "followup_after_reminder": "Neste purring når datoen har passert, etter",
}


# --- rules ------------------------------------------------------------------------------


Weight = Literal["kritisk", "frist", "oppfolging"]
WEIGHTS: tuple[Weight, ...] = ("kritisk", "frist", "oppfolging")

# DOMAIN.md «Weights»: LIS1 notifications and the LIS3 six-month confirmation are critical.
_CRITICAL_KEYS = frozenset({"lis3.confirmation_due"})


def weight_of(key: str) -> Weight:
    """The weight of a rule by its key: kritisk, frist or oppfolging."""
    if key.startswith("lis1.") or key in _CRITICAL_KEYS:
        return "kritisk"
    if key.startswith("followup."):
        return "oppfolging"
    return "frist"


@dataclass(frozen=True, slots=True)
class Rule:
    """One active rule of a case: the date it falls due and what is missing.

    `sentence` never depends on today (it may be stored); `describe(rule.key, rule.params,
    rule.on, today)` makes the sentence to show, with «(75 virkedager)» counted to today.
    """

    key: str  # stable id, e.g. "hospitering.sent_not_received"
    on: date  # the date the rule falls due
    sentence: str  # Norwegian, e.g. "Statsforvalteren er ikke varslet"
    flag: bool = False  # a warning flag (warn, never block) rather than a reminder
    # Dates the sentence is made from, as ISO text: "since", "reminded".
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def weight(self) -> Weight:
        return weight_of(self.key)

    def describe(self, today: date | None = None) -> str:
        return describe(self.key, self.params, self.on, today, self.sentence)


# --- working days -----------------------------------------------------------------------


@lru_cache(maxsize=256)
def _public_holidays(year: int) -> frozenset[date]:
    """Norwegian public holidays of `year`: 1 and 17 May, Christmas and Boxing Day, New
    Year's Day, and the Easter-based ones (Maundy Thursday, Good Friday, Easter Sunday and
    Monday, Ascension Day, Whit Sunday and Monday). Computed here: `holidays.Norway` gives
    the same dates (a test compares them for 1990–2100) but costs ~0.4 s to load, which
    every start of the command line would pay. Easter itself is dateutil's."""
    easter = easter_sunday(year)
    return frozenset(
        {
            date(year, 1, 1),
            date(year, 5, 1),
            date(year, 5, 17),
            date(year, 12, 25),
            date(year, 12, 26),
            *(easter + timedelta(days=n) for n in (-3, -2, 0, 1, 39, 49, 50)),
        }
    )


def is_working_day(d: date) -> bool:
    """Monday to Friday and not a Norwegian public holiday."""
    return d.weekday() < 5 and d not in _public_holidays(d.year)


def _as_date(d: date) -> date:
    return d.date() if isinstance(d, datetime) else d


def add_working_days(d: date, n: int) -> date:
    """The n-th working day after `d` (n > 0) or before it (n < 0); `d` itself never counts.

    n = 0 gives `d` if it is a working day, else the next working day.
    """
    d = _as_date(d)
    step = timedelta(days=1 if n >= 0 else -1)
    if n == 0:
        while not is_working_day(d):
            d += step
        return d
    remaining = abs(n)
    while remaining:
        d += step
        if is_working_day(d):
            remaining -= 1
    return d


def working_days_before(d: date, n: int) -> date:
    """The n-th working day before `d`; n = 0 gives `d` or the working day before it."""
    if n < 0:
        raise ValueError(f"antall virkedager kan ikke være negativt ({n})")
    d = _as_date(d)
    if n == 0:
        while not is_working_day(d):
            d -= timedelta(days=1)
        return d
    return add_working_days(d, -n)


def lis3_confirmation_due(start: date) -> date:
    """Planned start − 6 months, clamped to the month's end (31.08 -> 28/29.02)."""
    return _as_date(start) - relativedelta(months=6)


# --- reading values ---------------------------------------------------------------------


def _date(values: Mapping[str, Any], name: str) -> date | None:
    v = values.get(name)
    if v is None:
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    raise TypeError(f"{name}: forventet en dato, fikk {v!r}")


def _first_date(values: Mapping[str, Any], *names: str) -> date | None:
    for name in names:
        d = _date(values, name)
        if d is not None:
            return d
    return None


# --- LIS1 -------------------------------------------------------------------------------

LIS1_DROP_OUTS = ("frafall_for", "frafall_under")


def _lis1_missing(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    notice_type = values.get("notice_type")
    hospital = _date(values, "hospital_notified_on")
    out: list[tuple[str, str]] = []
    if notice_type in LIS1_DROP_OUTS:
        statsforvalter = (
            _date(values, "statsforvalter_notified_on") is not None
            or values.get("statsforvalter_confirmed") is True
        )
        if not statsforvalter:
            out.append(("lis1.statsforvalter_not_notified", "Statsforvalteren er ikke varslet"))
        if hospital is None:
            out.append(("lis1.hospital_not_notified", "Sykehuset er ikke varslet"))
    elif notice_type == "forsinkelse":
        if _date(values, "other_party_informed_on") is None:
            out.append(
                (
                    "lis1.other_party_not_informed",
                    "Den andre parten er ikke informert om forsinkelsen",
                )
            )
    elif notice_type == "restplass":
        if hospital is None:
            out.append(
                (
                    "lis1.hospital_not_informed_restplass",
                    "Sykehuset er ikke informert om restplassen",
                )
            )
    else:
        out.append(("lis1.notice_type_missing", "Type varsel er ikke valgt"))
    return out


def lis1_missing_notifications(values: Mapping[str, Any]) -> list[str]:
    """What is still missing before a LIS1 case can be "varslet", as Norwegian sentences.

    Drop-outs need the hospital and the Statsforvalter (a date, or confirmed by the
    municipality); a delay needs the other party informed; a remaining place needs the
    hospital informed. Without a notice type nothing can be notified. Empty = complete.
    """
    return [sentence for _key, sentence in _lis1_missing(values)]


# --- active rules -----------------------------------------------------------------------

_HOSPITERING_EVALUATION = ("avtalt", "pagar", "gjennomfort")
_HOSPITERING_HOST_DECIDED = ("godkjent_vertsenhet", "avslatt_vertsenhet")


def _hospitering(status: str, v: Mapping[str, Any], r: Reminders) -> list[Rule]:
    rules: list[Rule] = []
    if status == "sendt_vertsenhet" and _date(v, "host_received_on") is None:
        start = _first_date(v, "sent_on", "own_leader_on", "received_on")
        if start is not None:
            rules.append(
                Rule(
                    "hospitering.sent_not_received",
                    add_working_days(start, r.hospitering_sent_not_received),
                    "Sendt vertsenheten, men ikke bekreftet mottatt",
                    flag=True,
                    params={"since": start.isoformat()},
                )
            )
    if status in _HOSPITERING_HOST_DECIDED and _date(v, "feedback_on") is None:
        decided = _first_date(v, "host_leader_on", "host_received_on", "received_on")
        if decided is not None:
            rules.append(
                Rule(
                    "hospitering.feedback_missing",
                    decided,
                    "Vertsenheten har svart, men søkeren har ikke fått tilbakemelding",
                    flag=True,
                )
            )
    if status == "pagar" and _date(v, "confidentiality_on") is None:
        started = _first_date(v, "agreed_from", "period_from", "received_on")
        if started is not None:
            rules.append(
                Rule(
                    "hospitering.confidentiality_missing",
                    started,
                    "Taushetserklæring er ikke registrert",
                    flag=True,
                )
            )
    if status in _HOSPITERING_EVALUATION and _date(v, "evaluation_done_on") is None:
        planned = _date(v, "evaluation_planned_on")
        if planned is not None:
            rules.append(
                Rule(
                    "hospitering.evaluation_not_done",
                    planned,
                    "Evalueringen er ikke gjennomført",
                    flag=True,
                )
            )
    return rules


def _veiledning(status: str, v: Mapping[str, Any], r: Reminders) -> list[Rule]:
    received = _date(v, "received_on")
    if status == "mottatt" and received is not None:
        return [
            Rule(
                "veiledning.not_assessed",
                add_working_days(received, r.veiledning_not_assessed),
                "Henvendelsen er ikke vurdert",
            )
        ]
    return []


def _lis1(status: str, v: Mapping[str, Any], r: Reminders) -> list[Rule]:
    if status not in ("mottatt", "varsles"):
        return []
    start = _first_date(v, "event_on", "received_on")
    if start is None:
        return []
    on = add_working_days(start, r.lis1_notification)
    notice = v.get("notice_type")
    params = {"notice": str(notice)} if notice in txt.LIS1_NOTICE else {}
    return [Rule(key, on, sentence, params=params) for key, sentence in _lis1_missing(v)]


def _lis3(status: str, v: Mapping[str, Any], r: Reminders) -> list[Rule]:
    if status in ("registrert", "i_ko"):
        desired = _date(v, "desired_from")
        if desired is None:
            return []
        on = lis3_confirmation_due(desired)
        return [
            Rule(
                "lis3.confirmation_due",
                on,
                f"Bekreftelse fra kommunen må etterspørres senest {format_date(on)}",
            )
        ]
    if status == "bekreftelse_bedt":
        asked = _first_date(v, "confirmation_requested_on", "received_on")
        if asked is None:
            return []
        return [
            Rule(
                "lis3.confirmation_not_answered",
                add_working_days(asked, r.lis3_confirmation_answer),
                "Kommunen har ikke svart på forespørselen om bekreftelse",
                params={"since": asked.isoformat()},
            )
        ]
    return []


def _nettverk(status: str, v: Mapping[str, Any], r: Reminders) -> list[Rule]:
    held = _date(v, "held_on")
    if held is None:
        return []
    if status == "planlagt" and _date(v, "announced_on") is None:
        return [
            Rule(
                "nettverk.not_announced",
                working_days_before(held, r.nettverk_announce_before),
                "Aktiviteten er ikke kunngjort til den andre parten",
            )
        ]
    if status == "gjennomfort":
        return [
            Rule(
                "nettverk.not_reported",
                add_working_days(held, r.nettverk_report_after),
                "Aktiviteten er ikke rapportert",
            )
        ]
    return []


_BY_KIND = {
    "hospitering": _hospitering,
    "veiledning": _veiledning,
    "lis1": _lis1,
    "lis3": _lis3,
    "nettverk": _nettverk,
}


def active_rules(
    kind: str, status: str, values: Mapping[str, Any], reminders: Reminders
) -> list[Rule]:
    """The rules active for a case in `status`, sorted by date (ties keep rule order).

    `values` holds the common fields and the kind's detail fields by their names in
    kinds.py; dates are `datetime.date` or None. Terminal statuses give no rules. There
    is no `today`: each rule's date is its deadline, and the inbox compares it with today.

    Raises KeyError for an unknown kind or status.
    """
    rules = _BY_KIND[str(kind)](status, values, reminders)
    if whose_move(kind, status) == "theirs":
        rules = _with_followup(str(kind), status, values, reminders, rules)
    return sorted(rules, key=lambda rule: rule.on)


def due(
    kind: str, status: str, values: Mapping[str, Any], reminders: Reminders
) -> tuple[date | None, str | None]:
    """The case's `due_on` and `due_reason`: the earliest active rule, or (None, None)."""
    rules = active_rules(kind, status, values, reminders)
    if not rules:
        return None, None
    return rules[0].on, rules[0].sentence


# --- follow-ups (DOMAIN.md «Follow-ups: no waiting case is forgotten») --------------------


@dataclass(frozen=True, slots=True)
class FollowUp:
    """The rule that brings a case in a *theirs* status back.

    `covered_by`: an existing rule of the status that already does it (the follow-up is
    then only added when that rule is not active). `dates`: the natural date(s) the status
    follows, first present wins. `length`: the Reminders field with its working days,
    counted from `status_since` (also the length after a purring).
    """

    kind: str
    status: str
    length: str | None = None
    dates: tuple[str, ...] = ()
    covered_by: str | None = None
    count_from: tuple[str, ...] = ()  # dates to count `length` from before status_since

    @property
    def key(self) -> str:
        return f"followup.{self.kind}.{self.status}"

    def days(self, r: Reminders) -> int:
        """Working days to wait: `length`'s setting, else `followup_without_date`'s."""
        return getattr(r, self.length) if self.length else r.followup_without_date


FOLLOWUPS: dict[tuple[str, str], FollowUp] = {
    (f.kind, f.status): f
    for f in (
        FollowUp("hospitering", "hos_egen_leder", "followup_hospitering_hos_egen_leder"),
        FollowUp(
            "hospitering",
            "sendt_vertsenhet",
            "hospitering_sent_not_received",
            covered_by="hospitering.sent_not_received",
        ),
        FollowUp("hospitering", "mottatt_vertsenhet", "followup_hospitering_mottatt_vertsenhet"),
        FollowUp("hospitering", "tilbakemeldt", "followup_hospitering_tilbakemeldt"),
        FollowUp("hospitering", "avtalt", dates=("agreed_from", "period_from")),
        FollowUp("hospitering", "pagar", dates=("agreed_to", "period_to")),
        FollowUp(
            "veiledning",
            "avtalt",
            "followup_veiledning_avtalt",
            dates=("planned_delivery_on",),
            count_from=("agreed_on",),
        ),
        FollowUp("lis1", "varslet", "followup_lis1_varslet"),
        FollowUp("lis3", "i_ko", covered_by="lis3.confirmation_due"),
        FollowUp(
            "lis3",
            "bekreftelse_bedt",
            "lis3_confirmation_answer",
            covered_by="lis3.confirmation_not_answered",
        ),
        FollowUp("lis3", "tilbudt", "followup_lis3_tilbudt"),
        FollowUp("lis3", "sokt_vikariat", "followup_lis3_sokt_vikariat"),
        FollowUp("lis3", "pagar", dates=("offered_to", "desired_to")),
        FollowUp("nettverk", "kunngjort", dates=("held_on",)),
    )
}


# Who a follow-up waits for, by its rule key.
_AWAITED = {FollowUp(kind, status).key: who for (kind, status), who in txt.AWAITED.items()}


def _since(values: Mapping[str, Any], f: FollowUp) -> date | None:
    return _first_date(values, *f.count_from, "status_since", "received_on")


def _followup_rule(f: FollowUp, values: Mapping[str, Any], r: Reminders) -> Rule | None:
    natural = _first_date(values, *f.dates)
    if natural is not None:
        return Rule(f.key, natural, _dated(f.key, natural))
    since = _since(values, f)
    if since is None:
        return None
    params = {"since": since.isoformat()}
    return Rule(
        f.key,
        add_working_days(since, f.days(r)),
        describe(f.key, params, None, None),
        params=params,
    )


def _with_followup(
    kind: str, status: str, values: Mapping[str, Any], r: Reminders, rules: list[Rule]
) -> list[Rule]:
    """Add the status's follow-up (unless a rule covers it) and apply the last purring."""
    f = FOLLOWUPS[(kind, status)]  # every *theirs* status has one (a test walks kinds.py)
    waiting = next((rule for rule in rules if rule.key == f.covered_by), None)
    if waiting is None:
        waiting = _followup_rule(f, values, r)
        if waiting is None:
            return rules
        rules = [*rules, waiting]
    reminded = _date(values, "reminded_on")
    since = _date(values, "status_since")
    if reminded is None or (since is not None and reminded < since):
        return rules
    if waiting.weight == "kritisk":
        return rules  # a purring never moves a critical date
    if "since" in waiting.params:
        on = add_working_days(reminded, f.days(r))
    elif waiting.on > reminded:
        on = waiting.on
    else:
        on = add_working_days(reminded, r.followup_after_reminder)
    moved = replace(waiting, on=on, params={**waiting.params, "reminded": reminded.isoformat()})
    return [moved if rule is waiting else rule for rule in rules]


def next_reminder(
    kind: str, status: str, values: Mapping[str, Any], r: Reminders, reminded: date
) -> date | None:
    """The date the waiting rule falls due after a purring on `reminded`."""
    rules = active_rules(kind, status, {**values, "reminded_on": reminded}, r)
    f = FOLLOWUPS.get((kind, status))
    keys = {f.key, f.covered_by} if f else set()
    return next((rule.on for rule in rules if rule.key in keys), None)


def theirs_statuses() -> list[tuple[str, str]]:
    """Every (kind, status) whose move is *theirs*, from kinds.py."""
    return [
        (kind, st.key)
        for kind, spec in KINDS.items()
        for st in spec.statuses
        if st.move == "theirs"
    ]


# --- the sentence, made when shown ----------------------------------------------------------


def _weekdays_through(d: date) -> int:
    """Monday-to-Friday days from a fixed Monday (1 Jan 0001) through `d`."""
    n = d.toordinal()  # day 1 is Monday 1 Jan 0001
    weeks, rest = divmod(n, 7)
    return weeks * 5 + min(rest, 5)


@lru_cache(maxsize=256)
def _weekday_holidays(year: int) -> tuple[date, ...]:
    """`year`'s public holidays that fall on Monday to Friday, sorted."""
    return tuple(sorted(h for h in _public_holidays(year) if h.weekday() < 5))


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start).

    Counted without walking the days (a list of thousands of overdue cases shows this
    for every row): weekdays by arithmetic, less the public holidays on weekdays in
    (start, end] — the whole years between, and each end's year up to its day."""
    start, end = _as_date(start), _as_date(end)
    weekdays = _weekdays_through(end) - _weekdays_through(start)
    holidays = sum(len(_weekday_holidays(year)) for year in range(start.year, end.year))
    holidays += bisect_right(_weekday_holidays(end.year), end)
    holidays -= bisect_right(_weekday_holidays(start.year), start)
    return max(weekdays - holidays, 0)


def _param_date(params: Mapping[str, str], name: str) -> date | None:
    v = params.get(name)
    try:
        return date.fromisoformat(v) if v else None
    except ValueError:
        return None


def describe(
    key: str,
    params: Mapping[str, str] | None,
    on: date | None,
    today: date | None,
    fallback: str | None = None,
) -> str:
    """The Norwegian sentence of a rule from its key and parameters; with `today`, the
    working days waited are counted («Venter på vertsenheten siden 12.08.2026 (75
    virkedager)»). Unknown keys give `fallback` (the stored sentence)."""
    params = params or {}
    since = _param_date(params, "since")
    ago = ""
    if since is not None and today is not None:
        ago = txt.AGO.format(n=plural(working_days_between(since, today), "virkedag", "virkedager"))
    fmt = {"on": format_date(on), "since": format_date(since), "ago": ago}
    text: str | None = None
    if key.startswith("followup."):
        awaited = _AWAITED.get(key, "andre")
        if since is None and key in txt.DATED:
            text = _dated(key, on)
        elif since is None:
            text = txt.WAITING_NO_SINCE.format(awaited=awaited)
        else:
            text = txt.WAITING.format(awaited=awaited, **fmt)
    elif key in txt.RULE_SENTENCES and (
        since is not None or "{since}" not in txt.RULE_SENTENCES[key]
    ):
        text = txt.RULE_SENTENCES[key].format(**fmt)
    if text is None:
        text = fallback or ""
        if key.startswith("lis1.") and params.get("notice") in txt.LIS1_NOTICE:
            text = f"{txt.LIS1_NOTICE[params['notice']]}: {text}"
    reminded = _param_date(params, "reminded")
    if reminded is not None:
        text += txt.REMINDED.format(reminded=format_date(reminded))
    return text


def _dated(key: str, on: date | None) -> str:
    """The sentence of a follow-up that falls due on the date its status follows."""
    return txt.DATED[key].format(on=format_date(on))


def reason_text(
    key: str | None,
    params_json: str | None,
    on: date | None,
    stored: str | None,
    today: date | None,
) -> str:
    """The shown reason of a case from its stored `due_key` and `due_params` (JSON):
    `stored` (`due_reason`) only for a case written before keys existed."""
    if not key:
        return stored or ""
    return describe(key, _stored_params(params_json), on, today, stored)


def _stored_params(params_json: str | None) -> dict[str, str]:
    """A case's `due_params` (a JSON object); {} for none and for anything else."""
    if not params_json:
        return {}
    try:
        params = json.loads(params_json)
    except ValueError:
        return {}
    return params if isinstance(params, dict) else {}


def flags_only(rules: Iterable[Rule]) -> list[Rule]:
    """The warning flags among `rules` (warn, never block), in the given order."""
    return [rule for rule in rules if rule.flag]


def whose_move(kind: str, status: str) -> Move:
    """ "ours", "theirs" or "done", as kinds.py says. KeyError for unknown kind/status."""
    return kind_spec(kind).status(status).move
