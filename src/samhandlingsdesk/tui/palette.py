"""The command palette (ctrl+p): every action of the desk, and "go to case" by ref or name."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

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


PALETTE_ACTIONS: tuple[AppAction, ...] = (
    AppAction("Innboks", "app.show_queue('inbox')", "Vis innboksen"),
    AppAction("Hospitering", "app.show_queue('hospitering')", "Vis hospiteringskøen"),
    AppAction("Veiledning", "app.show_queue('veiledning')", "Vis veiledningskøen"),
    AppAction("LIS", "app.show_queue('lis')", "Vis LIS1 og LIS3/ALIS"),
    AppAction("Nettverk", "app.show_queue('nettverk')", "Vis nettverksaktiviteter"),
    AppAction("Agenda", "app.agenda", "Hva skal gjøres i dag, og hvorfor", ("agenda",)),
    AppAction("Ny sak", "app.new_case", "Registrer en ny sak"),
    AppAction("Søk", "app.search", "Finn en sak", ("search-f",)),
    AppAction("Eksporter CSV", "app.export_csv", "Lag CSV-filer til kolleger", ("export",)),
    AppAction("Statistikk", "app.statistics", "Tall og diagrammer for perioden", ("statistics",)),
    AppAction("Importer CSV", "app.import_csv", "Les en CSV-fil inn på skrivebordet", ("import",)),
    AppAction("Angre", "app.undo", "Angre siste endring", ("undo",)),
    AppAction("Gjør om", "app.redo", "Gjør om det som sist ble angret", ("redo",)),
    AppAction("Purring", "app.purring", "Registrer at du har purret på svar", ("purring",)),
    AppAction(
        "Sikkerhetskopier",
        "app.backups",
        "Se sikkerhetskopiene, ta en nå eller gjenopprett en",
    ),
    AppAction(
        "Slett etter oppbevaringstiden",
        "app.purge",
        "Slett personopplysninger fra saker som har passert oppbevaringstiden",
    ),
    AppAction("Hjelp", "app.help", "Vis tastene på denne skjermen"),
    AppAction("Bytt tema", "app.choose_theme", "Velg fargetema"),
    AppAction(
        "Innstillinger", "app.settings", "Side, frister, eksportmappe, tema …", ("settings-f2",)
    ),
    AppAction("Avslutt", "app.quit", "Lukk skrivebordet"),
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
            text = f"Gå til sak {row.ref} — {row.title}"
            yield Hit(
                0.9 - i * 0.01,
                text,
                partial(app.open_case, row.id),
                help=f"{row.kind_label} · {row.status_label} · {hit.field_label}: {hit.text}",
            )

    async def _run(self, action: str) -> None:
        await self.app.run_action(action)
