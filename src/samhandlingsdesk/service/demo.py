"""A synthetic demo desk (`samhandlingsdesk demo-data`, `sample.db`, the benchmarks).

Deterministic: the same `rows`, `seed` and `today` give the same rows in every table. All
randomness comes from seeded generators, one per chunk of 2000 cases (seeded by `seed` and
the chunk number only, so big desks are planned on every core with the same result); UUIDs
and batch ids come from them too, every date and timestamp is derived from `today`, and
the clock is never read.

The cases are plausible but invented: real municipality names and hospital trusts from the
shipped lists, typical hospital units, made-up people (Norwegian names with æ, ø, å and
Aa-spellings), 8-digit phone numbers starting with 4 or 9, e-mail addresses, and no
national ID number anywhere (no free text holds a run of 11 digits). Every kind and every
status of every kind appears (the first cases go through them all), with overdue and
upcoming due dates, some snoozed cases, notes, and received dates over the last ~18 months.

Each case is built by walking its lifecycle from the first status to the one drawn,
filling the fields each step fills (decisions, dates), on a clock that advances by a few
days per step; the whole chain is then anchored so that its last step lies a little
before `today`. The derived columns (title, due date and reason, whose move, open flag,
flags) come from the domain (`domain.derived.derive`), exactly as the commands compute
them. Refs count per kind and year in received order.

Bulk insert: SQLAlchemy Core executemany (`Connection.exec_driver_sql` with rows already
in the text forms SQLAlchemy writes for dates, timestamps and booleans: compiling 400k
parameter sets cost more than inserting them) in one transaction, with
`PRAGMA defer_foreign_keys`. The FTS triggers would build each search document one case
at a time, which was most of the load time at 100k (~20 of ~38 s); so they are dropped
inside the transaction, the index is built in one INSERT … SELECT from the same view the
triggers read, merged into one segment, and the very same trigger SQL is put back
(`check` verifies the index against the view). Events: one `create` event per case (each
its own batch, as if created one by one, so an undo takes back one case, not the whole
demo), one `transition` batch per move the walk made (status and status_since, as the
commands write them, so a demo case has a real history, `status_since` and `closed_on`)
and one `note` event per note. The reference date is stored in `meta`
(`reference_date`), so `shift_dates` can move a copy to another "today"
(`samhandlingsdesk --demo`).
"""

from __future__ import annotations

import os
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.domain.derived import derive
from samhandlingsdesk.domain.kinds import CASE_FIELD_NAMES, KINDS, FieldSpec, KindSpec
from samhandlingsdesk.domain.lifecycle import (
    CANCEL_REASONS,
    TRANSITIONS,
    VEILEDNING_DECLINE_REASONS,
    WITHDRAW_REASONS,
)
from samhandlingsdesk.domain.refs import make_ref
from samhandlingsdesk.io.reference import (
    HOSPITAL_UNITS,
    hospital_trusts,
    municipalities,
    name_parts,
)
from samhandlingsdesk.store.bulk import REFERENCE_DATE_KEY, reference_date, shift_dates

if TYPE_CHECKING:
    from samhandlingsdesk.store.db import Desk

T = TypeVar("T")

__all__ = ["REFERENCE_DATE_KEY", "DemoStats", "generate", "reference_date", "shift_dates"]

DEMO_KEY = "demo"
MAX_AGE_DAYS = 548  # ~18 months

# Share of each kind in a desk (the first cases cover every status regardless).
KIND_WEIGHTS: dict[str, int] = {
    "hospitering": 30,
    "veiledning": 25,
    "lis1": 10,
    "lis3": 15,
    "nettverk": 20,
}
CLOSED_SHARE = 0.45  # share of cases in a terminal status
SNOOZED_SHARE = 0.07  # of open cases, snoozed past today
SNOOZE_EXPIRED_SHARE = 0.03  # of open cases, snoozed until a day already past
NOTE_SHARE = 0.3

# --- invented people ---------------------------------------------------------------------

FIRST_NAMES = (
    "Kari", "Ola", "Ingrid", "Øystein", "Åse", "Bjørn", "Sølvi", "Tor", "Håkon", "Jørgen",
    "Mette", "Siri", "Nils", "Astrid", "Aslak", "Inger", "Randi", "Kjersti", "Sigrid",
    "Torbjørn", "Aase", "Aage", "Åge", "Geir", "Hege", "Lars", "Marit", "Anne", "Trond",
    "Liv", "Eirik", "Ragnhild", "Sindre", "Maja", "Jonas", "Emma", "Nora", "Sofie", "Ahmed",
    "Fatima", "Amina", "Piotr", "Ewa", "Mai", "Leif", "Gro", "Bård", "Grete", "Ståle",
    "Sunniva", "Jørn", "Brynhild", "Ørjan", "Kåre", "Solveig", "Ánde", "Máret", "Per",
    "Hanne", "Tove", "Even", "Synnøve", "Frøydis", "Dag", "Turid", "Yngve",
)  # fmt: skip
LAST_NAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
    "Lund", "Sørensen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen",
    "Eide", "Knutsen", "Martinsen", "Bakken", "Mathisen", "Lie", "Amundsen", "Nguyen",
    "Lunde", "Solheim", "Berge", "Moe", "Nygård", "Bakke", "Holm", "Lien", "Hauge", "Aas",
    "Myhre", "Haugland", "Sandvik", "Rønning", "Næss", "Vik", "Haug", "Thorsen", "Ruud",
    "Aasen", "Åsen", "Ødegård", "Ødegaard", "Bråthen", "Aamodt", "Åmodt", "Aune", "Østby",
    "Øien", "Bjørnstad", "Kvåle", "Sætre", "Grønvold", "Tveit", "Løkken", "Hætta", "Somby",
    "Sara", "Eira", "Gaup", "Mikkelsen", "Aarseth", "Årseth", "Kvalsund", "Ali", "Hussain",
    "Kowalski", "Fjære", "Brække", "Tønnessen", "Skaar", "Skår", "Høiland", "Dæhli",
)  # fmt: skip

