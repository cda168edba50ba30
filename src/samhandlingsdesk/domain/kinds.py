"""The five case kinds as data: fields, labels, statuses and whose move.

Screens, forms, exports, imports and tests all read this module; nothing else lists the
fields of a kind. Pure Python: cheap to import, no SQLAlchemy, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from samhandlingsdesk.domain.dates import format_date
from samhandlingsdesk.domain.parties import name_parts

Move = Literal["ours", "theirs", "done"]
FieldType = Literal[
    "text",  # one line of free text
    "longtext",  # several lines of free text
    "date",  # a calendar date
    "choice",  # one of `choices`
    "tri",  # Ja / Nei / Ukjent (None)
    "int",  # a whole number >= 0
    "phone",  # digits, shown in pairs
    "email",
    "party",  # a municipality or hospital unit, offered as you type
]
DateDirection = Literal["past", "future"]


class Kind(StrEnum):
    HOSPITERING = "hospitering"
    VEILEDNING = "veiledning"
    LIS1 = "lis1"
    LIS3 = "lis3"
    NETTVERK = "nettverk"


MOVE_LABELS: dict[str, str] = {"ours": "Vårt trekk", "theirs": "Venter på andre", "done": "Ferdig"}
TRI_LABELS: dict[bool | None, str] = {True: "Ja", False: "Nei", None: "Ukjent"}


@dataclass(frozen=True, slots=True)
class Status:
    key: str
    label: str
    move: Move

    @property
    def is_open(self) -> bool:
        return self.move != "done"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a case.

    `common` fields live on the `case` table and are shared by every kind; the others live
    in the kind's own detail table under the same name.
    """

    name: str
    label: str
    type: FieldType = "text"
    group: str = ""
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    direction: DateDirection = "past"
    personal: bool = False  # left out of exports unless asked for
    common: bool = False
    searchable: bool = False  # goes into the full-text index
    help: str = ""

    def choice_label(self, key: str | None) -> str:
        for k, label in self.choices:
            if k == key:
                return label
        return key or ""


@dataclass(frozen=True, slots=True)
class KindSpec:
    key: Kind
    label: str
    plural: str
    letter: str  # ref prefix: H, V, L1, L3, N
    queue: str  # lis1 and lis3 share the `lis` queue
    statuses: tuple[Status, ...]
    fields: tuple[FieldSpec, ...]  # detail fields, in form order
    groups: tuple[str, ...]
    title_field: str  # the detail field the list title is made from
    party_label: str = "Kommune / enhet"
    initial_status: str = ""

    def status(self, key: str) -> Status:
        for s in self.statuses:
            if s.key == key:
                return s
        raise KeyError(f"{self.key}: ukjent status {key!r}")

    def has_status(self, key: str) -> bool:
        return any(s.key == key for s in self.statuses)

    def field(self, name: str) -> FieldSpec:
        for f in self.all_fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.key}: ukjent felt {name!r}")

    @property
    def all_fields(self) -> tuple[FieldSpec, ...]:
        return common_fields(self) + self.fields

    @property
    def first_status(self) -> str:
        return self.initial_status or self.statuses[0].key


def _choices(*pairs: str) -> tuple[tuple[str, str], ...]:  # pragma: no mutate block
    it = iter(pairs)
    return tuple(zip(it, it, strict=True))


# --- shared choice lists -------------------------------------------------------------
DECISION = _choices("innvilget", "Innvilget", "ikke_innvilget", "Ikke innvilget")

# --- common fields (the `case` table) ---------------------------------------------------
G_CASE = "Sak"


def common_fields(kind: KindSpec) -> tuple[FieldSpec, ...]:
    """The shared fields, with the party labelled as the kind calls it."""
    return (
        FieldSpec("received_on", "Mottatt", "date", G_CASE, required=True, common=True),
        FieldSpec("party", kind.party_label, "party", G_CASE, common=True, searchable=True),
        FieldSpec("contact_name", "Kontaktperson", "text", G_CASE, common=True, searchable=True),
        FieldSpec("contact_phone", "Telefon", "phone", G_CASE, common=True, searchable=True),
        FieldSpec("email", "E-post", "email", G_CASE, common=True, searchable=True),
        FieldSpec("archive_ref", "Arkivnummer", "text", G_CASE, common=True, searchable=True),
        FieldSpec("tags", "Stikkord", "text", G_CASE, common=True, searchable=True),
    )


