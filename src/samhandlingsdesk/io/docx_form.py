"""«Skjema hospitering» filled in Word (.docx) -> one row of a hospitering intake table.

The form is read as Word stores it, not as `cell.text` shows it:

- tables whose cells hold a label and, next to it (right) or under it (below, past blank
  rows), the answer — or the label and its answer in one cell («Søkerens navn: Kari»);
- answers inside content controls (`w:sdt`; placeholder text counts as empty);
- a merged cell repeats in `row.cells`: each cell is read once;
- ticked boxes in the three forms Word makes: a typed ☒/☑/X, a content-control checkbox
  (`w14:checkbox` with `w14:checked`) and a legacy form field (`w:ffData/w:checkBox`
  with `w:checked`, else `w:default`);
- labels as `labels.py` knows them (bokmål and Nynorsk), told apart by their place.

The result is a `Table` with one row: a column per field found, headed with the desk's
label, so the import applies every rule of a CSV row (dates as files allow, the national
ID screening, required fields). The fields of the form not found are listed in its
warnings. No database.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from samhandlingsdesk.domain.kinds import TRI_LABELS, kind_spec
from samhandlingsdesk.domain.text import intake as txt
from samhandlingsdesk.domain.text.common import FILE_NOT_FOUND
from samhandlingsdesk.io import labels
from samhandlingsdesk.io.csv_format import escape_cell
from samhandlingsdesk.io.tables import Table

W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14: Final = "{http://schemas.microsoft.com/office/word/2010/wordml}"
TICK: Final = "☒"
NO_TICK: Final = "☐"
_MARKERS: Final = re.compile(r"\[\s*[xX]\s*\]|\(\s*[xX]\s*\)|\[\s*\]|\(\s*\)|[☒☑☐✓✔]")
_OPTION: Final = re.compile(r"([☒☐])\s*([^☒☐]*)")
# Wingdings boxes in w:sym: ticked and empty.
_SYM_TICKED: Final = {"F0FE", "F078", "F0FD", "F0FB"}
_SYM_EMPTY: Final = {"F0A8", "F06F", "F071"}


class DocxError(Exception):
    """The file cannot be read as a Word document; `str()` is one Norwegian sentence."""


def _on(el: Any, attr: str) -> bool | None:
    """A Word on/off property: absent val or 1/true/on -> True."""
    if el is None:
        return None
    val = el.get(attr)
    return val is None or val.lower() in ("1", "true", "on")


def _walk(el: Any, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == f"{W}sdt":
            pr = child.find(f"{W}sdtPr")
            box = pr.find(f"{W14}checkbox") if pr is not None else None
            if box is not None:
                checked = box.find(f"{W14}checked")
                ticked = checked is not None and checked.get(f"{W14}val", "0") in ("1", "true")
                out.append(TICK if ticked else NO_TICK)
                continue
            if pr is not None and pr.find(f"{W}showingPlcHdr") is not None:
                continue  # «Klikk her for å skrive inn tekst»: nothing was written
            content = child.find(f"{W}sdtContent")
            if content is not None:
                _walk(content, out)
        elif tag == f"{W}t":
            out.append(child.text or "")
        elif tag == f"{W}tab":
            out.append(" ")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif tag == f"{W}p":
            _walk(child, out)
            out.append("\n")
        elif tag == f"{W}fldChar":
            box = child.find(f"{W}ffData/{W}checkBox")
            if box is not None:
                checked = _on(box.find(f"{W}checked"), f"{W}val")
                if checked is None:
                    checked = bool(_on(box.find(f"{W}default"), f"{W}val"))
                out.append(TICK if checked else NO_TICK)
        elif tag == f"{W}sym":
            char = (child.get(f"{W}char") or "").upper()
            if char in _SYM_TICKED:
                out.append(TICK)
            elif char in _SYM_EMPTY:
                out.append(NO_TICK)
        elif tag in (f"{W}sdtPr", f"{W}rPr", f"{W}pPr", f"{W}instrText", f"{W}delText"):
            continue
        else:
            _walk(child, out)


def element_text(el: Any) -> str:
    """The text of a cell or paragraph as the reader sees it, boxes as ☒/☐."""
    out: list[str] = []
    _walk([el] if el.tag == f"{W}p" else el, out)
    text = "".join(out)
    text = _MARKERS.sub(lambda m: NO_TICK if m[0].strip("[]() ") in ("", NO_TICK) else TICK, text)
    text = text.replace("☑", TICK).replace("✓", TICK).replace("✔", TICK)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


@dataclass(slots=True)
class _Cell:
    text: str
    table: int
    row: int
    col: int
    used: bool = False


def _cells(path: Path) -> list[list[_Cell]]:
    """The rows of the document in reading order: a table row's cells once each (merged
    cells read once), a paragraph outside the tables as a row of one cell."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except FileNotFoundError:
        raise DocxError(FILE_NOT_FOUND.format(path=path)) from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DocxError(txt.NOT_DOCX.format(name=path.name)) from None
    rows: list[list[_Cell]] = []
    seen: set[Any] = set()
    keep: list[Any] = []  # holds the elements so their ids stay theirs

    def table(tbl: Any, t: int) -> None:
        for r, tr in enumerate(tbl.findall(f"{W}tr")):
            cells: list[_Cell] = []
            col = 0
            for tc in tr.findall(f"{W}tc"):
                span_el = tc.find(f"{W}tcPr/{W}gridSpan")
                span = int(span_el.get(f"{W}val", "1")) if span_el is not None else 1
                vmerge = tc.find(f"{W}tcPr/{W}vMerge")
                continued = vmerge is not None and vmerge.get(f"{W}val") in (None, "continue")
                if not continued and id(tc) not in seen:
                    seen.add(id(tc))
                    keep.append(tc)
                    for nested in tc.findall(f"{W}tbl"):
                        table(nested, t * 100 + len(keep))
                    cells.append(_Cell(_cell_text(tc), t, r, col))
                col += span
            rows.append(cells)

    body = document.element.body
    for t, child in enumerate(body):
        if child.tag == f"{W}tbl":
            table(child, t)
        elif child.tag in (f"{W}p", f"{W}sdt"):
            text = element_text(child)
            if text:
                rows.append([_Cell(text, -1, t, 0)])
    return rows


