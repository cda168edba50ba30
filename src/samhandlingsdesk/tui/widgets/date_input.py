"""An Input for a Norwegian date: parses as you type and says what it understood.

`DateInput` reads what is typed with `domain.dates.parse_date`, in the field's direction
(forward for planned dates, backward for dates that have happened) and against the app's
today, and keeps `feedback` up to date: `= fredag 17.05.2026` when it understood a date,
the Norwegian message when it did not, empty when nothing is typed. The screen shows the
feedback under the field (the form does, on `Input.Changed`, which comes after `feedback`
is updated) and reads `parse()` or `date_value` when saving.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import events
from textual.widgets import Input

from samhandlingsdesk.domain.dates import DateError, Direction, format_date, parse_date
from samhandlingsdesk.domain.text.screens import DATE_PLACEHOLDER

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def describe_date(d: date) -> str:
    """`fredag 17.05.2026`."""
    return f"{WEEKDAYS[d.weekday()]} {format_date(d)}"


class DateInput(Input):
    """A date field. `direction` decides `17.5`, `fredag` and `uke 34` (DOMAIN.md)."""

    def __init__(
        self,
        value: date | str | None = None,
        *,
        direction: Direction = "past",
        today: Callable[[], date] | None = None,
        **kwargs: object,
    ) -> None:
        text = format_date(value) if isinstance(value, date) else (value or "")
        kwargs.setdefault("placeholder", DATE_PLACEHOLDER)
        self.direction: Direction = direction
        self._today_fn = today
        self.feedback = ""
        self.error: str | None = None
        super().__init__(text, **kwargs)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.set_class(not self.check(), "-invalid")

    def today(self) -> date:
        if self._today_fn is not None:
            return self._today_fn()
        app_today = getattr(self.app, "today", None)
        return app_today() if callable(app_today) else date.today()

    def parse(self) -> date | None:
        """The date typed (None when empty). Raises DateError with the Norwegian message."""
        return parse_date(self.value, today=self.today(), direction=self.direction)

    @property
    def date_value(self) -> date | None:
        """The date typed, or None when empty or not understood."""
        try:
            return self.parse()
        except DateError:
            return None

    def check(self) -> bool:
        """Re-read the text; update `feedback` and `error`. True when usable (or empty)."""
        try:
            parsed = self.parse()
        except DateError as exc:
            self.error = str(exc)
            self.feedback = self.error
            return False
        self.error = None
        self.feedback = f"= {describe_date(parsed)}" if parsed else ""
        return True

    def set_date(self, value: date | None) -> None:
        self.value = format_date(value) if value else ""

    def watch_value(self, _value: str) -> None:
        # Public watcher: Textual runs it after Input's own (which posts Changed, so the
        # screen reads `feedback` after this has set it).
        self.set_class(not self.check(), "-invalid")

    def on_blur(self, _event: events.Blur) -> None:
        # Show the understood date as it is stored: `17.5` becomes `17.05.2026`. (Textual
        # calls Input's own blur handler after this one, so Blurred carries the new text.)
        parsed = self.date_value
        if parsed is not None and self.value.strip() != format_date(parsed):
            self.value = format_date(parsed)
