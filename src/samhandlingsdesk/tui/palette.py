"""The command palette (ctrl+p): every action of the desk, and "go to case" by ref or name."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from samhandlingsdesk.tui.keys import hint

if TYPE_CHECKING:
    from samhandlingsdesk.tui.app import DeskApp

MAX_CASE_HITS = 8


class DeskCommands(Provider):
    @property
    def desk_app(self) -> DeskApp:
        return self.app  # type: ignore[return-value]

    def _actions(self) -> list[tuple[str, str, str]]:
        from samhandlingsdesk.tui.app import PALETTE_ACTIONS

        out = []
        for a in PALETTE_ACTIONS:
            keys = hint(self.app, *a.keys)
            out.append((a.label, a.action, f"{a.help} ({keys})" if keys else a.help))
        return out

    async def discover(self) -> Hits:
        for label, action, help_text in self._actions():
            yield DiscoveryHit(label, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, action, help_text in self._actions():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(label), partial(self._run, action), help=help_text
                )
        if len(query.strip()) < 2:
            return
        app = self.desk_app
        hits = await asyncio.to_thread(app.repo.search, query, limit=MAX_CASE_HITS)
        for i, hit in enumerate(hits):
            row = hit.row
            text = f"Gå til sak {row.ref} — {row.title}"
            yield Hit(
                0.9 - i * 0.01,
                text,
                partial(app.open_case, row.id),
                help=f"{row.kind_label} · {row.status_label} · {hit.field_label}: {hit.text}",
            )

    async def _run(self, action: str) -> None:
        await self.app.run_action(action)
