"""One fixture per failure mode: each must exit 2 with its exact ``path:line:col`` and code.

Each file under ``cases/evidence`` states what it expects in a first-line comment,
``# expect: LINE:COL CODE``; files that cannot hold a comment are listed here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import CASES, FIXTURES

NO_COMMENT = {"empty.yaml": ["1:1 empty-file"], "utf16.yaml": ["1:1 encoding"]}
EXPECT = re.compile(rb"^# expect: (\d+:\d+ [a-z-]+)$", re.MULTILINE)
FILES = sorted((CASES / "evidence").glob("*.yaml"))


def expected(path: Path) -> list[str]:
    if path.name in NO_COMMENT:
        return NO_COMMENT[path.name]
    found = [m.decode() for m in EXPECT.findall(path.read_bytes())]
    assert found, f"{path.name} states no expectation"
    return found


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_failure_mode_is_located_and_exits_2(path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(str(path), "--criteria", str(FIXTURES / "criteria"))
    assert result.code == 2, result.err
    assert result.out == "", "a bad file must never yield a verdict"
    assert "Traceback" not in result.err
    for item in expected(path):
        where, code = item.split(" ")
        line = next((ln for ln in result.err.splitlines() if f"({code})" in ln), None)
        assert line is not None, f"no {code} in:\n{result.err}"
        assert line.startswith(f"{path}:{where}: [error] "), line


def test_corpus_covers_the_listed_failure_modes() -> None:
    codes = {item.split(" ")[1] for path in FILES for item in expected(path)}
    assert {
        "duplicate-key",
        "unknown-field",
        "wrong-type",
        "yaml-syntax",
        "unsafe-tag",
        "alias",
        "merge-key",
        "invalid-value",
        "empty-file",
        "not-a-mapping",
        "missing-field",
        "unknown-criteria-set",
        "unknown-indicator",
        "unknown-document",
        "unexpected-value",
        "wrong-unit",
        "out-of-domain",
        "invalid-not-applicable",
        "encoding",
    } <= codes


def test_unknown_field_suggests_the_nearest_name(cli) -> None:  # type: ignore[no-untyped-def]
    path = CASES / "evidence" / "unknown-field.yaml"
    result = cli(str(path), "--criteria", str(FIXTURES / "criteria"))
    assert "unknown field 'as_off'; did you mean 'as_of'?" in result.err


def test_octal_looking_code_shows_how_to_quote_it(cli) -> None:  # type: ignore[no-untyped-def]
    path = CASES / "evidence" / "code-octal.yaml"
    result = cli(str(path), "--criteria", str(FIXTURES / "criteria"))
    assert "got 010, read as the number 8" in result.err
    assert 'quote it: "010"' in result.err


def test_key_8_10_is_not_collapsed_into_8_1(cli) -> None:  # type: ignore[no-untyped-def]
    path = CASES / "evidence" / "key-8-10-kept.yaml"
    result = cli(str(path), "--criteria", str(FIXTURES / "criteria"))
    assert "indicator '2.10' is not in set 'mini-set'; did you mean '2.1'?" in result.err
    assert "duplicate-key" not in result.err


def test_unsafe_tag_is_never_executed(cli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(
        f'id: x\nname: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8"
    )
    result = cli(str(evil), "--criteria", str(FIXTURES / "criteria"))
    assert result.code == 2
    assert "(unsafe-tag)" in result.err
    assert not marker.exists()


def test_every_problem_in_a_file_is_reported_at_once(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "many.yaml"
    path.write_text(
        "id: many\nname: Huyện\nprovince: {name: Tỉnh, code: 24}\ncriteria_set: mini-set\n"
        "as_of: 2024-01-01\ncolour: red\nsize: 3\n",
        encoding="utf-8",
    )
    result = cli(str(path), "--criteria", str(FIXTURES / "criteria"))
    assert result.code == 2
    assert f"{path}:3:30: [error] expected text, got the number 24" in result.err
    assert f"{path}:6:1: [error] unknown field 'colour'" in result.err
    assert f"{path}:7:1: [error] unknown field 'size'" in result.err
