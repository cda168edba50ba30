"""The shipped name lists the screens complete party names from (`io.reference`)."""

from __future__ import annotations

from samhandlingsdesk.io.reference import hospital_trusts, municipalities

__all__ = ["hospital_trusts", "municipalities"]
