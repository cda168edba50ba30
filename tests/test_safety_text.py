"""Control characters and limits at every way in and out of a real desk (issue #11,
failures 2 and 10): forms' command path, notes, tags, import, CLI search, CSV export."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samhandlingsdesk.cli import main
from samhandlingsdesk.store.commands import CommandError, Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.store.repo import Repo
from tests.conftest import hospitering_values, write_intake

HOSTILE = "Ola \x1b]0;X\x07 \x1b[2J Hansen"


def test_a_form_save_refuses_control_characters_and_long_names(commands: Commands) -> None:
    with pytest.raises(CommandError) as exc:
        commands.create_case("hospitering", hospitering_values(applicant_name=HOSTILE))
    assert "kontrolltegn" in str(exc.value) and "ESC" in str(exc.value)
    with pytest.raises(CommandError) as exc:
        commands.create_case("hospitering", hospitering_values(applicant_name="A" * 201))
    assert "200" in str(exc.value)
    with pytest.raises(CommandError):
        commands.create_case("hospitering", hospitering_values(theme_goals="x" * 4001))
    created = commands.create_case("hospitering", hospitering_values(theme_goals="x" * 4000))
    with pytest.raises(CommandError):
        commands.update_case(created.id, created.version, {"applicant_name": "Ola\u202eHansen"})


def test_notes_and_tags(commands: Commands, repo: Repo) -> None:
    created = commands.create_case("hospitering", hospitering_values())
    with pytest.raises(CommandError) as exc:
        commands.add_note(created.id, "n" * 10_001)
    assert "10\u00a0000" in str(exc.value)
    commands.add_note(created.id, "n" * 10_000)
    with pytest.raises(CommandError):
        commands.add_note(created.id, "Ring \x1b[2J tilbake")
    commands.add_note(created.id, "Linje 1\n\tLinje 2")
    with pytest.raises(CommandError):
        commands.add_tag([created.id], "a\x07b")
    assert len(repo.notes(created.id)) == 2


def _store_hostile(desk: Desk, commands: Commands) -> str:
    """A name with escape sequences stored before the rule existed (raw SQL)."""
    created = commands.create_case("hospitering", hospitering_values(applicant_name="Ola Hansen"))
    conn = sqlite3.connect(desk.path)
    with conn:
        conn.execute('UPDATE "case" SET title = ? WHERE id = ?', (HOSTILE, created.id))
        conn.execute(
            "UPDATE hospitering SET applicant_name = ? WHERE case_id = ?", (HOSTILE, created.id)
        )
        conn.execute(
            "INSERT INTO note (case_id, at, text) VALUES (?, '2026-11-20 10:00:00', ?)",
            (created.id, "Notat \x1b]0;tittel\x07"),
        )
    conn.close()
    return created.id


def test_stored_escapes_never_reach_the_terminal(
    desk: Desk, commands: Commands, repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = _store_hostile(desk, commands)
    row = repo.row(case_id)
    assert row is not None and "\x1b" not in row.title and "␛" in row.title
    assert all("\x1b" not in n.text for n in repo.notes(case_id))
    assert main(["search", "Hansen", "--db", str(desk.path)]) == 0
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out and "␛]0;X␇" in out


def test_stored_escapes_go_out_as_pictures_in_csv(
    desk: Desk, commands: Commands, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _store_hostile(desk, commands)
    out = tmp_path / "ut"
    assert main(["export", "--db", str(desk.path), "--out", str(out)]) == 0
    data = next(out.glob("hospitering_*.csv")).read_text(encoding="utf-8-sig")
    assert "\x1b" not in data and "\x07" not in data
    assert "Ola ␛]0;X␇ ␛[2J Hansen" in data


def _intake(path: Path, name: str, theme: str = "Ernæring") -> Path:
    return write_intake(
        path, [name, "Til sykehuset", "01.02.2027", "12.02.2027", theme, "15.11.2026"]
    )


@pytest.mark.parametrize(
    ("name", "theme", "words"),
    [
        (HOSTILE, "Ernæring", ("kontrolltegn", "ESC", "Linje 2")),
        ("Kari\u202eNordmann", "Ernæring", ("retningstegn",)),
        ("K" * 201, "Ernæring", ("200",)),
        ("Kari Nordmann", "t" * 4001, ("4\u00a0000",)),
    ],
    ids=["escape", "bidi", "long-name", "long-theme"],
)
def test_import_refuses_by_line_and_column(
    desk: Desk,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    theme: str,
    words: tuple[str, ...],
) -> None:
    f = _intake(tmp_path / "inn.csv", name, theme)
    assert main(["import", str(f), "--db", str(desk.path), "--yes"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    for word in words:
        assert word in out, out
    assert sqlite3.connect(desk.path).execute('SELECT count(*) FROM "case"').fetchone()[0] == 0


def test_settings_refuse_control_characters(tmp_path: Path) -> None:
    from samhandlingsdesk.settings import SettingsError, load_settings, save_settings

    path = tmp_path / "settings.toml"
    with pytest.raises(SettingsError) as exc:
        save_settings({"export_dir": "/tmp/a\x1b[2Jb"}, path)
    assert "kontrolltegn" in str(exc.value)
    assert not path.exists()
    path.write_text('theme = "a\\u001b]0;X\\u0007"\n', encoding="utf-8")
    with pytest.raises(SettingsError) as exc:
        load_settings(path)
    assert "ESC" in str(exc.value)


def test_the_note_and_tag_prompts_refuse_where_typed() -> None:
    from samhandlingsdesk.tui.triage import note_check, tag_check

    with pytest.raises(ValueError, match="kontrolltegn"):
        note_check("Ring \x1b[2J")
    with pytest.raises(ValueError, match="10\u00a0000"):
        note_check("n" * 10_001)
    assert note_check("n" * 10_000) == ""
    with pytest.raises(ValueError, match="200"):
        tag_check("t" * 201)


# --- a property over every way in ---------------------------------------------------------

FORBIDDEN = (
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    bad=st.sampled_from(FORBIDDEN),
    # Inside the text: at either end, the controls Python counts as white space (VT, FF,
    # FS…) are stripped with the spaces before anything is stored, which is safe too.
    at=st.integers(min_value=1, max_value=12),
)
def test_every_way_in_refuses_every_control_character(
    desk: Desk, commands: Commands, tmp_path: Path, bad: str, at: int
) -> None:
    from samhandlingsdesk.service.imports import CsvImportError, plan_import
    from samhandlingsdesk.settings import SettingsError, save_settings
    from samhandlingsdesk.tui.triage import note_check

    base = "Kari Nordmann"
    text = base[:at] + bad + base[at:]
    with pytest.raises(CommandError):  # a form's save
        commands.create_case("hospitering", hospitering_values(applicant_name=text))
    with pytest.raises(CommandError):  # a multi-line field
        commands.create_case("hospitering", hospitering_values(theme_goals=text))
    case = commands.create_case("hospitering", hospitering_values())
    with pytest.raises(CommandError):
        commands.add_note(case.id, text)
    with pytest.raises(CommandError):
        commands.add_tag([case.id], text)
    with pytest.raises(ValueError):  # the note prompt, while typing
        note_check(text)
    try:  # an import
        plan = plan_import(desk, _intake(tmp_path / "inn.csv", text))
    except CsvImportError as exc:
        assert bad == "\x00" and "binærdata" in str(exc)  # NUL: the file is not text
    else:
        assert plan.invalid == 1 and "linje 1" in str(plan.problems[0])
    with pytest.raises(SettingsError):  # the settings
        save_settings({"export_dir": text}, tmp_path / "settings.toml")
