"""How the store's facts are said: a row's badge, the history's labels and values, the
excerpt of a search result, and the network-competition rule with its sentence. The
store returns facts (dates, event values as text, the stored values of a found case, the
refs of competing networks); these say them. Pure Python.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final, Literal

from samhandlingsdesk.domain.dates import format_datetime
from samhandlingsdesk.domain.display import display_value
from samhandlingsdesk.domain.kinds import FieldSpec, kind_spec, status_label
from samhandlingsdesk.domain.limits import shown_line
from samhandlingsdesk.domain.reasons import COMMENT_FIELD, REASON_FIELD
from samhandlingsdesk.domain.text.agenda import CHANNELS
from samhandlingsdesk.domain.text.common import SNOOZED_UNTIL_LABEL
from samhandlingsdesk.domain.words import WORD_RE, aa_variants

# --- badges ------------------------------------------------------------------------------

SOON_DAYS = 3
Badge = Literal["critical", "followup", "overdue", "today", "soon", "snoozed", "flag", ""]
BADGE_LABELS: dict[str, str] = {
    "critical": "Kritisk",
    "followup": "Følg opp",
    "overdue": "Forfalt",
    "today": "I dag",
    "soon": "Snart",
    "snoozed": "Utsatt",
    "flag": "Varsel",
    "": "",
}


def badge(
    *,
    is_open: bool,
    snoozed_until: date | None,
    due_on: date | None,
    flag_count: int,
    today: date,
    critical: bool = False,
    weight: str | None = None,
) -> Badge:
    """The most pressing thing to say about a case's dates, with the weight of the rule
    behind `due_on` (`critical`: its *kritisk* date has come, DOMAIN.md «Weights»)."""
    if not is_open:
        return ""
    if snoozed_until is not None and snoozed_until > today:
        return "snoozed"
    if critical:
        return "critical"
    if due_on is not None:
        if due_on <= today and weight == "oppfolging":
            return "followup"
        if due_on < today:
            return "overdue"
        if due_on == today:
            return "today"
        if due_on <= today + timedelta(days=SOON_DAYS):
            return "soon"
    if flag_count:
        return "flag"
    return ""


# --- history -----------------------------------------------------------------------------

ACTION_LABELS = {
    "create": "Opprettet",
    "convert": "Omgjort",
    "import": "Importert",
    "import_create": "Importert (ny sak)",
    "note": "Notat",
    "undo": "Angret",
    "redo": "Gjort om",
    "snooze": "Utsatt",
    "purring": "Purret",
}


# The case's own columns the history names, as fields: their label, and how a value reads.
SNOOZE_FIELD: Final = FieldSpec("snoozed_until", SNOOZED_UNTIL_LABEL, "date")
COLUMN_FIELDS: Final[dict[str | None, FieldSpec]] = {
    f.name: f for f in (SNOOZE_FIELD, REASON_FIELD, COMMENT_FIELD)
}
# The other columns it names, and their own words.
COLUMN_LABELS: Final = {
    "status": "Status",
    "converted_to": "Omgjort til veiledning",
    "deleted_at": "Skjult (registreringen angret)",
    "purring": "Purret på svar",
}


def _field(kind: str, name: str | None) -> FieldSpec | None:
    """The field of `kind` or the case column called `name`; None for anything else."""
    found = next((f for f in kind_spec(kind).all_fields if f.name == name), None)
    return found or COLUMN_FIELDS.get(name)


def history_label(kind: str, action: str, name: str | None) -> str:
    """What a row of the history is about: the field's label, or the action."""
    if name is None or name.startswith("note:") or name == "note":
        return ACTION_LABELS.get(action, action)
    f = _field(kind, name)
    return f.label if f else COLUMN_LABELS.get(name, name)


def history_value(
    kind: str,
    name: str | None,
    text: str | None,
    decode: Callable[[FieldSpec | None, str | None], Any],
) -> str:
    """An event's old or new value (`text` as stored; `decode` is the store's codec, which
    reads text without a field as text) as the history shows it."""
    f = _field(kind, name)
    if text is None:
        return display_value(f, None)  # an empty yes/no field is «Ukjent»; others blank
    if name == "status":
        return status_label(kind, text)
    if name == "deleted_at":
        return format_datetime(datetime.fromisoformat(text))
    if name == "purring":  # "2026-11-23 epost"
        channel = text[11:]
        return CHANNELS.get(channel, channel)
    return display_value(f, decode(f, text))


