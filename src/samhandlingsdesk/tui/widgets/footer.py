"""The key line at the bottom of a screen: Textual's Footer, recomposed only when the keys
it shows change.

Textual's `Footer` rebuilds all its keys on every change of the screen's bindings — a
screen's first focus, and every `Tab` in a form, whose fields mostly share their keys.
A profile of `benchmarks/entry.py` had that recomposing at 8 % of the whole run. This
footer compares what it would show with what it shows and recomposes only on a
difference.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class DeskFooter(Footer):
    """`Footer` that leaves its keys alone when the keys to show are the same."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[Any, ...] | None = None

    def _signature(self) -> tuple[Any, ...]:
        """Everything of the active bindings that `Footer.compose` draws."""
        app = self.app
        return (
            self.compact,
            self.show_command_palette,
            tuple(
                (
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    enabled,
                    tooltip,
                    binding.group,
                )
                for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
                if binding.show or binding.action == "command_palette"
            ),
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if not (self.is_attached and screen is self.screen and screen.app.app_focus):
            super().bindings_changed(screen)
            return
        signature = self._signature()
        if signature == self._shown:
            self._bindings_ready = True
            return
        self._shown = signature
        super().bindings_changed(screen)
