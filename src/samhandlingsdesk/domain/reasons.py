"""The reasons a case is closed with, as keys (DOMAIN.md «Lifecycles»).

A case stores the key (`case.reason`) and, for a reason the desk does not offer, the
text it came with (`case.reason_comment`). The labels live in the text catalogue; this
module is the one map between them: which keys each kind of closing move offers, the
label of a key, and reading a reason as people write it (a key, a label, or any label
the desk has ever written; case and spacing do not matter). Pure Python.
"""

from __future__ import annotations

from typing import Final

from samhandlingsdesk.domain.kinds import REASON_LABEL, FieldSpec
from samhandlingsdesk.domain.text.reasons import COMMENT_LABEL, FORMER_LABELS, LABELS

# The legacy reason: free text that matches no reason is kept as it, with the text as
# its comment. Never offered for a new veiledning decline.
OTHER: Final = "annet"

DECLINE_KEYS: Final = ("organisatorisk", "ikke_helse", "ikke_nodvendig")
WITHDRAW_KEYS: Final = ("soker_trekker", "omgjort", "dublett", OTHER)
CANCEL_KEYS: Final = ("for_fa_deltakere", "kommunen_trakk", "endret_plan", OTHER)


def choices(keys: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(key, label) for each of `keys`, in order."""
    return tuple((k, LABELS[k]) for k in keys)


def reason_label(key: str | None) -> str:
    """The label of a stored reason; a value that is no key is shown as it is."""
    if key is None:
        return ""
    return LABELS.get(key, key)


def reason_shown(key: str | None, comment: str | None = None) -> str:
    """A case's reason as its screen says it: the label, and the comment after a colon
    («Annet: flyttet til annen kommune»)."""
    label = reason_label(key)
    text = " ".join((comment or "").split())
    return f"{label}: {text}" if label and text else label or text


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


_KNOWN: Final[dict[str, str]] = {
    **{_fold(k): k for k in LABELS},
    **{_fold(label): k for k, label in LABELS.items()},
    **{_fold(label): k for label, k in FORMER_LABELS.items()},
}


def read_reason(text: str | None) -> tuple[str | None, str | None]:
    """A reason as written (in a file, or stored by an older desk) -> (key, comment).

    A key, a label or a label the desk once wrote gives its key and no comment; any other
    text is the legacy reason «annet» with the text as its comment; empty is (None, None).
    """
    if text is None or not text.strip():
        return None, None
    key = _KNOWN.get(_fold(text))
    if key is not None:
        return key, None
    return OTHER, text.strip()


# The two columns of `case` that hold them, as fields (the history, undo and the codec).
REASON_FIELD: Final = FieldSpec("reason", REASON_LABEL, "choice", choices=choices(tuple(LABELS)))
COMMENT_FIELD: Final = FieldSpec("reason_comment", COMMENT_LABEL, "longtext")