def _cell_text(tc: Any) -> str:
    """A cell's own text (a nested table is read as rows of its own)."""
    out: list[str] = []
    for child in tc:
        if child.tag == f"{W}tbl" or child.tag == f"{W}tcPr":
            continue
        out.append(element_text(child))
    return "\n".join(t for t in out if t)


@dataclass(slots=True)
class FormRead:
    """What the form gave: field -> answer text (as a table cell), in form order."""

    answers: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # field -> the label as printed


def _split_label(text: str) -> tuple[str, str]:
    """«Søkerens navn: Kari» -> («Søkerens navn», «Kari»); no colon -> (first line, rest)."""
    first, _, rest = text.partition("\n")
    if ":" in first:
        label, _, inline = first.partition(":")
        return label, "\n".join(x for x in (inline.strip(), rest) if x)
    return first, rest


def _is_label(text: str) -> bool:
    if not text or text.startswith((TICK, NO_TICK)):
        return bool(text) and _ticked_labels(text) is not None
    label, _ = _split_label(text)
    return labels.Place(form_only=True).resolve(label) is not None


def _ticked_labels(text: str) -> list[tuple[bool, str]] | None:
    """«☒ Innvilget ☐ Ikke innvilget» -> [(True, «Innvilget»), (False, «Ikke innvilget»)]
    when every option is a label; None otherwise."""
    options = [(m[1] == TICK, m[2].strip(" /,")) for m in _OPTION.finditer(text)]
    if not options:
        return None
    if all(labels.Place(form_only=True).resolve(o) is not None for _, o in options if o):
        return options
    return None


def _ticked_answer(text: str) -> str:
    """The answer of a choice written with boxes: the ticked option's text ("" if none);
    text without boxes as it is."""
    if TICK not in text and NO_TICK not in text:
        return text
    options = [(m[1] == TICK, m[2].strip(" /,")) for m in _OPTION.finditer(text)]
    ticked = [o for t, o in options if t]
    return ticked[0] if len(ticked) == 1 else " / ".join(ticked)


