"""The UI's data layer: service calls in thread workers that post typed messages.

As in harlequin, a screen never waits on the database and is never called back: it starts
a read (`run_read`) in a thread worker *it* owns, and the worker posts a typed `Message` to
that screen (or widget), handled by an `on_…` method on the UI thread. A job's failure is
posted as `JobFailed`; a screen that wants to answer a refusal handles it (and stops it),
otherwise it bubbles to the app, which shows the Norwegian toast. A screen that has closed
gets nothing: its workers are cancelled with it, and a cancelled worker posts nothing.

Screens know the app only as `DeskHost` (here; `host(self)` or `app: DeskHost` on a
mixin): `tui.app.DeskApp` implements it and imports the screens, never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.app import App
from textual.message import Message
from textual.worker import Worker, get_current_worker

from samhandlingsdesk.service.desk import DeskService, error_kind
from samhandlingsdesk.tui.keys import KeyGateApp

if TYPE_CHECKING:
    from datetime import date, datetime

    from textual.dom import DOMNode

    from samhandlingsdesk.service.desk import CasePage, Desk
    from samhandlingsdesk.settings import Settings


T = TypeVar("T")
REFUSALS = ("refused", "stale", "undo-confirm")


@dataclass
class CasesChanged(Message):
    """Posted to every screen after a write, so lists and case screens reload."""

    case_ids: tuple[str, ...] = ()


@dataclass
class JobFailed(Message):
    """A job's service call raised. Handled by the screen or, bubbling, by the app, which
    shows the Norwegian sentence (`DeskApp.report`)."""

    error: BaseException


class Saved(Message):
    """Posted to the app after a write: every list reloads (after the screen's own
    message, which was posted first)."""


def run_read(
    node: DOMNode,
    job: Callable[[DeskService], T],
    message: Callable[[T], Message],
    *,
    group: str,
    exclusive: bool = True,
) -> Worker[None]:
    """Run `job(service)` in a thread worker owned by `node`; post `message(result)` to
    `node`. A newer read of the same group cancels the older one; a node that closed
    cancels its reads: neither posts anything."""
    service = host(node).service

    def work() -> None:
        worker = get_current_worker()
        try:
            result = job(service)
        except Exception as exc:
            if not worker.is_cancelled:
                node.post_message(JobFailed(exc))
            return
        if not worker.is_cancelled:
            node.post_message(message(result))

    return node.run_worker(work, thread=True, group=group, exclusive=exclusive, exit_on_error=False)


def run_write(
    node: DOMNode,
    job: Callable[[DeskService], T],
    message: Callable[[T], Message] | None = None,
    *,
    success: str | Callable[[T], str] | None = None,
    refused: Callable[[Exception], Message] | None = None,
    reload: bool = True,
) -> Worker[None]:
    """Run the write `job(service)` in a thread worker of the app (a write outlives the
    screen that asked for it). On success: the toast `success`, `message(result)` to
    `node`, then every list reloads (unless `reload=False`). A refusal by the rules
    (CommandError) posts `refused(error)` to `node` when given; any other failure
    `JobFailed`, which reaches the app's toast also when `node` has closed."""
    app = node.app
    service = host(node).service

    def work() -> None:
        try:
            result = job(service)
        except Exception as exc:
            if refused is not None and error_kind(exc) in REFUSALS:
                if not node.post_message(refused(exc)):
                    app.post_message(JobFailed(exc))  # closed: the toast at least
            elif not node.post_message(JobFailed(exc)):
                app.post_message(JobFailed(exc))
            return
        if success is not None:
            app.notify(success(result) if callable(success) else success)
        if message is not None:
            node.post_message(message(result))
        if reload:
            app.post_message(Saved())

    return app.run_worker(work, thread=True, group="write", exit_on_error=False)


class DeskHost(KeyGateApp, App[int]):
    """The desk app as its screens use it."""

    desk: Desk
    service: DeskService
    settings: Settings
    # Cases created since then are «Ny».
    new_since: datetime

    def today(self) -> date:
        raise NotImplementedError

    def open_case(self, case_id: str, page: CasePage | None = None) -> None:
        """Push the case screen; with `page` (the case already read) its first frame
        shows the case."""
        raise NotImplementedError

    def refresh_cases(self, case_ids: tuple[str, ...] = ()) -> None:
        raise NotImplementedError

    def apply_settings(self, changed: dict[str, Any]) -> None:
        raise NotImplementedError


def exiting(node: DOMNode) -> bool:
    """The app is closing (`exit` was called, e.g. a damaged desk found after the first
    frame): a result that arrives now finds the screen's widgets going, and is dropped."""
    return node.app.return_code is not None


def host(node: DOMNode) -> DeskHost:
    """The running desk app of `node`."""
    return cast("DeskHost", node.app)
