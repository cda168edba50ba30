"""The statistics report as a file: from `x` on the statistics screen and `stats` on the
command line. Builds the report (service/statistics.py) and writes it (io/stats_files.py).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from samhandlingsdesk.domain.statistics import Report, Scope
from samhandlingsdesk.domain.text import stats as txt
from samhandlingsdesk.io.stats_files import ReportFileError, write_csv, write_xlsx
from samhandlingsdesk.service.statistics import Options, build_report
from samhandlingsdesk.settings import Settings
from samhandlingsdesk.store.db import Desk

__all__ = [
    "ReportError",
    "make_report",
    "report_stem",
    "save_report",
    "save_report_csv",
    "write_report_file",
]

ReportError = ReportFileError


def make_report(
    desk: Desk, scope: Scope, settings: Settings, *, today: date, exact: bool | None = None
) -> Report:
    opts = Options(
        today, settings.reminders, exact=settings.stats_exact if exact is None else exact
    )
    return build_report(desk, scope, opts, desk_side=settings.side)


def report_stem(scope: Scope) -> str:
    """`statistikk_2026`, `statistikk_2026_Porsgrunn`: letters, digits, - and _ only."""
    parts = [txt.FILE_STEM, scope.period.label]
    if scope.party:
        parts.append(scope.party)
    elif scope.side:
        parts.append(scope.side)
    text = "_".join(parts)
    return re.sub(r"[^\w.-]+", "-", text).strip("-")


def _free(folder: Path, stem: str, suffix: str) -> Path:
    for n in range(1, 1000):
        path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}_{n}{suffix}")
        if not path.exists():
            return path
    raise ReportError(txt.OUT_EXISTS.format(path=folder / f"{stem}{suffix}"))


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(
            txt.WRITE_FAILED.format(path=folder, reason=exc.strerror or exc)
        ) from None


def save_report(report: Report, *, folder: Path | None = None, out: Path | None = None) -> Path:
    """Write the workbook to `out` (never replaced), or to the first free name in
    `folder`."""
    if out is None:
        if folder is None:
            raise ValueError("folder or out")
        _make_folder(folder)
        out = _free(folder, report_stem(report.scope), ".xlsx")
    return write_xlsx(report, out)


def save_report_csv(report: Report, folder: Path) -> list[Path]:
    """The tables as CSV files in `folder` (made if missing)."""
    _make_folder(folder)
    return write_csv(report, folder, report_stem(report.scope))


def write_report_file(
    desk: Desk, scope: Scope, settings: Settings, *, today: date, folder: Path | None = None
) -> Path:
    """The screen's `x`: the workbook in the export folder, under the first free name."""
    report = make_report(desk, scope, settings, today=today)
    return save_report(report, folder=folder or settings.export_path())
