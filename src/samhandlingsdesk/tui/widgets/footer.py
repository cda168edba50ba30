"""The key line at the bottom of a screen: one widget that draws the keys itself.

Textual's `Footer` is a container of one `FooterKey` widget per key, composed only after
the screen's first refresh and recomposed on every change of the screen's bindings. On
the case screen (ten keys) mounting, styling and laying out those widgets after the
first frame was about a third of `Enter` → case usable (issue #9 «Performance»). This
footer is one line drawn from the screen's active bindings (Textual's Line API): there
in the first frame, redrawn only when the keys it shows change, and drawn as Textual's
footer draws them — the same cells and colours (the snapshot tests hold it to that):
each key in the key colour and its description after it, the command palette's key
on the right behind a thin bar, disabled keys dim, the key under the mouse lit. A click
on a key presses it, as on Textual's footer. Textual's binding groups are drawn as plain
keys (the desk has none).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget


@dataclass(frozen=True, slots=True)
class _Key:
    """One key as the line shows it."""

    key: str  # the key pressed on a click
    display: str  # as shown: ^s, esc …
    description: str
    enabled: bool
    tooltip: str


class DeskFooter(Widget, can_focus=False):
    """The screen's keys on one line, drawn without a widget per key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--key",
        "footer-key--description",
        "desk-footer--hover",
        "desk-footer--bar",
    }
    # The colours and text styles of Textual's Footer and FooterKey.
    DEFAULT_CSS = """
    DeskFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .desk-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .desk-footer--bar {
            color: $foreground 20%;
        }
    }
    """

    compact = reactive(False)
    """Less space around the keys (Textual's `Footer.compact`)."""
    show_command_palette = reactive(True)

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        compact: bool = False,
        show_command_palette: bool = True,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(DeskFooter.compact, compact)
        self.set_reactive(DeskFooter.show_command_palette, show_command_palette)
        self._shown: tuple[tuple[_Key, ...], _Key | None] | None = None
        self._spans: list[tuple[int, int, _Key]] = []  # (start, end, key) on the line
        self._hover: _Key | None = None

    # -- what the line shows ----------------------------------------------------------
    def keys(self) -> tuple[tuple[_Key, ...], _Key | None]:
        """The keys shown on the left (one per action, as Textual's footer) and the
        command palette's key, from the screen's bindings as they are now."""
        app = self.app
        active = self.screen.active_bindings

        def shown(binding: Binding, enabled: bool, tooltip: str) -> _Key:
            display = app.get_key_display(binding)
            return _Key(binding.key, display, binding.description, enabled, tooltip)

        left: dict[str, _Key] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in left:
                left[binding.action] = shown(binding, enabled, tooltip)
        palette = None
        found = active.get(app.COMMAND_PALETTE_BINDING)
        if found is not None and self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            binding = found.binding
            palette = shown(binding, found.enabled, binding.tooltip or binding.description)
        return tuple(left.values()), palette

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Redraw when the keys to show have changed (a focus move between fields with
        the same keys leaves the line alone)."""
        if not self.is_attached or screen is not self.screen:
            return
        if self.keys() != self._shown:
            self.refresh()

    def watch_compact(self) -> None:
        self.refresh()

    def watch_show_command_palette(self) -> None:
        self.refresh()

    # -- drawing ----------------------------------------------------------------------
    def _item(self, key: _Key, *, compact: bool) -> list[Segment]:
        """One key's cells as FooterKey draws them: the key, then its description."""
        base = self.rich_style
        if not key.enabled:
            base += Style(dim=True)
        key_style = base + self.get_component_rich_style("footer-key--key")
        description_style = base + self.get_component_rich_style("footer-key--description")
        if key == self._hover:
            lit = Color.from_rich_color(base.bgcolor)
            lit += self.get_component_styles("desk-footer--hover").background
            key_style += Style(bgcolor=lit.rich_color)
            description_style += Style(bgcolor=lit.rich_color)
        if not key.description:
            return [Segment(key.display, key_style)]
        if compact:
            return [
                Segment(key.display, key_style),
                Segment(f" {key.description}", description_style),
            ]
        return [
            Segment(f" {key.display} ", key_style),
            Segment(f"{key.description} ", description_style),
        ]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        blank = Style(bgcolor=self.rich_style.bgcolor)
        if y != 0:
            return Strip.blank(width, blank)
        left, palette = self._shown = self.keys()
        right = Strip([])
        if palette is not None:
            # Docked on the right behind a thin bar, drawn compact, one cell of space after.
            bar = Color.from_rich_color(blank.bgcolor)
            bar += self.get_component_styles("desk-footer--bar").color
            bar_style = Style(color=bar.rich_color, bgcolor=blank.bgcolor)
            item = [Segment("▏", bar_style), *self._item(palette, compact=True)]
            right = Strip([*item, Segment(" ", blank)])
        room = max(0, width - right.cell_length)
        segments: list[Segment] = []
        spans: list[tuple[int, int, _Key]] = []
        x = 0
        for key in left:
            item = self._item(key, compact=self.compact)
            if self.compact and segments:
                segments.append(Segment(" ", blank))  # the margin between keys
                x += 1
            end = x + Strip(item).cell_length
            if x < room:
                spans.append((x, min(end, room), key))
            segments += item
            x = end
        if palette is not None:
            spans.append((room + 1, width, palette))
        self._spans = spans
        line = Strip(segments).crop(0, room).extend_cell_length(room, blank)
        return Strip.join([line, right]).crop(0, width)

    # -- the mouse --------------------------------------------------------------------
    def _key_at(self, x: int) -> _Key | None:
        for start, end, key in self._spans:
            if start <= x < end:
                return key
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event.x)
        if key != self._hover:
            self._hover = key
            self.tooltip = key.tooltip if key is not None and key.tooltip else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()
