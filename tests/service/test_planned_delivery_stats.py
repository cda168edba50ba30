"""Veiledning «Planlagt levert» does not change the statistics (issue #13)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.domain.statistics import Period, Scope
from samhandlingsdesk.service import statistics as S
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk, create_desk
from tests.conftest import TODAY, veiledning_values


def report_texts(desk: Desk) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    opts = S.Options(TODAY, Reminders(), exact=True)
    report = S.build_report(desk, Scope(Period.year(2026)), opts)
    return [(t.key, [(r.label, [c.text for c in r.cells]) for r in t.rows]) for t in report.tables]


def test_a_planned_delivery_changes_no_statistics(tmp_path: Path) -> None:
    reports = []
    for n, planned in enumerate((None, date(2026, 12, 4))):
        desk = create_desk(tmp_path / f"desk{n}.db")
        try:
            commands = Commands(desk, today=TODAY)
            for topic in ("Sårstell", "Kateterstell", "Ernæring"):
                c = commands.create_case("veiledning", veiledning_values(topic=topic))
                commands.transition(c.id, None, "vurdert")
                commands.transition(
                    c.id,
                    None,
                    "avtalt",
                    changes={"agreement": "Ett møte", "planned_delivery_on": planned},
                )
            reports.append(report_texts(desk))
        finally:
            desk.close()
    assert reports[0] == reports[1]
    assert any(rows for _key, rows in reports[0])
