"""Reads: keyset pages, inbox semantics, queue filters, counts, query plans, history."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from samhandlingsdesk.domain.kinds import KINDS, QUEUES
from samhandlingsdesk.store.commands import Commands, Created
from samhandlingsdesk.store.repo import ListFilter, Repo
from tests.conftest import TODAY

Make = Callable[..., Created]


def all_pages(repo: Repo, flt: ListFilter, today: date, size: int) -> list[str]:
    out: list[str] = []
    page = repo.page(flt, today, limit=size)
    out += [r.id for r in page.rows]
    guard = 0
    while page.next is not None:
        assert len(page.rows) == size
        page = repo.page(flt, today, after=page.next, limit=size)
        out += [r.id for r in page.rows]
        guard += 1
        assert guard < 1000
    return out


@pytest.fixture
def forty(make_case: Make, raw: sqlite3.Connection) -> list[str]:
    """40 open veiledning cases (ours): due dates in clumps of equal dates, 10 without."""
    ids = [make_case("veiledning", topic=f"Tema {i}").id for i in range(40)]
    for i, cid in enumerate(ids):
        due = None if i % 4 == 3 else (TODAY + timedelta(days=i % 3)).isoformat()
        raw.execute('UPDATE "case" SET due_on = ? WHERE id = ?', (due, cid))
    raw.commit()
    return ids


def expected_order(raw: sqlite3.Connection, ids: list[str]) -> list[str]:
    rows = raw.execute('SELECT id, due_on, pk FROM "case"').fetchall()
    rows = [r for r in rows if r[0] in set(ids)]
    rows.sort(key=lambda r: (r[1] is None, r[1] or "", r[2]))
    return [r[0] for r in rows]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 39, 40, 41, 200])
@pytest.mark.parametrize(
    "flt", [ListFilter(), ListFilter("veiledning"), ListFilter("veiledning", "all")]
)
def test_keyset_pages_lose_and_repeat_nothing(
    repo: Repo, raw: sqlite3.Connection, forty: list[str], size: int, flt: ListFilter
) -> None:
    got = all_pages(repo, flt, TODAY, size)
    assert len(got) == len(set(got)) == 40
    assert got == expected_order(raw, forty)


def test_nulls_come_last(repo: Repo, forty: list[str]) -> None:
    rows = repo.page(ListFilter(), TODAY, limit=100).rows
    dues = [r.due_on for r in rows]
    assert dues[-10:] == [None] * 10
    assert all(d is not None for d in dues[:30])
    assert dues[:30] == sorted(dues[:30])


def test_last_page_has_no_next(repo: Repo, forty: list[str]) -> None:
    page = repo.page(ListFilter(), TODAY, limit=40)
    assert len(page.rows) == 40 and page.next is None
    page = repo.page(ListFilter(), TODAY, limit=30)
    assert page.next is not None and page.next.due_on is not None
    page = repo.page(ListFilter(), TODAY, after=page.next, limit=30)
    assert len(page.rows) == 10 and page.next is None


def test_empty_desk(repo: Repo) -> None:
    page = repo.page(ListFilter(), TODAY)
    assert page.rows == () and page.next is None
    assert repo.counts(TODAY) == {"inbox": 0}
    assert repo.total() == 0


# --- inbox --------------------------------------------------------------------------------


def test_inbox_semantics(commands: Commands, make_case: Make, raw: sqlite3.Connection) -> None:
    repo = Repo(commands.desk)
    ours = make_case("veiledning")  # ours, due 25.11
    ours_no_due = make_case("hospitering")  # ours, no due date
    theirs_later = make_case("lis3", status="i_ko")  # theirs, due 01.03.2027
    theirs_today = make_case("lis1", status="varslet")
    raw.execute('UPDATE "case" SET due_on = ? WHERE id = ?', (TODAY.isoformat(), theirs_today.id))
    raw.commit()
    theirs_past = make_case("nettverk", status="kunngjort", announced_on=TODAY)
    raw.execute('UPDATE "case" SET due_on = ? WHERE id = ?', ("2026-11-01", theirs_past.id))
    raw.commit()
    # A waiting case without a deadline of its own comes back by its follow-up (DOMAIN.md
    # «Follow-ups»): «Hos egen leder» 5 working days after it entered the status.
    theirs_followup = make_case("hospitering", status="hos_egen_leder")
    snoozed = make_case("veiledning", topic="Utsatt sak")
    commands.snooze([snoozed.id], date(2026, 12, 1))
    closed = make_case("veiledning", topic="Lukket sak")
    commands.transition(closed.id, 1, "trukket", reason="annet")

    def inbox(today: date) -> set[str]:
        return {r.id for r in repo.page(ListFilter(), today).rows}

    assert inbox(TODAY) == {ours.id, ours_no_due.id, theirs_today.id, theirs_past.id}
    assert repo.count(ListFilter(), TODAY) == 4
    assert inbox(date(2026, 12, 1)) == {
        ours.id,
        ours_no_due.id,
        theirs_today.id,
        theirs_past.id,
        snoozed.id,
        theirs_followup.id,
    }
    follow_on = repo.row(theirs_followup.id).due_on  # type: ignore[union-attr]
    assert follow_on is not None
    assert theirs_followup.id not in inbox(follow_on - timedelta(days=1))
    assert theirs_followup.id in inbox(follow_on)
    assert inbox(date(2027, 3, 1)) >= {theirs_later.id}
    assert closed.id not in inbox(date(2030, 1, 1))
    assert inbox(TODAY - timedelta(days=1)) == {ours.id, ours_no_due.id, theirs_past.id}


def test_inbox_order_most_urgent_first(make_case: Make, repo: Repo) -> None:
    a = make_case("veiledning", received_on=date(2026, 11, 23))  # due 26.11
    b = make_case("veiledning", received_on=date(2026, 11, 16))  # due 19.11
    c = make_case("hospitering")  # no due date
    rows = repo.page(ListFilter(), TODAY).rows
    assert [r.id for r in rows] == [b.id, a.id, c.id]
    assert [r.badge(TODAY) for r in rows] == ["overdue", "soon", ""]


# --- queues -------------------------------------------------------------------------------


@pytest.fixture
def mixed(commands: Commands, make_case: Make) -> dict[str, str]:
    ids = {
        "h_open": make_case("hospitering").id,
        "h_sent": make_case("hospitering", status="sendt_vertsenhet").id,
        "l1": make_case("lis1").id,
        "l3": make_case("lis3", status="i_ko").id,
        "l3_done": make_case("lis3", status="i_ko").id,
        "n": make_case("nettverk").id,
    }
    commands.transition(ids["l3_done"], 1, "avlyst", reason="annet")
    return ids


def _ids(repo: Repo, flt: ListFilter) -> set[str]:
    return {r.id for r in repo.page(flt, TODAY).rows}


def test_queue_filters(repo: Repo, mixed: dict[str, str]) -> None:
    m = mixed
    assert _ids(repo, ListFilter("hospitering")) == {m["h_open"], m["h_sent"]}
    assert _ids(repo, ListFilter("hospitering", "mottatt")) == {m["h_open"]}
    assert _ids(repo, ListFilter("lis")) == {m["l1"], m["l3"]}
    assert _ids(repo, ListFilter("lis", "all")) == {m["l1"], m["l3"], m["l3_done"]}
    assert _ids(repo, ListFilter("lis", "avlyst")) == {m["l3_done"]}
    assert _ids(repo, ListFilter("lis", kind="lis1")) == {m["l1"]}
    assert _ids(repo, ListFilter("lis", "all", kind="lis3")) == {m["l3"], m["l3_done"]}
    assert _ids(repo, ListFilter("lis", "i_ko", kind="lis3")) == {m["l3"]}
    assert _ids(repo, ListFilter("veiledning")) == set()
    assert _ids(repo, ListFilter("nettverk")) == {m["n"]}


def test_counts(repo: Repo, mixed: dict[str, str]) -> None:
    assert repo.counts(TODAY) == {
        "inbox": 3,  # h_open, l1 (ours, due today), n (ours)
        "hospitering": 2,
        "lis": 2,
        "nettverk": 1,
    }
    assert repo.status_counts("lis") == {"mottatt": 1, "i_ko": 1, "avlyst": 1}
    assert repo.total() == 6
    assert repo.count(ListFilter("lis", "all"), TODAY) == 3


# --- query plans --------------------------------------------------------------------------


def _filters() -> list[ListFilter]:
    out = [ListFilter()]
    for queue, _label, kinds in QUEUES:
        out += [ListFilter(queue), ListFilter(queue, "all")]
        for kind in kinds:
            out += [ListFilter(queue, kind=kind)]
            out += [ListFilter(queue, s.key) for s in KINDS[kind].statuses]
            out += [ListFilter(queue, "all", kind=kind)]
    return out


@pytest.mark.parametrize("flt", _filters(), ids=repr)
def test_every_list_reads_an_index_in_order(
    repo: Repo, mixed: dict[str, str], flt: ListFilter
) -> None:
    plan = repo.explain(flt, TODAY)
    text = " | ".join(plan)
    assert "USING INDEX" in text or "USING COVERING INDEX" in text, text
    assert "USE TEMP B-TREE" not in text, text
    assert not any(p.strip() == "SCAN case" for p in plan), text


@pytest.mark.parametrize("flt", _filters(), ids=repr)
def test_the_null_phase_reads_an_index_too(
    repo: Repo, mixed: dict[str, str], flt: ListFilter
) -> None:
    where, params = repo._where(flt, TODAY)
    plan = [
        r[3]
        for r in repo.conn.execute(
            f'EXPLAIN QUERY PLAN SELECT pk FROM "case" WHERE {where} AND due_on IS NULL '
            "AND pk > 0 ORDER BY due_on, pk LIMIT 200",
            params,
        )
    ]
    text = " | ".join(plan)
    assert "USE TEMP B-TREE" not in text, text
    assert not any(p.strip() == "SCAN case" for p in plan), text


# --- history, recent, LIS3 queue ----------------------------------------------------------


def test_history_labels(commands: Commands, make_case: Make, repo: Repo) -> None:
    c = make_case("hospitering", contact_phone="97712345")
    v = commands.update_case(
        c.id, 1, {"contact_phone": "41234567", "signed": True, "period_to": date(2027, 2, 19)}
    )
    v = commands.transition(c.id, v, "hos_egen_leder")
    commands.snooze([c.id], date(2026, 12, 1))
    commands.add_note(c.id, "Ringte")
    commands.transition(c.id, v, "trukket", reason="dublett")
    h = repo.history(c.id)
    got = [(r.action, r.label, r.old, r.new) for r in h]
    assert got[0][0] == "transition"
    assert ("transition", "Status", "Hos egen leder", "Trukket") in got
    assert ("transition", "Begrunnelse", "", "Dublett av en annen sak") in got
    assert ("note", "Notat", "", "Ringte") in got
    assert ("snooze", "Utsatt til", "", "01.12.2026") in got
    assert ("transition", "Status", "Mottatt", "Hos egen leder") in got
    assert ("edit", "Telefon", "97 71 23 45", "41 23 45 67") in got
    assert ("edit", "Signert av søker", "Ukjent", "Ja") in got
    assert ("edit", "Periode til", "12.02.2027", "19.02.2027") in got
    assert got[-1] == ("create", "Opprettet", "", "H-2026-0001")
    assert [r.id for r in h] == sorted((r.id for r in h), reverse=True)
    commands.undo_last()
    h = repo.history(c.id)
    assert h[0].action == "undo" and h[0].label == "Status"
    assert any(r.undone for r in h)
    assert repo.history("finnes-ikke") == ()


def test_recently_opened_newest_first(commands: Commands, make_case: Make, repo: Repo) -> None:
    cs = [make_case("lis1", doctor_name=f"Lege {i}") for i in range(5)]
    for c in (cs[0], cs[3], cs[1], cs[3]):
        commands.mark_opened(c.id)
    assert [r.id for r in repo.recently_opened()] == [cs[3].id, cs[1].id, cs[0].id]
    assert [r.id for r in repo.recently_opened(limit=2)] == [cs[3].id, cs[1].id]


def test_lis3_queue_by_seniority(commands: Commands, make_case: Make, repo: Repo) -> None:
    late = make_case("lis3", status="i_ko", doctor_name="Sen", seniority_from=date(2024, 5, 1))
    none = make_case("lis3", status="i_ko", doctor_name="Ukjent")
    early = make_case("lis3", status="i_ko", doctor_name="Tidlig", seniority_from=date(2021, 1, 4))
    mid = make_case("lis3", status="i_ko", doctor_name="Midt", seniority_from=date(2022, 8, 1))
    make_case("lis3", doctor_name="Ikke i kø", seniority_from=date(2020, 1, 1))
    make_case("lis1")
    assert [r.id for r in repo.lis3_queue_by_seniority()] == [early.id, mid.id, late.id, none.id]


def test_get_case_reads_values_and_rules(make_case: Make, repo: Repo) -> None:
    c = make_case("lis1", notice_type="frafall_for", statsforvalter_confirmed=True)
    d = repo.get_case(c.id)
    assert d is not None
    assert d.ref == "L1-2026-0001" and d.version == 1 and d.status == "mottatt"
    assert d.values()["received_on"] == date(2026, 11, 20)
    assert d.detail["statsforvalter_confirmed"] is True
    assert [r.sentence for r in d.rules] == ["Sykehuset er ikke varslet"]
    assert repo.get_case("finnes-ikke") is None
    assert repo.case_id_for_ref("l1-2026-0001") == c.id


def test_competing_networks_warn(make_case: Make, repo: Repo) -> None:
    a = make_case("nettverk", topic="Sårstell", target_group="Sykepleiere")
    b = make_case("nettverk", topic=" sårstell ", target_group="SYKEPLEIERE")
    make_case("nettverk", topic="Sårstell", target_group="Leger")
    d = repo.get_case(a.id)
    assert d.warnings == (
        f"Samme tema og målgruppe som {b.ref}: nettverk skal utfylle hverandre, ikke konkurrere.",
    )
