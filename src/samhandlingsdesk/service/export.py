"""The export use case: select the cases in one snapshot of the desk (`store.export`),
write one file per kind (`io.csv_export`) or one workbook (`io.xlsx`), and record the
export in the desk's log (through the store).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from samhandlingsdesk.domain.dates import OSLO
from samhandlingsdesk.domain.export import ExportError, ExportFilter, check_filter
from samhandlingsdesk.domain.text import transfer
from samhandlingsdesk.io import tempfiles, xlsx
from samhandlingsdesk.io.csv_export import (
    ExportResult,
    Progress,
    file_columns,
    notes_file_messages,
    prepare_folder,
    remove_files,
    write_kind,
)
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.store.export import count_rows, export_snapshot, log_export

__all__ = [
    "ExportError",
    "ExportFilter",
    "ExportResult",
    "count_rows",
    "export_csv",
    "install_signal_cleanup",
]

# An export cut short by SIGTERM/SIGHUP leaves no file (the desk installs it at start).
install_signal_cleanup = tempfiles.install_signal_cleanup


def export_csv(
    desk: Desk,
    flt: ExportFilter,
    out_dir: Path,
    *,
    today: date | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
    fmt: str = "csv",
) -> ExportResult:
    """Export the cases `flt` selects, one file per kind with rows, into `out_dir`
    (`fmt="xlsx"`: one workbook with a sheet per kind and the notes on a sheet of their own).

    Kinds without rows get no file; when no kind has rows, nothing is written and nothing
    is logged (the result has no files). Raises ExportError with a Norwegian sentence.
    """
    check_filter(flt)
    started = now or datetime.now(UTC)
    day = today or started.astimezone(OSLO).date()
    written: list[Path] = []
    long_notes: list[Path] = []
    rows: dict[str, int] = {}
    try:
        with export_snapshot(desk, flt) as snap:
            plan = [(k, n) for k in flt.selected_kinds if (n := snap.count(k))]
            total = sum(n for _, n in plan)
            if not total:
                return ExportResult((), {}, snap.since)
            folder = prepare_folder(out_dir)
            tempfiles.remove_stale(folder)  # what a killed export left behind
            done = 0

            def tick(n: int) -> None:
                nonlocal done
                done += n
                if progress is not None:
                    progress(done, total)

            if progress is not None:
                progress(0, total)
            personal = flt.include_personal

            def batches(kind: str) -> Iterator[list[tuple[Any, ...]]]:
                return snap.batches(kind, file_columns(kind, include_personal=personal))

            if fmt == "xlsx":
                path, rows = xlsx.write_workbook(
                    [(kind, batches(kind)) for kind, _ in plan],
                    folder,
                    day,
                    include_personal=personal,
                    tick=tick,
                )
                written.append(path)
            else:
                for kind, _ in plan:
                    path, rows[kind] = write_kind(
                        batches(kind),
                        kind,
                        folder,
                        day,
                        include_personal=personal,
                        tick=tick,
                        long_notes=long_notes,
                    )
                    written.append(path)
            since = snap.since
    except OSError as exc:
        remove_files([*written, *long_notes])
        raise ExportError(
            transfer.EXPORT_NOT_WRITTEN.format(folder=out_dir, reason=exc.strerror)
        ) from None
    except BaseException:
        remove_files([*written, *long_notes])
        raise
    log_export(desk, started, flt, rows, [*written, *long_notes])
    messages = notes_file_messages(long_notes)
    return ExportResult(tuple(written), rows, since, tuple(long_notes), messages)