PROFESSIONS = (
    "sykepleier", "spesialsykepleier", "helsefagarbeider", "fysioterapeut", "ergoterapeut",
    "vernepleier", "jordmor", "psykolog", "sosionom", "lege", "klinisk ernæringsfysiolog",
    "helsesykepleier",
)  # fmt: skip
MUNICIPAL_SERVICES = (
    "hjemmetjenesten", "sykehjemmet", "legevakten", "helsestasjonen", "psykisk helse og rus",
    "korttidsavdelingen", "fastlegekontoret", "rehabiliteringsavdelingen",
    "tildelingskontoret", "kommunal akutt døgnenhet",
)  # fmt: skip
STREETS = (
    "Storgata", "Kirkeveien", "Skolegata", "Fjellveien", "Sjøgata", "Bjørkeveien",
    "Løkkeveien", "Åsveien", "Granveien", "Øvre Slottsgate", "Bråtaveien", "Nygårdsveien",
)  # fmt: skip
THEMES = (
    "observasjon og tiltak ved akutt forverret tilstand (NEWS2)",
    "sondeernæring og ernæringskartlegging",
    "sårbehandling ved diabetiske fotsår",
    "kateterstell og forebygging av urinveisinfeksjon",
    "oppfølging etter hjerneslag",
    "legemiddelgjennomgang for eldre med mange legemidler",
    "smertelindring i livets sluttfase",
    "trakeostomistell og sugeteknikk",
    "bruk av CPAP og BiPAP i hjemmet",
    "peritonealdialyse i hjemmet",
    "psykoseforståelse for miljøarbeidere",
    "vurdering av selvmordsrisiko",
    "rusmestring og oppfølging i LAR",
    "delirium hos eldre",
    "KOLS-oppfølging og inhalasjonsteknikk",
    "hjertesvikt: vekt, væske og diuretika",
    "barn med diabetes i barnehage og skole",
    "tvang og makt etter kapittel 9",
    "spiseforstyrrelser hos ungdom",
    "forflytningsteknikk og fallforebygging",
    "sentralvenøst kateter og veneport",
    "demens og utfordrende atferd",
)
GOALS = (
    "Målet er å styrke kompetansen i egen enhet og dele erfaringer med kollegaer etterpå.",
    "Ønsker å lære rutinene og ta dem med tilbake til tjenesten.",
    "Målet er tryggere overganger mellom sykehus og kommune.",
    "Ønsker innsikt i arbeidsflyt og samarbeid på tvers av nivåene.",
    "Skal bli ressursperson i egen kommune og lære opp andre.",
)
CONTRIBUTIONS = (
    "Kan fortelle om hvordan kommunen følger opp pasientene etter utskrivning.",
    "Kan dele erfaringer fra hjemmesykehus og velferdsteknologi.",
    "Kan holde en kort innledning om tjenestetilbudet i kommunen.",
)
AGREEMENTS = (
    "To digitale møter med fagsykepleier, deretter oppfølging på telefon ved behov.",
    "Ambulant team kommer på besøk og gir veiledning til personalet på stedet.",
    "Undervisning for personalgruppen, 2 timer, med mulighet for spørsmål i etterkant.",
    "Fast telefontid onsdager i fire uker.",
    "Felles gjennomgang av prosedyre og oppdatert sjekkliste.",
)
NETWORK_NAMES = (
    "Fagnettverk for {x}",
    "Kollegagruppe {place}",
    "Fagdag: {x}",
    "Kurs i {x}",
    "Internundervisning: {x}",
    "Ambulant team {place}",
    "Faglig samarbeidsutvalg {place}",
    "Forskningsforum {place}",
)
NETWORK_TYPES = (
    "fagnettverk",
    "kollegagruppe",
    "fagdag",
    "kurs",
    "internundervisning",
    "ambulant_team",
    "samarbeidsutvalg",
    "forskningsforum",
)
TARGET_GROUPS = (
    "sykepleiere i hjemmetjenesten",
    "fastleger og LIS i kommunene",
    "ansatte i sykehjem",
    "miljøterapeuter i psykisk helse og rus",
    "fysio- og ergoterapeuter",
    "helsesykepleiere",
    "leger i spesialisering på sykehuset",
    "ledere i helse- og omsorgstjenesten",
)
SPECIALTIES = (
    "Allmennmedisin",
    "Samfunnsmedisin",
    "Indremedisin",
    "Psykiatri",
    "Barne- og ungdomspsykiatri",
    "Geriatri",
    "Rus- og avhengighetsmedisin",
    "Fysikalsk medisin og rehabilitering",
)
NOTES = (
    "Ringte {name}, venter på svar.",
    "Sendt påminnelse på e-post til {name}.",
    "Avklart med leder at saken kan gå videre.",
    "{name} ber om utsettelse til etter ferien.",
    "Møte avtalt med {name} på Teams.",
    "Mangler underskrift; sendt tilbake til {name}.",
    "Tatt opp i samarbeidsutvalget, ingen merknader.",
    "Snakket med {name}: alt i rute.",
    "Kopi sendt til arkivet.",
)
TAGS = ("prioritert", "oppfølging", "samarbeidsutvalget", "kompetanse", "region", "ny rutine")
COMMENTS = (
    "Ikke kapasitet i perioden på grunn av turnus.",
    "Ikke aktuelt nå; kan søke på nytt til høsten.",
    "Enheten har ikke veileder tilgjengelig i ønsket periode.",
)