# --- search results ------------------------------------------------------------------------

EXCERPT_WIDTH = 80
EXCERPT_BEFORE = 20  # characters kept before the first match in a long text
REF_LABEL = "Saksnummer"
TITLE_LABEL = "Tittel"
NOTE_LABEL = "Notat"
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Match:
    """Why a case was found: which field, its text (shortened around the match) and the
    spans to highlight in it."""

    field_label: str
    text: str
    spans: Spans = ()


def word_matches(query_words: tuple[str, ...], text: str) -> list[tuple[int, int]]:
    """Spans in `text` of words that start with a query word (aa/å-aware), for
    highlighting."""
    if not text:
        return []
    prefixes = {v for w in query_words for v in aa_variants(w)}
    spans = []
    for m in WORD_RE.finditer(text):
        low = m.group(0).lower()
        for p in prefixes:
            if low.startswith(p):
                spans.append((m.start(), m.start() + len(p)))
                break
    return spans


def digit_span(digits: str, stored: str) -> tuple[int, int] | None:
    i = stored.find(digits)
    return (i, i + len(digits)) if i >= 0 else None


def _shift_span(stored: str, shown_text: str, span: tuple[int, int]) -> Spans:
    """Map a span over digits of the stored phone onto the shown text, which has the same
    digits in the same order (with spaces between pairs, or as stored)."""
    digit_positions = [i for i, ch in enumerate(shown_text) if ch.isdigit()]
    first = sum(ch.isdigit() for ch in stored[: span[0]])  # digits before the match
    last = first + span[1] - span[0] - 1
    return ((digit_positions[first], digit_positions[last] + 1),)


def excerpt(
    text: str, spans: list[tuple[int, int]], width: int = EXCERPT_WIDTH
) -> tuple[str, Spans]:
    """A line of text cut to `width` around the first span (… where cut), with the spans
    that are still inside."""
    if len(text) <= width:
        return text, tuple(spans)
    start = max(0, spans[0][0] - EXCERPT_BEFORE)
    end = start + width
    cut = text[start:end]
    prefix = "…" if start else ""
    shift = start - len(prefix)
    kept = tuple((a - shift, b - shift) for a, b in spans if a >= start and b <= end)
    return prefix + cut + ("…" if end < len(text) else ""), kept


def search_match(
    kind: str,
    ref: str,
    title: str,
    values: Mapping[str, Any],
    words: tuple[str, ...],
    digits: str | None,
) -> Match:
    """Why a case of `kind` was found, from its stored `values` (the searchable fields by
    name, its notes newest first under `_notes`): a phone that holds the digits, else the
    first of ref, title, the searchable fields and the notes with a word that matches."""
    spec = kind_spec(kind)
    if digits:
        for f in spec.all_fields:
            if f.type == "phone" and values.get(f.name):
                stored = str(values[f.name])
                span = digit_span(digits, stored)
                if span:
                    shown_text = display_value(f, stored)
                    return Match(f.label, shown_text, _shift_span(stored, shown_text, span))
    if words:
        candidates: list[tuple[str, str]] = [(REF_LABEL, ref), (TITLE_LABEL, title)]
        candidates += [
            (f.label, str(values[f.name]))
            for f in spec.all_fields
            if f.searchable and f.type != "phone" and values.get(f.name)
        ]
        candidates += [(NOTE_LABEL, t) for t in values.get("_notes", [])]
        for label, text in candidates:
            spans = word_matches(words, text)
            if spans:
                return Match(label, *excerpt(shown_line(text), spans))
    return Match(TITLE_LABEL, title)


# --- networks that compete (S2 § 5.1) ----------------------------------------------------


def competition_key(detail: Mapping[str, Any]) -> tuple[str, str] | None:
    """What makes two open networks compete: the same topic and target group (folded);
    None when either is empty."""
    topic = (detail.get("topic") or "").strip().lower()
    group = (detail.get("target_group") or "").strip().lower()
    return (topic, group) if topic and group else None


def competition_warning(refs: Sequence[str]) -> str | None:
    """The warning for an open network whose key other open networks share."""
    if not refs:
        return None
    return (
        "Samme tema og målgruppe som " + ", ".join(refs) + ": nettverk skal utfylle "
        "hverandre, ikke konkurrere."
    )
