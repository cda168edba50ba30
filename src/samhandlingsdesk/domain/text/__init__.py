"""The text catalogue: every sentence the user sees, in bokmål, one place each.

Grouped in modules by area (`common`, and one per feature as they come); this package
holds the helpers they share. Pure Python.
"""

from __future__ import annotations


def plural(n: int, one: str, many: str) -> str:
    """`plural(1, "sak", "saker")` -> «1 sak»; 0 and 2 and up take the plural."""
    return f"{n} {one if n == 1 else many}"
