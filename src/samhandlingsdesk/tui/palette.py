"""The command palette (ctrl+p): every action of the desk, and "go to case" by ref or name."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from samhandlingsdesk.domain.text import palette as text
from samhandlingsdesk.tui.keys import hint
from samhandlingsdesk.tui.work import DeskHost, host

MAX_CASE_HITS = 8


@dataclass(frozen=True, slots=True)
class AppAction:
    """An action for the command palette and the help screen."""

    label: str
    action: str
    help: str = ""
    keys: tuple[str, ...] = ()  # binding ids whose keys the help names (`tui.keys.hint`)


def _action(words: tuple[str, str], action: str, keys: tuple[str, ...] = ()) -> AppAction:
    return AppAction(words[0], action, words[1], keys)


PALETTE_ACTIONS: tuple[AppAction, ...] = (
    _action(text.INBOX, "app.show_queue('inbox')"),
    _action(text.HOSPITERING, "app.show_queue('hospitering')"),
    _action(text.VEILEDNING, "app.show_queue('veiledning')"),
    _action(text.LIS, "app.show_queue('lis')"),
    _action(text.NETTVERK, "app.show_queue('nettverk')"),
    _action(text.AGENDA, "app.agenda", ("agenda",)),
    _action(text.NEW_CASE, "app.new_case"),
    _action(text.SEARCH, "app.search", ("search-f",)),
    _action(text.EXPORT, "app.export_csv", ("export",)),
    _action(text.STATISTICS, "app.statistics", ("statistics",)),
    _action(text.IMPORT, "app.import_csv", ("import",)),
    _action(text.UNDO, "app.undo", ("undo",)),
    _action(text.REDO, "app.redo", ("redo",)),
    _action(text.PURRING, "app.purring", ("purring",)),
    _action(text.BACKUPS, "app.backups"),
    _action(text.PURGE, "app.purge"),
    _action(text.HELP, "app.help"),
    _action(text.THEME, "app.choose_theme"),
    _action(text.SETTINGS, "app.settings", ("settings-f2",)),
    _action(text.QUIT, "app.quit"),
)


class DeskCommands(Provider):
    @property
    def desk_app(self) -> DeskHost:
        return host(self.app)

    def _actions(self) -> list[tuple[str, str, str]]:
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
        hits = await asyncio.to_thread(app.service.search, query, limit=MAX_CASE_HITS)
        for i, hit in enumerate(hits):
            row = hit.row
            yield Hit(
                0.9 - i * 0.01,
                text.GO_TO_CASE.format(ref=row.ref, title=row.title),
                partial(app.open_case, row.id),
                help=f"{row.kind_label} · {row.status_label} · {hit.field_label}: {hit.text}",
            )

    async def _run(self, action: str) -> None:
        await self.app.run_action(action)
