"""The UI's data layer (tui/work.py): service jobs in thread workers post typed messages.

A screen gets the result of its own, newest read, never one that a newer read replaced
or one that arrives after it closed; a failed job is one Norwegian toast.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker

from samhandlingsdesk.service.desk import DeskError, DeskService
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.work import CasesChanged, run_read, run_write
from tests.tui.conftest import make_desk_app, run_desk, settle
from tests.tui.helpers import notifications

WAIT = 10  # seconds a job may block on its gate before the test fails (never reached)


class Answer(Message, bubble=False):
    def __init__(self, value: str) -> None:
        super().__init__()
        self.value = value


class Probe(Screen[None]):
    """A screen that starts reads and records the answers it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[str] = []
        self.reloads = 0

    def compose(self) -> ComposeResult:
        yield Static("probe")

    def ask(
        self,
        value: str,
        gate: threading.Event | None = None,
        returned: threading.Event | None = None,
        started: threading.Event | None = None,
    ) -> Worker[None]:
        def job(_service: DeskService) -> str:
            if started is not None:
                started.set()
            if gate is not None:
                assert gate.wait(WAIT)
            if returned is not None:
                returned.set()
            return value

        return run_read(self, job, Answer, group="probe")

    def on_answer(self, event: Answer) -> None:
        self.answers.append(event.value)

    def on_cases_changed(self, _event: CasesChanged) -> None:
        self.reloads += 1


async def held_read(probe: Probe, value: str) -> tuple[threading.Event, threading.Event]:
    """Start the probe's read of `value`, held at its gate; once it runs, return the gate
    (set it to let the read end) and the event the read sets when it has returned."""
    gate, returned, started = threading.Event(), threading.Event(), threading.Event()
    probe.ask(value, gate, returned, started)
    assert await asyncio.to_thread(started.wait, WAIT)
    return gate, returned


async def test_a_newer_read_replaces_the_older_one(desk: Desk, tmp_path: Path) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        probe = Probe()
        await app.push_screen(probe)
        gate, returned = await held_read(probe, "old")  # reading when the newer one starts
        await probe.ask("new").wait()
        await pilot.pause()
        assert probe.answers == ["new"]
        gate.set()  # the older read ends after the newer one was shown
        assert await asyncio.to_thread(returned.wait, WAIT)
        await pilot.pause()
        await pilot.pause()
        assert probe.answers == ["new"]


async def test_a_closed_screen_gets_no_result(desk: Desk, tmp_path: Path) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        probe = Probe()
        await app.push_screen(probe)
        # The read is running (a worker still pending when its screen closes never runs).
        gate, returned = await held_read(probe, "late")
        await app.pop_screen()
        await pilot.pause()
        gate.set()
        assert await asyncio.to_thread(returned.wait, WAIT)
        await pilot.pause()
        await pilot.pause()
        assert probe.answers == []


async def test_a_failed_job_is_one_norwegian_toast(desk: Desk, tmp_path: Path) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        probe = Probe()
        await app.push_screen(probe)

        def broken(_service: DeskService) -> str:
            raise DeskError("Skrivebordet er ødelagt.")

        run_read(probe, broken, Answer, group="probe")
        await settle(pilot)
        assert probe.answers == []
        assert "Skrivebordet er ødelagt." in notifications(app)


async def test_a_write_toasts_posts_its_message_and_reloads_the_lists(
    desk: Desk, tmp_path: Path
) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        probe = Probe()
        await app.push_screen(probe)
        run_write(probe, lambda _s: "lagret", Answer, success=lambda v: f"Det ble {v}")
        await settle(pilot)
        assert probe.answers == ["lagret"]
        assert "Det ble lagret" in notifications(app)
        assert probe.reloads == 1
