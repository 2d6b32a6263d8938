"""``ntm-check list``: the sets and units a repository holds."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CASES, Cli


def test_lists_the_shipped_set_and_unit(cli: Cli, in_repo: Path) -> None:
    result = cli("list")
    assert result.code == 0, result.err
    assert "huyen-ntm-nang-cao-2021-2025  huyện  38" in result.out
    assert "tan-yen  huyen-ntm-nang-cao-2021-2025  05/4/2024  Huyện Tân Yên" in result.out
    doc = json.loads(cli("list", "-f", "json", "--lang", "en").out)
    assert [u["id"] for u in doc["units"]] == ["tan-yen"]
    assert doc["criteria_sets"][0]["indicator_count"] == 38


def test_a_broken_file_is_named_not_hidden(cli: Cli) -> None:
    result = cli("list", str(CASES / "validate-tree"))
    assert result.code == 2
    assert "c.yaml:3:1: [error]" in result.err
    assert "same-id" in result.out
