"""A hospitering application about one patient is guidance (S3 §1.2): the veiledning
case it becomes. Pure Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

MSG_ONLY_HOSPITERING = "Bare hospiteringssøknader kan gjøres om til veiledning."
MSG_CLOSED = "Saken er avsluttet og kan ikke gjøres om."


def veiledning_from_hospitering(
    case: Mapping[str, Any], detail: Mapping[str, Any], ref: str, today: date
) -> dict[str, Any]:
    """The values of the veiledning case made from hospitering `ref` (its common
    fields `case` and its `detail`): it refers to the application, and leaves the home
    address behind."""
    direction = "hf_til_kommune" if detail.get("direction") == "til_sykehus" else "kommune_til_hf"
    topic = detail.get("theme_goals") or "Veiledning"
    return {
        "received_on": today,
        "party": case.get("party"),
        "contact_name": case.get("contact_name") or detail.get("applicant_name"),
        "contact_phone": case.get("contact_phone") or detail.get("workplace_phone"),
        "email": case.get("email"),
        "archive_ref": case.get("archive_ref"),
        "direction": direction,
        "topic": " ".join(str(topic).split())[:200],
        "unit_asked": detail.get("desired_host_unit"),
        "scope": "en_pasient",
        "related_ref": ref,
    }
