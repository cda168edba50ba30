"""The words of «Skjema hospitering» (S3, attachment): which field each label means.

Used by every intake reader (CSV, xlsx headers, the Word form), so a label is understood
the same way wherever it is printed:

- every label as printed on the form, with or without its trailing colon, dot or
  «(sett kryss …)», in any case, with `æøå` or `ae/oe/aa`, in bokmål and (where it
  differs) Nynorsk;
- compound labels as a spreadsheet made from the form writes them: a label with its
  sub-label («Hospiteringsperiode fra») or with its section («Adresse arbeidssted»,
  «Tlf. arbeidssted», «Dato egen leder»);
- a label printed more than once («Tlf.», «Adresse», «Dato», «Signatur», «Innvilget»,
  «E-postadresse», «Mottatt dato», «Ev. kommentar») is told apart by its place: the
  section of the label before it. «Tlf.» after «Hjemmeadresse» is the private phone.

A label is resolved to a `Target`: a field (whose cell holds the value), a tick (a cell
ticked or not: «Innvilget», «Ikke innvilget», «Underskrift»), or a known label the desk
does not keep («Signatur» of a leader). Pure Python: kinds.py and the CSV aliases only.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from samhandlingsdesk.domain.kinds import kind_spec
from samhandlingsdesk.io.csv_format import INTAKE_ALIASES, fold_header

Section = Literal["", "home", "work", "applicant", "own", "sent", "host", "hostunit", "feedback"]


def fold_label(text: str) -> str:
    """Label comparison: case, spaces, a trailing `:`, `.`, `*` or «(sett kryss …)», and
    `æøå` against `ae/oe/aa` do not matter."""
    s = fold_header(text)
    s = re.sub(r"\((?:sett|set) kryss[^)]*\)?", "", s)
    s = s.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    s = s.replace("ä", "ae").replace("ö", "oe")
    s = " ".join(s.split())
    return s.rstrip(":.*").strip()


@dataclass(frozen=True, slots=True)
class Target:
    """What a label means. `field` is a stored field name ("" for a known label the desk
    does not keep); `tick` is the value a ticked cell gives the field (None: the cell
    holds the value itself)."""

    field: str
    tick: Any = None
    section: Section = ""

    @property
    def ignored(self) -> bool:
        return not self.field


IGNORED: Final = Target("")

# Labels with one meaning wherever they stand: as printed on the form (bokmål, then the
# Nynorsk wording where it differs), and the compound forms a spreadsheet writes.
FORM_LABELS: Final[dict[str, tuple[str, ...]]] = {
    "direction": (
        "Jeg søker om hospitering i (sett kryss/fyll inn for aktuelt alternativ)",
        "Jeg søker om hospitering i",
        "Eg søkjer om hospitering i",
        "Søker om hospitering i",
    ),
    "applicant_name": ("Søkerens navn", "Søkjarens namn", "Søkjaren sitt namn", "Namn"),
    "home_address": ("Hjemmeadresse", "Heimeadresse"),
    "workplace": ("Arbeidssted", "Arbeidsstad"),
    "workplace_address": (
        "Adresse arbeidssted",
        "Arbeidssted adresse",
        "Arbeidsstedets adresse",
        "Adresse arbeidsstad",
    ),
    "workplace_phone": (
        "Tlf. arbeidssted",
        "Tlf arbeidssted",
        "Telefon arbeidssted",
        "Arbeidssted tlf.",
        "Arbeidssted telefon",
        "Tlf. arbeidsstad",
    ),
    "home_phone": (
        "Tlf. hjemmeadresse",
        "Tlf. hjemme",
        "Tlf. privat",
        "Hjemmeadresse tlf.",
        "Hjemmetelefon",
        "Tlf. heime",
    ),
    "desired_host_unit": (
        "Ønsket hospiteringsenhet",
        "Ønska hospiteringseining",
        "Ønsket hospiteringseining",
    ),
    "period_from": (
        "Hospiteringsperiode fra",
        "Hospiteringsperiode frå",
        "Hospiteringsperiode (fra)",
        "Periode fra",
        "Frå",
    ),
    "period_to": ("Hospiteringsperiode til", "Hospiteringsperiode (til)", "Periode til"),
    "theme_goals": (
        "Ønsket tema og mål for hospiteringen",
        "Ønska tema og mål for hospiteringa",
        "Ønsket tema og mål",
    ),
    "contribution": (
        "Hva jeg eventuelt kan bidra med til vertsenheten",
        "Kva eg eventuelt kan bidra med til vertseininga",
        "Hva jeg kan bidra med til vertsenheten",
        "Hva jeg eventuelt kan bidra med",
    ),
    "profession": ("Faggruppe",),
    "applied_on": ("Dato søknad", "Søknad dato", "Dato (søker)", "Dato søker"),
    "own_leader_decision": ("Vedtak egen leder", "Vedtak leder i egen enhet"),
    "own_leader_on": ("Dato egen leder", "Dato leder i egen enhet", "Leder i egen enhet dato"),
    "own_leader_comment": ("Ev. kommentar egen leder", "Kommentar egen leder"),
    "sent_on": ("Sendt dato", "Sendes mottaker sendt dato"),
    "host_received_on": ("Mottatt dato vertsenhet", "Sendes mottaker mottatt dato"),
    "host_leader_decision": ("Vedtak vertsleder", "Vedtak leder i hospiteringsenhet"),
    "host_leader_on": (
        "Dato vertsleder",
        "Dato leder i hospiteringsenhet",
        "Leder i hospiteringsenhet dato",
    ),
    "host_leader_comment": ("Eventuelle kommentarer", "Eventuelle kommentarar"),
    "host_unit": ("Navn på enhet hospitering", "Namn på eining hospitering"),
    "host_contact": ("Kontaktperson i vertsenheten", "Kontaktperson i vertseininga"),
    "host_email": ("E-postadresse vertsenhet", "E-post vertsenheten"),
    "host_phone": ("Tlf. vertsenhet", "Tlf vertsenhet", "Tlf. vertsenheten"),
    "feedback_decision": ("Tilbakemelding vedtak",),
    "feedback_on": ("Dato tilbakemelding", "Tilbakemelding dato"),
}

# Labels that only mark where a section starts (a spreadsheet may keep them as columns).
SECTION_LABELS: Final[dict[str, Section]] = {
    "Vedtak": "own",
    "Leder i egen enhet": "own",
    "Leiar i eiga eining": "own",
    "Sendes mottaker": "sent",
    "Leder i hospiteringsenhet": "host",
    "Leiar i hospiteringseininga": "host",
    "Fylles ut av hospiteringsenheten": "hostunit",
    "Fyllast ut av hospiteringseininga": "hostunit",
    "Tilbakemelding til hospitant/søkers virksomhet": "feedback",
    "Tilbakemelding til hospitant/søkjar si verksemd": "feedback",
    "Tilbakemelding til hospitant": "feedback",
}

# The section each field belongs to (a field's column moves the place on).
FIELD_SECTIONS: Final[dict[str, Section]] = {
    "direction": "applicant",
    "applicant_name": "applicant",
    "home_address": "home",
    "home_phone": "home",
    "workplace": "work",
    "workplace_address": "work",
    "workplace_phone": "work",
    "desired_host_unit": "applicant",
    "period_from": "applicant",
    "period_to": "applicant",
    "theme_goals": "applicant",
    "contribution": "applicant",
    "profession": "applicant",
    "applied_on": "applicant",
    "signed": "applicant",
    "own_leader_decision": "own",
    "own_leader_on": "own",
    "own_leader_comment": "own",
    "sent_on": "sent",
    "host_received_on": "sent",
    "host_leader_decision": "host",
    "host_leader_on": "host",
    "host_leader_comment": "host",
    "host_unit": "hostunit",
    "host_contact": "hostunit",
    "host_email": "hostunit",
    "host_phone": "hostunit",
    "feedback_decision": "feedback",
    "feedback_on": "feedback",
}

_DECISION_FIELD: Final[dict[Section, str]] = {
    "own": "own_leader_decision",
    "host": "host_leader_decision",
    "hostunit": "host_leader_decision",
    "feedback": "feedback_decision",
}

_DECISIONS_ANYWHERE: Final[dict[str, str]] = {**_DECISION_FIELD, "*": "own_leader_decision"}

# Labels printed more than once: the field by section ("*" = anywhere else).
PLACED: Final[dict[str, dict[str, Target]]] = {
    "tlf": {
        "home": Target("home_phone"),
        "work": Target("workplace_phone"),
        "hostunit": Target("host_phone"),
        "*": Target("contact_phone"),
    },
    "adresse": {
        "work": Target("workplace_address"),
        "*": Target("home_address"),
    },
    "dato": {
        "own": Target("own_leader_on"),
        "sent": Target("sent_on"),
        "host": Target("host_leader_on"),
        "hostunit": Target("host_leader_on"),
        "feedback": Target("feedback_on"),
        "*": Target("applied_on"),
    },
    "e-postadresse": {"hostunit": Target("host_email"), "*": Target("email")},
    "mottatt dato": {
        "sent": Target("host_received_on"),
        "*": Target("received_on"),
    },
    "ev. kommentar": {
        "own": Target("own_leader_comment"),
        "host": Target("host_leader_comment"),
        "hostunit": Target("host_leader_comment"),
        "*": Target("notes"),
    },
    "signatur": {"applicant": Target("signed", True), "*": IGNORED},
    "underskrift": {"*": Target("signed", True)},
    "innvilget": {
        s: Target(f, "innvilget")
        for s, f in {**_DECISION_FIELD, "*": "own_leader_decision"}.items()
    },
    "ikke innvilget": {
        s: Target(f, "ikke_innvilget")
        for s, f in {**_DECISION_FIELD, "*": "own_leader_decision"}.items()
    },
}
# Other spellings of the placed labels.
PLACED_SPELLINGS: Final[dict[str, str]] = {
    "tlf.": "tlf",
    "tlf nr": "tlf",
    "tlf.nr": "tlf",
    "telefon": "tlf",
    "e-post": "e-postadresse",
    "epost": "e-postadresse",
    "ev kommentar": "ev. kommentar",
    "eventuell kommentar": "ev. kommentar",
    "innvilga": "innvilget",
    "ikkje innvilga": "ikke innvilget",
    "ikke innvilget (se kommentarfelt)": "ikke innvilget",
    "ikkje innvilga (sjaa kommentarfelt)": "ikke innvilget",
}

# Section words a compound label may carry («Tlf. arbeidssted», «Dato (egen leder)»).
SECTION_WORDS: Final[dict[str, Section]] = {
    "hjemme": "home",
    "hjemmeadresse": "home",
    "privat": "home",
    "heime": "home",
    "arbeidssted": "work",
    "arbeidsstad": "work",
    "jobb": "work",
    "soeker": "applicant",
    "soekeren": "applicant",
    "soeknad": "applicant",
    "egen leder": "own",
    "egen enhet": "own",
    "leder i egen enhet": "own",
    "leiar i eiga eining": "own",
    "vertsleder": "host",
    "leder i hospiteringsenhet": "host",
    "leiar i hospiteringseininga": "host",
    "vertsenhet": "hostunit",
    "vertsenheten": "hostunit",
    "hospiteringsenhet": "hostunit",
    "tilbakemelding": "feedback",
}


def _folded_table(*, aliases: bool = True) -> dict[str, str]:
    out: dict[str, str] = {}
    spec = kind_spec("hospitering")
    for f in spec.all_fields:
        out.setdefault(fold_label(f.label), f.name)
    out.setdefault(fold_label("Notater"), "notes")
    for name, labels in FORM_LABELS.items():
        for label in labels:
            out.setdefault(fold_label(label), name)
    for name, label in (("period_from", "Fra"), ("period_to", "Til")):
        out.setdefault(fold_label(label), name)
    if not aliases:
        return out
    for name, aliases_of in INTAKE_ALIASES.items():
        for alias in aliases_of:
            key = fold_label(alias)
            if key not in PLACED and key not in PLACED_SPELLINGS:
                out.setdefault(key, name)
    return out


_FIXED: Final = _folded_table()
# The words printed on the form only (a Word form's answers are not mistaken for labels).
_FORM_FIXED: Final = _folded_table(aliases=False)
_SECTIONS: Final = {fold_label(k): v for k, v in SECTION_LABELS.items()}
_SECTION_WORDS: Final = {fold_label(k): v for k, v in SECTION_WORDS.items()}


def _placed_key(folded: str) -> str | None:
    key = PLACED_SPELLINGS.get(folded, folded)
    return key if key in PLACED else None


def _compound(folded: str) -> Target | None:
    """«Tlf. arbeidssted», «Dato (egen leder)», «Innvilget vertsenhet» …"""
    for spelling in sorted({*PLACED, *PLACED_SPELLINGS}, key=len, reverse=True):
        key = PLACED_SPELLINGS.get(spelling, spelling)
        rest = None
        if folded.startswith(spelling + " "):
            rest = folded[len(spelling) + 1 :]
        elif folded.endswith(" " + spelling):
            rest = folded[: -len(spelling) - 1]
        if rest is None:
            continue
        rest = fold_label(rest.strip("()-,/ "))
        section = _SECTION_WORDS.get(rest)
        if section is None:
            continue
        placed = PLACED[key]
        return placed.get(section, placed["*"])
    return None


@dataclass(slots=True)
class Place:
    """Where a reader is on the form: the section of the last label it understood."""

    section: Section = ""
    form_only: bool = False  # the form's own words only, not the CSV aliases

    def resolve(self, label: str) -> Target | None:
        """The target of `label` at this place (and move the place on); None = unknown."""
        folded = fold_label(label)
        if not folded:
            return None
        if folded in _SECTIONS:
            self.section = _SECTIONS[folded]
            return IGNORED
        fixed = _FORM_FIXED if self.form_only else _FIXED
        if folded in fixed:
            name = fixed[folded]
            self.section = FIELD_SECTIONS.get(name, self.section)
            return Target(name, section=self.section)
        key = _placed_key(folded)
        if key is not None:
            placed = PLACED[key]
            target = placed.get(self.section, placed["*"])
        else:
            target = _compound(folded)
            if target is None:
                return None
        if target.field:
            self.section = FIELD_SECTIONS.get(target.field, self.section)
        return target


def resolve_all(labels: Sequence[str]) -> list[Target | None]:
    """Each label of a header row, left to right, resolved at its place."""
    place = Place()
    return [place.resolve(label) for label in labels]


def known_labels() -> tuple[str, ...]:
    """The labels worth suggesting: the desk's own and the form's as printed."""
    spec = kind_spec("hospitering")
    out = [f.label for f in spec.all_fields]
    for labels in FORM_LABELS.values():
        out += [label for label in labels if "(" not in label]
    return tuple(dict.fromkeys(out))


def closest_label(header: str, candidates: Iterable[str] | None = None) -> str | None:
    """The known label closest to an unknown `header` («Periode fr» -> «Periode fra»)."""
    pool = tuple(candidates) if candidates is not None else known_labels()
    by_fold = {fold_label(c): c for c in pool}
    match = difflib.get_close_matches(fold_label(header), list(by_fold), n=1, cutoff=0.6)
    return by_fold[match[0]] if match else None


# --- cell values as the form's tick boxes and choices write them ------------------------

TICKED: Final = frozenset({"x", "☒", "☑", "✓", "✔", "ja", "j", "yes", "1", "true", "sann"})
UNTICKED: Final = frozenset({"", "☐", "nei", "n", "no", "0", "false", "usann"})

# Choice values the form's own words give.
CHOICE_WORDS: Final[dict[str, dict[str, str]]] = {
    "direction": {
        "sykehuset innlandet": "til_sykehus",
        "sykehuset": "til_sykehus",
        "sykehus": "til_sykehus",
        "helseforetak": "til_sykehus",
        "helseforetaket": "til_sykehus",
        "hf": "til_sykehus",
        "kommune": "til_kommune",
        "kommunen": "til_kommune",
        "til kommune": "til_kommune",
        "til sykehus": "til_sykehus",
    },
    "decision": {
        "ikke innvilget (se kommentarfelt)": "ikke_innvilget",
        "ikkje innvilga": "ikke_innvilget",
        "innvilga": "innvilget",
        "avslått": "ikke_innvilget",
        "godkjent": "innvilget",
    },
}


def choice_word(field: str, text: str) -> str | None:
    """The choice key the form's words give for `text` in `field`, if any."""
    group = "decision" if field.endswith("_decision") else field
    words = CHOICE_WORDS.get(group, {})
    folded = " ".join(text.split()).casefold().rstrip(".")
    return words.get(folded)


def is_ticked(text: str) -> bool | None:
    """A tick cell: True ticked, False not, None = not a tick (some other text)."""
    folded = " ".join(text.split()).casefold()
    if folded in TICKED:
        return True
    if folded in UNTICKED:
        return False
    return None
