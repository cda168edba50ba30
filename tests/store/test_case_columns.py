"""The case's common columns are declared three times with their types — the table
(store/tables.py), the list row (store/repo.py `CaseRow`) and the case screen's record
(domain/case_view.py `CaseRecord`, which may not import the store) — so they are checked
against each other here: every field of a row or record is a column of `case`, of the
same type."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

import pytest

from samhandlingsdesk.domain.case_view import CaseRecord
from samhandlingsdesk.store.repo import LIST_NAMES, CaseRow
from samhandlingsdesk.store.tables import Case

# What each declares beside the table's columns.
NOT_COLUMNS = {CaseRow: {"seniority_from", "rank"}, CaseRecord: {"fields"}}


def _base(hint: Any) -> Any:
    """`date | None` -> date."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        (base,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return base
    return hint


@pytest.mark.parametrize("cls", [CaseRow, CaseRecord], ids=lambda c: c.__name__)
def test_every_field_is_a_case_column_of_its_type(cls: type) -> None:
    columns = {n: _base(h) for n, h in typing.get_type_hints(Case).items()}
    hints = {n: _base(h) for n, h in typing.get_type_hints(cls).items()}
    own = [f.name for f in dataclasses.fields(cls) if f.name not in NOT_COLUMNS[cls]]
    assert {name: hints[name] for name in own} == {name: columns.get(name) for name in own}


def test_a_list_row_selects_every_column_it_holds() -> None:
    assert set(LIST_NAMES) == {f.name for f in dataclasses.fields(CaseRow)} - NOT_COLUMNS[CaseRow]