# --- (a) hospitering -------------------------------------------------------------------
G_APPLICANT = "Søker"
G_APPLICATION = "Søknad"
G_OWN = "Egen leder"
G_HOST = "Vertsenhet"
G_FEEDBACK = "Tilbakemelding"
G_EVAL = "Gjennomføring og evaluering"

HOSPITERING = KindSpec(
    key=Kind.HOSPITERING,
    label="Hospitering",
    plural="Hospiteringer",
    letter="H",
    queue="hospitering",
    party_label="Søkers kommune / enhet",
    statuses=(
        Status("mottatt", "Mottatt", "ours"),
        Status("hos_egen_leder", "Hos egen leder", "theirs"),
        Status("godkjent_egen_leder", "Godkjent av egen leder", "ours"),
        Status("avslatt_egen_leder", "Avslått av egen leder", "ours"),
        Status("sendt_vertsenhet", "Sendt vertsenhet", "theirs"),
        Status("mottatt_vertsenhet", "Mottatt av vertsenhet", "theirs"),
        Status("godkjent_vertsenhet", "Godkjent av vertsenhet", "ours"),
        Status("avslatt_vertsenhet", "Avslått av vertsenhet", "ours"),
        Status("tilbakemeldt", "Tilbakemelding gitt", "theirs"),
        Status("avtalt", "Avtalt", "theirs"),
        Status("pagar", "Pågår", "theirs"),
        Status("gjennomfort", "Gjennomført", "ours"),
        Status("evaluert", "Evaluert", "done"),
        Status("tilbakemeldt_avslag", "Avslag meddelt", "done"),
        Status("trukket", "Trukket", "done"),
    ),
    groups=(G_CASE, G_APPLICANT, G_APPLICATION, G_OWN, G_HOST, G_FEEDBACK, G_EVAL),
    title_field="applicant_name",
    fields=(
        FieldSpec(
            "direction",
            "Retning",
            "choice",
            G_APPLICATION,
            required=True,
            choices=_choices("til_sykehus", "Til sykehuset", "til_kommune", "Til kommunen"),
        ),
        FieldSpec("applicant_name", "Søkers navn", "text", G_APPLICANT, True, searchable=True),
        FieldSpec("home_address", "Hjemmeadresse", "text", G_APPLICANT, personal=True),
        FieldSpec(
            "home_phone", "Privat telefon", "phone", G_APPLICANT, personal=True, searchable=True
        ),
        FieldSpec("workplace", "Arbeidssted", "text", G_APPLICANT, searchable=True),
        FieldSpec("workplace_address", "Arbeidsstedets adresse", "text", G_APPLICANT),
        FieldSpec(
            "workplace_phone", "Arbeidsstedets telefon", "phone", G_APPLICANT, searchable=True
        ),
        FieldSpec("profession", "Faggruppe", "text", G_APPLICANT, searchable=True),
        FieldSpec("desired_host_unit", "Ønsket vertsenhet", "text", G_APPLICATION, searchable=True),
        FieldSpec("period_from", "Periode fra", "date", G_APPLICATION, True, direction="future"),
        FieldSpec("period_to", "Periode til", "date", G_APPLICATION, True, direction="future"),
        FieldSpec(
            "theme_goals", "Ønsket tema og mål", "longtext", G_APPLICATION, True, searchable=True
        ),
        FieldSpec("contribution", "Hva søker kan bidra med", "longtext", G_APPLICATION),
        FieldSpec("applied_on", "Søknadsdato", "date", G_APPLICATION),
        FieldSpec("signed", "Signert av søker", "tri", G_APPLICATION),
        FieldSpec("own_leader_decision", "Egen leders vedtak", "choice", G_OWN, choices=DECISION),
        FieldSpec("own_leader_on", "Dato (egen leder)", "date", G_OWN),
        FieldSpec("own_leader_comment", "Kommentar (egen leder)", "longtext", G_OWN),
        FieldSpec("sent_on", "Sendt mottaker", "date", G_HOST),
        FieldSpec("host_received_on", "Mottatt av vertsenhet", "date", G_HOST),
        FieldSpec("host_leader_decision", "Vertsleders vedtak", "choice", G_HOST, choices=DECISION),
        FieldSpec("host_leader_on", "Dato (vertsleder)", "date", G_HOST),
        FieldSpec("host_leader_comment", "Kommentar (vertsleder)", "longtext", G_HOST),
        FieldSpec("host_unit", "Vertsenhet", "text", G_HOST, searchable=True),
        FieldSpec("host_contact", "Kontaktperson vertsenhet", "text", G_HOST, searchable=True),
        FieldSpec("host_email", "E-post vertsenhet", "email", G_HOST, searchable=True),
        FieldSpec("host_phone", "Telefon vertsenhet", "phone", G_HOST, searchable=True),
        FieldSpec("agreed_from", "Avtalt fra", "date", G_HOST, direction="future"),
        FieldSpec("agreed_to", "Avtalt til", "date", G_HOST, direction="future"),
        FieldSpec("feedback_decision", "Tilbakemelding", "choice", G_FEEDBACK, choices=DECISION),
        FieldSpec("feedback_on", "Tilbakemelding gitt", "date", G_FEEDBACK),
        FieldSpec("travel_lodging", "Reise og opphold", "longtext", G_EVAL),
        FieldSpec("confidentiality_on", "Taushetserklæring signert", "date", G_EVAL),
        FieldSpec(
            "evaluation_planned_on", "Evaluering planlagt", "date", G_EVAL, direction="future"
        ),
        FieldSpec("evaluation_done_on", "Evaluering gjennomført", "date", G_EVAL),
        FieldSpec(
            "evaluation_form",
            "Evalueringsform",
            "choice",
            G_EVAL,
            choices=_choices("digital", "Digital", "fysisk", "Fysisk"),
        ),
        FieldSpec("evaluation_notes", "Evalueringsnotat", "longtext", G_EVAL),
    ),
)

