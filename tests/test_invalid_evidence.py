"""The corpus of broken and hostile evidence files: one failure mode per file.

Each file under ``cases/evidence`` states its expectations in comment lines at the top, as
``# key: value || key: value``: ``exit`` (the exact exit code), ``message`` (a fragment of
what the user sees) and ``expect`` (``LINE:COL CODE`` of a located problem; may repeat).
Files that cannot hold a comment (empty, UTF-16, binary) are listed in ``SIDECAR``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import CASES, FIXTURES, ROOT, Cli

# These tests read the English words of messages (NTM_CHECK_LANG=en);
# test_language.py holds the Vietnamese ones.
pytestmark = pytest.mark.usefixtures("english")

FILES = sorted((CASES / "evidence").glob("*.yaml"))


@dataclass
class Expectation:
    exit: int
    message: str
    located: list[tuple[str, str]] = field(default_factory=list)


SIDECAR = {
    "empty.yaml": Expectation(2, "file is empty", [("1:1", "empty-file")]),
    "utf16.yaml": Expectation(2, "file is UTF-16; save it as UTF-8", [("1:1", "encoding")]),
    "binary-garbage.yaml": Expectation(2, "is not valid UTF-8", [("1:1", "encoding")]),
}


def expectation(path: Path) -> Expectation:
    if path.name in SIDECAR:
        return SIDECAR[path.name]
    exit_code: int | None = None
    message: str | None = None
    located: list[tuple[str, str]] = []
    for raw in path.read_bytes().removeprefix(b"\xef\xbb\xbf").split(b"\n"):
        if not raw.startswith(b"# "):
            break
        for part in raw[2:].decode("utf-8").split(" || "):
            key, _, value = part.partition(": ")
            if key == "exit":
                exit_code = int(value)
            elif key == "message":
                message = value
            elif key == "expect":
                where, code = value.split(" ")
                located.append((where, code))
    assert exit_code is not None and message, f"{path.name} states no exit code or message"
    return Expectation(exit_code, message, located)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file(path: Path, cli: Cli) -> None:
    want = expectation(path)
    result = cli(str(path), "--criteria", str(FIXTURES / "criteria"))
    assert result.code == want.exit, result.err
    assert "Traceback" not in result.err + result.out
    assert want.message in result.err + result.out
    if want.exit == 2:
        assert result.out == "", "a bad file must never yield a verdict"
    for where, code in want.located:
        line = next((ln for ln in result.err.splitlines() if ln.endswith(f"({code})")), None)
        assert line is not None, f"no {code} in:\n{result.err}"
        assert line.startswith(f"{path}:{where}: ["), line


def test_corpus_is_large_and_covers_the_listed_failure_modes() -> None:
    assert len(FILES) >= 40
    codes = {code for path in FILES for _, code in expectation(path).located}
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
        "confusable-id",
        "invisible-character",
    } <= codes


def test_unknown_field_suggests_the_nearest_name(cli: Cli) -> None:
    path = CASES / "evidence" / "unknown-field.yaml"
    result = cli(str(path), "--criteria", str(FIXTURES / "criteria"))
    assert "unknown field 'as_off'; did you mean 'as_of'?" in result.err


def test_octal_looking_code_shows_how_to_quote_it(cli: Cli) -> None:
    path = CASES / "evidence" / "code-octal.yaml"
    result = cli(str(path), "--criteria", str(FIXTURES / "criteria"))
    assert "got 010, read as the number 8" in result.err
    assert 'quote it: "010"' in result.err


def test_key_8_10_is_not_collapsed_into_8_1(cli: Cli) -> None:
    path = CASES / "evidence" / "key-8-10-kept.yaml"
    result = cli(str(path), "--criteria", str(FIXTURES / "criteria"))
    assert "indicator '2.10' is not in set 'mini-set'; did you mean '2.1'?" in result.err
    assert "duplicate-key" not in result.err


def test_unsafe_tag_is_never_executed(cli: Cli, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(
        f'id: x\nname: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8"
    )
    result = cli(str(evil), "--criteria", str(FIXTURES / "criteria"))
    assert result.code == 2
    assert "(unsafe-tag)" in result.err
    assert not marker.exists()


def test_every_problem_in_a_file_is_reported_at_once(cli: Cli, tmp_path: Path) -> None:
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


def test_nfd_and_zero_width_text_compare_equal_after_normalisation(cli: Cli) -> None:
    import json
    import unicodedata

    path = CASES / "evidence" / "nfd-status-word.yaml"
    assert not unicodedata.is_normalized("NFC", path.read_text(encoding="utf-8"))
    doc = json.loads(cli(str(path), "--criteria", str(FIXTURES / "criteria"), "-f", "json").out)
    assert doc["district"]["name"] == "Huyện Thử"  # stored NFC
    assert unicodedata.is_normalized("NFC", doc["district"]["name"])
    first = next(i for i in doc["indicators"] if i["id"] == "1.1")
    assert first["status"] == "unmet"  # NFD "Chưa đạt" read as the status word
    zw = CASES / "evidence" / "zero-width-in-indicator-key.yaml"
    doc = json.loads(cli(str(zw), "--criteria", str(FIXTURES / "criteria"), "-f", "json").out)
    assert next(i for i in doc["indicators"] if i["id"] == "1.1")["status"] == "unmet"


def test_alias_bomb_is_refused_without_expanding_it(cli: Cli) -> None:
    import tracemalloc

    path = CASES / "evidence" / "alias-bomb.yaml"
    tracemalloc.start()
    result = cli(str(path), "--criteria", str(FIXTURES / "criteria"))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.code == 2
    assert "81 uses" in result.err  # one message, not one per alias
    # Expanded, the document would hold 9**9 strings (gigabytes); refused, it stays small.
    assert peak < 50 * 1024 * 1024


def test_a_closing_quote_dropped_anywhere_in_the_shipped_unit_is_found_on_its_line() -> None:
    # The usual slip in a hand-edited file. YAML lets quoted text run on over lines, so the
    # parser stops lines below, at the next quote (an indicator's "1.2":), and blames the
    # indentation there; the message must point at the quote that was left open instead.
    from ntm_check.load.sources import load_text

    lines = (ROOT / "districts" / "tan-yen.yaml").read_text(encoding="utf-8").split("\n")
    tried = 0
    for n, line in enumerate(lines):
        closing = line.rfind('"')
        if line.lstrip().startswith("#") or closing <= line.find('"'):
            continue  # a comment, or no quoted text on the line
        broken = [*lines[:n], line[:closing] + line[closing + 1 :], *lines[n + 1 :]]
        found = load_text("\n".join(broken), "tan-yen.yaml").diagnostics
        assert [(d.position.line, d.code) for d in found] == [(n + 1, "yaml-syntax")], line
        assert "a closing quote is missing" in found[0].text.en, line
        assert found[0].text.vi.startswith("thiếu dấu ngoặc kép đóng"), line  # kép: a quote
        tried += 1
    assert tried > 100  # keys ("1.1":), codes, notes, titles, reasons


def test_a_quote_dropped_between_two_texts_of_a_line_is_found_on_its_line() -> None:
    # ["so-tnmt, "ca-tinh"]: the quotes still pair up on the line, so the first text runs on to
    # the second's opening quote and the parser stops at what follows it, asking for a comma;
    # the message must point at the text that lost its closing quote, as a quote, not a comma
    from ntm_check.load.sources import load_text

    lines = (ROOT / "districts" / "tan-yen.yaml").read_text(encoding="utf-8").split("\n")
    tried = 0
    for n, line in enumerate(lines):
        if line.count('"') < 4 or "\\" in line or line.lstrip().startswith("#"):
            continue  # fewer than two quoted texts (or escaped quotes)
        second = line.index('"', line.index('"') + 1)  # the first text's closing quote
        broken = [*lines[:n], line[:second] + line[second + 1 :], *lines[n + 1 :]]
        found = load_text("\n".join(broken), "tan-yen.yaml").diagnostics
        assert [(d.position.line, d.code) for d in found] == [(n + 1, "yaml-syntax")], line
        assert "closing quote" in found[0].text.en, line
        assert found[0].position.col == line.index('"') + 1, line  # where the text opens
        tried += 1
    assert tried >= 10
    glued = load_text('id: q\nsupport: ["so-tnmt, "ca-tinh"]\n', "x.yaml").diagnostics
    assert [(d.position.line, d.position.col) for d in glued] == [(2, 11)]
    assert "followed by 'ca-tinh'" in glued[0].text.en


def test_a_text_quoted_over_two_lines_above_the_mistake_is_passed_over() -> None:
    # YAML allows it on purpose (a long note): the quote to blame is the one left open below
    from ntm_check.load.sources import load_text

    text = 'id: x\nnote: "abc\n  def"\nname: "oops\nfoo: 1\n"1.2":\n  status: met\n'
    found = load_text(text, "f.yaml").diagnostics
    assert [(d.position.line, d.position.col, d.code) for d in found] == [(4, 7, "yaml-syntax")]
    assert "a closing quote is missing" in found[0].text.en


def test_an_unclosed_list_is_not_blamed_on_the_quoted_key_after_it() -> None:
    # documents: [tb-2024-04-05  then  "1.2": on the next line: the key's closing quote is
    # followed by its colon, which is a key, not text run on from a missing quote
    from ntm_check.load.sources import load_text

    lines = (ROOT / "districts" / "tan-yen.yaml").read_text(encoding="utf-8").split("\n")
    tried = 0
    for n, line in enumerate(lines):
        if not line.rstrip().endswith("]") or "[" not in line or line.lstrip().startswith("#"):
            continue
        broken = [*lines[:n], line.rstrip()[:-1], *lines[n + 1 :]]
        found = load_text("\n".join(broken), "tan-yen.yaml").diagnostics
        assert [d.code for d in found] == ["yaml-syntax"], line
        assert "closing quote" not in found[0].text.en and "list in [ ]" in found[0].text.en, line
        assert f"started at line {n + 1}," in found[0].text.en, line
        tried += 1
    assert tried > 20