def read_form(path: Path) -> FormRead:
    rows = _cells(path)
    place = labels.Place(form_only=True)
    read = FormRead()

    def record(target: labels.Target, header: str, answer: str) -> None:
        name = target.field
        if target.tick is not None:
            ticked = labels.is_ticked(answer) if answer else False
            if name == "signed" and ticked is None:
                ticked = True  # a signature written out
            if not ticked:
                return
            f = kind_spec("hospitering").field(name)
            answer = TRI_LABELS[True] if f.type == "tri" else f.choice_label(str(target.tick))
        elif name == "direction" or name.endswith("_decision"):
            answer = _ticked_answer(answer)
            key = labels.choice_word(name, answer)
            if key is not None:
                answer = kind_spec("hospitering").field(name).choice_label(key)
        if not answer or name in read.answers:
            return
        read.answers[name] = answer
        read.headers[name] = header

    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell.used or not cell.text:
                continue
            options = _ticked_labels(cell.text) if cell.text[0] in (TICK, NO_TICK) else None
            if options is not None:
                for ticked, option in options:
                    target = place.resolve(option)
                    if target is not None and target.field and ticked:
                        record(target, option, TICK)
                continue
            first, _, rest = cell.text.partition("\n")
            segments = _segments(first)
            for i, (label, inline) in enumerate(segments):
                target = place.resolve(label)
                if target is None:
                    if i == 0:
                        break  # not a label: an answer, or text of the form
                    continue
                cell.used = True
                if target.ignored:
                    continue
                last = i == len(segments) - 1
                answer = "\n".join(x for x in (inline, rest if last else "") if x)
                if not answer and last:
                    answer = _answer_beside(rows, r, c, cell)
                record(target, label.strip(), answer)
    return read


def _segments(line: str) -> list[tuple[str, str]]:
    """A line as (label, answer) pairs: «Hjemmeadresse: Storgata 1 Tlf.: 97712345» ->
    [(«Hjemmeadresse», «Storgata 1»), («Tlf.», «97712345»)]. A colon not after a known
    label stays in the answer («kl. 10:00»). No colon: the line is one label."""
    parts = line.split(":")
    if len(parts) < 2:
        return [(line, "")]
    out: list[tuple[str, str]] = []
    label, answer = parts[0], []
    for part in parts[1:-1]:
        words = part.split()
        cut = next(
            (
                k
                for k in range(len(words))
                if labels.Place(form_only=True).resolve(" ".join(words[k:])) is not None
            ),
            None,
        )
        if cut is None:
            answer.append(part)
            continue
        answer.append(" ".join(words[:cut]))
        out.append((label, ":".join(answer).strip()))
        label, answer = " ".join(words[cut:]), []
    answer.append(parts[-1])
    out.append((label, ":".join(answer).strip()))
    return out


def _answer_beside(rows: list[list[_Cell]], r: int, c: int, cell: _Cell) -> str:
    """The answer right of a label, else under it (past blank rows of the same table)."""
    row = rows[r]
    if c + 1 < len(row):
        right = row[c + 1]
        if right.text and not right.used and not _is_label(right.text):
            right.used = True
            return right.text
    for below in _below(rows, r, cell):
        if below.used:
            return ""
        if not below.text:
            continue
        if _is_label(below.text):
            return ""
        below.used = True
        return below.text
    return ""


def _below(rows: list[list[_Cell]], r: int, cell: _Cell) -> Iterator[_Cell]:
    for row in rows[r + 1 :]:
        same = [x for x in row if x.table == cell.table and x.col == cell.col]
        if not row or row[0].table != cell.table:
            return
        if same:
            yield same[0]


def read_table(path: Path) -> Table:
    """The form as a one-row hospitering table (see the module doc)."""
    read = read_form(path)
    spec = kind_spec("hospitering")
    names = [f.name for f in spec.all_fields if f.name in read.answers]
    headers = [spec.field(n).label for n in names]
    cells = [escape_cell(read.answers[n]) for n in names]
    missing = [
        spec.field(n).label
        for n in labels.FIELD_SECTIONS
        if n not in read.answers and n != "signed" and not n.endswith("_decision")
    ]
    warnings = [txt.FORM_NOT_FOUND.format(fields=", ".join(missing))] if missing else []
    if not names:
        raise DocxError(txt.FORM_EMPTY.format(name=path.name))
    records = iter([(0, cells)])  # line 0: problems name the field only
    return Table(
        path.name, headers, records, encoding="docx", kind="hospitering", warnings=warnings
    )


def found_lines(kind: str, names: Iterable[str], values: Mapping[str, Any]) -> list[str]:
    """«Søkers navn: Kari Nordmann» for every field the form gave, as the desk shows it."""
    from samhandlingsdesk.io.csv_format import columns, format_value, unescape_cell

    by_name = {c.name: c for c in columns(kind, include_personal=True)}
    out = []
    for name in names:
        col = by_name.get(name)
        if col is None or col.spec is None:
            continue
        shown = unescape_cell(format_value(col, kind, values.get(name)))
        out.append(f"{col.header}: {shown}")
    return out
