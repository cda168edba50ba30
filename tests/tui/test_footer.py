"""The key line (tui/widgets/footer.py): recomposed when the keys it shows change, and
only then — a focus move between fields with the same keys leaves it alone."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from samhandlingsdesk.tui.widgets.footer import DeskFooter


class Special(Input):
    BINDINGS = [Binding("ctrl+o", "noop", "Spesiell")]

    def action_noop(self) -> None:
        pass


class Keys(App[None]):
    BINDINGS = [Binding("f9", "noop", "Felles")]

    def compose(self) -> ComposeResult:
        yield Input(id="a")
        yield Input(id="b")
        yield Special(id="c")
        yield DeskFooter()

    def action_noop(self) -> None:
        pass


def labels(app: Keys) -> list[str]:
    return [str(k.description) for k in app.query("FooterKey")]


async def test_the_footer_recomposes_only_when_its_keys_change() -> None:
    app = Keys()
    async with app.run_test(size=(80, 10)) as pilot:
        footer = app.query_one(DeskFooter)
        recomposed: list[int] = []
        real = footer.recompose

        async def counted() -> None:
            recomposed.append(1)
            await real()

        footer.recompose = counted  # type: ignore[method-assign]
        app.query_one("#a").focus()
        await pilot.pause()
        await pilot.pause()
        before = len(recomposed)
        assert "Felles" in labels(app) and "Spesiell" not in labels(app)

        app.query_one("#b").focus()  # the same keys: the footer is left alone
        await pilot.pause()
        await pilot.pause()
        assert len(recomposed) == before
        assert "Felles" in labels(app)

        app.query_one("#c").focus()  # a key of its own: shown
        await pilot.pause()
        await pilot.pause()
        assert len(recomposed) == before + 1
        assert "Spesiell" in labels(app)

        app.query_one("#a").focus()  # and gone again
        await pilot.pause()
        await pilot.pause()
        assert "Spesiell" not in labels(app)
