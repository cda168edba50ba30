"""io/ is file formats only: rows and paths in, rows and files out. No import contract can
stop a connection being passed in, so this checks every public function's signature."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator

import samhandlingsdesk.io

FORBIDDEN_NAMES = {"desk", "conn", "connection", "engine", "cursor", "db", "session"}
FORBIDDEN_TYPES = re.compile(r"\b(Desk|Connection|Engine|Cursor|Session|Commands|Repo)\b")


def _public_callables() -> Iterator[tuple[str, Callable[..., object]]]:
    for info in pkgutil.iter_modules(samhandlingsdesk.io.__path__):
        module = importlib.import_module(f"samhandlingsdesk.io.{info.name}")
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj):
                yield f"{module.__name__}.{name}", obj
            elif inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if inspect.isfunction(member) and not attr.startswith("_"):
                        yield f"{module.__name__}.{name}.{attr}", member


def _offences(func: Callable[..., object]) -> list[str]:
    out = []
    for p in inspect.signature(func).parameters.values():
        annotation = p.annotation if isinstance(p.annotation, str) else repr(p.annotation)
        if p.name in FORBIDDEN_NAMES or FORBIDDEN_TYPES.search(annotation):
            out.append(f"{p.name}: {annotation}")
    return out


def test_io_functions_take_no_desk_or_connection() -> None:
    found = dict(_public_callables())
    assert "samhandlingsdesk.io.csv_import.classify" in found  # the walk sees the modules
    offences = {name: bad for name, f in found.items() if (bad := _offences(f))}
    assert offences == {}


def test_the_check_catches_a_desk_parameter() -> None:
    def reads(desk: object, path: str) -> None: ...

    def typed(source: Desk) -> None: ...  # noqa: F821

    assert _offences(reads) == ["desk: object"]
    assert _offences(typed) == ["source: Desk"]

    def report(report: Report) -> None: ...  # noqa: F821

    assert _offences(report) == []  # a word that only contains a forbidden one
