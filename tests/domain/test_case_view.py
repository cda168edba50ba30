"""The typed case record: common facts as attributes, the kind's fields checked."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from samhandlingsdesk.domain.case_view import CaseRecord, CaseRecordError
from samhandlingsdesk.domain.kinds import kind_spec


def _fields(kind: str) -> dict[str, object]:
    return {f.name: None for f in kind_spec(kind).fields}


def _columns(kind: str = "nettverk") -> dict[str, object]:
    return {
        "id": "c1",
        "ref": "N-2026-001",
        "kind": kind,
        "status": "ny",
        "version": 3,
        "whose_move": "ours",
        "is_open": 1,
        "title": None,
        "received_on": date(2026, 11, 2),
        "created_at": datetime(2026, 11, 2, 8, tzinfo=UTC),
        "updated_at": datetime(2026, 11, 3, 8, tzinfo=UTC),
        "party": "Bodø kommune",
        "tags": "x",
        "due_on": date(2026, 11, 9),
        "pk": 7,  # columns the record does not show are left out
        "ref_year": 2026,
    }


def test_from_columns_types_the_common_facts() -> None:
    record = CaseRecord.from_columns(_columns(), _fields("nettverk"))
    assert record.is_open is True
    assert record.title == ""
    assert record.due_on == date(2026, 11, 9)
    assert record.value("party") == "Bodø kommune"
    values = record.values()
    assert values["received_on"] == date(2026, 11, 2)
    assert set(values) == {f.name for f in kind_spec("nettverk").all_fields}


def test_the_kinds_fields_are_checked_against_the_kind() -> None:
    fields = _fields("nettverk")
    fields["no_such_field"] = 1
    with pytest.raises(CaseRecordError, match="no_such_field"):
        CaseRecord.from_columns(_columns(), fields)
    missing = _fields("nettverk")
    missing.popitem()
    with pytest.raises(CaseRecordError, match="missing"):
        CaseRecord.from_columns(_columns(), missing)


def test_the_kinds_fields_are_read_only() -> None:
    record = CaseRecord.from_columns(_columns(), _fields("nettverk"))
    name = next(iter(record.fields))
    with pytest.raises(TypeError):
        record.fields[name] = 1  # type: ignore[index]


def test_the_mismatch_names_the_unknown_and_the_missing_fields() -> None:
    fields = _fields("lis1")
    del fields["event_on"], fields["doctor_name"]
    fields["topic"] = "x"
    with pytest.raises(CaseRecordError) as raised:
        CaseRecord.from_columns(_columns("lis1"), fields)
    assert str(raised.value) == "lis1: unknown ['topic'], missing ['doctor_name', 'event_on']"


def test_a_record_keeps_the_columns_it_was_given() -> None:
    columns = {**_columns(), "title": "Fagdag 05.03.2026", "flag_count": 2, "is_open": 0}
    record = CaseRecord.from_columns(columns, _fields("nettverk"))
    assert record.title == "Fagdag 05.03.2026"
    assert record.flag_count == 2
    assert record.is_open is False
    assert record.value("tags") == "x"


def test_missing_columns_read_as_empty() -> None:
    columns = _columns()
    del columns["is_open"], columns["title"]
    record = CaseRecord.from_columns(columns, _fields("nettverk"))
    assert (record.is_open, record.title, record.flag_count) == (False, "", 0)
    assert record.contact_name is None and record.reason is None
    record = CaseRecord.from_columns({**_columns(), "flag_count": None}, _fields("nettverk"))
    assert record.flag_count == 0


def test_a_column_named_fields_is_left_out_like_any_extra_column() -> None:
    own = {**_fields("nettverk"), "network_name": "Fagdag"}
    record = CaseRecord.from_columns({**_columns(), "fields": "x"}, own)
    assert record.value("network_name") == "Fagdag"
    assert dict(record.fields) == own
