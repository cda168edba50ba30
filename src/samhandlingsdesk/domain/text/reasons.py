"""The reasons a case is closed with (declined, withdrawn, cancelled): their labels by
key, and the labels older versions of the desk wrote for a key (DOMAIN.md «Lifecycles»).

The desk stores the key; screens, history, statistics and files show the label.
"""

from __future__ import annotations

from typing import Final

LABELS: Final[dict[str, str]] = {
    # veiledning: a decline (the duty is absolute: lack of resources is never one)
    "organisatorisk": "Gjelder organisatoriske eller administrative endringer",
    "ikke_helse": "Gjelder ikke helsemessige forhold",
    "ikke_nodvendig": "Veiledningen er ikke nødvendig",
    # a withdrawal
    "soker_trekker": "Søkeren eller parten trekker henvendelsen",
    "omgjort": "Omgjort til en annen sakstype",
    "dublett": "Dublett av en annen sak",
    # a cancellation (LIS3, nettverk)
    "for_fa_deltakere": "For få deltakere",
    "kommunen_trakk": "Kommunen trakk seg",
    "endret_plan": "Endret utdanningsplan eller tidspunkt",
    # the other reason: offered for a withdrawal or a cancellation, never for a decline;
    # a reason stored by an older desk or imported as free text is kept as it, with its
    # text as the comment
    "annet": "Annet",
}

# Labels an earlier version of the desk wrote for a key (files still carry them).
FORMER_LABELS: Final[dict[str, str]] = {
    "Annet (se kommentar)": "annet",
}

# The free text beside a reason (a legacy reason's own words).
COMMENT_LABEL: Final = "Kommentar til begrunnelse"
