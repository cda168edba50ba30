"""The helper API itself: a journey's failure says which step it was in."""

from __future__ import annotations

import pytest

from tests.tui.helpers import step


def test_a_failed_assertion_names_its_step() -> None:
    expected = r"^step «på saken»: the status"
    with pytest.raises(AssertionError, match=expected) as failed, step("på saken"):
        raise AssertionError("the status")
    assert failed.value.__traceback__ is not None


def test_any_other_error_gets_the_step_as_a_note() -> None:
    with pytest.raises(KeyError) as failed, step("i køen"):
        raise KeyError("ref")
    assert failed.value.__notes__ == ["in step «i køen»"]


def test_a_step_that_passes_changes_nothing() -> None:
    with step("alt vel"):
        value = 1
    assert value == 1