# --- (b) veiledning --------------------------------------------------------------------
G_REQUEST = "Henvendelse"
G_AGREEMENT = "Avtale"

VEILEDNING_DIRECTIONS = _choices(
    "hf_til_kommune",
    "Helseforetaket veileder kommunen",
    "kommune_til_hf",
    "Kommunen veileder helseforetaket",
)
LEGAL_BASIS = {
    "hf_til_kommune": "spesialisthelsetjenesteloven § 6-3",
    "kommune_til_hf": "helse- og omsorgstjenesteloven § 5-11",
}


def legal_basis(kind: str, values: dict[str, object]) -> str | None:
    """The law a veiledning request rests on, from its direction (DOMAIN.md (b))."""
    direction = values.get("direction")
    if kind != Kind.VEILEDNING or not isinstance(direction, str):
        return None
    return LEGAL_BASIS.get(direction)


VEILEDNING = KindSpec(
    key=Kind.VEILEDNING,
    label="Veiledning",
    plural="Veiledninger",
    letter="V",
    queue="veiledning",
    party_label="Part som ber om veiledning",
    statuses=(
        Status("mottatt", "Mottatt", "ours"),
        Status("vurdert", "Vurdert", "ours"),
        Status("avtalt", "Avtalt", "theirs"),
        Status("levert", "Levert", "ours"),
        Status("lukket", "Lukket", "done"),
        Status("avvist", "Avvist", "done"),
        Status("trukket", "Trukket", "done"),
    ),
    groups=(G_CASE, G_REQUEST, G_AGREEMENT),
    title_field="topic",
    fields=(
        FieldSpec("direction", "Retning", "choice", G_REQUEST, True, choices=VEILEDNING_DIRECTIONS),
        FieldSpec("topic", "Tema", "text", G_REQUEST, True, searchable=True),
        FieldSpec("unit_asked", "Enhet som blir spurt", "text", G_REQUEST, searchable=True),
        FieldSpec(
            "subject",
            "Helseområde",
            "choice",
            G_REQUEST,
            choices=_choices("psykisk", "Psykisk helse", "fysisk", "Fysisk helse"),
        ),
        FieldSpec(
            "scope",
            "Omfang",
            "choice",
            G_REQUEST,
            choices=_choices(
                "en_pasient",
                "Én pasient",
                "pasientgruppe",
                "En gruppe pasienter",
                "ny_kunnskap",
                "Ny kunnskap, metoder eller prosedyrer",
                "generell",
                "Generell",
            ),
            help="Gjelder det én pasient: skriv aldri navn, fødselsdato eller adresse.",
        ),
        FieldSpec(
            "channel",
            "Kanal",
            "choice",
            G_REQUEST,
            choices=_choices(
                "telefon",
                "Telefon",
                "mote",
                "Møte",
                "ambulant",
                "Ambulant team",
                "enkeltsak",
                "Enkeltsak",
            ),
        ),
        FieldSpec("grouping_key", "Grupperingsnøkkel", "text", G_REQUEST, searchable=True),
        FieldSpec("agreement", "Konkret avtale", "longtext", G_AGREEMENT, searchable=True),
        FieldSpec("agreed_on", "Avtalt dato", "date", G_AGREEMENT),
        # Optional: the follow-up of «Avtalt» counts to it, else 15 working days after
        # `agreed_on` (DOMAIN.md (b)).
        FieldSpec(
            "planned_delivery_on",
            "Planlagt levert",
            "date",
            G_AGREEMENT,
            direction="future",
            help="Valgfri. Oppfølgingen av «Avtalt» teller til denne datoen.",
        ),
        FieldSpec("delivered_on", "Levert dato", "date", G_AGREEMENT),
        FieldSpec("related_ref", "Omgjort fra sak", "text", G_AGREEMENT, searchable=True),
    ),
)