class _Rng(random.Random):
    """`random.Random` with cheaper `randint` and `choice` (one `random()` each, no
    rejection loop): a demo desk draws ~60 numbers per case."""

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.random() * len(seq))]


@cache
def _ascii(text: str) -> str:
    table = str.maketrans(
        {"æ": "ae", "ø": "o", "å": "a", "á": "a", "š": "s", "č": "c", "đ": "d", "ï": "i"}
    )
    out = text.lower().translate(table)
    return "".join(ch if ch.isalnum() else "-" for ch in out if ch.isascii()).strip("-")


# --- one case ----------------------------------------------------------------------------


class _Day(int):
    """A date as a day offset from the case's received date (converted at the end)."""


class _Clock:
    """Days since the case was received; `idle` is how long the case has rested since its
    last step, so `today` is `now + idle` once the walk is done."""

    def __init__(self, rng: random.Random, idle: int) -> None:
        self.rng = rng
        self.now = 0
        self.idle = idle

    def step(self, lo: int, hi: int) -> _Day:
        self.now += self.rng.randint(lo, hi)
        return _Day(self.now)

    def to(self, day: int) -> _Day:
        self.now = max(self.now, day)
        return _Day(self.now)

    def today(self) -> int:
        return self.now + self.idle

    def ahead(self, lo: int, hi: int) -> _Day:
        """A day counted from today (after the walk)."""
        return _Day(self.today() + self.rng.randint(lo, hi))


@dataclass
class _Ctx:
    rng: random.Random
    clock: _Clock
    values: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def phone(self) -> str:
        return f"{self.rng.choice('49')}{self.rng.randrange(10**7):07d}"

    def email(self, name: str, domain: str) -> str:
        first, *_, last = name.split()
        return f"{_ascii(first)}.{_ascii(last)}@{domain}"

    def municipality(self) -> str:
        return self.rng.choice(municipalities())

    def trust(self) -> str:
        return self.rng.choice(hospital_trusts())

    def unit(self) -> str:
        return self.rng.choice(HOSPITAL_UNITS)

    def maybe(self, share: float) -> bool:
        return self.rng.random() < share


def _muni_domain(name: str) -> str:
    return f"{_ascii(name_parts(name)[0])}.kommune.no"


def _trust_domain(trust: str) -> str:
    words = [w for w in trust.replace(" HF", "").split() if w.lower() not in ("i", "st.")]
    return f"{_ascii(words[-1])}.hf.no"


def _set_party(c: _Ctx, party: str, domain: str) -> str:
    name = c.person()
    c.values.update(
        party=party,
        contact_name=name,
        contact_phone=c.phone(),
        email=c.email(name, domain),
    )
    return party


def _set_party_municipal(c: _Ctx) -> str:
    muni = c.municipality()
    return _set_party(c, muni, _muni_domain(muni))


def _set_party_trust(c: _Ctx) -> str:
    trust = c.trust()
    return _set_party(c, trust, _trust_domain(trust))


def _reason(c: _Ctx, choices: tuple[tuple[str, str], ...]) -> None:
    c.reason = c.rng.choice(choices)[0]  # the key: the label is the catalogue's


# -- hospitering --


def _hospitering_start(c: _Ctx) -> None:
    v, rng = c.values, c.rng
    to_hospital = c.maybe(0.7)
    v["direction"] = "til_sykehus" if to_hospital else "til_kommune"
    applicant = c.person()
    v["applicant_name"] = applicant
    if to_hospital:
        muni = _set_party_municipal(c)
        v["workplace"] = f"{rng.choice(MUNICIPAL_SERVICES).capitalize()}, {name_parts(muni)[0]}"
        trust = c.trust()
        v["desired_host_unit"] = f"{c.unit().capitalize()}, {trust}"
    else:
        trust = _set_party_trust(c)
        v["workplace"] = f"{c.unit().capitalize()}, {trust}"
        muni = c.municipality()
        v["desired_host_unit"] = f"{rng.choice(MUNICIPAL_SERVICES).capitalize()}, {muni}"
    if c.maybe(0.5):
        v["home_address"] = (
            f"{rng.choice(STREETS)} {rng.randint(1, 120)}, {rng.randint(1000, 9999)} "
            f"{name_parts(c.municipality())[0]}"
        )
    if c.maybe(0.4):
        v["home_phone"] = c.phone()
    v["workplace_address"] = f"{rng.choice(STREETS)} {rng.randint(1, 60)}"
    v["workplace_phone"] = c.phone()
    v["profession"] = rng.choice(PROFESSIONS)
    start = rng.randint(30, 120)
    v["period_from"] = _Day(start)
    v["period_to"] = _Day(start + rng.randint(2, 14))
    v["theme_goals"] = f"Hospitering om {rng.choice(THEMES)}. {rng.choice(GOALS)}"
    if c.maybe(0.5):
        v["contribution"] = rng.choice(CONTRIBUTIONS)
    v["applied_on"] = _Day(-rng.randint(0, 6))
    v["signed"] = True if c.maybe(0.85) else (None if c.maybe(0.5) else False)


def _hospitering_host(c: _Ctx) -> None:
    v = c.values
    host = c.person()
    v["host_unit"] = v["desired_host_unit"]
    v["host_contact"] = host
    domain = "vert.kommune.no" if v["direction"] == "til_kommune" else "vert.hf.no"
    v["host_email"] = c.email(host, domain)
    v["host_phone"] = c.phone()


