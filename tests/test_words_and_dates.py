"""One vocabulary of status words and one parser of typed dates, for every input and output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ntm_check.i18n import format_number, label, parse_typed_date
from ntm_check.text import Text
from ntm_check.vocabulary import STATUS, status_written
from tests.conftest import ROOT, Cli


@pytest.mark.parametrize(
    ("typed", "day"),
    [("05/4/2024", dt.date(2024, 4, 5)), ("2024-04-05", dt.date(2024, 4, 5)),
     ("05.4.2024", dt.date(2024, 4, 5)), ("5-4-2024", dt.date(2024, 4, 5)),
     (" 31/12/2024 ", dt.date(2024, 12, 31))],
)  # fmt: skip
def test_a_typed_date_is_read_day_first_or_iso(typed: str, day: dt.date) -> None:
    assert parse_typed_date(typed) == day


def test_what_is_not_a_date_is_told_apart_from_an_impossible_one() -> None:
    assert parse_typed_date("HEAD~3") is None  # not a date at all (a git revision, say)
    assert isinstance(parse_typed_date("31/02/2024"), Text)  # a date that does not exist


def test_status_words_are_read_and_said_from_one_vocabulary() -> None:
    for status, words in STATUS.items():
        assert status_written(words.vi.upper(), tuple(STATUS)) == status
        if status != "met":  # the summary counts "chỉ tiêu đạt", the indicators met
            assert label(f"summary.{status}", "vi") == words.vi
        assert label(status, "en") == words.en.capitalize()
    assert status_written("không đạt", ("met", "unmet")) == "unmet"
    assert status_written("chưa có số liệu", ("met", "unmet")) == "chưa có số liệu"  # refused


@pytest.mark.parametrize("written", ["05/4/2024", "05.4.2024"])
def test_an_office_date_in_a_file_shows_the_fix(
    written: str, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (ROOT / "districts" / "tan-yen.yaml").read_text(encoding="utf-8")
    assert "\nas_of: 2024-04-05\n" in text
    unit = tmp_path / "tan-yen.yaml"
    unit.write_text(text.replace("\nas_of: 2024-04-05\n", f"\nas_of: {written}\n"), "utf-8")
    result = cli(str(unit), "--criteria", str(ROOT / "criteria"), "--lang", "en")
    assert result.code == 2
    assert f"write 2024-04-05 for {written}" in result.err
    line = text.split("\nas_of:")[0].count("\n") + 2
    assert f"{unit}:{line}:8: [error]" in result.err


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (87.5, "87,5", "87.5"),
        (73727, "73.727", "73,727"),
        (-2500.25, "-2.500,25", "-2,500.25"),
        (1234567.891, "1.234.567,891", "1,234,567.891"),
        (999, "999", "999"),
        (5.0, "5", "5"),
        (1e308, "1e+308", "1e+308"),
        pytest.param(10**400, "1e+400", "1e+400", id="ten-to-the-400"),
    ],
)
def test_a_number_is_said_with_its_language_s_marks_and_a_huge_one_compactly(
    value: float, vi: str, en: str
) -> None:
    assert (format_number(value, "vi"), format_number(value, "en")) == (vi, en)
