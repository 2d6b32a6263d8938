"""Vietnamese first, English second: help, usage errors and every message, in both languages.

The diagnostics keep one code in both languages; no message shows a Python class, ``None`` or
a parser's internal wording; the mistakes new users make get messages that say how to fix them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ntm_check.cli_text import EN
from tests.conftest import CASES, FIXTURES, Cli

VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]")
INTERNALS = ("None", "instance of", "ValidationError", "Value error", "dictionary", "Input should")
COMMANDS = (["--help"], ["check", "--help"], ["report", "--help"], ["validate", "--help"],
            ["schema", "--help"], ["list", "--help"])  # fmt: skip


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_help_is_vietnamese_by_default_and_english_on_demand(
    args: list[str], cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    vi = cli(*args)
    assert vi.code == 0
    assert "Cách dùng:" in vi.out
    assert VIETNAMESE.search(vi.out)
    if "Lệnh:" in vi.out:
        commands = vi.out.split("Lệnh:", 1)[1].split("\n\n", 1)[0]
        assert "..." not in commands  # no command's description is cut short
    en = cli(*args, "--lang", "en") if args != ["--help"] else None
    monkeypatch.setenv("NTM_CHECK_LANG", "en")
    en_env = cli(*args)
    for result in filter(None, (en, en_env)):
        assert result.code == 0
        assert "Usage:" in result.out
        assert not VIETNAMESE.search(result.out.replace("Đạt", "")), result.out


def test_every_help_text_has_its_english_form() -> None:
    import typer

    from ntm_check.cli import app

    texts: list[str] = []

    def walk(command: object) -> None:
        for attr in ("help", "short_help", "epilog"):
            if getattr(command, attr, None):
                texts.append(str(getattr(command, attr)))
        texts.extend(p.help for p in getattr(command, "params", []) if getattr(p, "help", None))
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    vietnamese = [t for t in texts if VIETNAMESE.search(t)]
    assert len(vietnamese) >= 20
    missing = [t for t in vietnamese if t not in EN and "Một trong" not in t]
    assert missing == []


def test_help_lists_the_language_choices_and_examples(cli: Cli) -> None:
    out = cli("check", "--help").out
    assert "vi" in out and "en" in out and "NTM_CHECK_LANG" in out
    assert out.count("ntm-check tan-yen") >= 2  # examples


def test_usage_errors_in_both_languages(cli: Cli) -> None:
    vi = cli("tan-yen", "--frobnicate")
    assert vi.code == 2
    assert "Lỗi: không có tuỳ chọn --frobnicate" in vi.err
    en = cli("tan-yen", "--frobnicate", "--lang", "en")
    assert en.code == 2
    assert "Error: no such option: --frobnicate" in en.err
    bad_date = cli("tan-yen", "--as-of", "31/02/2024")
    assert "không phải ngày" in bad_date.err and bad_date.code == 2


def _messages(cli: Cli, lang: str, *paths: Path) -> list[dict[str, object]]:
    args = ["--criteria", str(FIXTURES / "criteria"), "--as-of", "2026-01-01", "--no-cache"]
    out = cli("validate", *map(str, paths), *args, "-f", "json", "-q", "--lang", lang).out
    doc = json.loads(out)
    return [p for f in doc["files"] for p in f["problems"]]


def test_every_diagnostic_is_translated_and_keeps_its_code(cli: Cli, tmp_path: Path) -> None:
    corpus = sorted((CASES / "evidence").glob("*.yaml"))
    vi, en = _messages(cli, "vi", *corpus), _messages(cli, "en", *corpus)
    assert len(vi) == len(en) >= 60
    for v, e in zip(vi, en, strict=True):
        assert (v["path"], v["line"], v["col"], v["code"]) == (
            e["path"],
            e["line"],
            e["col"],
            e["code"],
        )
        assert v["message"] != e["message"] or not VIETNAMESE.search(str(e["message"])), v
        for word in INTERNALS:
            assert word not in str(v["message"]) and word not in str(e["message"]), (word, e)


def _case(tmp_path: Path, name: str, replace: tuple[str, str]) -> Path:
    text = (FIXTURES / "districts" / "mixed.yaml").read_text(encoding="utf-8")
    assert replace[0] in text
    path = tmp_path / f"{name}.yaml"
    path.write_text(text.replace(*replace), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "replace", "vi", "en"),
    [
        (
            "share-number",
            ('"2.2": {value: {met: 9, total: 10}}', '"2.2": {value: 95}'),
            "{met: 18, total: 19}",
            "{met: 18, total: 19}",
        ),
        (
            "share-unit",
            (
                '"2.2": {value: {met: 9, total: 10}}',
                '"2.2": {value: {met: 9, total: 10}, unit: "%"}',
            ),
            "không dùng đơn vị",
            "takes no unit",
        ),
        (
            "decimal-comma",
            ('"1.2": {value: 84.5, status: met}', '"1.2": {value: "84,5"}'),
            "dấu chấm thập phân và không ghi đơn vị trong value, viết 84.5",
            "use a decimal point and no unit in the value, write 84.5",
        ),
        (
            "status-no-accents",
            ('"1.1": {status: met}', '"1.1": {status: Dat}'),
            "'Đạt'",
            "did you mean 'Đạt'?",
        ),
        (
            "comma-in-text",
            ("task: {vi: Mở rộng cấp nước, en: Extend water supply}", "task: {vi: thu gom, xử lý}"),
            "văn bản có dấu phẩy phải đặt trong ngoặc kép",
            "text containing a comma needs quotes",
        ),
        (
            "bad-indent",
            ("  - id: dung-han\n", "  - id: dung-han\n   oops: 1\n"),
            "thụt lề",
            "indentation",
        ),
    ],
)
def test_common_mistakes_get_a_message_that_says_how_to_fix_them(
    name: str, replace: tuple[str, str], vi: str, en: str, cli: Cli, tmp_path: Path
) -> None:
    path = _case(tmp_path, name, replace)
    said_vi = " ".join(
        str(p["message"]) for p in _messages(cli, "vi", path) if p["level"] == "error"
    )
    said_en = " ".join(
        str(p["message"]) for p in _messages(cli, "en", path) if p["level"] == "error"
    )
    assert vi in said_vi, said_vi
    assert en in said_en, said_en
    for word in INTERNALS:
        assert word not in said_en + said_vi


def test_a_comma_in_an_optional_text_gets_the_quote_hint_too(cli: Cli, tmp_path: Path) -> None:
    path = _case(tmp_path, "comma-in-note", ('"1.1": {status: met}',
                 '"1.1": {status: met, note: {vi: thu gom, xử lý}}'))  # fmt: skip
    said = " ".join(str(p["message"]) for p in _messages(cli, "en", path))
    assert "text containing a comma needs quotes" in said


def _commands_with_arguments() -> list[tuple[list[str], list[tuple[str, bool]]]]:
    """Every command that takes a positional argument: its words, and each argument's name as
    the help shows it, with whether it is required."""
    import typer

    from ntm_check.cli import app

    found: list[tuple[list[str], list[tuple[str, bool]]]] = []

    def walk(command: Any, words: list[str]) -> None:
        arguments = [p for p in getattr(command, "params", []) if p.param_type_name == "argument"]
        if arguments:
            found.append((words, [(p.human_readable_name, p.required) for p in arguments]))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*words, name])

    walk(typer.main.get_command(app), [])
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_usage_lines_write_arguments_as_people_read_them(lang: str, cli: Cli) -> None:
    """``ntm-check check [OPTIONS] UNIT``: a required argument bare, an optional one in
    brackets, never typer's ``{UNIT}``; in help and in a usage error alike."""
    commands = _commands_with_arguments()
    assert len(commands) >= 10  # check, report, schema, diff, history, units, export, import…
    prefix = "Cách dùng:" if lang == "vi" else "Usage:"
    for words, arguments in commands:
        shown = cli(*words, "--help", "--lang", lang).out.split("\n", 1)[0]
        assert shown.startswith(f"{prefix} ntm-check {' '.join(words)} [OPTIONS]"), shown
        assert "{" not in shown and "}" not in shown, shown
        for name, required in arguments:
            written = name if required or name.startswith("[") else f"[{name}]"
            assert f" {written}" in shown, (shown, name)
    missing = cli("check", "--lang", lang)
    assert missing.code == 2 and f"{prefix} ntm-check check [OPTIONS] UNIT\n" in missing.err
