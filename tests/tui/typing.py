"""Keys as a terminal delivers them: posted to the App in one go, without waiting.

`pilot.press` waits for the app to go idle after every key, so it cannot show what
happens to keys typed faster than the desk answers (TEXTUAL_NOTES.md «Type-ahead»).
`burst(app, "n", "h", "Skien", TAB, "Kari")` posts every key at once: a named key
(`TAB`, `ENTER`, `"down"` …) as one key, any other string as its characters.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.keys import _character_to_key

TAB = "tab"
SHIFT_TAB = "shift+tab"
ENTER = "enter"
NAMED = frozenset(
    {"tab", "shift+tab", "enter", "escape", "down", "up", "ctrl+s", "ctrl+f", "f2", "f6"}
    | {"ctrl+down", "ctrl+up", "ctrl+g", "ctrl+o", "pagedown", "pageup", "backspace"}
    | {"f7", "f8"}
)


def key_events(*parts: str) -> list[events.Key]:
    out: list[events.Key] = []
    for part in parts:
        if part in NAMED:
            out.append(events.Key(part, None))
            continue
        for ch in part:
            out.append(events.Key(_character_to_key(ch), ch))
    return out


def burst(app: Any, *parts: str) -> int:
    """Post the keys of `parts` to the app at once; returns how many were posted."""
    keys = key_events(*parts)
    for key in keys:
        app.post_message(key)
    return len(keys)
