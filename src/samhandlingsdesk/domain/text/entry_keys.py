"""Texts of the keys, help and search (issue #9, entry-keys)."""

from __future__ import annotations

# help: a key bound on this screen that does nothing just now (`f` in the inbox)
KEY_IDLE = "(virker ikke her)"

# search overlay: a phone-like query with fewer than four digits
SEARCH_SHORT_PHONE = "Telefonnummer søkes med minst fire sifre."
