"""The settings screen (the palette, `,` on the desk screen, F2): side, every reminder and
follow-up length, the export folder, the backups folder and how many are kept, theme,
open-on-agenda, and the retention period per kind ([retention]). Each field is
checked as it is typed; Ctrl+S saves to settings.toml keeping the user's comments
(tomlkit) and recomputes the due dates in the background, with a message saying how many
moved. Nobody has to edit TOML by hand."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from samhandlingsdesk.domain.deadlines import REMINDER_LABELS, Reminders
from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.retention import DEFAULT_MONTHS
from samhandlingsdesk.domain.text import agenda as txt
from samhandlingsdesk.domain.text import plural
from samhandlingsdesk.settings import RETENTION_PREFIX, parse_setting
from samhandlingsdesk.tui.keys import TAB_BINDINGS, hint
from samhandlingsdesk.tui.widgets.footer import DeskFooter
from samhandlingsdesk.tui.work import host

GENERAL = (
    "side",
    "theme",
    "export_dir",
    "backup_dir",
    "backups_kept",
    "open_on_agenda",
    "stats_exact",
)
YES_NO = ("open_on_agenda", "stats_exact")
RETENTION = tuple(f"{RETENTION_PREFIX}{kind}" for kind in KINDS)


def _shown(name: str, value: Any) -> str:
    if name in YES_NO:
        return "ja" if value else "nei"
    return "" if value is None else str(value)


class SettingsScreen(Screen[None]):
    TITLE = txt.SETTINGS_TITLE

    BINDINGS = [
        Binding("escape", "close", "Lukk", id="settings-close"),
        Binding("ctrl+s", "save", "Lagre", id="settings-save", priority=True),
        *TAB_BINDINGS,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = [*GENERAL, *Reminders.__dataclass_fields__, *RETENTION]

    def _current(self, name: str) -> Any:
        s = host(self).settings
        if name in Reminders.__dataclass_fields__:
            return getattr(s.reminders, name)
        if name in RETENTION:
            return s.retention.get(name.removeprefix(RETENTION_PREFIX), DEFAULT_MONTHS)
        return getattr(s, name)

    def _placeholder(self, name: str) -> str:
        """The backups folder used when the field is empty (`backups/` beside the desk)."""
        if name != "backup_dir":
            return ""
        app: Any = self.app
        return str(replace(app.settings, backup_dir=None).backups_path(app.desk.path))

    def compose(self) -> ComposeResult:
        yield Static(txt.SETTINGS_TITLE, classes="dialog-title")
        with VerticalScroll(id="settings-body", can_focus=False):
            yield Static(txt.SETTINGS_GROUP_GENERAL, classes="field-label")
            for name in GENERAL:
                yield from self._field(name, txt.SETTINGS_LABELS[name])
            yield Static(txt.SETTINGS_GROUP_REMINDERS, classes="field-label")
            for name in Reminders.__dataclass_fields__:
                yield from self._field(name, REMINDER_LABELS[name])
            yield Static(txt.SETTINGS_GROUP_RETENTION, classes="field-label")
            for name in RETENTION:
                yield from self._field(name, KINDS[name.removeprefix(RETENTION_PREFIX)].label)
        keys = {
            "save": hint(self, "settings-save"),
            "close": hint(self, "settings-close"),
            "next": hint(self, "focus-next"),
        }
        yield Static(txt.SETTINGS_HELP.format(**keys), classes="dialog-help")
        yield DeskFooter(compact=True)

    def _field(self, name: str, label: str) -> ComposeResult:
        with Horizontal(classes="setting-row"):
            yield Static(label, classes="setting-label")
            yield Input(
                _shown(name, self._current(name)),
                placeholder=self._placeholder(name),
                id=f"set-{name}",
                compact=True,
            )
        yield Static("", id=f"hint-{name}", classes="hint setting-hint")

    def on_mount(self) -> None:
        self.query_one(f"#set-{self.names[0]}", Input).focus()

    def _themes(self) -> list[str]:
        return list(self.app.available_themes)

    def _check(self, name: str, text: str) -> tuple[bool, Any]:
        hint = self.query_one(f"#hint-{name}", Static)
        try:
            value = parse_setting(name, text, self._themes())
        except ValueError as exc:
            hint.update(str(exc))
            hint.add_class("error")
            hint.display = True
            return False, None
        hint.update("")
        hint.remove_class("error")
        hint.display = False
        return True, value

    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("set-")
        if name in self.names:
            self._check(name, event.value)

    def values(self) -> dict[str, Any] | None:
        """Every field's value, or None (with the hints showing why) if any is wrong."""
        out: dict[str, Any] = {}
        ok = True
        for name in self.names:
            good, value = self._check(name, self.query_one(f"#set-{name}", Input).value)
            ok = ok and good
            out[name] = value
        return out if ok else None

    def action_save(self) -> None:
        values = self.values()
        if values is None:
            self.app.notify(txt.SETTINGS_INVALID, severity="error")
            return
        changed = {n: v for n, v in values.items() if v != self._current(n)}
        if not changed:
            self.app.notify(txt.SETTINGS_UNCHANGED)
            return
        host(self).apply_settings(changed)

    def action_close(self) -> None:
        self.dismiss()


def recomputed_message(n: int) -> str:
    return txt.SETTINGS_RECOMPUTED.format(n=plural(n, "sak", "saker"))
