"""Key hints drawn from the bindings as they are now: a `[keymap]` remap in settings.toml
changes the hint with the key, so a hint never names a key that does nothing.

`hint(node, "form-save", "form-save-f2")` -> «Ctrl+S/F2»: the keys of those binding ids on
the node's class (or the app's), with the user's keymap applied as Textual applies it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "space": "Mellomrom",
    "question_mark": "?",
    "slash": "/",
    "delete": "Delete",
    "backspace": "Backspace",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "ctrl": "Ctrl",
    "shift": "Shift",
    "alt": "Alt",
}
_FKEY = re.compile(r"f\d{1,2}")


def key_label(key: str) -> str:
    """A Textual key name as the hints write it: ctrl+s -> Ctrl+S, f2 -> F2, escape -> Esc."""
    parts = key.strip().split("+")
    out = []
    for p in parts:
        if p in NAMES:
            out.append(NAMES[p])
        elif _FKEY.fullmatch(p):
            out.append(p.upper())
        elif len(p) == 1:
            out.append(p.upper() if len(parts) > 1 else p)
        else:
            out.append(p.capitalize())
    return "+".join(out)


def _bindings(node: DOMNode) -> Iterable[BindingType]:
    """The node's own bindings first, then its screens' (newest first), then the app's."""
    app = node.app
    for owner in (node, *reversed(app.screen_stack), app):
        for cls in type(owner).__mro__:
            yield from getattr(cls, "BINDINGS", ())


def keys_of(node: DOMNode, binding_id: str) -> list[str]:
    """The keys bound to `binding_id` now (Textual's names), keymap applied."""
    keymap = getattr(getattr(node.app, "settings", None), "keymap", None) or {}
    if binding_id in keymap:
        return [k.strip() for k in keymap[binding_id].split(",") if k.strip()]
    for b in _bindings(node):
        if isinstance(b, Binding) and b.id == binding_id:
            return [k.strip() for k in b.key.split(",") if k.strip()]
    raise KeyError(binding_id)


def hint(node: DOMNode, *binding_ids: str, sep: str = "/") -> str:
    """The keys of these bindings, as the user reads them: «Ctrl+S/F2»."""
    labels: list[str] = []
    for bid in binding_ids:
        try:
            keys = keys_of(node, bid)
        except KeyError:
            continue  # not bound here: say nothing rather than a wrong key
        for key in keys:
            label = key_label(key)
            if label not in labels:
                labels.append(label)
    return sep.join(labels)