def _hospitering_step(c: _Ctx, status: str) -> None:
    v, k, rng = c.values, c.clock, c.rng
    if status == "hos_egen_leder":
        k.step(0, 3)
    elif status in ("godkjent_egen_leder", "avslatt_egen_leder"):
        v["own_leader_on"] = k.step(2, 10)
        if status == "godkjent_egen_leder":
            v["own_leader_decision"] = "innvilget"
        else:
            v["own_leader_decision"] = "ikke_innvilget"
            v["own_leader_comment"] = rng.choice(COMMENTS)
    elif status == "sendt_vertsenhet":
        v["sent_on"] = k.step(0, 5)
    elif status == "mottatt_vertsenhet":
        v["host_received_on"] = k.step(1, 8)
    elif status in ("godkjent_vertsenhet", "avslatt_vertsenhet"):
        v["host_leader_on"] = k.step(2, 15)
        _hospitering_host(c)
        if status == "godkjent_vertsenhet":
            v["host_leader_decision"] = "innvilget"
        else:
            v["host_leader_decision"] = "ikke_innvilget"
            v["host_leader_comment"] = rng.choice(COMMENTS)
    elif status in ("tilbakemeldt", "tilbakemeldt_avslag"):
        v["feedback_on"] = k.step(0, 5)
        v["feedback_decision"] = "innvilget" if status == "tilbakemeldt" else "ikke_innvilget"
    elif status == "avtalt":
        k.step(1, 10)
        start = k.now + rng.randint(7, 40)
        v["agreed_from"] = _Day(start)
        v["agreed_to"] = _Day(start + rng.randint(2, 14))
        v["evaluation_planned_on"] = _Day(v["agreed_to"] + rng.randint(7, 21))
        if c.maybe(0.5):
            v["travel_lodging"] = rng.choice(
                (
                    "Arbeidsgiver dekker reise; overnatting på sykehushotellet.",
                    "Dagpendling, kjøregodtgjørelse etter statens satser.",
                    "Ingen reise: samme sted.",
                )
            )
    elif status == "pagar":
        start = k.to(v["agreed_from"])
        if c.maybe(0.85):
            v["confidentiality_on"] = _Day(start - rng.randint(0, 3))
    elif status == "gjennomfort":
        k.to(v["agreed_to"] + rng.randint(0, 2))
    elif status == "evaluert":
        v["evaluation_done_on"] = k.to(v["evaluation_planned_on"] + rng.randint(-3, 10))
        v["evaluation_form"] = rng.choice(("digital", "fysisk"))
        if c.maybe(0.5):
            v["evaluation_notes"] = "Godt utbytte; tiltak tatt inn i egen prosedyre."
    elif status == "trukket":
        k.step(1, 20)
        _reason(c, WITHDRAW_REASONS)


def _hospitering_finish(c: _Ctx, status: str) -> None:
    v, k, rng = c.values, c.clock, c.rng
    early = (
        "mottatt",
        "hos_egen_leder",
        "godkjent_egen_leder",
        "sendt_vertsenhet",
        "mottatt_vertsenhet",
        "godkjent_vertsenhet",
        "tilbakemeldt",
    )
    if status in early:
        start = k.ahead(14, 120)
        v["period_from"] = start
        v["period_to"] = _Day(start + rng.randint(2, 14))
    elif status == "avtalt":
        start = k.ahead(-5, 40)
        v["agreed_from"] = start
        v["agreed_to"] = _Day(start + rng.randint(2, 14))
        v["evaluation_planned_on"] = _Day(v["agreed_to"] + rng.randint(7, 21))
    elif status == "pagar":
        v["agreed_to"] = k.ahead(1, 14)
        v["evaluation_planned_on"] = _Day(v["agreed_to"] + rng.randint(7, 21))
    elif status == "gjennomfort":
        v["evaluation_planned_on"] = k.ahead(-15, 20)


# -- veiledning --


def _veiledning_start(c: _Ctx) -> None:
    v, rng = c.values, c.rng
    from_municipality = c.maybe(0.75)
    if from_municipality:
        _set_party_municipal(c)
        v["direction"] = "hf_til_kommune"
        v["unit_asked"] = f"{c.unit().capitalize()}, {c.trust()}"
    else:
        _set_party_trust(c)
        v["direction"] = "kommune_til_hf"
        v["unit_asked"] = f"{rng.choice(MUNICIPAL_SERVICES).capitalize()}, {c.municipality()}"
    theme = rng.choice(THEMES)
    v["topic"] = f"{theme[0].upper()}{theme[1:]}"
    v["subject"] = rng.choice(("psykisk", "fysisk"))
    scope = rng.choice(("en_pasient", "pasientgruppe", "ny_kunnskap", "generell"))
    v["scope"] = scope
    v["channel"] = rng.choice(("telefon", "mote", "ambulant", "enkeltsak"))
    if scope in ("ny_kunnskap", "generell") and c.maybe(0.6):
        v["grouping_key"] = theme.split()[0]


def _veiledning_step(c: _Ctx, status: str) -> None:
    v, k, rng = c.values, c.clock, c.rng
    if status == "vurdert":
        k.step(1, 6)
    elif status == "avtalt":
        v["agreement"] = rng.choice(AGREEMENTS)
        v["agreed_on"] = k.step(2, 14)
        if v.get("channel") == "mote":  # a meeting has its day: a planned delivery
            v["planned_delivery_on"] = _Day(v["agreed_on"] + 10)
    elif status == "levert":
        v["delivered_on"] = k.step(3, 30)
    elif status == "lukket":
        k.step(1, 10)
    elif status == "avvist":
        k.step(1, 5)
        _reason(c, VEILEDNING_DECLINE_REASONS)
    elif status == "trukket":
        k.step(1, 10)
        _reason(c, WITHDRAW_REASONS)


# -- LIS1 --


