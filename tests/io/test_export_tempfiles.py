"""Issue #11 failure 7: an interrupted export never leaves a hidden temporary file with
personal data behind — removed on SIGTERM/SIGHUP, and after a SIGKILL by the next export."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from samhandlingsdesk.domain.statistics import Period, Report, Scope
from samhandlingsdesk.io import tempfiles
from samhandlingsdesk.io.stats_files import write_xlsx
from samhandlingsdesk.service.demo import generate
from samhandlingsdesk.service.export import ExportFilter, export_csv
from samhandlingsdesk.store.db import open_desk

CHILD = textwrap.dedent(
    """
    import signal, sys, time
    from pathlib import Path
    from samhandlingsdesk.service.export import ExportFilter, export_csv
    from samhandlingsdesk.store.db import open_desk

    # A shell started under nohup hands its children SIGHUP ignored, and the cleanup
    # rightly keeps an ignored signal ignored: the test is about the default disposition.
    signal.signal(signal.SIGHUP, signal.SIG_DFL)

    def progress(done, total):
        if done:
            print("skriver", flush=True)
            time.sleep(60)  # the parent interrupts it here, mid-file

    export_csv(open_desk(Path(sys.argv[1])), ExportFilter(), Path(sys.argv[2]), progress=progress)
    """
)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("eksport") / "desk.db"
    generate(path, 1200, 2026, date(2026, 11, 23))
    return path


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _interrupted(big: Path, out: Path, signum: int) -> None:
    out.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(big), str(out)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "skriver"
    assert _temps(out), "the export writes to a hidden temporary file"
    proc.send_signal(signum)
    proc.wait(timeout=30)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_removes_the_temporary_file(big: Path, tmp_path: Path, signum: int) -> None:
    out = tmp_path / "delt"
    _interrupted(big, out, signum)
    assert _temps(out) == []
    assert list(out.iterdir()) == []  # no half file under a final name either


def test_after_sigkill_the_next_export_removes_it(big: Path, tmp_path: Path) -> None:
    out = tmp_path / "delt"
    _interrupted(big, out, signal.SIGKILL)
    left = _temps(out)
    assert left  # SIGKILL cannot be caught ...
    desk = open_desk(big)
    try:
        result = export_csv(desk, ExportFilter(kinds=("lis1",)), out)
    finally:
        desk.close()
    assert _temps(out) == []  # ... the next export cleans up
    assert [p.name for p in result.files] == [p.name for p in out.iterdir()]


def test_a_live_export_of_another_process_is_left_alone(tmp_path: Path) -> None:
    mine = tmp_path / f".lis1_2026-11-23.csv.{os.getppid()}.abcdef01.tmp"  # a live process
    mine.write_text("x")
    dead = tmp_path / ".lis1_2026-11-23.csv.999999999.abcdef02.tmp"
    dead.write_text("x")
    old = tmp_path / f".lis1_2026-11-23.csv.{os.getppid()}.abcdef03.tmp"
    old.write_text("x")
    os.utime(old, (time.time() - 2 * 86400,) * 2)
    removed = tempfiles.remove_stale(tmp_path)
    assert sorted(p.name for p in removed) == sorted([dead.name, old.name])
    assert mine.exists()


def test_a_report_file_is_written_through_a_registered_temporary_file(tmp_path: Path) -> None:
    """The statistics files and the exports make their temporary files alike: created
    alone, with the process id in the name (so a killed run's is removed later), and
    registered until renamed (so a signal removes it)."""
    made = tempfiles.create(tmp_path, "statistikk_2026.xlsx")
    assert made is not None
    tmp, fd = made
    os.close(fd)
    assert tmp.name.startswith(f".statistikk_2026.xlsx.{os.getpid()}.")
    assert tmp.stat().st_mode & 0o777 == 0o666 & ~_umask()
    tempfiles.remove_live()  # what SIGTERM does
    assert _temps(tmp_path) == []
    report = Report(Scope(Period.year(2026)), date(2026, 11, 23), None, exact=False)
    write_xlsx(report, tmp_path / "rapport.xlsx")
    assert _temps(tmp_path) == [] and tempfiles.remove_stale(tmp_path) == []
    assert (tmp_path / "rapport.xlsx").exists()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
