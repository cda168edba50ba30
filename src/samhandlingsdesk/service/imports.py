"""The import use case: read the file (`io.csv_import`), compare it with the desk (the
plan), and write it through the store (`store.bulk`) in one transaction in which the
plan is made again, so what is written is true for the desk as it is then.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.domain.kinds import CASE_FIELD_NAMES, kind_spec
from samhandlingsdesk.domain.text import transfer
from samhandlingsdesk.io.csv_format import ParsedNote
from samhandlingsdesk.io.csv_import import (
    ACTION_LABELS,
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
    NewCase,
    import_snapshot,
    import_transaction,
    new_batch,
)
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk

__all__ = [
    "ACTIONS",
    "ACTION_LABELS",
    "Commands",
    "CsvImportError",
    "ImportPlan",
    "ImportResult",
    "ReadOptions",
    "apply_import",
    "found_lines",
    "import_file",
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


def apply_import(
    desk: Desk,
    path: Path,
    *,
    skip_invalid: bool = False,
    reminders: Reminders | None = None,
    today: date | None = None,
    now: datetime | None = None,
    options: ReadOptions | None = None,
    session_id: str | None = None,
) -> ImportResult:
    """Import `path` (one table of it: `options.sheet` of a workbook) in one transaction.
    The file is compared with the desk again inside the transaction, so the plan is true
    for what is written. Raises CsvImportError when rows are invalid and `skip_invalid`
    is false (nothing written). `session_id`: the start of the desk that imports (its
    events carry it, so its own undo takes it back)."""
    reminders = reminders or Reminders()
    today = today or date.today()
    now = now or datetime.now(UTC)
    options = options or ReadOptions()
    file = read_file(path, replace(options, now=options.now or now))
    kind = file.kind
    spec = kind_spec(kind)
    batch = new_batch()
    try:
        with import_transaction(
            desk, batch=batch, now=now, reminders=reminders, session_id=session_id
        ) as writer:
            plan = _plan(file, writer, today)
            if plan.invalid and not skip_invalid:
                message = transfer.invalid_rows(plan.invalid, remedy=transfer.REMEDY_DESK)
                raise CsvImportError(message)
            new = [p for p in plan.rows if p.action == "new"]
            upd = [p for p in plan.rows if p.action == "updated"]
            if not new and not upd:
                return ImportResult(plan, None, (), (), plan.invalid)
            cases = [_new_case(p, spec.first_status) for p in new]
            writer.insert_new(kind, cases, today)
            for p, c in zip(new, cases, strict=True):
                if p.row is not None and p.row.ref and c.ref != p.row.ref:
                    p.note = (
                        f"fikk ref {c.ref} ({p.row.ref} er i bruk her eller gjelder en annen type)."
                    )
                p.ref, p.case_id = c.ref, c.case_id
            detail_names = {f.name for f in spec.fields}
            present = [n for n in file.columns if n in CASE_FIELD_NAMES or n in detail_names]
            case_cols = [n for n in present if n in CASE_FIELD_NAMES]
            case_cols += [n for n in ("status", "reason") if n in file.columns]
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
                        values=dict(p.row.values),
                        status=p.row.status or p.local["status"],
                        updated_at=p.row.updated_at,
                        changes=p.changes,
                        notes=_notes(p.new_notes),
                    )
                )
            writer.update(kind, updates, case_cols, detail_cols)
    except ConcurrentChange:
        raise CsvImportError(transfer.CONCURRENT_CHANGE) from None
    return ImportResult(
        plan,
        batch,
        tuple(p.ref for p in new if p.ref),
        tuple(p.ref for p in upd if p.ref),
        plan.invalid,
    )


def import_file(
    commands: Commands,
    path: Path,
    *,
    skip_invalid: bool = False,
    options: ReadOptions | None = None,
) -> ImportResult:
    """`apply_import` on the desk of `commands`, with its reminder lengths, today and
    session (the desk's own undo takes the import back)."""
    return apply_import(
        commands.desk,
        path,
        skip_invalid=skip_invalid,
        reminders=commands.reminders,
        today=commands.today(),
        options=options,
        session_id=commands.session_id,
    )
