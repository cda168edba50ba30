"""The desk service (service/desk.py): the typed operations the UI calls, without Textual."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from samhandlingsdesk.domain.export import ExportFilter
from samhandlingsdesk.service.desk import DeskError, DeskService, error_kind
from samhandlingsdesk.settings import Settings
from samhandlingsdesk.store.commands import CommandError, Commands, StaleError, UndoNeedsConfirm
from samhandlingsdesk.store.db import Desk
from tests.conftest import TODAY, hospitering_values, nettverk_values


def _service(desk: Desk, tmp_path: Path) -> DeskService:
    settings = Settings(side="kommune", path=tmp_path / "settings.toml")
    return DeskService(desk, settings, lambda: TODAY)


def test_the_case_page_is_typed(desk: Desk, commands: Commands, tmp_path: Path) -> None:
    created = commands.create_case("nettverk", nettverk_values())
    commands.add_note(created.id, "Ringt")
    page = _service(desk, tmp_path).case_page(created.id)
    assert page is not None
    record = page.detail.case
    assert (record.ref, record.kind, record.status) == (created.ref, "nettverk", "planlagt")
    assert isinstance(record.received_on, date)
    assert record.fields.keys() == page.detail.detail.keys()
    assert [n.text for n in page.detail.notes] == ["Ringt"]
    assert page.history  # the creation and the note, newest first
    assert _service(desk, tmp_path).case_page("no-such-case") is None


def test_writes_go_through_the_commands(desk: Desk, commands: Commands, tmp_path: Path) -> None:
    created = commands.create_case("hospitering", hospitering_values())
    service = _service(desk, tmp_path)
    result = service.add_tag([created.id], "vår")
    assert tuple(result.done) == (created.ref,)
    detail = service.case(created.id)
    assert detail is not None
    assert "vår" in (detail.case.tags or "")
    assert service.undo().description
    detail = service.case(created.id)
    assert detail is not None
    assert "vår" not in (detail.case.tags or "")


def test_a_refused_export_filter_is_a_sentence(desk: Desk, tmp_path: Path) -> None:
    service = _service(desk, tmp_path)
    bad = ExportFilter(received_from=date(2026, 12, 1), received_to=date(2026, 1, 1))
    counted = service.count_export(bad)
    assert counted.counts is None and counted.error
    assert service.count_export(ExportFilter()).counts is not None


def test_errors_are_sorted_for_the_ui() -> None:
    assert error_kind(UndoNeedsConfirm("b", "x")) == "undo-confirm"
    assert error_kind(StaleError()) == "stale"
    assert error_kind(CommandError("x")) == "refused"
    assert error_kind(DeskError("x")) == "desk"
    assert error_kind(OSError("disk")) == "database"
