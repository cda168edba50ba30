"""The yes / no / unknown choice of a `tri` field, as the form and the move dialog show it."""

from __future__ import annotations

from typing import Any

from textual.widgets import Select

from samhandlingsdesk.domain.kinds import TRI_LABELS
from samhandlingsdesk.tui.norwegian import DeskSelect
from samhandlingsdesk.tui.widgets.compact import compact

# The widget's keys for the stored values (a Select cannot hold None as a value).
TRI_KEYS: dict[str, bool | None] = {"ja": True, "nei": False, "ukjent": None}


def tri_key(value: Any) -> str:
    """The key a `tri_select` holds for `value` (True, False or None; 1/0 count as yes/no).
    (A `Select` takes the value it was given only when it mounts: before, it reads blank.)"""
    return {True: "ja", False: "nei"}.get(None if value is None else bool(value), "ukjent")


def tri_select(value: Any, *, id: str) -> DeskSelect:
    """A choice list on `value` (True, False or None; a stored 1/0 counts as yes/no)."""
    key = tri_key(value)
    return compact(
        DeskSelect(
            [(TRI_LABELS[v], k) for k, v in TRI_KEYS.items()], allow_blank=False, value=key, id=id
        )
    )


def tri_value(select: Select[Any]) -> bool | None:
    """The value chosen in a `tri_select`."""
    return TRI_KEYS.get(str(select.value))
