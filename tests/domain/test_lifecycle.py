"""The lifecycle of each kind: allowed moves, refused moves and their Norwegian sentences."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from samhandlingsdesk.domain import lifecycle
from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.lifecycle import (
    CANCEL_REASONS,
    MSG_VEILEDNING_RESOURCES,
    TRANSITIONS,
    VEILEDNING_DECLINE_REASONS,
    WITHDRAW_REASONS,
    apply_fills,
    check_transition,
    closing_transitions,
    find_transition,
    forward_transitions,
    is_terminal,
    mentions_resources,
    transitions_from,
)
from samhandlingsdesk.domain.reasons import reason_label
from samhandlingsdesk.domain.validate import required_for_status

TODAY = date(2026, 11, 23)


def move(kind: str, values: dict[str, Any], target: str, reason: str | None = None) -> None:
    """Make one move as the commands do: fills first, then the check; asserts it is allowed."""
    source = values["status"]
    t = find_transition(kind, source, target)
    assert t is not None, f"{kind}: {source} -> {target} is not in the lifecycle"
    values.update(apply_fills(t, values, TODAY))
    refusal = check_transition(kind, source, target, values, reason)
    assert refusal is None, refusal.message
    values["status"] = target


def refusal_message(
    kind: str, source: str, target: str, values: dict[str, Any], reason: str | None = None
) -> str:
    t = find_transition(kind, source, target)
    vals = dict(values)
    if t is not None:
        vals.update(apply_fills(t, vals, TODAY))
    refusal = check_transition(kind, source, target, vals, reason)
    assert refusal is not None, f"{kind}: {source} -> {target} was allowed"
    return refusal.message


# --- happy paths --------------------------------------------------------------------------

HAPPY_PATHS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "hospitering": [
        ("hos_egen_leder", {}),
        ("godkjent_egen_leder", {}),
        ("sendt_vertsenhet", {}),
        ("mottatt_vertsenhet", {}),
        ("godkjent_vertsenhet", {}),
        ("tilbakemeldt", {}),
        (
            "avtalt",
            {
                "agreed_from": date(2027, 2, 1),
                "agreed_to": date(2027, 2, 12),
                "evaluation_planned_on": date(2027, 3, 1),
            },
        ),
        ("pagar", {}),
        ("gjennomfort", {}),
        ("evaluert", {}),
    ],
    "veiledning": [
        ("vurdert", {}),
        ("avtalt", {"agreement": "To møter med ambulant team"}),
        ("levert", {}),
        ("lukket", {}),
    ],
    "lis1": [
        ("varsles", {}),
        ("varslet", {"other_party_informed_on": date(2026, 11, 20)}),
        ("avsluttet", {}),
    ],
    "lis3": [
        ("i_ko", {}),
        ("bekreftelse_bedt", {}),
        ("bekreftet", {}),
        ("tilbudt", {"offered_from": date(2027, 9, 1)}),
        ("sokt_vikariat", {}),
        ("pagar", {}),
        ("fullfort", {}),
    ],
    "nettverk": [("kunngjort", {}), ("gjennomfort", {}), ("rapportert", {})],
}

START_VALUES: dict[str, dict[str, Any]] = {
    "hospitering": {},
    "veiledning": {},
    "lis1": {"notice_type": "forsinkelse"},
    "lis3": {"desired_from": date(2027, 9, 1)},
    "nettverk": {"held_on": date(2027, 3, 10)},
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_happy_path(kind: str) -> None:
    values: dict[str, Any] = {"status": KINDS[kind].first_status, **START_VALUES[kind]}
    for target, filled in HAPPY_PATHS[kind]:
        values.update(filled)
        move(kind, values, target)
    assert is_terminal(kind, values["status"])


def test_hospitering_happy_path_fills_dates_and_decisions() -> None:
    values: dict[str, Any] = {"status": "mottatt"}
    for target, filled in HAPPY_PATHS["hospitering"]:
        values.update(filled)
        move("hospitering", values, target)
    assert values["own_leader_decision"] == "innvilget"
    assert values["own_leader_on"] == TODAY
    assert values["sent_on"] == TODAY
    assert values["host_received_on"] == TODAY
    assert values["host_leader_decision"] == "innvilget"
    assert values["host_leader_on"] == TODAY
    assert values["feedback_decision"] == "innvilget"
    assert values["feedback_on"] == TODAY
    assert values["evaluation_done_on"] == TODAY


def test_fills_keep_a_date_already_given() -> None:
    t = find_transition("hospitering", "godkjent_egen_leder", "sendt_vertsenhet")
    assert t is not None
    assert apply_fills(t, {"sent_on": date(2026, 11, 1)}, TODAY) == {}
    assert apply_fills(t, {"sent_on": None}, TODAY) == {"sent_on": TODAY}


def test_every_transition_is_covered_by_a_test_path() -> None:
    """Every non-closing transition is on a happy path or one of the rejection paths."""
    covered: set[tuple[str, str, str]] = set()
    for kind, steps in HAPPY_PATHS.items():
        src = KINDS[kind].first_status
        for target, _ in steps:
            covered.add((kind, src, target))
            src = target
    covered |= {(k, s, t) for k, s, t, _ in REJECTION_PATHS}
    covered |= {(k, t, "tilbakemeldt_avslag") for k, _, t, _ in REJECTION_PATHS}
    covered.add(("lis3", "bekreftelse_bedt", "i_ko"))
    every = {(k, t.source, t.target) for k, ts in TRANSITIONS.items() for t in ts}
    withdrawals = {(k, s, CLOSE_TARGET[k][0]) for k, s in _open_states()}
    declines = {("veiledning", "vurdert", "avvist")}
    assert every - covered - withdrawals - declines == set()


# --- hospitering rejections ---------------------------------------------------------------

REJECTION_PATHS = [
    ("hospitering", "hos_egen_leder", "avslatt_egen_leder", "own_leader_comment"),
    ("hospitering", "mottatt_vertsenhet", "avslatt_vertsenhet", "host_leader_comment"),
]


@pytest.mark.parametrize(("kind", "source", "target", "comment"), REJECTION_PATHS)
def test_rejection_needs_a_comment_then_goes_to_feedback(
    kind: str, source: str, target: str, comment: str
) -> None:
    label = KINDS[kind].field(comment).label
    t = find_transition(kind, source, target)
    assert t is not None
    msg = refusal_message(kind, source, target, {"status": source})
    assert msg == f"«{t.label}» krever en kommentar i «{label}»."
    assert refusal_message(kind, source, target, {"status": source, comment: "   "}) == msg

    values: dict[str, Any] = {"status": source, comment: "Ikke plass i perioden"}
    move(kind, values, target)
    decision = "own_leader_decision" if "egen" in target else "host_leader_decision"
    assert values[decision] == "ikke_innvilget"
    move(kind, values, "tilbakemeldt_avslag")
    assert values["feedback_decision"] == "ikke_innvilget"
    assert values["feedback_on"] == TODAY
    assert is_terminal(kind, "tilbakemeldt_avslag")


@pytest.mark.parametrize(
    ("given", "missing"),
    [
        ({}, "«Avtalt fra», «Avtalt til» og «Evaluering planlagt»"),
        (
            {"agreed_from": date(2027, 2, 1), "agreed_to": date(2027, 2, 12)},
            "«Evaluering planlagt»",
        ),
        (
            {"evaluation_planned_on": date(2027, 3, 1), "agreed_from": date(2027, 2, 1)},
            "«Avtalt til»",
        ),
    ],
)
def test_hospitering_avtalt_needs_agreed_period_and_planned_evaluation(
    given: dict[str, Any], missing: str
) -> None:
    msg = refusal_message("hospitering", "tilbakemeldt", "avtalt", given)
    assert msg == f"«Avtalt» krever {missing}."


# --- veiledning decline -------------------------------------------------------------------


def test_veiledning_decline_needs_a_reason() -> None:
    for reason in (None, "", "  "):
        msg = refusal_message("veiledning", "vurdert", "avvist", {}, reason)
        assert msg == "«Avvis» krever en begrunnelse."


@pytest.mark.parametrize(
    "reason",
    [
        "Vi har ikke kapasitet",
        "mangel på ressurser",
        "For stor arbeidsbelastning",
        "Lav bemanning i høst",
        "Har ikke tid nå",
        "kapasitet",  # a reject reason of hospitering, never one of veiledning
    ],
)
def test_veiledning_decline_for_lack_of_resources_says_the_duty_is_absolute(reason: str) -> None:
    msg = refusal_message("veiledning", "vurdert", "avvist", {}, reason)
    assert msg == MSG_VEILEDNING_RESOURCES
    assert "absolutt" in msg


def test_veiledning_decline_with_another_reason_lists_the_allowed_ones() -> None:
    msg = refusal_message("veiledning", "vurdert", "avvist", {}, "Liker ikke saken")
    assert msg == (
        "«Liker ikke saken» er ikke en gyldig grunn her. Velg en av: "
        "Gjelder organisatoriske eller administrative endringer; "
        "Gjelder ikke helsemessige forhold; Veiledningen er ikke nødvendig."
    )


def test_veiledning_decline_reasons_are_exactly_the_three_of_s3() -> None:
    assert [k for k, _ in VEILEDNING_DECLINE_REASONS] == [
        "organisatorisk",
        "ikke_helse",
        "ikke_nodvendig",
    ]
    assert not any(mentions_resources(label) for _, label in VEILEDNING_DECLINE_REASONS)


@pytest.mark.parametrize("reason", [k for k, _ in VEILEDNING_DECLINE_REASONS])
def test_veiledning_decline_with_each_allowed_reason(reason: str) -> None:
    assert check_transition("veiledning", "vurdert", "avvist", {}, reason) is None
    assert is_terminal("veiledning", "avvist")


def test_veiledning_can_only_be_declined_after_assessment() -> None:
    msg = refusal_message("veiledning", "mottatt", "avvist", {}, "ikke_helse")
    assert msg == "Fra «Mottatt» kan saken ikke gå til «Avvist»."


def test_veiledning_avtalt_needs_the_agreement() -> None:
    msg = refusal_message("veiledning", "vurdert", "avtalt", {"agreement": " "})
    assert msg == "«Avtal veiledning» krever «Konkret avtale»."


# --- LIS1 -------------------------------------------------------------------------------

LIS1_CASES = [
    # (notice type, values, missing sentences)
    ("frafall_for", {}, ["Statsforvalteren er ikke varslet", "Sykehuset er ikke varslet"]),
    (
        "frafall_under",
        {"hospital_notified_on": date(2026, 11, 20)},
        ["Statsforvalteren er ikke varslet"],
    ),
    (
        "frafall_for",
        {"statsforvalter_notified_on": date(2026, 11, 20)},
        ["Sykehuset er ikke varslet"],
    ),
    (
        "frafall_under",
        {"statsforvalter_confirmed": False, "hospital_notified_on": date(2026, 11, 20)},
        ["Statsforvalteren er ikke varslet"],
    ),
    ("forsinkelse", {}, ["Den andre parten er ikke informert om forsinkelsen"]),
    (
        "forsinkelse",
        {"hospital_notified_on": date(2026, 11, 20)},
        ["Den andre parten er ikke informert om forsinkelsen"],
    ),
    ("restplass", {}, ["Sykehuset er ikke informert om restplassen"]),
    (
        "restplass",
        {"other_party_informed_on": date(2026, 11, 20)},
        ["Sykehuset er ikke informert om restplassen"],
    ),
]


@pytest.mark.parametrize(("notice_type", "values", "missing"), LIS1_CASES)
def test_lis1_varslet_refused_until_notified(
    notice_type: str, values: dict[str, Any], missing: list[str]
) -> None:
    msg = refusal_message("lis1", "varsles", "varslet", {"notice_type": notice_type, **values})
    assert msg == " ".join(f"{m}." for m in missing)


LIS1_COMPLETE = [
    (
        "frafall_for",
        {
            "hospital_notified_on": date(2026, 11, 20),
            "statsforvalter_notified_on": date(2026, 11, 20),
        },
    ),
    (
        "frafall_under",
        {"hospital_notified_on": date(2026, 11, 20), "statsforvalter_confirmed": True},
    ),
    ("forsinkelse", {"other_party_informed_on": date(2026, 11, 20)}),
    ("restplass", {"hospital_notified_on": date(2026, 11, 20)}),
]


@pytest.mark.parametrize(("notice_type", "values"), LIS1_COMPLETE)
def test_lis1_varslet_allowed_when_notified(notice_type: str, values: dict[str, Any]) -> None:
    assert (
        check_transition("lis1", "varsles", "varslet", {"notice_type": notice_type, **values})
        is None
    )


@pytest.mark.parametrize(
    ("kind", "source", "target", "message"),
    [
        ("lis1", "varsles", "varslet", "Velg type varsel først."),
        ("lis1", "mottatt", "varsles", "«Start varsling» krever «Type varsel»."),
        ("lis3", "bekreftet", "tilbudt", "«Tilby tjeneste» krever «Tilbudt fra»."),
        ("lis3", "registrert", "i_ko", "«Sett i kø» krever «Ønsket fra»."),
    ],
)
def test_a_lis_move_without_its_field_says_which(
    kind: str, source: str, target: str, message: str
) -> None:
    assert refusal_message(kind, source, target, {}) == message


# --- LIS3 and nettverk ----------------------------------------------------------------------


def test_lis3_changed_goes_back_to_the_queue() -> None:
    values: dict[str, Any] = {"status": "bekreftelse_bedt", "desired_from": date(2027, 9, 1)}
    move("lis3", values, "i_ko")
    assert values["change_reported_on"] == TODAY


def test_nettverk_announce_fills_today_unless_given() -> None:
    values: dict[str, Any] = {"status": "planlagt"}
    move("nettverk", values, "kunngjort")
    assert values["announced_on"] == TODAY
    values = {"status": "planlagt", "announced_on": date(2026, 11, 1)}
    move("nettverk", values, "kunngjort")
    assert values["announced_on"] == date(2026, 11, 1)


# --- moves not in the lifecycle -----------------------------------------------------------


def _all_pairs() -> list[tuple[str, str, str]]:
    out = []
    for kind, spec in KINDS.items():
        for s in spec.statuses:
            for t in spec.statuses:
                if find_transition(kind, s.key, t.key) is None:
                    out.append((kind, s.key, t.key))
    return out


@pytest.mark.parametrize(("kind", "source", "target"), _all_pairs())
def test_a_move_not_in_the_lifecycle_is_refused_with_labels(
    kind: str, source: str, target: str
) -> None:
    spec = KINDS[kind]
    refusal = check_transition(kind, source, target, {}, "annet")
    assert refusal is not None
    assert refusal.transition is None
    assert refusal.message == (
        f"Fra «{spec.status(source).label}» kan saken ikke gå til «{spec.status(target).label}»."
    )


def test_specific_refusals_read_well() -> None:
    assert refusal_message("hospitering", "mottatt", "avtalt", {}) == (
        "Fra «Mottatt» kan saken ikke gå til «Avtalt»."
    )
    assert refusal_message("nettverk", "rapportert", "planlagt", {}) == (
        "Fra «Rapportert» kan saken ikke gå til «Planlagt»."
    )
    # An unknown status is named as given.
    assert refusal_message("lis1", "mottatt", "vurdert", {}) == (
        "Fra «Mottatt» kan saken ikke gå til «vurdert»."
    )
    assert refusal_message("lis1", "vurdert", "varslet", {}) == (
        "Fra «vurdert» kan saken ikke gå til «Varslet»."
    )


# --- withdraw / cancel from every open state ----------------------------------------------

CLOSE_TARGET = {
    "hospitering": ("trukket", WITHDRAW_REASONS),
    "veiledning": ("trukket", WITHDRAW_REASONS),
    "lis1": ("trukket", WITHDRAW_REASONS),
    "lis3": ("avlyst", CANCEL_REASONS),
    "nettverk": ("avlyst", CANCEL_REASONS),
}


def _open_states() -> list[tuple[str, str]]:
    return [(k, s.key) for k, spec in KINDS.items() for s in spec.statuses if s.is_open]


@pytest.mark.parametrize(("kind", "source"), _open_states())
def test_withdraw_or_cancel_from_every_open_state_needs_a_reason(kind: str, source: str) -> None:
    target, reasons = CLOSE_TARGET[kind]
    t = find_transition(kind, source, target)
    assert t is not None and t.closing and t.reason
    for empty in (None, "", "   "):
        msg = refusal_message(kind, source, target, {}, empty)
        assert msg == f"«{t.label}» krever en begrunnelse."
    msg = refusal_message(kind, source, target, {}, "fordi")
    assert msg.startswith("«fordi» er ikke en gyldig grunn her. Velg en av: ")
    for key, label in reasons:
        assert check_transition(kind, source, target, {}, key) is None
        assert reason_label(key) == label  # the one map: domain/reasons.py
    assert t in closing_transitions(kind, source)
    assert t not in forward_transitions(kind, source)


def test_closing_moves_come_last() -> None:
    moves = transitions_from("hospitering", "hos_egen_leder")
    assert [m.target for m in moves] == ["godkjent_egen_leder", "avslatt_egen_leder", "trukket"]
    assert [m.closing for m in moves] == [False, True, True]


# --- the graph ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_status_is_reachable_from_the_first(kind: str) -> None:
    spec = KINDS[kind]
    seen = {spec.first_status}
    todo = [spec.first_status]
    while todo:
        s = todo.pop()
        for t in transitions_from(kind, s):
            if t.target not in seen:
                seen.add(t.target)
                todo.append(t.target)
    assert seen == {s.key for s in spec.statuses}


@pytest.mark.parametrize("kind", list(KINDS))
def test_terminal_statuses_have_no_moves_and_open_ones_do(kind: str) -> None:
    for s in KINDS[kind].statuses:
        if s.is_open:
            assert transitions_from(kind, s.key), s.key
            assert forward_transitions(kind, s.key) or s.key.startswith("avslatt"), s.key
        else:
            assert transitions_from(kind, s.key) == [], s.key
            assert is_terminal(kind, s.key)


@pytest.mark.parametrize("kind", list(KINDS))
def test_transitions_use_known_statuses_and_fields(kind: str) -> None:
    spec = KINDS[kind]
    for t in TRANSITIONS[kind]:
        assert spec.has_status(t.source) and spec.has_status(t.target)
        for name in (*t.requires, *t.fill_today, *(n for n, _ in t.fill)):
            spec.field(name)
        if t.comment_field:
            spec.field(t.comment_field)
        for name, value in t.fill:
            assert value in {k for k, _ in spec.field(name).choices}


def test_every_closing_move_takes_a_reason_or_a_comment() -> None:
    """DOMAIN.md: every rejection, decline, withdrawal or cancellation takes a reason."""
    for kind, ts in TRANSITIONS.items():
        for t in ts:
            if t.closing:
                assert t.reason or t.comment_field, (kind, t.source, t.target)


def test_mentions_resources() -> None:
    assert mentions_resources("Ikke tid")
    assert mentions_resources("RESSURSMANGEL")
    assert not mentions_resources("Gjelder ikke helse")
    assert not mentions_resources(None)
    assert not mentions_resources("tidlig avklart")


def test_refusal_joins_every_problem() -> None:
    refusal = check_transition("hospitering", "tilbakemeldt", "avtalt", {"agreed_to": None})
    assert refusal is not None
    assert len(refusal.reasons) == 1
    assert refusal.transition is find_transition("hospitering", "tilbakemeldt", "avtalt")
    assert lifecycle.Refusal(None, ("A.", "B.")).message == "A. B."


# --- required_for_status ------------------------------------------------------------------

REQUIRED = [
    ("hospitering", "mottatt", set()),
    ("hospitering", "tilbakemeldt", set()),
    ("hospitering", "avtalt", {"agreed_from", "agreed_to", "evaluation_planned_on"}),
    ("hospitering", "pagar", {"agreed_from", "agreed_to", "evaluation_planned_on"}),
    ("hospitering", "gjennomfort", {"agreed_from", "agreed_to", "evaluation_planned_on"}),
    (
        "hospitering",
        "evaluert",
        {"agreed_from", "agreed_to", "evaluation_planned_on", "evaluation_done_on"},
    ),
    ("hospitering", "tilbakemeldt_avslag", set()),
    ("hospitering", "trukket", set()),
    ("veiledning", "vurdert", set()),
    ("veiledning", "avtalt", {"agreement"}),
    ("veiledning", "levert", {"agreement"}),
    ("veiledning", "lukket", {"agreement"}),
    ("veiledning", "avvist", set()),
    ("veiledning", "trukket", set()),
    ("lis1", "varsles", {"notice_type"}),
    ("lis1", "varslet", {"notice_type"}),
    ("lis1", "avsluttet", {"notice_type"}),
    ("lis1", "trukket", set()),
    ("lis3", "registrert", set()),
    ("lis3", "i_ko", {"desired_from"}),
    ("lis3", "bekreftelse_bedt", {"desired_from"}),
    ("lis3", "bekreftet", {"desired_from"}),
    ("lis3", "tilbudt", {"desired_from", "offered_from"}),
    ("lis3", "fullfort", {"desired_from", "offered_from"}),
    ("lis3", "avlyst", set()),
    ("nettverk", "planlagt", set()),
    ("nettverk", "kunngjort", {"announced_on"}),
    ("nettverk", "gjennomfort", {"announced_on"}),
    ("nettverk", "rapportert", {"announced_on"}),
    ("nettverk", "avlyst", set()),
]


@pytest.mark.parametrize(("kind", "status", "expected"), REQUIRED)
def test_required_for_status(kind: str, status: str, expected: set[str]) -> None:
    assert required_for_status(kind, status) == frozenset(expected)


def test_required_for_status_unknown_status() -> None:
    with pytest.raises(KeyError):
        required_for_status("lis1", "finnes_ikke")


def test_veiledning_withdrawal_is_not_a_decline() -> None:
    """The requester withdrawing is not the desk declining: no lecture about the duty."""
    msg = refusal_message("veiledning", "mottatt", "trukket", {}, "ingen kapasitet hos oss")
    assert msg != MSG_VEILEDNING_RESOURCES
    assert msg.startswith("«ingen kapasitet hos oss» er ikke en gyldig grunn her. Velg en av: ")
    assert check_transition("veiledning", "avtalt", "trukket", {}, "soker_trekker") is None


def test_a_refusal_with_several_reasons_reads_as_sentences() -> None:
    values = {"notice_type": "frafall_under"}
    refusal = check_transition("lis1", "varsles", "varslet", values)
    assert refusal is not None
    assert len(refusal.reasons) == 2
    assert refusal.message == ("Statsforvalteren er ikke varslet. Sykehuset er ikke varslet.")
