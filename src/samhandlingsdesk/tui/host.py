"""What screens know of the app: `DeskHost`, the base `tui.app.DeskApp` implements.

Screens and widgets name `DeskHost` (`host(self)`, or `app: DeskHost` on a mixin) and
never import `tui.app`: the app imports the screens, so the arrows point one way.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, cast

from textual.app import App

from samhandlingsdesk.tui.keys import KeyGateApp

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from samhandlingsdesk.service.desk import Desk, DeskService
    from samhandlingsdesk.settings import Settings


class DeskHost(KeyGateApp, App[int]):
    """The desk app as its screens use it."""

    desk: Desk
    service: DeskService
    settings: Settings
    # Cases created since then are «Ny».
    new_since: datetime

    def today(self) -> date:
        raise NotImplementedError

    def open_case(self, case_id: str) -> None:
        raise NotImplementedError

    def refresh_cases(self, case_ids: tuple[str, ...] = ()) -> None:
        raise NotImplementedError


def host(node: DOMNode) -> DeskHost:
    """The running desk app of `node`."""
    return cast("DeskHost", node.app)
