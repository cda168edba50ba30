"""The reference lists shipped inside the package (shared/data/README.md).

- `kommuner.csv`: the 357 municipalities of 2026 (Statistics Norway, classification 131,
  CC BY 4.0). Some names carry parallel Sami or Kven names joined by ` - ` in either order
  (`Kárášjohka - Karasjok`, `Lyngen - Ivgu - Yykeä`): `municipalities()` keeps the full
  name as in the file, `municipality_parts()` gives every part so that any of them can be
  typed and found.
- `helseforetak.csv`: the hospital trusts with their regional health authority.

Read through importlib.resources (works from a wheel and an editable install alike) and
cached: the demo data uses them now, the TUI's suggester later. No SQLAlchemy, no Textual.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

from samhandlingsdesk.domain.parties import name_parts

__all__ = [
    "HOSPITAL_UNITS",
    "hospital_trusts",
    "municipalities",
    "municipality_parts",
    "name_parts",
]

DATA_FOLDER = "data"

# Typical units inside a hospital trust (shared/data/README.md); free text on the forms.
HOSPITAL_UNITS: tuple[str, ...] = (
    "medisinsk avdeling",
    "kirurgisk avdeling",
    "akuttmottak",
    "ortopedisk avdeling",
    "nevrologisk avdeling",
    "geriatrisk avdeling",
    "alderspsykiatri",
    "barne- og ungdomsklinikken",
    "føde/barsel",
    "distriktspsykiatrisk senter (DPS)",
    "rus og avhengighet",
    "kreftavdelingen",
    "palliativt team",
    "habilitering",
    "rehabilitering",
    "lungeavdelingen",
    "hjerteavdelingen",
)


def _rows(filename: str) -> list[dict[str, str]]:
    text = (
        resources.files("samhandlingsdesk")
        .joinpath(DATA_FOLDER, filename)
        .read_text(encoding="utf-8-sig")
    )
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


@cache
def municipalities() -> tuple[str, ...]:
    """Every municipality's full name as in the file (`"Kárášjohka - Karasjok"`), in file
    order (by municipality number)."""
    return tuple(r["kommunenavn"].strip() for r in _rows("kommuner.csv") if r["kommunenavn"])


@cache
def municipality_parts() -> tuple[str, ...]:
    """Every part of every municipality name, each once, sorted Norwegian-style enough
    for a pick-list (`"Karasjok"` and `"Kárášjohka"` both)."""
    parts = {p for name in municipalities() for p in name_parts(name)}
    return tuple(sorted(parts, key=lambda s: (s.casefold(), s)))


@cache
def hospital_trusts() -> tuple[str, ...]:
    """The hospital trusts (helseforetak), in file order."""
    return tuple(r["helseforetak"].strip() for r in _rows("helseforetak.csv") if r["helseforetak"])
