"""The agenda (issue #13): what needs doing, grouped by when — «Forfalt», «I dag», «Resten
av uken» (to Sunday; empty on a Sunday), «Neste uke» (the next ISO week), «Senere» — each
item with its rule in plain Norwegian and its weight, and the counts per group and kind.

The desk's screen (tui/screens/agenda.py) and the command line (`samhandlingsdesk agenda`)
both call `build_agenda`. The items are the open cases with a due date that are not
snoozed past today (a snoozed case stays away until its day), in due order, read from the
inbox index; the counts come from the covering index of the inbox summary. No Textual.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.text.agenda import (
    GROUP_LABELS,
    ICS_DESCRIPTION,
    ICS_HOSPITERING,
    ICS_NETWORK,
    ICS_SUMMARY,
    WEIGHT_LABELS,
)
from samhandlingsdesk.io.ics import CalEvent, to_ics
from samhandlingsdesk.store.agenda import agenda_counts, agenda_rows, calendar_dates
from samhandlingsdesk.store.repo import CaseRow, Repo

GROUPS = ("forfalt", "i_dag", "uken", "neste_uke", "senere")
FIRST_SCREEN = 100  # items read for the screen's first view (the counts cover all)
MORE = 200  # items read more each time the cursor nears the end


def week_end(today: date) -> date:
    """The Sunday of today's ISO week."""
    return today + timedelta(days=6 - today.weekday())


def group_of(on: date, today: date) -> str:
    """Which group a date falls in, seen from `today`."""
    if on < today:
        return "forfalt"
    if on == today:
        return "i_dag"
    sunday = week_end(today)
    if on <= sunday:
        return "uken"
    if on <= sunday + timedelta(days=7):
        return "neste_uke"
    return "senere"


@dataclass(frozen=True, slots=True)
class AgendaItem:
    row: CaseRow
    group: str
    reason: str  # the rule in plain Norwegian, as of today
    weight: str  # kritisk / frist / oppfolging

    @property
    def on(self) -> date:
        assert self.row.due_on is not None
        return self.row.due_on

    @property
    def weight_label(self) -> str:
        return WEIGHT_LABELS.get(self.weight, "")


@dataclass(frozen=True, slots=True)
class Agenda:
    today: date
    items: tuple[AgendaItem, ...]
    counts: dict[str, int]  # per group, over every item (not only those read)
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)  # group -> kind -> n
    more: bool = False  # more items than were read

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def groups(self) -> list[tuple[str, str, list[AgendaItem]]]:
        """(key, label, items) for every group, in order, empty ones included."""
        return [(g, GROUP_LABELS[g], [i for i in self.items if i.group == g]) for g in GROUPS]

    @property
    def pressing(self) -> bool:
        """Something is critical or overdue (the desk may open on the agenda)."""
        return self.counts.get("forfalt", 0) > 0 or any(
            i.weight == "kritisk" and i.on <= self.today for i in self.items
        )


def _weight(row: CaseRow, today: date) -> str:
    return "kritisk" if row.critical(today) else row.weight


def build_agenda(
    repo: Repo,
    today: date,
    *,
    days: int | None = None,
    kind: str | None = None,
    limit: int | None = FIRST_SCREEN,
) -> Agenda:
    """The agenda as of `today`: items due up to `today + days` (all when None), of one
    `kind` (all when None); at most `limit` items read (None: all)."""
    if kind is not None and kind not in KINDS:
        raise ValueError(kind)
    until = today + timedelta(days=days) if days is not None else None
    rows = agenda_rows(repo, today, until, kind, limit)
    more = limit is not None and len(rows) > limit
    rows = rows[:limit] if limit is not None else rows
    items = tuple(
        AgendaItem(r, group_of(r.due_on, today), r.reason(today), _weight(r, today))
        for r in rows
        if r.due_on is not None
    )
    counts = dict.fromkeys(GROUPS, 0)
    by_kind: dict[str, dict[str, int]] = {g: {} for g in GROUPS}
    for on, k, n in agenda_counts(repo, today, until, kind):
        grp = group_of(on, today)
        counts[grp] += n
        by_kind[grp][k] = by_kind[grp].get(k, 0) + n
    return Agenda(today, items, counts, by_kind, more=more)


def as_json(agenda: Agenda) -> dict[str, Any]:
    """The agenda as plain data (the CLI's --json): no names, no contact data."""
    return {
        "today": agenda.today.isoformat(),
        "counts": agenda.counts,
        "counts_by_kind": agenda.by_kind,
        "items": [
            {
                "group": i.group,
                "due_on": i.on.isoformat(),
                "ref": i.row.ref,
                "kind": i.row.kind,
                "status": i.row.status,
                "weight": i.weight,
                "rule": i.row.due_key,
                "reason": i.reason,
            }
            for i in agenda.items
        ],
    }


# --- the calendar file --------------------------------------------------------------------


def _summary(ref: str, kind: str, what: str, title: str | None) -> str:
    """A calendar entry's one line: the case and what is due, with its name if asked."""
    summary = ICS_SUMMARY.format(ref=ref, kind=kind, what=what)
    return f"{summary} — {title}" if title else summary


def calendar_events(
    repo: Repo,
    today: date,
    *,
    days: int | None = None,
    kind: str | None = None,
    with_names: bool = False,
) -> list[CalEvent]:
    """The dated items of the agenda, the open networks' activity dates and the agreed
    hospitering periods, as calendar events. Titles carry the ref, the kind and the rule;
    the case's title (a person's name) only `with_names`; never an address or a phone."""
    agenda = build_agenda(repo, today, days=days, kind=kind, limit=None)
    events: list[CalEvent] = []
    for item in agenda.items:
        r = item.row
        summary = _summary(r.ref, r.kind_label, r.reason(None), r.title if with_names else None)
        events.append(
            CalEvent(
                uid=f"{r.id}.{r.due_key or 'frist'}",
                summary=summary,
                first=item.on,
                last=item.on,
                stamp=r.updated_at or datetime.now(UTC),
                description=ICS_DESCRIPTION.format(weight=item.weight_label, status=r.status_label),
            )
        )
    until = today + timedelta(days=days) if days is not None else None
    for d in calendar_dates(repo, today):
        if kind is not None and d.kind != kind:
            continue
        if until is not None and d.start > until:
            continue
        what = ICS_NETWORK if d.what == "nettverk" else ICS_HOSPITERING
        summary = _summary(d.ref, KINDS[d.kind].label, what, d.title if with_names else None)
        events.append(
            CalEvent(
                uid=f"{d.case_id}.{d.what}.dato",
                summary=summary,
                first=d.start,
                last=d.end,
                stamp=datetime.fromisoformat(d.updated_at),  # a naive time is UTC (to_ics)
            )
        )
    return events


def write_ics(path: Path, events: list[CalEvent]) -> int:
    """Write the calendar to `path` (through a temporary file beside it, renamed into
    place); returns the number of events."""
    data = to_ics(events)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return len(events)