def _lis1_start(c: _Ctx) -> None:
    v, rng = c.values, c.rng
    _set_party_municipal(c)
    v["doctor_name"] = c.person()
    start = -rng.randint(30, 400)
    v["hospital_from"] = _Day(start)
    v["hospital_to"] = _Day(start + 365)
    v["municipal_from"] = _Day(start + 366)
    v["municipal_to"] = _Day(start + 548)
    notice = rng.choice(("frafall_for", "frafall_under", "forsinkelse", "restplass"))
    v["notice_type"] = notice
    v["event_on"] = _Day(-rng.randint(0, 6))
    if notice in ("frafall_for", "frafall_under", "forsinkelse"):
        v["coarse_reason"] = rng.choice(("permisjon", "annet", None))
    if notice == "forsinkelse":
        delay = rng.randint(30, 120)
        v["new_expected_from"] = _Day(v["municipal_from"] + delay)
        v["new_expected_to"] = _Day(v["municipal_to"] + delay)
    # Some notifications are already made when the case arrives.
    if c.maybe(0.3):
        v["hospital_notified_on"] = _Day(v["event_on"] + rng.randint(0, 2))


def _lis1_notify_all(c: _Ctx) -> None:
    v, k = c.values, c.clock
    notice = v["notice_type"]
    if notice in ("frafall_for", "frafall_under"):
        v.setdefault("hospital_notified_on", k.step(0, 2))
        if c.maybe(0.3):
            v["statsforvalter_confirmed"] = True
        else:
            v["statsforvalter_notified_on"] = k.step(0, 2)
    elif notice == "forsinkelse":
        v["other_party_informed_on"] = k.step(0, 3)
    else:
        v.setdefault("hospital_notified_on", k.step(0, 2))


def _lis1_step(c: _Ctx, status: str) -> None:
    v, k = c.values, c.clock
    if status == "varsles":
        k.step(0, 2)
        if v["notice_type"] in ("frafall_for", "frafall_under") and c.maybe(0.5):
            v.setdefault("hospital_notified_on", _Day(k.now))
    elif status == "varslet":
        _lis1_notify_all(c)
    elif status == "avsluttet":
        k.step(5, 60)
    elif status == "trukket":
        k.step(1, 10)
        _reason(c, WITHDRAW_REASONS)


# -- LIS3 --


def _lis3_start(c: _Ctx) -> None:
    v, rng = c.values, c.rng
    muni = _set_party_municipal(c)
    v["doctor_name"] = c.person()
    program = rng.choice(("alis", "alis", "samfunnsmedisin", "sykehus"))
    v["program"] = program
    v["specialty"] = {
        "alis": "Allmennmedisin",
        "samfunnsmedisin": "Samfunnsmedisin",
    }.get(program) or rng.choice(SPECIALTIES[2:])
    v["seniority_from"] = _Day(-rng.randint(200, 2000))
    v["reported_by"] = rng.choice(("alis_kontor", "kommune", "lege"))
    v["plan_assigned_on"] = _Day(-rng.randint(0, 30))
    v["supervisor_municipality"] = f"Dr. {c.person()}"
    if c.maybe(0.6):
        v["supervisor_host"] = f"Dr. {c.person()}"
    start = rng.randint(190, 420)
    v["desired_from"] = _Day(start)
    months = rng.choice(("6", "6", "6", "3"))
    v["duration_months"] = months
    v["desired_to"] = _Day(start + (182 if months == "6" else 91))
    v["department"] = (
        c.unit().capitalize() if program == "sykehus" else rng.choice(MUNICIPAL_SERVICES)
    )
    v["location"] = name_parts(muni)[0] if program != "sykehus" else c.trust()


def _lis3_step(c: _Ctx, status: str) -> None:
    v, k, rng = c.values, c.clock, c.rng
    if status == "i_ko":
        v.setdefault("queued_on", k.step(0, 10))
    elif status == "bekreftelse_bedt":
        v["confirmation_requested_on"] = k.step(5, 60)
    elif status == "bekreftet":
        k.step(1, 14)
    elif status == "tilbudt":
        k.step(5, 40)
        shift = rng.choice((0, 0, 0, 30))
        v["offered_from"] = _Day(max(v["desired_from"] + shift, k.now + 14))
        v["offered_to"] = _Day(v["offered_from"] + (v["desired_to"] - v["desired_from"]))
        if c.maybe(0.3):
            v["offered_department"] = v["department"]
            v["offered_location"] = v["location"]
    elif status == "sokt_vikariat":
        k.step(3, 20)
        v["locum_arranged"] = True if c.maybe(0.6) else None
    elif status == "pagar":
        k.to(v["offered_from"])
    elif status == "fullfort":
        k.to(v["offered_to"])
    elif status == "avlyst":
        k.step(5, 60)
        _reason(c, CANCEL_REASONS)


def _lis3_finish(c: _Ctx, status: str) -> None:
    v, k, rng = c.values, c.clock, c.rng
    length = v["desired_to"] - v["desired_from"]
    if status in ("registrert", "i_ko"):
        # confirmation due = start - 6 months: some passed, some coming
        start = k.ahead(140, 330)
        v["desired_from"], v["desired_to"] = start, _Day(start + length)
    elif status in ("bekreftelse_bedt", "bekreftet", "tilbudt", "sokt_vikariat"):
        if v["desired_from"] <= k.today():
            start = k.ahead(30, 200)
            v["desired_from"], v["desired_to"] = start, _Day(start + length)
        if "offered_from" in v and v["offered_from"] <= k.today():
            v["offered_from"] = _Day(k.today() + rng.randint(14, 90))
            v["offered_to"] = _Day(v["offered_from"] + length)
    elif status == "pagar":
        v["offered_to"] = _Day(max(v["offered_to"], k.today() + 1))


