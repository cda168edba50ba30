"""Party names: municipalities with parallel Sami/Kven names are written
«Kárášjohka - Karasjok»; one place for how such a name splits. Pure Python.
"""

from __future__ import annotations

NAME_SEPARATOR = " - "


def name_parts(name: str | None) -> tuple[str, ...]:
    """`"Lyngen - Ivgu - Yykeä"` -> `("Lyngen", "Ivgu", "Yykeä")`; empty -> ()."""
    return tuple(p.strip() for p in (name or "").split(NAME_SEPARATOR) if p.strip())
