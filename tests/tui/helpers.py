"""The one helper API of the Pilot tests: make an app on a desk, run it, settle, press,
type, and read what the screen and the desk hold. tests/tui/conftest.py holds only the
fixtures and re-exports these (older tests import from there).

`settle`, `press` and `type_text` take the pilot, optionally after the app
(`settle(pilot)` or `settle(app, pilot)`): both spellings are in use.
"""

from __future__ import annotations

import io
import sqlite3
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from textual.worker import WorkerCancelled, WorkerFailed

from samhandlingsdesk.settings import Settings
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.app import DeskApp
from samhandlingsdesk.tui.screens.export import ExportScreen
from samhandlingsdesk.tui.screens.import_preview import ImportPreviewScreen

TODAY = date(2026, 11, 23)  # a Monday (same as tests/conftest.py)
SIZE = (120, 40)


def make_settings(tmp_path: Path, **over: Any) -> Settings:
    """Settings that live in tmp_path (side chosen, so no first-start dialog)."""
    values: dict[str, Any] = {"side": "kommune", "path": tmp_path / "config" / "settings.toml"}
    values.update(over)
    return Settings(**values)


def make_app(
    desk: Desk,
    tmp_path: Path,
    *,
    today: date = TODAY,
    settings: Settings | None = None,
    **settings_over: Any,
) -> DeskApp:
    settings = settings or make_settings(tmp_path, **settings_over)
    return DeskApp(desk, settings, today=lambda: today)


def _pilot(args: tuple[Any, ...]) -> Pilot[Any]:
    pilot = args[-1]
    assert isinstance(pilot, Pilot), f"expected (app,) pilot, got {args!r}"
    return pilot


async def settle(*args: Any, rounds: int = 8) -> None:
    """Wait for workers and the messages their callbacks post (a write reloads the lists,
    which starts more read workers): a few rounds until nothing is running.
    `settle(pilot)` or `settle(app, pilot)`."""
    pilot = _pilot(args)
    app = pilot.app
    for _ in range(rounds):
        with suppress(WorkerCancelled):  # an exclusive worker replaced by a newer one
            await app.workers.wait_for_complete()
        await pilot.pause()
        while app.keys_pending:  # typed keys still on their way (tui/keys.py)
            await pilot.pause()
        if not any(w.is_running for w in app.workers):
            await pilot.pause()
            if not any(w.is_running for w in app.workers):
                return


@asynccontextmanager
async def running(
    app: DeskApp, *keys: str, size: tuple[int, int] = SIZE, notifications: bool = False
) -> AsyncIterator[Pilot[Any]]:
    """`app.run_test` settled, then `keys` pressed one by one (e.g. "ctrl+f" to start in
    the search overlay): the preamble of most Pilot tests."""
    async with app.run_test(size=size, notifications=notifications) as pilot:
        await settle(pilot)
        await press(pilot, *keys)
        yield pilot


@asynccontextmanager
async def export_dialog(
    desk: Desk, tmp_path: Path, *, size: tuple[int, int] = SIZE
) -> AsyncIterator[tuple[Pilot[Any], ExportScreen]]:
    """The export dialog open on the desk (`x`), writing to `tmp_path / "delt"`: the
    preamble of the export tests. Yields the pilot and the dialog."""
    app = make_app(desk, tmp_path, export_dir=str(tmp_path / "delt"))
    async with running(app, "x", size=size, notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, ExportScreen), f"expected the export dialog, got {screen!r}"
        yield pilot, screen


@asynccontextmanager
async def import_dialog(
    desk: Desk, tmp_path: Path, path: Path, *, size: tuple[int, int] = SIZE
) -> AsyncIterator[tuple[Pilot[Any], ImportPreviewScreen]]:
    """The import preview open on the desk with `path` read (as `i` and the path typed
    open it): the preamble of the import tests. Yields the pilot and the preview."""
    app = make_app(desk, tmp_path)
    async with running(app, size=size, notifications=True) as pilot:
        app.push_screen(ImportPreviewScreen(str(path)))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportPreviewScreen), f"expected the preview, got {screen!r}"
        yield pilot, screen


