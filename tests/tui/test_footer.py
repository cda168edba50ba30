"""The key line (tui/widgets/footer.py): one widget drawing the screen's keys, redrawn
when the keys it shows change and only then; a click on a key presses it."""

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
    BINDINGS = [
        Binding("f9", "count", "Felles"),
        Binding("ctrl+p", "command_palette", "Palett", show=False, tooltip="Åpne paletten"),
    ]

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__()
        self.compact = compact
        self.counted = 0

    def compose(self) -> ComposeResult:
        yield Input(id="a")
        yield Input(id="b")
        yield Special(id="c")
        yield DeskFooter(compact=self.compact)

    def action_count(self) -> None:
        self.counted += 1


def line(app: Keys) -> str:
    """The footer's line as drawn."""
    return app.query_one(DeskFooter).render_line(0).text


async def test_the_footer_shows_the_keys_and_redraws_only_when_they_change() -> None:
    app = Keys()
    async with app.run_test(size=(80, 10)) as pilot:
        footer = app.query_one(DeskFooter)
        redrawn: list[int] = []
        real = footer.refresh

        def counted(*args: object, **kwargs: object) -> DeskFooter:
            redrawn.append(1)
            return real(*args, **kwargs)  # type: ignore[arg-type]

        footer.refresh = counted  # type: ignore[method-assign]
        app.query_one("#a").focus()
        await pilot.pause()
        await pilot.pause()
        before = len(redrawn)
        assert line(app).startswith(" f9 Felles ") and "Spesiell" not in line(app)
        assert line(app).endswith("▏^p Palett ") and len(line(app)) == 80

        app.query_one("#b").focus()  # the same keys: the line is left alone
        await pilot.pause()
        await pilot.pause()
        assert len(redrawn) == before
        assert "Felles" in line(app)

        app.query_one("#c").focus()  # a key of its own: shown
        await pilot.pause()
        await pilot.pause()
        assert len(redrawn) > before
        assert "^o Spesiell" in line(app)

        app.query_one("#a").focus()  # and gone again
        await pilot.pause()
        await pilot.pause()
        assert "Spesiell" not in line(app)


async def test_compact_keys_and_a_click_on_a_key_presses_it() -> None:
    app = Keys(compact=True)
    async with app.run_test(size=(80, 10)) as pilot:
        app.query_one("#a").focus()
        await pilot.pause()
        assert line(app).startswith("f9 Felles ")
        await pilot.click(DeskFooter, offset=(4, 0))  # on «Felles»
        await pilot.pause()
        assert app.counted == 1
        await pilot.click(DeskFooter, offset=(40, 0))  # between the keys: nothing
        await pilot.pause()
        assert app.counted == 1


async def test_keys_that_do_not_fit_are_cut_before_the_palette_key() -> None:
    app = Keys()
    async with app.run_test(size=(15, 10)) as pilot:
        app.query_one("#a").focus()
        await pilot.pause()
        assert line(app) == " f9 ▏^p Palett "


async def test_the_key_under_the_mouse_is_lit_and_the_palette_key_says_what_it_does() -> None:
    app = Keys()
    async with app.run_test(size=(40, 10)) as pilot:
        app.query_one("#a").focus()
        await pilot.pause()
        footer = app.query_one(DeskFooter)
        plain = footer.render_line(0)
        await pilot.hover(DeskFooter, offset=(2, 0))  # on «f9»
        await pilot.pause()
        lit = footer.render_line(0)
        assert lit.text == plain.text and lit != plain  # the same keys, one of them lit
        await pilot.hover(DeskFooter, offset=(34, 0))  # on «^p Palett»
        await pilot.pause()
        assert footer.tooltip == "Åpne paletten"