# --- (c) LIS1 --------------------------------------------------------------------------
G_DOCTOR = "Lege"
G_NOTICE = "Varsling"

LIS1_TYPES = _choices(
    "frafall_for",
    "Frafall før kommunedelen",
    "frafall_under",
    "Frafall under kommunedelen",
    "forsinkelse",
    "Forsinkelse",
    "restplass",
    "Restplass fylt av kommunen",
)

LIS1 = KindSpec(
    key=Kind.LIS1,
    label="LIS1",
    plural="LIS1-varsler",
    letter="L1",
    queue="lis",
    party_label="Kommune",
    statuses=(
        Status("mottatt", "Mottatt", "ours"),
        Status("varsles", "Varsling pågår", "ours"),
        Status("varslet", "Varslet", "theirs"),
        Status("avsluttet", "Avsluttet", "done"),
        Status("trukket", "Trukket", "done"),
    ),
    groups=(G_CASE, G_DOCTOR, G_NOTICE),
    title_field="doctor_name",
    fields=(
        FieldSpec("doctor_name", "Lege", "text", G_DOCTOR, True, searchable=True),
        FieldSpec("hospital_from", "Sykehusdel fra", "date", G_DOCTOR, direction="future"),
        FieldSpec("hospital_to", "Sykehusdel til", "date", G_DOCTOR, direction="future"),
        FieldSpec("municipal_from", "Kommunedel fra", "date", G_DOCTOR, direction="future"),
        FieldSpec("municipal_to", "Kommunedel til", "date", G_DOCTOR, direction="future"),
        FieldSpec("notice_type", "Type varsel", "choice", G_NOTICE, True, choices=LIS1_TYPES),
        FieldSpec("event_on", "Hendelsesdato", "date", G_NOTICE),
        FieldSpec(
            "coarse_reason",
            "Årsak (grov)",
            "choice",
            G_NOTICE,
            choices=_choices("permisjon", "Permisjon", "annet", "Annet"),
            help="Aldri selve årsaken: graviditet, permisjon og sykdom er helseopplysninger.",
        ),
        FieldSpec("hospital_notified_on", "Sykehuset varslet", "date", G_NOTICE),
        FieldSpec("statsforvalter_notified_on", "Statsforvalteren varslet", "date", G_NOTICE),
        FieldSpec(
            "statsforvalter_confirmed",
            "Bekreftet av kommunen",
            "tri",
            G_NOTICE,
            help="Når du sitter på sykehuset og ikke kan vite datoen.",
        ),
        FieldSpec("other_party_informed_on", "Den andre parten informert", "date", G_NOTICE),
        FieldSpec("new_expected_from", "Ny forventet start", "date", G_NOTICE, direction="future"),
        FieldSpec("new_expected_to", "Ny forventet slutt", "date", G_NOTICE, direction="future"),
    ),
)

