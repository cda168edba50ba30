"""The header row of a table -> the desk's columns, and each row's cells made ready for
the cell parsers.

- this desk's own headers first, then (hospitering) the words of the S3 form at their
  place (`labels.py`), then the CSV aliases;
- tick columns («Innvilget», «Ikke innvilget», «Underskrift») become one virtual column per
  field, appended after the file's own cells, so a problem is still named by the header
  the file has;
- a hospitering file without a direction gets the desk's side's direction (a virtual
  column, said once in the warnings);
- unknown columns are listed once, each with the closest known label.

Pure Python: no database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from samhandlingsdesk.domain.kinds import TRI_LABELS, kind_spec
from samhandlingsdesk.domain.text import intake as txt
from samhandlingsdesk.io import labels
from samhandlingsdesk.io.csv_format import Column, columns, fold_header, header_map


@dataclass(slots=True)
class _Virtual:
    header: str
    column: Column
    make: Callable[[Sequence[str]], str]


@dataclass(slots=True)
class Resolved:
    """How to read the rows of a table: `used` maps a cell index to its column (virtual
    columns after the file's own cells), `headers` names every index."""

    used: dict[int, Column]
    headers: list[str]
    width: int  # the file's own cells
    seen: dict[str, str]  # stored name -> header as written
    warnings: list[str]
    virtual: list[_Virtual] = field(default_factory=list)
    choice_cols: dict[int, str] = field(default_factory=dict)  # index -> field name

    def cells(self, cells: Sequence[str]) -> list[str]:
        """A row's cells with the form's choice words read and the virtual cells added."""
        out = list(cells)
        for i, name in self.choice_cols.items():
            if i < len(out):
                key = labels.choice_word(name, out[i])
                if key is not None:
                    out[i] = kind_spec("hospitering").field(name).choice_label(key)
        if not self.virtual:
            return out
        if len(out) > self.width and any(c.strip() for c in out[self.width :]):
            return out  # too many cells: reported as such; the virtual cells stay empty
        out = out[: self.width] + [""] * (self.width - len(out))
        out += [v.make(cells) for v in self.virtual]
        return out


def _tick_maker(
    name: str, ticks: list[tuple[int, str, object]], spec_label: Callable[[object], str]
) -> Callable[[Sequence[str]], str]:
    """The virtual cell of a field made from its tick columns."""

    def make(cells: Sequence[str]) -> str:
        chosen: list[tuple[str, str]] = []  # (header, cell text for the field)
        for i, header, value in ticks:
            text = cells[i].strip() if i < len(cells) else ""
            ticked = labels.is_ticked(text)
            if ticked is None:
                if name == "signed":  # a signature written out is a signature
                    ticked = text.casefold() not in ("nei", "ukjent")
                else:
                    return text  # not a tick: the parser says what is wrong with it
            if ticked:
                chosen.append((header, spec_label(value)))
            elif name == "signed" and text:
                chosen.append((header, TRI_LABELS[False]))
        if len(chosen) > 1 and len({c for _, c in chosen}) > 1:
            return txt.BOTH_TICKED.format(first=chosen[0][0], second=chosen[1][0])
        return chosen[0][1] if chosen else ""

    return make


def resolve(
    kind: str, headers: Sequence[str], *, default_direction: str | None = None, side: str = ""
) -> Resolved:
    """Read a header row of `kind`."""
    cols = columns(kind, include_personal=True)
    by_name = {c.name: c for c in cols}
    exact = {fold_header(c.header): c for c in cols}
    aliases = header_map(kind, intake_aliases=True)
    targets: list[labels.Target | None] = (
        labels.resolve_all(headers) if kind == "hospitering" else [None] * len(headers)
    )
    used: dict[int, Column] = {}
    seen: dict[str, str] = {}
    warnings: list[str] = []
    unknown: list[str] = []
    ticks: dict[str, list[tuple[int, str, object]]] = {}
    choice_cols: dict[int, str] = {}
    for i, (h, target) in enumerate(zip(headers, targets, strict=True)):
        header = h.strip()
        fh = fold_header(h)
        if not fh:
            continue
        col = exact.get(fh)
        if col is None and target is not None:
            if target.ignored:
                continue
            if target.tick is not None:
                ticks.setdefault(target.field, []).append((i, header, target.tick))
                continue
            col = by_name.get(target.field)
        if col is None:
            col = aliases.get(fh)
        if col is None:
            unknown.append(header)
            continue
        if col.name in seen:
            warnings.append(txt.SAME_FIELD.format(first=seen[col.name], second=header))
            continue
        seen[col.name] = header
        used[i] = col
        if col.spec is not None and col.spec.type == "choice" and kind == "hospitering":
            choice_cols[i] = col.name
    width = len(headers)
    all_headers = [h.strip() for h in headers]
    virtual: list[_Virtual] = []
    spec = kind_spec(kind)
    for name, tick_cols in ticks.items():
        if name in seen:
            first = seen[name]
            warnings.append(txt.SAME_FIELD.format(first=first, second=tick_cols[0][1]))
            continue
        f = spec.field(name)

        def label_of(value: object, f=f) -> str:
            if f.type == "tri":
                return TRI_LABELS[bool(value)]
            return f.choice_label(str(value))

        header = tick_cols[0][1]
        virtual.append(_Virtual(header, by_name[name], _tick_maker(name, tick_cols, label_of)))
        seen[name] = header
    missing_direction = kind == "hospitering" and not {"direction", "id"} & seen.keys()
    if missing_direction and default_direction:
        label = spec.field("direction").choice_label(default_direction)
        side_words = txt.SIDE_WORDS.get(side, side)
        warnings.append(txt.DIRECTION_FROM_SIDE.format(direction=label, side=side_words))
        virtual.append(
            _Virtual(spec.field("direction").label, by_name["direction"], lambda _c, v=label: v)
        )
    for k, v in enumerate(virtual):
        used[width + k] = v.column
        all_headers.append(v.header)
    if unknown:
        pool = labels.known_labels() if kind == "hospitering" else tuple(c.header for c in cols)
        shown = []
        for h in unknown:
            hint = labels.closest_label(h, pool)
            shown.append(
                txt.UNKNOWN_COLUMN_HINT.format(header=h, label=hint)
                if hint
                else txt.UNKNOWN_COLUMN.format(header=h)
            )
        warnings.insert(0, txt.UNKNOWN_COLUMNS.format(columns=", ".join(shown)))
    return Resolved(used, all_headers, width, seen, warnings, virtual, choice_cols)


def detail_score(kind: str, headers: Sequence[str]) -> int:
    """How many of `kind`'s own (detail) fields the headers name: picks a file's kind."""
    hmap = header_map(kind, intake_aliases=True)
    names = {
        hmap[fh].name
        for h in headers
        if (fh := fold_header(h)) in hmap and hmap[fh].role == "detail"
    }
    if kind == "hospitering":
        detail = {f.name for f in kind_spec(kind).fields}
        names |= {t.field for t in labels.resolve_all(headers) if t and t.field in detail}
    return len(names)
