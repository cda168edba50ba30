"""A horizontal bar chart on Textual's own primitives, in the theme's colours.

One line per bar: the label, the bar (whole blocks and an eighth-block tip, scaled to the
largest value and to the width the widget gets), and the figure as the table shows it
(«<3» draws no bar). The colours come from component classes styled in desk.tcss with the
theme's variables, so every theme — the high-contrast one too — colours the bars, and 80
columns leave room for a label of 16 and a bar of 50.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

EIGHTHS = " ▏▎▍▌▋▊▉"
LABEL_MAX = 24


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float | None  # None: not shown (a «<3»)
    text: str


def bar_cells(value: float, largest: float, width: int) -> str:
    """`value` as blocks of `width` cells at most, in eighths."""
    if largest <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = round(value / largest * width * 8)
    eighths = max(1, eighths)  # a small value still shows
    full, rest = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[rest] if rest else "")


class BarChart(Widget):
    """Bars for a column of a statistics table."""

    COMPONENT_CLASSES = {"bar-chart--label", "bar-chart--bar", "bar-chart--value"}
    DEFAULT_CSS = """
    BarChart { height: auto; width: 1fr; }
    BarChart > .bar-chart--label { color: $foreground; }
    BarChart > .bar-chart--bar { color: $primary; }
    BarChart > .bar-chart--value { color: $foreground; text-style: bold; }
    """

    def __init__(
        self,
        bars: list[Bar],
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.bars = bars

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.bars)

    def render(self) -> Text:
        if not self.bars:
            return Text("")
        label_style = self.get_component_rich_style("bar-chart--label")
        bar_style = self.get_component_rich_style("bar-chart--bar")
        value_style = self.get_component_rich_style("bar-chart--value")
        lw = min(LABEL_MAX, max(len(b.label) for b in self.bars))
        vw = max(len(b.text) for b in self.bars)
        room = max(1, self.size.width - lw - vw - 3)
        largest = max((b.value or 0 for b in self.bars), default=0)
        out = Text(no_wrap=True, overflow="ellipsis")
        for i, b in enumerate(self.bars):
            if i:
                out.append("\n")
            label = b.label if len(b.label) <= lw else b.label[: lw - 1] + "…"
            out.append(label.ljust(lw), label_style)
            out.append(" ")
            cells = bar_cells(b.value or 0, largest, room)
            out.append(cells, bar_style)
            out.append(" " * (room - len(cells) + 1))
            out.append(b.text.rjust(vw), value_style)
        return out