# --- (d) LIS3 / ALIS -------------------------------------------------------------------
G_PLAN = "Utdanningsplan"
G_SERVICE = "Tjeneste"
G_OFFER = "Tilbud"

LIS3 = KindSpec(
    key=Kind.LIS3,
    label="LIS3/ALIS",
    plural="LIS3/ALIS-forespørsler",
    letter="L3",
    queue="lis",
    party_label="Kommune",
    statuses=(
        Status("registrert", "Registrert", "ours"),
        Status("i_ko", "I kø", "theirs"),
        Status("bekreftelse_bedt", "Bekreftelse etterspurt", "theirs"),
        Status("bekreftet", "Bekreftet", "ours"),
        Status("tilbudt", "Tilbudt", "theirs"),
        Status("sokt_vikariat", "Søkt vikariat", "theirs"),
        Status("pagar", "Pågår", "theirs"),
        Status("fullfort", "Fullført", "done"),
        Status("avlyst", "Avlyst", "done"),
    ),
    groups=(G_CASE, G_DOCTOR, G_PLAN, G_SERVICE, G_OFFER),
    title_field="doctor_name",
    fields=(
        FieldSpec("doctor_name", "Lege", "text", G_DOCTOR, True, searchable=True),
        FieldSpec(
            "program",
            "Utdanning",
            "choice",
            G_DOCTOR,
            choices=_choices(
                "alis",
                "Allmennmedisin (ALIS)",
                "samfunnsmedisin",
                "Samfunnsmedisin",
                "sykehus",
                "Sykehusspesialitet",
            ),
        ),
        FieldSpec("specialty", "Spesialitet", "text", G_DOCTOR, searchable=True),
        FieldSpec(
            "seniority_from",
            "Ansiennitet fra",
            "date",
            G_DOCTOR,
            help="Tidligere dato rangeres først blant kandidater i kø.",
        ),
        FieldSpec(
            "reported_by",
            "Meldt av",
            "choice",
            G_PLAN,
            choices=_choices(
                "alis_kontor", "ALIS-kontor", "kommune", "Kommunen", "lege", "Legen selv"
            ),
        ),
        FieldSpec("plan_assigned_on", "Utdanningsplan tildelt", "date", G_PLAN),
        FieldSpec(
            "supervisor_municipality", "Veileder i kommunen", "text", G_PLAN, searchable=True
        ),
        FieldSpec("supervisor_host", "Veileder hos vert", "text", G_PLAN, searchable=True),
        FieldSpec(
            "queued_on",
            "Satt i kø",
            "date",
            G_PLAN,
            help="Settes når saken går til «I kø»; ventetiden i statistikken telles herfra.",
        ),
        FieldSpec("desired_from", "Ønsket fra", "date", G_SERVICE, True, direction="future"),
        FieldSpec("desired_to", "Ønsket til", "date", G_SERVICE, direction="future"),
        FieldSpec("department", "Avdeling", "text", G_SERVICE, searchable=True),
        FieldSpec("location", "Sted", "text", G_SERVICE, searchable=True),
        FieldSpec(
            "duration_months",
            "Varighet (måneder)",
            "choice",
            G_SERVICE,
            choices=_choices(
                "6", "6 måneder sammenhengende", "3", "3 måneder (etter individuell vurdering)"
            ),
        ),
        FieldSpec("confirmation_requested_on", "Bekreftelse etterspurt", "date", G_OFFER),
        FieldSpec("offered_from", "Tilbudt fra", "date", G_OFFER, direction="future"),
        FieldSpec("offered_to", "Tilbudt til", "date", G_OFFER, direction="future"),
        FieldSpec("offered_department", "Tilbudt avdeling", "text", G_OFFER),
        FieldSpec("offered_location", "Tilbudt sted", "text", G_OFFER),
        FieldSpec("locum_arranged", "Vikariat ordnet", "tri", G_OFFER),
        FieldSpec("change_reported_on", "Endring meldt", "date", G_OFFER),
    ),
)

