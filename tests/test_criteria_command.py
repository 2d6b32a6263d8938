"""``ntm-check criteria list | show | diff``: sets as officials read them, goldens per format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from ntm_check.app.formats import CRITERIA_DIFF
from tests.conftest import FIXTURES, GOLDEN, ROOT, Cli, update_golden

SETS = FIXTURES / "overlay" / "criteria"
SUFFIX = {"table": "txt", "json": "json", "markdown": "md"}


#: each command's goldens: the arguments after its name, and the formats and languages
GOLDENS = {
    "diff": (("mini-set", str(SETS / "thu-mini-set.yaml")),
             (("table", "vi"), ("markdown", "en"), ("json", "vi"))),
    # a set as officials read it: dates as offices write them, departments by name, the
    # verification in words (never the file's keys so-a, draft, 2024-05-02)
    "show": (("thu-mini-set",), (("table", "vi"), ("markdown", "en"))),
}  # fmt: skip


@pytest.mark.parametrize(
    ("command", "fmt", "lang"),
    [(command, fmt, lang) for command, (_, ways) in GOLDENS.items() for fmt, lang in ways],
)
def test_criteria_golden(command: str, fmt: str, lang: str, cli: Cli) -> None:
    args = GOLDENS[command][0]
    result = cli("criteria", command, *args, "--criteria", str(SETS), "--format", fmt,
                 "--lang", lang)  # fmt: skip
    assert result.code == 0, result.err
    golden = GOLDEN / f"criteria-{command}.{lang}.{SUFFIX[fmt]}"
    if update_golden():
        golden.write_text(result.out, encoding="utf-8")
    assert result.out == golden.read_text(encoding="utf-8")


def test_diff_lists_every_kind_of_change(tmp_path: Path, cli: Cli) -> None:
    old = SETS / "mini-set.yaml"
    new = tmp_path / "mini-set.yaml"  # the same set, its next version
    text = old.read_text(encoding="utf-8")
    text = text.replace("Plan approved", "Plan approved and published")
    at = text.index('id: "2.1"')  # 2.1 moves from so-b to so-a
    text = text[:at] + text[at:].replace("department: so-b", "department: so-a", 1)
    text = text.replace("verification: draft", "verification: verified")
    new.write_text(text, encoding="utf-8")
    result = cli("criteria", "diff", str(old), str(new), "--format", "json")
    assert result.code == 0, result.err
    kinds = {(c["id"], c["kind"]) for c in json.loads(result.out)["changes"]}
    assert kinds == {("1.1", "renamed"), ("2.1", "department"), ("1.3", "verification")}


def test_diff_of_a_set_with_itself_is_empty(cli: Cli) -> None:
    result = cli("criteria", "diff", "mini-set", "mini-set", "--criteria", str(SETS))
    assert result.code == 0
    assert result.out.startswith("mini-set → mini-set: 0 thay đổi, 7 chỉ tiêu giữ nguyên")


def test_diff_formats_come_from_the_registry(cli: Cli) -> None:
    result = cli("criteria", "diff", "-h")
    assert ", ".join(CRITERIA_DIFF.names) in " ".join(result.out.split())


def test_show_resolves_an_overlay_with_each_indicators_origin(cli: Cli) -> None:
    result = cli("criteria", "show", "thu-mini-set", "--criteria", str(SETS), "--format", "json")
    assert result.code == 0, result.err
    shown = json.loads(result.out)
    assert shown["extends"] == "mini-set"
    origins = {i["id"]: i["origin"]["set"] for i in shown["indicators"]}
    assert origins == {
        "1.1": "mini-set", "1.2": "thu-mini-set", "1.3": "mini-set", "1.10": "mini-set",
        "2.1": "mini-set", "2.2": "mini-set",
    }  # fmt: skip
    assert shown["legal_basis"][-1] == {
        "number": "9/2024/QĐ-UBND", "date": "2024-05-02", "issuer": "UBND tỉnh Thử",
    }  # fmt: skip


def test_show_of_the_shipped_set_says_none_is_verified(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = cli("criteria", "show", "huyen-ntm-nang-cao-2021-2025", "--lang", "en")
    assert result.code == 0, result.err
    assert "38/38 indicators not verified against the official text" in result.out


def test_show_of_a_missing_or_broken_set_exits_2(tmp_path: Path, cli: Cli) -> None:
    assert cli("criteria", "show", "khong-co", "--criteria", str(tmp_path)).code == 2
    broken = tmp_path / "x.yaml"
    broken.write_text("id: x\nextends: khong-co\ntitle: X\n", encoding="utf-8")
    result = cli("criteria", "show", str(broken))
    assert result.code == 2
    assert f"{broken}:2:10: [error]" in result.err


def test_list_says_what_each_set_extends_and_which_units_it_judges(
    tmp_path: Path, cli: Cli
) -> None:
    shutil.copytree(FIXTURES / "overlay", tmp_path / "t")
    result = cli("criteria", "list", str(tmp_path / "t"), "--format", "json")
    assert result.code == 0, result.err
    sets = {s["id"]: s for s in json.loads(result.out)["sets"]}
    assert sets["thu-mini-set"]["extends"] == "mini-set"
    assert sets["thu-mini-set"]["units"] == ["mixed-thu"]
    assert sets["mini-set"]["units"] == ["mixed"]
    assert (sets["mini-set"]["indicators"], sets["thu-mini-set"]["indicators"]) == (7, 6)


def test_plain_list_stays_as_it_is(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert cli("list").code == 0
    assert cli("criteria", "list").code == 0


def test_show_and_diff_speak_in_words_not_keys(tmp_path: Path, cli: Cli) -> None:
    shown = cli("criteria", "show", "thu-mini-set", "--criteria", str(SETS))
    assert "9/2024/QĐ-UBND · 02/5/2024 · UBND tỉnh Thử" in shown.out
    assert " draft " not in shown.out and "dự thảo" in shown.out
    new = tmp_path / "mini-set.yaml"
    text = (SETS / "mini-set.yaml").read_text(encoding="utf-8")
    at = text.index('id: "2.1"')
    new.write_text(text[:at] + text[at:].replace("department: so-b", "department: so-a", 1))
    changed = cli("criteria", "diff", str(SETS / "mini-set.yaml"), str(new), "-f", "json")
    (change,) = json.loads(changed.out)["changes"]
    names = yaml.safe_load(text)["departments"]
    assert (change["old"]["vi"], change["new"]["vi"]) == (names["so-b"]["vi"], names["so-a"]["vi"])


def test_criteria_list_needs_no_units_and_passes_no_file_in_silence(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder of sets alone is listed (no districts/ to judge); a YAML file there that is
    neither a set nor evidence is said, not skipped in silence; nothing here at all is said."""
    (tmp_path / "criteria").mkdir()
    shutil.copy(SETS / "mini-set.yaml", tmp_path / "criteria")
    (tmp_path / "criteria" / "x.yaml").write_text("id: x\ntitle: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("criteria", "list")
    assert result.code == 0, result.err
    assert result.out.splitlines()[1].startswith("mini-set ")
    assert "criteria/x.yaml:1:1: [warning]" in result.err and "(skipped-file)" in result.err
    monkeypatch.chdir(tmp_path / "criteria")
    nothing = cli("criteria", "list", "--lang", "en")
    assert nothing.code == 2
    assert "there is no criteria/ folder here" in nothing.err


def test_a_set_is_looked_for_only_where_the_person_can_see(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From a folder with no districts/, a set id is looked for in criteria/ here (or
    --criteria), never in the parent folder's criteria/."""
    (tmp_path / "criteria").mkdir()
    shutil.copy(SETS / "mini-set.yaml", tmp_path / "criteria")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    result = cli("criteria", "show", "mini-set", "--lang", "en")
    assert result.code == 2
    assert "(looked in criteria)" in result.err


def test_english_counts_agree_with_their_number(tmp_path: Path, cli: Cli) -> None:
    new = tmp_path / "mini-set.yaml"
    text = (SETS / "mini-set.yaml").read_text(encoding="utf-8")
    new.write_text(text.replace("Plan approved", "Plan approved and published"), encoding="utf-8")
    one = cli("criteria", "diff", str(SETS / "mini-set.yaml"), str(new), "--lang", "en")
    assert one.out.startswith("mini-set → mini-set: 1 change, 6 indicators unchanged")


def test_show_lists_what_an_overlay_removed_and_why(cli: Cli) -> None:
    shown = cli("criteria", "show", "thu-mini-set", "--criteria", str(SETS), "--lang", "en")
    assert "Indicator 2.3 removed (thu-mini-set, per 9/2024/QĐ-UBND): " in shown.out
    data = json.loads(cli("criteria", "show", "thu-mini-set", "--criteria", str(SETS),
                          "-f", "json").out)  # fmt: skip
    assert [(r["id"], r["documents"]) for r in data["removed"]] == [("2.3", ["9/2024/QĐ-UBND"])]


def test_show_in_markdown_escapes_a_sets_words(tmp_path: Path, cli: Cli) -> None:
    hostile = tmp_path / "mini-set.yaml"
    text = (SETS / "mini-set.yaml").read_text(encoding="utf-8")
    hostile.write_text(text.replace("Test criteria set", "<img src=x onerror=alert(1)>"), "utf-8")
    shown = cli("criteria", "show", str(hostile), "-f", "markdown", "--lang", "en")
    assert shown.code == 0, shown.err
    assert "<img" not in shown.out and "&lt;img" in shown.out
