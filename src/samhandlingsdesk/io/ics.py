"""iCalendar (RFC 5545) for the agenda's calendar file (`samhandlingsdesk agenda --ics`),
written with the `icalendar` package: all-day events (DTEND is the day after the last
day), a UID that stays the same for a case and its rule (a re-import updates the event
instead of adding a second), a DTSTAMP from the case's last change. A file without events
is still a valid calendar. File format only: the events are made by `service/agenda.py`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

PRODID = "-//samhandlingsdesk//agenda//NO"
CAL_NAME = "Samhandlingsdesk"
UID_HOST = "samhandlingsdesk"  # every UID ends in @samhandlingsdesk


@dataclass(frozen=True, slots=True)
class CalEvent:
    uid: str  # the event's key, stable for a case and its rule; the file adds @UID_HOST
    summary: str
    first: date
    last: date  # inclusive
    stamp: datetime  # the case's last change
    description: str = ""


def to_ics(events: Iterable[CalEvent]) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", CAL_NAME)
    for e in events:
        ev = Event()
        ev.add("uid", f"{e.uid}@{UID_HOST}")
        ev.add("summary", e.summary)
        ev.add("dtstart", e.first)
        ev.add("dtend", e.last + timedelta(days=1))
        stamp = e.stamp if e.stamp.tzinfo else e.stamp.replace(tzinfo=UTC)
        ev.add("dtstamp", stamp.astimezone(UTC))
        ev.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the time stays free
        if e.description:
            ev.add("description", e.description)
        cal.add_component(ev)
    return cal.to_ical()
