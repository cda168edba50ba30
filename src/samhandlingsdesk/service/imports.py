"""The import use case: read the file (`io.csv_import`), compare it with the desk (the
plan), and write it through the store (`store.bulk`) in one transaction in which the
plan is made again, so what is written is true for the desk as it is then. A workbook
is one transaction and one batch, all its sheets together.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypedDict, Unpack

from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.domain.kinds import CASE_FIELD_NAMES, STATUS_DATE_FIELDS, kind_spec
from samhandlingsdesk.domain.text import transfer
from samhandlingsdesk.domain.text.transfer import ACTION_LABELS
from samhandlingsdesk.io.csv_format import ParsedNote
from samhandlingsdesk.io.csv_import import (
    ACTIONS,
    CsvImportError,
    ImportPlan,
    ImportResult,
    ParsedFile,
    ReadOptions,
    RowPlan,
    classify,
    needs_keys,
    read_file,
    read_files,
    stored_key,
    wanted_ids,
)
from samhandlingsdesk.io.docx_form import found_lines
from samhandlingsdesk.store.bulk import (
    CaseUpdate,
    ConcurrentChange,
    ImportReader,
    ImportWriter,
    NewCase,
    import_snapshot,
    import_transaction,
    new_batch,
    new_session_id,
)
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk, DeskError

__all__ = [
    "ACTIONS",
    "ACTION_LABELS",
    "Commands",
    "CsvImportError",
    "ImportPlan",
    "ImportResult",
    "ReadOptions",
    "apply_import",
    "apply_imports",
    "found_lines",
    "import_files",
    "new_session_id",
    "plan_import",
    "plan_imports",
]


def _plan(file: ParsedFile, reader: ImportReader, today: date) -> ImportPlan:
    local = reader.load_cases(wanted_ids(file))
    keys = (
        {stored_key(file.kind, r): r["ref"] for r in reader.key_rows(file.kind)}
        if needs_keys(file)
        else {}
    )
    return classify(file, local, keys, today)


def plan_import(
    desk: Desk, path: Path, *, today: date | None = None, options: ReadOptions | None = None
) -> ImportPlan:
    """Read `path` and compare it with the desk (the dry run and the desk's preview)."""
    file = read_file(path, options)
    with import_snapshot(desk) as reader:
        return _plan(file, reader, today or date.today())


def plan_imports(
    desk: Desk, path: Path, *, today: date | None = None, options: ReadOptions | None = None
) -> list[ImportPlan]:
    """`plan_import` for every table of `path` (each kind sheet of a workbook), all in
    one snapshot of the desk."""
    files = read_files(path, options)
    with import_snapshot(desk) as reader:
        return [_plan(f, reader, today or date.today()) for f in files]


def _notes(notes: list[ParsedNote]) -> list[tuple[datetime | None, str]]:
    return [(n.at, n.text) for n in reversed(notes)]  # oldest first


def _new_case(p: RowPlan, first_status: str) -> NewCase:
    assert p.row is not None
    return NewCase(
        values={**p.row.values, "updated_at": p.row.updated_at},
        status=p.row.status or first_status,
        case_id=p.case_id,
        wanted_ref=p.row.ref,
        notes=_notes(p.new_notes),
    )


class ImportArgs(TypedDict, total=False):
    """How `apply_imports` writes (each optional)."""

    skip_invalid: bool
    reminders: Reminders | None
    today: date | None
    now: datetime | None
    options: ReadOptions | None
    session_id: str | None


def apply_import(desk: Desk, path: Path, **args: Unpack[ImportArgs]) -> ImportResult:
    """Import one table of `path` (a CSV file, or `options.sheet` of a workbook, else its
    first kind sheet): `apply_imports` of that table alone."""
    (result,) = apply_imports(desk, path, first_only=True, **args)
    return result


def apply_imports(
    desk: Desk,
    path: Path,
    *,
    skip_invalid: bool = False,
    reminders: Reminders | None = None,
    today: date | None = None,
    now: datetime | None = None,
    options: ReadOptions | None = None,
    session_id: str | None = None,
    first_only: bool = False,
) -> list[ImportResult]:
    """Import every table of `path` (each kind sheet of a workbook; `options.sheet`, or
    with `first_only` the first, for one) in one transaction and one batch (one undo
    takes the whole file back): a failure on a later sheet leaves the earlier ones
    unwritten too. Each table is compared with the desk again inside the transaction, so
    the plan is true for what is written. Raises CsvImportError when rows are invalid and
    `skip_invalid` is false (nothing written). `session_id`: the start of the desk that
    imports (its events carry it, so its own undo takes it back)."""
    now = now or datetime.now(UTC)
    options = options or ReadOptions()
    files = read_files(path, replace(options, now=options.now or now))
    return _apply(
        desk,
        files[:1] if first_only else files,
        skip_invalid=skip_invalid,
        reminders=reminders,
        today=today,
        now=now,
        session_id=session_id,
    )


def _apply(
    desk: Desk,
    files: list[ParsedFile],
    *,
    skip_invalid: bool,
    reminders: Reminders | None,
    today: date | None,
    now: datetime,
    session_id: str | None,
) -> list[ImportResult]:
    """Plan and write `files` in one transaction (`store.bulk.import_transaction`)."""
    today = today or date.today()
    batch = new_batch()
    try:
        with import_transaction(
            desk, batch=batch, now=now, reminders=reminders or Reminders(), session_id=session_id
        ) as writer:
            plans = [_plan(file, writer, today) for file in files]
            invalid = sum(plan.invalid for plan in plans)
            if invalid and not skip_invalid:
                message = transfer.invalid_rows(invalid, remedy=transfer.REMEDY_DESK)
                raise CsvImportError(message)
            return [_write(writer, plan, batch, today) for plan in plans]
    except ConcurrentChange:
        raise CsvImportError(transfer.CONCURRENT_CHANGE) from None
    except DeskError as exc:  # the write failed: nothing of the file is on the desk
        raise CsvImportError(transfer.IMPORT_NOT_WRITTEN.format(reason=exc)) from None


def _write(writer: ImportWriter, plan: ImportPlan, batch: str, today: date) -> ImportResult:
    """Write the new and updated rows of one table's plan."""
    file = plan.file
    kind = file.kind
    spec = kind_spec(kind)
    new = [p for p in plan.rows if p.action == "new"]
    upd = [p for p in plan.rows if p.action == "updated"]
    if not new and not upd:
        return ImportResult(plan, None, (), (), plan.invalid)
    cases = [_new_case(p, spec.first_status) for p in new]
    writer.insert_new(kind, cases, today)
    for p, c in zip(new, cases, strict=True):
        if p.row is not None and p.row.ref and c.ref != p.row.ref:
            p.note = transfer.NEW_REF.format(ref=c.ref, wanted=p.row.ref)
        p.ref, p.case_id = c.ref, c.case_id
    detail_names = {f.name for f in spec.fields}
    present = [n for n in file.columns if n in CASE_FIELD_NAMES or n in detail_names]
    case_cols = [n for n in present if n in CASE_FIELD_NAMES]
    case_cols += [n for n in ("status", "reason") if n in file.columns]
    case_cols += [f.name for f in STATUS_DATE_FIELDS]  # `classify` resolves them
    if "reason" in file.columns or "reason_comment" in file.columns:
        # Free text in «Begrunnelse» is kept as «annet» with a comment.
        case_cols.append("reason_comment")
    detail_cols = [n for n in present if n in detail_names]
    updates = []
    for p in upd:
        assert p.local is not None and p.row is not None and p.case_id is not None
        updates.append(
            CaseUpdate(
                case_id=p.case_id,
                local=p.local,
                values=dict(p.values),
                status=p.row.status or p.local["status"],
                updated_at=p.row.updated_at,
                changes=p.changes,
                notes=_notes(p.new_notes),
            )
        )
    writer.update(kind, updates, case_cols, detail_cols)
    return ImportResult(
        plan,
        batch,
        tuple(p.ref for p in new if p.ref),
        tuple(p.ref for p in upd if p.ref),
        plan.invalid,
    )


def import_files(
    commands: Commands,
    path: Path,
    *,
    skip_invalid: bool = False,
    options: ReadOptions | None = None,
) -> list[ImportResult]:
    """`apply_imports` on the desk of `commands`, with its reminder lengths, today and
    session (the desk's own undo takes the import back)."""
    return apply_imports(
        commands.desk,
        path,
        skip_invalid=skip_invalid,
        reminders=commands.reminders,
        today=commands.today(),
        options=options,
        session_id=commands.session_id,
    )
