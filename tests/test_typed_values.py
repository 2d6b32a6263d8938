"""What a person types where an id, a code or a whole number belongs, and what they are told:
the id to write (never a puzzle about Latin letters), a code of digits 0-9 only, a whole number
asked for as such."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Cli

GROUPS = FIXTURES / "groups"


def _unit(tmp_path: Path, old: str, new: str) -> Path:
    shutil.copytree(GROUPS / "criteria", tmp_path / "criteria")
    (tmp_path / "districts").mkdir()
    text = (GROUPS / "communes" / "xa-mot.yaml").read_text(encoding="utf-8")
    assert old in text
    unit = tmp_path / "districts" / "xa-mot.yaml"
    unit.write_text(text.replace(old, new), encoding="utf-8")
    return unit


@pytest.mark.parametrize(
    ("typed", "write"), [("Nhóm 1", "nhom-1"), ("nhom_1", "nhom-1"), ("NHOM-1", "nhom-1")]
)
def test_an_id_typed_as_people_write_names_is_given_its_form(
    typed: str, write: str, tmp_path: Path, cli: Cli
) -> None:
    unit = _unit(tmp_path, "group: nhom-1", f"group: {typed}")
    result = cli("validate", str(unit), "--lang", "en")
    assert result.code == 1
    assert f"id '{typed}' must be lowercase" in result.out
    assert f"; write '{write}' (invalid-value)" in result.out
    assert "look like ASCII" not in result.out  # ó and N are no look-alikes


def test_a_look_alike_letter_is_named_alone(tmp_path: Path, cli: Cli) -> None:
    unit = _unit(tmp_path, "group: nhom-1", "group: Nhóm-1-\u0430")  # Cyrillic а
    result = cli("validate", str(unit), "--lang", "en")
    assert (
        "contains characters that look like ASCII but are not: 'а' (CYRILLIC SMALL LETTER A);"
        in (result.out)
    )


def test_a_code_is_digits_0_to_9_only(tmp_path: Path, cli: Cli) -> None:
    unit = _unit(tmp_path, 'code: "01"', 'code: "0²"')
    result = cli("validate", str(unit), "--lang", "en")
    assert result.code == 1
    assert "an administrative code is digits only" in result.out


def test_a_whole_number_is_asked_for_as_one(tmp_path: Path, cli: Cli) -> None:
    unit = _unit(tmp_path, '"2.1": {value: 1}', '"2.1": {value: 1.5}')
    result = cli("validate", str(unit), "--lang", "en")
    assert "expected a whole number, got 1.5 (wrong-type)" in result.out
    vi = cli("validate", str(unit))
    assert "cần số nguyên, đang ghi 1.5" in vi.out
