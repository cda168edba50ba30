"""Compact widgets (no border), made without Textual's restyle on construction.

`Input(compact=True)` (and `TextArea`, `Select`, `OptionList`) sets the `compact` reactive in
the constructor; its `-textual-compact` class toggle restyles the widget on the spot,
although it is not mounted and its styles are worked out again when it mounts. Measured on
the new-case form: ~0.8 ms a widget, ~20 ms of the form's first frame. `compact(widget)`
gives the same widget — the reactive set, the class on — leaving the styling to the mount.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.widget import Widget

W = TypeVar("W", bound=Widget)
COMPACT_CLASS = "-textual-compact"


def compact(widget: W) -> W:
    """`widget`, compact as `compact=True` makes it (call before it is mounted)."""
    reactive: Any = type(widget).compact  # type: ignore[attr-defined]
    widget.set_reactive(reactive, True)
    widget.add_class(COMPACT_CLASS, update=False)
    return widget