# -- nettverk --


def _nettverk_start(c: _Ctx) -> None:
    v, rng = c.values, c.rng
    if c.maybe(0.6):
        muni = _set_party_municipal(c)
        place = name_parts(muni)[0]
    else:
        place = _set_party_trust(c).replace(" HF", "")
    i = rng.randrange(len(NETWORK_TYPES))
    theme = rng.choice(THEMES)
    short = theme.split(":")[0].split(" og ")[0]
    v["activity_type"] = NETWORK_TYPES[i]
    v["network_name"] = NETWORK_NAMES[i].format(x=short, place=place)
    v["topic"] = theme
    v["level"] = rng.choice(("intern", "tvers", "interkommunalt", "regionalt"))
    v["target_group"] = rng.choice(TARGET_GROUPS)
    v["coordinator"] = c.person()
    v["virtual"] = rng.choice((True, False, None))
    v["held_on"] = _Day(rng.randint(20, 90))
    v["counts_learning_goals"] = rng.choice((True, False, None))
    if c.maybe(0.15):
        v["cost_sharing"] = "Kostnader deles likt mellom partene etter egen avtale."


def _nettverk_step(c: _Ctx, status: str) -> None:
    v, k, rng = c.values, c.clock, c.rng
    if status == "kunngjort":
        v["announced_on"] = k.step(1, 20)
    elif status == "gjennomfort":
        k.to(v["held_on"])
        v["participants_municipality"] = rng.randint(0, 60)
        v["participants_hospital"] = rng.randint(0, 30)
    elif status == "rapportert":
        k.step(3, 20)
    elif status == "avlyst":
        k.step(1, 30)
        _reason(c, CANCEL_REASONS)


def _nettverk_finish(c: _Ctx, status: str) -> None:
    if status in ("planlagt", "kunngjort"):
        c.values["held_on"] = c.clock.ahead(3, 120)


_Start = Callable[[_Ctx], None]
_Step = Callable[[_Ctx, str], None]


def _no_finish(c: _Ctx, status: str) -> None:
    del c, status


BUILDERS: dict[str, tuple[_Start, _Step, _Step]] = {
    "hospitering": (_hospitering_start, _hospitering_step, _hospitering_finish),
    "veiledning": (_veiledning_start, _veiledning_step, _no_finish),
    "lis1": (_lis1_start, _lis1_step, _no_finish),
    "lis3": (_lis3_start, _lis3_step, _lis3_finish),
    "nettverk": (_nettverk_start, _nettverk_step, _nettverk_finish),
}


@cache
def _graph(kind: str) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...], frozenset[str]]:
    """Per kind: forward predecessors of each status, the open statuses, and the closing
    statuses reachable from any open one (trukket / avlyst)."""
    spec = KINDS[kind]
    order = {s.key: i for i, s in enumerate(spec.statuses)}
    preds: dict[str, list[str]] = {}
    for t in TRANSITIONS[kind]:
        if order[t.source] < order[t.target]:
            preds.setdefault(t.target, []).append(t.source)
    opened = tuple(s.key for s in spec.statuses if s.is_open)
    from_any = frozenset(
        s.key for s in spec.statuses if not s.is_open and set(preds.get(s.key, ())) >= set(opened)
    )
    return {k: tuple(v) for k, v in preds.items()}, opened, from_any


def _path(rng: random.Random, kind: str, target: str) -> list[str]:
    """Statuses walked from the first one to `target` (excluding the first)."""
    preds, opened, from_any = _graph(kind)
    if target in from_any:  # trukket / avlyst: from any open status
        return [*_path(rng, kind, rng.choice(opened)), target]
    path = [target]
    first = opened[0]
    while path[0] != first:
        path.insert(0, rng.choice(preds[path[0]]))
    return path[1:]


def _pick_status(rng: random.Random, spec: KindSpec) -> str:
    closed = [s.key for s in spec.statuses if not s.is_open]
    opened = [s.key for s in spec.statuses if s.is_open]
    return rng.choice(closed if rng.random() < CLOSED_SHARE else opened)


def _idle(rng: random.Random) -> int:
    """Days an open case has rested since its last step."""
    if rng.random() < 0.12:
        return rng.randint(25, 150)  # stuck cases
    return rng.randint(0, 25)


