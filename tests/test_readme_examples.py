"""Every YAML example in the README is valid as it stands: a newcomer copies them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from tests.conftest import ROOT, Cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", README, re.S)


def ntm_blocks(marker: str) -> list[str]:
    return [b for b in BLOCKS if re.search(rf"^{marker}:", b, re.M)]


def test_the_readme_has_a_set_and_an_evidence_example() -> None:
    assert len(ntm_blocks("criteria")) == 1
    assert len(ntm_blocks("criteria_set")) >= 1


def test_every_example_validates_against_the_set_it_names(cli: Cli, tmp_path: Path) -> None:
    criteria = tmp_path / "criteria"
    shutil.copytree(ROOT / "criteria", criteria)
    for block in ntm_blocks("criteria"):
        set_id = re.search(r"^id: (\S+)", block, re.M)
        assert set_id
        (criteria / f"{set_id[1]}.yaml").write_text(block, encoding="utf-8")
    districts = tmp_path / "districts"
    districts.mkdir()
    for block in ntm_blocks("criteria_set"):
        unit_id = re.search(r"^id: (\S+)", block, re.M)
        assert unit_id
        (districts / f"{unit_id[1]}.yaml").write_text(block, encoding="utf-8")
    result = cli("validate", str(criteria), str(districts), "--as-of", "2024-07-01", "--no-cache")
    assert result.code == 0, result.out
    assert "[error]" not in result.out
    for block in ntm_blocks("criteria_set"):
        unit_id = re.search(r"^id: (\S+)", block, re.M)
        assert unit_id
        checked = cli(unit_id[1], "--districts", str(districts), "--criteria", str(criteria),
                      "--as-of", "2024-07-01")  # fmt: skip
        assert checked.code in (0, 1), checked.err


def test_the_readme_lists_every_indicator_of_the_shipped_set() -> None:
    import yaml

    data = yaml.safe_load(
        (ROOT / "criteria" / "huyen-ntm-nang-cao-2021-2025.yaml").read_text(encoding="utf-8")
    )
    wanted = [
        (str(c["number"]), i["id"], i["source"]["verification"])
        for c in data["criteria"]
        for i in c["indicators"]
    ]
    shown = re.findall(r"^\| (\d+) \| `([0-9.]+)` \| .* \| (\w+) \|$", README, re.M)
    assert shown == wanted


def test_the_overlay_example_extends_the_set_example(cli: Cli, tmp_path: Path) -> None:
    """The README's overlay resolves on its set example, and changes what it says it does."""
    (tmp_path / "criteria").mkdir()
    for block in [*ntm_blocks("criteria"), *ntm_blocks("extends")]:
        set_id = re.search(r"^id: (\S+)", block, re.M)
        assert set_id
        (tmp_path / "criteria" / f"{set_id[1]}.yaml").write_text(block, encoding="utf-8")
    assert len(ntm_blocks("extends")) == 1
    overlay = tmp_path / "criteria" / "tinh-vi-du-bo-tieu-chi.yaml"
    result = cli("validate", "--strict", str(overlay))
    assert result.code == 0, result.out + result.err
    diff = cli(
        "criteria", "diff", "vi-du-bo-tieu-chi", str(overlay),
        "--criteria", str(tmp_path / "criteria"), "--format", "json",
    )  # fmt: skip
    changes = {(c["id"], c["kind"]) for c in json.loads(diff.out)["changes"]}
    assert ("1.1", "rule") in changes and ("1.2", "removed") in changes