# --- (e) nettverk ----------------------------------------------------------------------
G_ACTIVITY = "Aktivitet"
G_PARTICIPATION = "Deltakelse"

NETTVERK = KindSpec(
    key=Kind.NETTVERK,
    label="Nettverk",
    plural="Nettverksaktiviteter",
    letter="N",
    queue="nettverk",
    party_label="Eier (part)",
    statuses=(
        Status("planlagt", "Planlagt", "ours"),
        Status("kunngjort", "Kunngjort", "theirs"),
        Status("gjennomfort", "Gjennomført", "ours"),
        Status("rapportert", "Rapportert", "done"),
        Status("avlyst", "Avlyst", "done"),
    ),
    groups=(G_CASE, G_ACTIVITY, G_PARTICIPATION),
    title_field="network_name",
    fields=(
        FieldSpec(
            "activity_type",
            "Type",
            "choice",
            G_ACTIVITY,
            True,
            choices=_choices(
                "fagnettverk",
                "Fagnettverk",
                "kollegagruppe",
                "Kollegagruppe",
                "fagdag",
                "Fagdag",
                "kurs",
                "Kurs",
                "internundervisning",
                "Internundervisning",
                "ambulant_team",
                "Ambulant team",
                "samarbeidsutvalg",
                "Faglig samarbeidsutvalg",
                "forskningsforum",
                "Forskningsforum",
            ),
        ),
        FieldSpec("network_name", "Navn", "text", G_ACTIVITY, True, searchable=True),
        FieldSpec("topic", "Tema", "text", G_ACTIVITY, searchable=True),
        FieldSpec(
            "level",
            "Nivå",
            "choice",
            G_ACTIVITY,
            choices=_choices(
                "intern",
                "Internt",
                "tvers",
                "På tvers av nivåene",
                "interkommunalt",
                "Interkommunalt",
                "regionalt",
                "Regionalt",
            ),
        ),
        FieldSpec(
            "target_group",
            "Målgruppe",
            "text",
            G_ACTIVITY,
            True,
            searchable=True,
            help="Må være tydelig definert.",
        ),
        FieldSpec("coordinator", "Koordinator", "text", G_ACTIVITY, searchable=True),
        FieldSpec("virtual", "Digitalt", "tri", G_ACTIVITY),
        FieldSpec("held_on", "Dato", "date", G_ACTIVITY, True, direction="future"),
        FieldSpec("announced_on", "Kunngjort til den andre parten", "date", G_PARTICIPATION),
        FieldSpec("participants_municipality", "Deltakere fra kommunene", "int", G_PARTICIPATION),
        FieldSpec("participants_hospital", "Deltakere fra helseforetaket", "int", G_PARTICIPATION),
        FieldSpec("counts_learning_goals", "Teller mot læringsmål", "tri", G_PARTICIPATION),
        FieldSpec("cost_sharing", "Kostnadsdeling", "longtext", G_PARTICIPATION),
    ),
)

KINDS: dict[str, KindSpec] = {
    k.key.value: k for k in (HOSPITERING, VEILEDNING, LIS1, LIS3, NETTVERK)
}
BY_LETTER: dict[str, KindSpec] = {k.letter: k for k in KINDS.values()}

