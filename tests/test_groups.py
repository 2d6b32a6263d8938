"""Commune groups: a set whose values differ by group (``groups``, ``by_group``), a unit that
names its group (``group``), and every place a verdict or a set is described.

The set ``xa-thu-nhom`` (tests/fixtures/groups) has three groups; its units all hold the same
values, so any difference between their verdicts comes from the group (or the overlay).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from ntm_check.run.criteria_sets import rule_words, set_diff
from ntm_check.run.sets import SetStore
from tests.conftest import CASES, FIXTURES, Cli
from tests.test_invalid_evidence import expectation

GROUPS = FIXTURES / "groups"
SETS = GROUPS / "criteria"
UNITS = GROUPS / "communes"
AS_OF = "2026-01-01"
FAILURES = sorted((CASES / "groups").glob("*.yaml"))


def document(cli: Cli, path: Path) -> dict[str, Any]:
    result = cli(str(path), "--criteria", str(SETS), "--as-of", AS_OF, "-f", "json")
    assert result.code in (0, 1), result.err
    doc: dict[str, Any] = json.loads(result.out)
    return doc


def verdicts(cli: Cli, path: Path) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in document(cli, path)["indicators"]}


def test_the_same_values_in_two_groups_get_different_verdicts(cli: Cli) -> None:
    one, two = verdicts(cli, UNITS / "xa-mot.yaml"), verdicts(cli, UNITS / "xa-hai.yaml")
    status = {i: (one[i]["status"], two[i]["status"]) for i in one}
    assert status == {
        "1.1": ("met", "unmet"),  # threshold: 85 % against group 1's 80 %, the set's 90 %
        "1.2": ("met", "met"),  # attested: no group in it
        "2.1": ("met", "unmet"),  # count: 1 model against group 1's 1, the set's 2
        "2.2": ("met", "unmet"),  # share: 9 of 10 against group 1's 90 %, the set's 100 %
    }
    # the group's own value is named as such, in a set written whole too
    assert [one[i]["required"] for i in ("1.1", "2.1", "2.2")] == [
        "≥ 80% (mức của Nhóm 1)",
        "≥ 1 mô hình (mức của Nhóm 1)",
        "≥ 90% số thôn đạt chuẩn (mức của Nhóm 1)",
    ]
    assert [two[i]["required"] for i in ("1.1", "2.1", "2.2")] == [
        "≥ 90%",
        "≥ 2 mô hình",
        "100% số thôn đạt chuẩn",
    ]


def test_the_json_report_names_the_units_group_next_to_its_region(cli: Cli) -> None:
    unit = document(cli, UNITS / "xa-hai.yaml")["unit"]
    assert list(unit)[-2:] == ["region", "group"]
    assert (unit["region"], unit["group"]) == (None, "nhom-2")
    plain = cli(str(FIXTURES / "districts" / "mixed.yaml"), "--criteria",
                str(FIXTURES / "criteria"), "--as-of", AS_OF, "-f", "json")  # fmt: skip
    assert json.loads(plain.out)["unit"]["group"] is None


def test_an_overlay_changing_a_groups_value_changes_exactly_that_verdict(cli: Cli) -> None:
    base = verdicts(cli, UNITS / "xa-hai.yaml")
    province = verdicts(cli, UNITS / "xa-hai-thu.yaml")
    assert (base["1.1"]["status"], province["1.1"]["status"]) == ("unmet", "met")
    assert province["1.1"]["required"] == "≥ 85% (mức của Nhóm 2, theo 7/2025/QĐ-UBND)"
    assert province["1.1"]["origin"]["threshold"] == "group"
    others = [i for i in base if i != "1.1"]
    assert set(province) == set(base)
    assert [base[i]["status"] for i in others] == [province[i]["status"] for i in others]
    assert [base[i]["required"] for i in others] == [province[i]["required"] for i in others]


def test_the_overlay_keeps_its_bases_groups() -> None:
    store = SetStore(SETS)
    base, resolved = store.get("xa-thu-nhom").cset, store.get("thu-xa-thu-nhom").cset
    assert base is not None and resolved is not None
    assert list(resolved.groups) == ["nhom-1", "nhom-2", "nhom-3"]


def test_the_english_label_of_a_groups_value(cli: Cli) -> None:
    result = cli(str(UNITS / "xa-hai-thu.yaml"), "--criteria", str(SETS), "--as-of", AS_OF,
                 "-f", "json", "--lang", "en")  # fmt: skip
    required = {i["id"]: i["required"] for i in json.loads(result.out)["indicators"]}
    assert required["1.1"] == "≥ 85% (Group 2's value, per 7/2025/QĐ-UBND)"


def test_a_rule_in_words_lists_each_groups_value() -> None:
    cset = SetStore(SETS).get("xa-thu-nhom").cset
    assert cset is not None
    # each group by the name the set gives it, its value as the rule says it to a unit there
    words = rule_words(cset.by_id["1.1"].rule, cset)
    assert words.vi == "≥ 90% · Nhóm 1: ≥ 80% · Nhóm 3: ≥ 95%"
    assert words.en == "≥ 90% · Group 1: ≥ 80% · Group 3: ≥ 95%"
    assert rule_words(cset.by_id["2.1"].rule, cset).vi == "≥ 2 mô hình · Nhóm 1: ≥ 1 mô hình"
    assert rule_words(cset.by_id["1.1"].rule).vi.startswith("≥ 90% · nhóm nhom-1: ≥ 80%")


def test_criteria_diff_notices_a_changed_group_value(cli: Cli) -> None:
    store = SetStore(SETS)
    base, overlay = store.get("xa-thu-nhom").cset, store.get("thu-xa-thu-nhom").cset
    assert base is not None and overlay is not None
    changes = set_diff(base, overlay).changes
    assert [(c.id, c.kind) for c in changes] == [("1.1", "rule")]
    assert changes[0].new is not None and "Nhóm 2: ≥ 85%" in changes[0].new.vi
    result = cli("criteria", "diff", str(SETS / "xa-thu-nhom.yaml"),
                 str(SETS / "thu-xa-thu-nhom.yaml"), "-f", "json")  # fmt: skip
    assert result.code == 0, result.err
    assert "Nhóm 2: ≥ 85%" in result.out


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("path", FAILURES, ids=[p.name for p in FAILURES])
def test_group_failure_mode_is_located(path: Path, cli: Cli) -> None:
    want = expectation(path)
    result = cli(str(path), "--criteria", str(SETS))
    assert result.code == want.exit, result.err
    assert want.message in result.err
    assert result.out == ""
    for where, code in want.located:
        line = next(ln for ln in result.err.splitlines() if ln.endswith(f"({code})"))
        assert line.startswith(f"{path}:{where}: [error] "), line


def test_the_failure_modes_are_all_here() -> None:
    codes = {code for path in FAILURES for _, code in expectation(path).located}
    assert codes == {"missing-group", "unknown-reference"}
    other = expectation(CASES / "evidence" / "group-without-groups.yaml")
    assert other.located == [("5:8", "unexpected-field")]


def test_the_unit_workbook_keeps_the_group_both_ways(cli: Cli, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = tmp_path / "xa-mot.xlsx"
    result = cli("export", str(UNITS / "xa-mot.yaml"), "-o", str(book), "--criteria", str(SETS),
                 "--as-of", AS_OF)  # fmt: skip
    assert result.code == 0, result.err
    sheet = openpyxl.load_workbook(book)["Thông tin"]
    rows = {row[3].value: row for row in sheet.iter_rows(min_row=2)}
    assert (rows["group"][0].value, rows["group"][1].value) == ("Nhóm", "nhom-1")
    listed = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert '"nhom-1,nhom-2,nhom-3"' in listed
    back = tmp_path / "communes" / "xa-mot.yaml"
    back.parent.mkdir()
    imported = cli("import", str(book), "-o", str(back), "--criteria", str(SETS))
    assert imported.code == 0, imported.err
    assert yaml.safe_load(back.read_text(encoding="utf-8"))["group"] == "nhom-1"
    assert verdicts(cli, back) == verdicts(cli, UNITS / "xa-mot.yaml")


def test_a_set_without_groups_has_no_group_row(cli: Cli, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = tmp_path / "mixed.xlsx"
    result = cli("export", str(FIXTURES / "districts" / "mixed.yaml"), "-o", str(book),
                 "--criteria", str(FIXTURES / "criteria"), "--as-of", AS_OF)  # fmt: skip
    assert result.code == 0, result.err
    sheet = openpyxl.load_workbook(book)["Thông tin"]
    keys = [row[3].value for row in sheet.iter_rows(min_row=2)]
    assert "region" in keys and "group" not in keys


def test_the_site_shows_each_unit_its_own_groups_values(cli: Cli, tmp_path: Path) -> None:
    pytest.importorskip("jinja2")
    out = tmp_path / "site"
    result = cli("site", "-o", str(out), "--as-of", AS_OF, "--no-cache", "--criteria", str(SETS),
                 str(UNITS / "xa-mot.yaml"), str(UNITS / "xa-hai.yaml"))  # fmt: skip
    assert result.code == 0, result.err
    one = (out / "units" / "xa-mot.html").read_text(encoding="utf-8")
    two = (out / "units" / "xa-hai.html").read_text(encoding="utf-8")
    # the rows the site makes once per set are made once per group too
    assert "≥ 80%" in one and "≥ 1 mô hình" in one
    assert "≥ 80%" not in two and "≥ 2 mô hình" in two


def test_a_count_and_a_share_say_their_groups_value_applied(cli: Cli, tmp_path: Path) -> None:
    """Every rule kind with group values says which one applied, as a threshold does: the
    overlay's unit moved to group 1, whose count (1) and share (90 %) are its own."""
    text = (UNITS / "xa-hai-thu.yaml").read_text(encoding="utf-8")
    unit = tmp_path / "xa-mot-thu.yaml"
    unit.write_text(
        text.replace("id: xa-hai-thu", "id: xa-mot-thu").replace("nhom-2", "nhom-1"),
        encoding="utf-8",
    )
    found = verdicts(cli, unit)
    assert [found[i]["origin"]["threshold"] for i in ("2.1", "2.2")] == ["group", "group"]
    assert found["2.1"]["required"] == "≥ 1 mô hình (mức của Nhóm 1)"  # not regulated: no document
    plain = verdicts(cli, UNITS / "xa-hai-thu.yaml")  # group 2: the set's own values
    assert [plain[i]["origin"]["threshold"] for i in ("2.1", "2.2")] == ["set", "set"]
