"""The fast paths of Repo.search give exactly what the plain queries give.

- Short queries (one or two letters) that match many cases walk the cases newest first
  instead of fetching and sorting every match.
- Longer queries join only the best-ranked matches to their cases instead of all of them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from samhandlingsdesk.service.demo import generate
from samhandlingsdesk.store import repo as repo_module
from samhandlingsdesk.store.db import open_desk
from samhandlingsdesk.store.repo import BM25, LIST_COLUMNS, Repo
from samhandlingsdesk.store.search import parse_query


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("short") / "demo.db"
    generate(path, 400, 11, date(2026, 11, 23))
    return path


def _refs(path: Path, text: str, kind: str | None, limit: int) -> list[str]:
    desk = open_desk(path, upgrade=False)
    try:
        return [h.row.ref for h in Repo(desk).search(text, kind=kind, limit=limit)]
    finally:
        desk.close()


@pytest.mark.parametrize("text", ["a", "k", "ø", "å", "ha", "sk", "aa", "x"])
@pytest.mark.parametrize(("kind", "limit"), [(None, 50), ("lis1", 50), (None, 7)])
def test_scan_and_sort_give_the_same_hits(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, kind: str | None, limit: int
) -> None:
    monkeypatch.setattr(repo_module, "SHORT_SCAN_FROM", 10**9)  # fetch all, sort
    sorted_refs = _refs(demo_path, text, kind, limit)
    monkeypatch.setattr(repo_module, "SHORT_SCAN_FROM", 0)  # walk newest first
    scanned_refs = _refs(demo_path, text, kind, limit)
    assert scanned_refs == sorted_refs
    if text != "x":
        assert sorted_refs


def test_scan_is_chosen_only_for_many_matches(demo_path: Path) -> None:
    desk = open_desk(demo_path, upgrade=False)
    try:
        repo = Repo(desk)
        assert repo._many_matches('"zzzz"*') is False
        assert repo._many_matches('"a"*') is (repo_module.SHORT_SCAN_FROM < 400)
    finally:
        desk.close()


PLAIN = (
    'SELECT {cols} FROM case_fts f JOIN "case" c ON c.pk = f.rowid WHERE case_fts MATCH ? '
    "ORDER BY {bm25}, c.is_open DESC, c.updated_at DESC, c.pk DESC LIMIT ?"
)


@pytest.mark.parametrize(
    "text", ["hansen", "aasen", "ødegård", "kari", "sårbehandling", "oslo", "tromsø", "qzx"]
)
@pytest.mark.parametrize("limit", [1, 7, 50, 1000])
def test_ranked_search_equals_the_plain_query(demo_path: Path, text: str, limit: int) -> None:
    desk = open_desk(demo_path, upgrade=False)
    try:
        repo = Repo(desk)
        cols = ", ".join(f"c.{c.strip()}" for c in LIST_COLUMNS.split(","))
        plain = [
            r["ref"]
            for r in repo.conn.execute(
                PLAIN.format(cols=cols, bm25=BM25), (parse_query(text).fts, limit)
            )
        ]
        assert [h.row.ref for h in repo.search(text, limit=limit)] == plain
    finally:
        desk.close()
