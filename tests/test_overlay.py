"""Overlays: a set that ``extends:`` another, changes what a province regulates, and says so."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ntm_check.run.sets import SetStore
from tests.conftest import CASES, FIXTURES, Cli

OVERLAY = FIXTURES / "overlay"
SETS = OVERLAY / "criteria"
CASES_OVERLAY = sorted((CASES / "overlay").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+:\d+) ([a-z-]+)$", re.MULTILINE)


def verdicts(cli: Cli, path: Path) -> dict[str, dict[str, object]]:
    result = cli("check", str(path), "--as-of", "2024-07-01", "--format", "json")
    assert result.code in (0, 1), result.err
    return {i["id"]: i for i in json.loads(result.out)["indicators"]}


def test_an_overlay_changing_a_threshold_changes_exactly_that_verdict(cli: Cli) -> None:
    base = verdicts(cli, OVERLAY / "districts" / "mixed.yaml")
    province = verdicts(cli, OVERLAY / "districts" / "mixed-thu.yaml")
    # the same evidence: 84.5 % is short of the base's 85 % for province 01, meets its own 84 %
    assert (base["1.2"]["status"], province["1.2"]["status"]) == ("unmet", "met")
    assert set(base) - set(province) == {"2.3"}  # removed, with its reason, by the overlay
    same = [i for i in province if i != "1.2"]
    assert [base[i]["status"] for i in same] == [province[i]["status"] for i in same]
    assert [base[i]["required"] for i in same] == [province[i]["required"] for i in same]


def test_a_verdict_says_which_threshold_applied_and_from_which_document(cli: Cli) -> None:
    province = verdicts(cli, OVERLAY / "districts" / "mixed-thu.yaml")
    assert province["1.2"]["origin"] == {
        "set": "thu-mini-set",
        "documents": ["9/2024/QĐ-UBND"],
        "regulated": True,
        "threshold": "province",
    }
    assert province["1.2"]["required"] == "≥ 84% (mức riêng của tỉnh, theo 9/2024/QĐ-UBND)"
    assert province["1.10"]["origin"] == {
        "set": "mini-set",
        "documents": ["1/QĐ-TEST"],
        "regulated": False,
        "threshold": "set",
    }
    # a set written whole keeps its JSON as it was: no origin key
    assert "origin" not in verdicts(cli, OVERLAY / "districts" / "mixed.yaml")["1.2"]


def test_untouched_indicators_keep_the_base_rule_with_its_province_values() -> None:
    store = SetStore(SETS)
    base, resolved = store.get("mini-set").cset, store.get("thu-mini-set").cset
    assert base is not None and resolved is not None
    assert resolved.extends == "mini-set"
    assert resolved.indicator_count == base.indicator_count - 1
    for ind_id, ind in resolved.by_id.items():
        if ind_id != "1.2":
            assert ind == base.by_id[ind_id]
    replaced = resolved.by_id["1.2"].rule
    assert getattr(replaced, "by_region", None) == {}  # replaced whole: the base's vung-b is gone
    assert [d.number for d in resolved.legal_basis] == ["1/QĐ-TEST", "9/2024/QĐ-UBND"]


@pytest.mark.parametrize("path", CASES_OVERLAY, ids=[p.name for p in CASES_OVERLAY])
def test_overlay_failure_mode_is_located(path: Path, cli: Cli) -> None:
    where, code = EXPECT.findall(path.read_text(encoding="utf-8"))[0]
    result = cli("validate", "-q", "--criteria", str(SETS), str(path))
    assert result.code == 1
    errors = [ln for ln in result.out.splitlines() if "[error]" in ln]
    assert errors, result.out
    assert errors[0].startswith(f"{path}:{where}: [error] ")
    assert errors[0].endswith(f"({code})")


def test_a_cycle_of_overlays_is_an_error_not_a_hang(tmp_path: Path, cli: Cli) -> None:
    text = (CASES / "overlay" / "base-not-found.yaml").read_text(encoding="utf-8")
    for me, other in (("a-set", "b-set"), ("b-set", "a-set")):
        own = text.replace("id: thu-mini-set", f"id: {me}").replace("mini-sett", other)
        (tmp_path / f"{me}.yaml").write_text(own, encoding="utf-8")
    result = cli("validate", "-q", "--criteria", str(tmp_path), str(tmp_path / "a-set.yaml"))
    assert result.code == 1
    assert f"{tmp_path / 'a-set.yaml'}:3:10: [error]" in result.out
    assert "(unknown-base)" in result.out


def test_a_cached_verdict_is_judged_again_when_only_the_base_changes(
    tmp_path: Path, cli: Cli
) -> None:
    shutil.copytree(OVERLAY, tmp_path / "t")
    unit = tmp_path / "t" / "districts" / "mixed-thu.yaml"
    first = cli("validate", "--format", "json", "--as-of", "2024-07-01", str(unit))
    base = tmp_path / "t" / "criteria" / "mini-set.yaml"
    # the base now names a department the overlay's 1.2 uses no longer: so-a renamed
    base.write_text(base.read_text(encoding="utf-8").replace("so-a", "so-x"), encoding="utf-8")
    second = cli("validate", "--format", "json", "--as-of", "2024-07-01", str(unit))
    assert first.code == 0 and second.code == 1, second.out
    assert "unknown-criteria-set" in second.out or "unknown-reference" in second.out


def test_validate_given_a_set_checks_its_overlays_and_every_unit_judged_by_them(
    tmp_path: Path, cli: Cli
) -> None:
    shutil.copytree(OVERLAY, tmp_path / "t")
    base = tmp_path / "t" / "criteria" / "mini-set.yaml"
    result = cli("validate", "--as-of", "2024-07-01", "--format", "json", str(base))
    checked = {Path(f["path"]).name for f in json.loads(result.out)["files"]}
    assert checked == {"mini-set.yaml", "thu-mini-set.yaml", "mixed.yaml", "mixed-thu.yaml"}
    # the overlay alone: its own units, not the base's (the base file itself is read and
    # checked: the overlay's verdicts rest on it)
    overlay = tmp_path / "t" / "criteria" / "thu-mini-set.yaml"
    result = cli("validate", "--as-of", "2024-07-01", "--format", "json", str(overlay))
    checked = {Path(f["path"]).name for f in json.loads(result.out)["files"]}
    assert checked == {"thu-mini-set.yaml", "mini-set.yaml", "mixed-thu.yaml"}


def test_a_unit_citing_an_indicator_its_overlay_removed_is_told_why_not_offered_another(
    tmp_path: Path, cli: Cli
) -> None:
    shutil.copytree(OVERLAY, tmp_path / "t")
    unit = tmp_path / "t" / "districts" / "mixed-thu.yaml"
    text = unit.read_text(encoding="utf-8").replace(
        '  "2.2": {value: {met: 9, total: 10}}\n',
        '  "2.2": {value: {met: 9, total: 10}}\n  "2.3": {status: met}\n',
    )
    unit.write_text(text, encoding="utf-8")
    # an overlay of the overlay, changing nothing: the removal below it still says why
    deeper = (SETS / "thu-mini-set.yaml").read_text(encoding="utf-8").split("\nsources:")[0]
    deeper = deeper.replace(
        "id: thu-mini-set\nextends: mini-set", "id: thu2\nextends: thu-mini-set"
    )
    (tmp_path / "t" / "criteria" / "thu2.yaml").write_text(deeper, encoding="utf-8")
    (tmp_path / "t" / "districts" / "deeper.yaml").write_text(
        text.replace("criteria_set: thu-mini-set", "criteria_set: thu2").replace(
            "id: mixed-thu", "id: deeper"
        ),
        encoding="utf-8",
    )
    for name in ("mixed-thu.yaml", "deeper.yaml"):
        path = tmp_path / "t" / "districts" / name
        said = {}
        for lang in ("vi", "en"):
            result = cli("--lang", lang, "validate", "-q", str(path))
            assert result.code == 1
            said[lang] = next(ln for ln in result.out.splitlines() if "2.3" in ln)
        assert said["vi"] == (
            f"{path}:20:3: [error] chỉ tiêu 2.3 đã bị bỏ khỏi bộ thu-mini-set theo "
            "9/2024/QĐ-UBND: Tỉnh đã gộp chỉ tiêu này vào 2.2 (removed-indicator)"
        )
        assert said["en"].endswith(
            "indicator 2.3 was removed from set thu-mini-set by 9/2024/QĐ-UBND: The province "
            "folded this indicator into 2.2 (removed-indicator)"
        )