# Queues shown as tabs, in order: key, label, kinds in the queue.
QUEUES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("hospitering", "Hospitering", ("hospitering",)),
    ("veiledning", "Veiledning", ("veiledning",)),
    ("lis", "LIS", ("lis1", "lis3")),
    ("nettverk", "Nettverk", ("nettverk",)),
)

# The heading of the reason for a closing transition (stored in `case.reason`).
REASON_LABEL = "Begrunnelse"

# The dates a case keeps of its status (DOMAIN.md «Dates that statistics and retention
# count from»): set by the moves, not typed in the form; files carry them.
STATUS_SINCE = FieldSpec("status_since", "Status siden", "date", G_CASE)
CLOSED_ON = FieldSpec("closed_on", "Lukket", "date", G_CASE)
STATUS_DATE_FIELDS: tuple[FieldSpec, ...] = (STATUS_SINCE, CLOSED_ON)


def kind_spec(kind: str) -> KindSpec:
    try:
        return KINDS[kind]
    except KeyError:
        raise KeyError(f"ukjent sakstype {kind!r}") from None


def status_label(kind: str, status: str) -> str:
    spec = KINDS.get(kind)
    if spec is None or not spec.has_status(status):
        return status
    return spec.status(status).label


def make_title(kind: str, details: dict[str, object], party: str | None) -> str:
    """The name shown in lists (DOMAIN.md): applicant, doctor, party + topic, network + date."""
    spec = kind_spec(kind)
    main = str(details.get(spec.title_field) or "").strip()
    if spec.key is Kind.VEILEDNING:
        words = " ".join(main.split()[:6])
        if len(words) > 40:
            words = words[:39].rstrip() + "…"
        # The party's first name (of a Sami or Kven one), a colon and the topic.
        return ": ".join(part for part in (*name_parts(party)[:1], words) if part)
    if spec.key is Kind.NETTVERK:
        held = details.get("held_on")
        if held is not None and hasattr(held, "strftime"):
            return f"{main} {format_date(held)}".strip()
    return main


@dataclass(frozen=True, slots=True)
class FieldGroup:
    name: str
    fields: tuple[FieldSpec, ...] = field(default_factory=tuple)


def grouped_fields(kind: str) -> tuple[FieldGroup, ...]:
    """Fields in form order, grouped as on the forms."""
    spec = kind_spec(kind)
    out = []
    for g in spec.groups:
        fs = tuple(f for f in spec.all_fields if f.group == g)
        if fs:
            out.append(FieldGroup(g, fs))
    return tuple(out)


# The common fields by name (the editable columns of the `case` table), in form order.
CASE_FIELD_NAMES: tuple[str, ...] = tuple(
    f.name for f in next(iter(KINDS.values())).all_fields if f.common
)


# The usual direction of a new case by kind and the coordinator's side (`default_direction`).
DEFAULT_DIRECTIONS: dict[tuple[str, str | None], str] = {
    (Kind.HOSPITERING, "kommune"): "til_sykehus",
    (Kind.HOSPITERING, "helseforetak"): "til_kommune",
    (Kind.VEILEDNING, "kommune"): "kommune_til_hf",
    (Kind.VEILEDNING, "helseforetak"): "hf_til_kommune",
}


def default_direction(kind: str, side: str | None) -> str | None:
    """The usual direction of a new case for a coordinator on `side`.

    Hospitering: a coordinator in a municipality mostly forwards the municipality's own
    staff who want to spend time at the hospital (`til_sykehus`); one in the hospital
    trust, hospital staff going out to a municipality (`til_kommune`).

    Veiledning: the form's party is the one *asking* for guidance, and a request reaches
    the coordinator because it is addressed to the coordinator's own side: so the
    coordinator's side is the one that guides (kommune -> `kommune_til_hf`, helseforetak ->
    `hf_til_kommune`). It is only a default: the field is the first choice on the form.
    The other kinds have no direction.
    """
    return DEFAULT_DIRECTIONS.get((kind, side))