# Text forms as SQLAlchemy stores them on SQLite (Date, DateTime, Boolean), so demo rows
# look exactly like rows written through the commands.
def _sql_date(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _sql_stamp(d: date, minute_of_day: int) -> str:
    return f"{d.isoformat()} {minute_of_day // 60:02d}:{minute_of_day % 60:02d}:00.000000"


def _sql_value(f: FieldSpec, value: Any) -> Any:
    if value is None:
        return None
    if f.type == "date":
        return value.isoformat()
    if f.type == "tri":
        return 1 if value else 0
    if f.type == "int":
        return int(value)
    return value


CASE_COMMON = CASE_FIELD_NAMES[1:]  # all but received_on, which has its own place
# Columns of the case row made by a chunk; pk, id, ref, ref_year, ref_seq come later.
CASE_TAIL = (
    "kind",
    "queue",
    "status",
    "whose_move",
    "is_open",
    "flag_count",
    "title",
    "received_on",
    "due_on",
    "due_reason",
    "due_key",
    "due_params",
    "critical_on",
    "status_since",
    "closed_on",
    "snoozed_until",
    "created_at",
    "updated_at",
    "version",
    "reason",
    *CASE_COMMON,
)
CASE_INSERT = ("pk", "id", "ref", "ref_year", "ref_seq", *CASE_TAIL)
CHUNK_ROWS = 2000  # cases per independently seeded chunk


class _Planned(NamedTuple):
    """One case, ready to insert apart from its pk and ref (crosses process boundaries as
    a plain tuple: 4× cheaper to unpickle than a dataclass)."""

    received: str  # ISO date: the sort key and the ref year
    order: int
    kind: str
    id: str
    tail: tuple[Any, ...]  # CASE_TAIL
    detail: tuple[Any, ...]  # case_id first, then the kind's fields
    created_at: str
    create_batch: str
    notes: tuple[tuple[str, str, str], ...]  # (at, text, batch)
    # Every move the walk made: (at, batch, old status, new status, old since, new since).
    moves: tuple[tuple[str, str, str, str, str, str], ...] = ()


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _make_case(
    rng: random.Random, kind: str, status: str, today: date, order: int, reminders: Reminders
) -> _Planned:
    spec = KINDS[kind]
    start, step, finish = BUILDERS[kind]
    is_open = spec.status(status).is_open
    clock = _Clock(rng, _idle(rng) if is_open else 0)
    c = _Ctx(rng, clock)
    start(c)
    path = _path(rng, kind, status)
    entered: list[int] = []  # the day (from received) each status of the path was entered
    for s in path:
        step(c, s)
        entered.append(clock.now)
    if not is_open:  # closed cases rest anywhere in the last ~18 months
        clock.idle = rng.randint(0, max(0, MAX_AGE_DAYS - clock.now))
    finish(c, status)
    if entered:
        entered[-1] = clock.now  # the last move is the case's last step
    received = today - timedelta(days=clock.today())
    values: dict[str, Any] = {
        name: received + timedelta(days=value) if isinstance(value, _Day) else value
        for name, value in c.values.items()
    }
    values["received_on"] = received
    if c.maybe(0.5):
        values["archive_ref"] = (
            f"{received.year % 100:02d}/{rng.randint(100, 9999):05d}-{rng.randint(1, 12)}"
        )
    if c.maybe(0.15):
        values["tags"] = ", ".join(rng.sample(TAGS, rng.randint(1, 2)))
    snoozed = None
    if is_open:
        r = rng.random()
        if r < SNOOZED_SHARE:
            snoozed = today + timedelta(days=rng.randint(1, 21))
        elif r < SNOOZED_SHARE + SNOOZE_EXPIRED_SHARE:
            snoozed = today - timedelta(days=rng.randint(1, 10))
    # Timestamps (UTC) during the working day; notes between received and today.
    created_min = rng.randint(6 * 60, 15 * 60 - 1)
    created_at = _sql_stamp(received, created_min)
    last_step = (received + timedelta(days=clock.now), rng.randint(6 * 60, 15 * 60 - 1))
    notes: list[tuple[str, str, str]] = []
    if rng.random() < NOTE_SHARE:
        span = (today - received).days
        stamps = sorted(
            (received + timedelta(days=rng.randint(0, span)), rng.randint(6 * 60, 15 * 60 - 1))
            for _ in range(rng.randint(1, 3))
        )
        for d, minute in stamps:
            stamp = max(created_at, _sql_stamp(d, minute))
            text = rng.choice(NOTES).format(name=c.person())
            notes.append((stamp, text, _uuid(rng).hex))
        last_step = max(last_step, stamps[-1])
    updated_at = max(created_at, _sql_stamp(*last_step))
    # The moves as events (DESIGN.md: every write has its events), each its own batch; the
    # last one at the case's last step, the others a minute apart from the creation on.
    cid = str(_uuid(rng))
    moves: list[tuple[str, str, str, str, str, str]] = []
    old, since = spec.first_status, received
    for i, (s, day) in enumerate(zip(path, entered, strict=True)):
        on = received + timedelta(days=day)
        minute = created_min + i + 1  # a minute apart, so the history keeps its order
        if i == len(path) - 1:
            minute = max(minute, last_step[1])
        at = _sql_stamp(on, minute)
        batch = uuid.uuid5(uuid.NAMESPACE_URL, f"{cid}/{i}").hex
        moves.append((at, batch, old, s, since.isoformat(), on.isoformat()))
        old, since = s, on
    closed_on = None if is_open else since
    if moves:
        updated_at = max(updated_at, moves[-1][0])
    detail = {f.name: values.get(f.name) for f in spec.fields}
    common = {n: values.get(n) for n in CASE_COMMON}
    derived = derive(
        kind,
        status,
        {**common, **detail, "received_on": received, "status_since": since},
        reminders,
    )
    tail = (
        kind,
        spec.queue,
        status,
        derived["whose_move"],
        1 if derived["is_open"] else 0,
        derived["flag_count"],
        derived["title"],
        received.isoformat(),
        _sql_date(derived["due_on"]),
        derived["due_reason"],
        derived["due_key"],
        derived["due_params"],
        _sql_date(derived["critical_on"]),
        since.isoformat(),
        _sql_date(closed_on),
        _sql_date(snoozed),
        created_at,
        updated_at,
        1 + len(path) + len(notes),
        c.reason,
        *(common[n] for n in CASE_COMMON),
    )
    return _Planned(
        received=received.isoformat(),
        order=order,
        kind=kind,
        id=cid,
        tail=tail,
        detail=(cid, *(_sql_value(f, detail[f.name]) for f in spec.fields)),
        created_at=created_at,
        create_batch=_uuid(rng).hex,
        notes=tuple(notes),
        moves=tuple(moves),
    )


def _plan_chunk(seed: int, chunk: int, rows: int, today: date) -> list[_Planned]:
    """Cases `chunk * CHUNK_ROWS` … of the desk, from a generator seeded by `seed` and the
    chunk number alone, so chunks can be made in any order or in parallel."""
    rng = _Rng(f"samhandlingsdesk-demo/{seed}/{chunk}")
    every = [(k, s.key) for k, spec in KINDS.items() for s in spec.statuses]
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    reminders = Reminders()
    out = []
    first = chunk * CHUNK_ROWS
    for i in range(first, min(rows, first + CHUNK_ROWS)):
        if i < len(every):  # the first cases go through every status of every kind
            kind, status = every[i]
        else:
            kind = rng.choices(kinds, weights)[0]
            status = _pick_status(rng, KINDS[kind])
        out.append(_make_case(rng, kind, status, today, i, reminders))
    return out


def _plan_chunk_star(args: tuple[int, int, int, date]) -> list[tuple[Any, ...]]:
    return [tuple(c) for c in _plan_chunk(*args)]


PARALLEL_FROM_ROWS = 20_000


def _plan(
    rows: int, seed: int, today: date, meanwhile: Callable[[], T]
) -> tuple[list[_Planned], T]:
    """Every case, sorted by received date, and what `meanwhile` returned. Big desks are
    planned on every core (the result does not depend on how many: each chunk has its own
    seed) while this process runs `meanwhile` (creating the empty desk)."""
    jobs = [(seed, i, rows, today) for i in range((rows + CHUNK_ROWS - 1) // CHUNK_ROWS)]
    workers = min(len(jobs), os.cpu_count() or 1)
    if rows >= PARALLEL_FROM_ROWS and workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        ctx = multiprocessing.get_context(method)
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            futures = [pool.submit(_plan_chunk_star, job) for job in jobs]
            result = meanwhile()
            try:
                chunks = [f.result() for f in futures]
            except BaseException:
                for f in futures:
                    f.cancel()
                raise
    else:
        result = meanwhile()
        chunks = [_plan_chunk_star(job) for job in jobs]
    make = _Planned._make
    cases = [make(c) for chunk in chunks for c in chunk]
    cases.sort(key=lambda c: (c.received, c.order))
    return cases, result


# --- writing -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DemoStats:
    path: Path
    cases: int
    notes: int
    events: int
    reference_date: date
    seconds: float
    by_kind: dict[str, int]
    phases: dict[str, float] = field(default_factory=dict)  # seconds per phase


def _lap(phases: dict[str, float], name: str, since: float) -> float:
    now = time.perf_counter()
    phases[name] = now - since
    return now


def _remove(path: Path) -> None:
    """Delete a half-made desk (only ever one this module created)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def generate(path: Path, rows: int, seed: int, today: date) -> DemoStats:
    """Write a new demo desk with `rows` cases to `path` (refuses an existing file).

    Raises DeskError (from create_desk) when `path` exists or cannot be created; a desk
    that fails half-way is deleted.
    """
    from samhandlingsdesk.store.bulk import load_cases
    from samhandlingsdesk.store.db import create_desk

    if rows < 0:
        raise ValueError("rows must be >= 0")
    started = time.perf_counter()
    phases: dict[str, float] = {}

    created: list[Desk] = []

    def create() -> Desk:
        t = time.perf_counter()
        created.append(create_desk(path))  # refuses an existing file
        _lap(phases, "create (beside plan)", t)
        return created[0]

    try:
        cases, desk = _plan(rows, seed, today, create)
    except BaseException:
        if created:  # only ever delete the file this call made
            created[0].close()
            _remove(path)
        raise
    t = _lap(phases, "plan", started)

    case_rows: list[tuple[Any, ...]] = []
    detail_rows: dict[str, list[tuple[Any, ...]]] = {k: [] for k in KINDS}
    note_rows: list[tuple[Any, ...]] = []
    event_rows: list[tuple[Any, ...]] = []
    seqs: Counter[tuple[str, int]] = Counter()
    for pk, c in enumerate(cases, start=1):
        year = int(c.received[:4])
        seqs[(c.kind, year)] += 1
        seq = seqs[(c.kind, year)]
        ref = make_ref(KINDS[c.kind].letter, year, seq)
        case_rows.append((pk, c.id, ref, year, seq, *c.tail))
        detail_rows[c.kind].append(c.detail)
        event_rows.append((c.id, c.create_batch, c.created_at, "create", None, None, ref, None))
        for at, batch, old, new, old_since, new_since in c.moves:
            event_rows.append((c.id, batch, at, "transition", "status", old, new, None))
            event_rows.append(
                (c.id, batch, at, "transition", "status_since", old_since, new_since, None)
            )
        for at, text, batch in c.notes:
            note_id = len(note_rows) + 1
            note_rows.append((note_id, c.id, at, text))
            event_rows.append((c.id, batch, at, "note", f"note:{note_id}", None, text, None))
    # Events in time order, as they would have been written.
    event_rows.sort(key=lambda e: (e[2], e[0], e[4] or ""))
    t = _lap(phases, "rows", t)

    try:
        t = load_cases(
            desk,
            case_columns=CASE_INSERT,
            cases=case_rows,
            details={
                k: (("case_id", *(f.name for f in KINDS[k].fields)), r)
                for k, r in detail_rows.items()
            },
            notes=note_rows,
            events=event_rows,
            meta=[(REFERENCE_DATE_KEY, today.isoformat()), (DEMO_KEY, f"rows={rows} seed={seed}")],
            lap=lambda name, since: _lap(phases, name, since),
            started=t,
        )
    except BaseException:
        desk.close()
        _remove(path)
        raise
    desk.close()
    _lap(phases, "close", t)
    return DemoStats(
        path=path,
        cases=len(case_rows),
        notes=len(note_rows),
        events=len(event_rows),
        reference_date=today,
        seconds=time.perf_counter() - started,
        by_kind=dict(Counter(c.kind for c in cases)),
        phases=phases,
    )