async def until(
    pilot: Pilot[Any],
    condition: Callable[[], object],
    what: str,
    *,
    workers: bool = True,
    timeout: float = 15.0,
) -> None:
    """Wait for something the app does by itself (a timer, a worker's message): each round
    waits for the running workers (unless `workers=False`, when one is meant to stay
    blocked) and the messages they post, so it only polls while nothing runs. `timeout`
    bounds it; a condition never met fails saying `what` was awaited."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g} s for {what}")
        if workers:  # a worker that fails on purpose (exit_on_error=False) is the test's
            with suppress(WorkerFailed, WorkerCancelled):
                await app.workers.wait_for_complete()
        await pilot.pause(0.01)


@contextmanager
def step(name: str) -> Iterator[None]:
    """One named step of a journey test: a failure inside says which step it was in.

    An assertion is raised again with the step in front of its message (pytest's own
    explanation kept); any other error gets the step as a note."""
    try:
        yield
    except AssertionError as exc:
        raise AssertionError(f"step «{name}»: {exc}").with_traceback(exc.__traceback__) from None
    except Exception as exc:
        exc.add_note(f"in step «{name}»")
        raise


async def press(*args: Any) -> None:
    """Press keys one by one, settling after each (dialogs open after a read).
    `press(pilot, *keys)` or `press(app, pilot, *keys)`."""
    i = 1 if isinstance(args[0], Pilot) else 2
    pilot, keys = _pilot(args[:i]), args[i:]
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(*args: Any) -> None:
    """Type a text as a user does: its keys posted at once, as a terminal delivers them
    (the app answers each key; it lays out and paints when it catches up, not after each
    key as `pilot.press` makes it), then settle. `type_text(pilot, text)` or
    `type_text(app, pilot, text)`."""
    from tests.tui.typing import burst

    pilot, text = _pilot(args[:-1]), args[-1]
    burst(pilot.app, text)
    await settle(pilot)


def cell_text(value: Any) -> str:
    return value.plain if isinstance(value, Text) else str(value)


def table_column(table: DataTable[Any], key: str) -> list[str]:
    return [cell_text(v) for v in table.get_column(key)]


def table_refs(app: DeskApp) -> list[str]:
    from samhandlingsdesk.tui.widgets.case_table import CaseTable

    return table_column(app.screen.query_one(CaseTable), "ref")


def static_text(widget: Static) -> str:
    """The plain text a Static shows (markup stripped; tables and groups rendered, with
    runs of spaces kept as they are drawn)."""
    content = widget.render()
    if isinstance(content, Text):
        return content.plain
    plain = getattr(content, "plain", None)
    if isinstance(plain, str):
        return plain
    renderable = getattr(content, "_renderable", content)
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def screen_text(app: DeskApp, selector: str) -> str:
    return static_text(app.screen.query_one(selector, Static))


def notifications(app: DeskApp) -> list[str]:
    return [n.message for n in app._notifications]


def raw_conn(desk: Desk) -> sqlite3.Connection:
    conn = sqlite3.connect(desk.path)
    conn.row_factory = sqlite3.Row
    return conn


def case_row(desk: Desk, ref: str) -> sqlite3.Row:
    with raw_conn(desk) as conn:
        row = conn.execute('SELECT * FROM "case" WHERE ref = ?', (ref,)).fetchone()
    assert row is not None, f"no case {ref}"
    return row


def detail_row(desk: Desk, ref: str) -> sqlite3.Row:
    case = case_row(desk, ref)
    with raw_conn(desk) as conn:
        row = conn.execute(f"SELECT * FROM {case['kind']} WHERE case_id = ?", (case["id"],))
        return row.fetchone()


def statuses(desk: Desk, refs: Iterable[str]) -> dict[str, str]:
    return {ref: case_row(desk, ref)["status"] for ref in refs}


def notes_of(desk: Desk, ref: str) -> list[str]:
    case = case_row(desk, ref)
    with raw_conn(desk) as conn:
        return [
            r[0]
            for r in conn.execute(
                "SELECT text FROM note WHERE case_id = ? ORDER BY id", (case["id"],)
            )
        ]
