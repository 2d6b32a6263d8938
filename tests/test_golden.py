"""Golden outputs for the real case, Tân Yên as of 05/4/2024.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and
review the diff like code.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import GOLDEN, update_golden

CASES = {
    "tan-yen.table.vi.txt": ["tan-yen", "--no-color"],
    "tan-yen.table.en.txt": ["districts/tan-yen.yaml", "--lang", "en", "--no-color"],
    "tan-yen.json": ["tan-yen", "--format", "json"],
    "tan-yen.en.json": ["tan-yen", "--format", "json", "--lang", "en"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_output(name: str, cli, in_repo) -> None:  # type: ignore[no-untyped-def]
    result = cli(*CASES[name])
    assert result.code == 1, result.err
    assert result.err == ""
    path = GOLDEN / name
    if update_golden():
        path.write_text(result.out, encoding="utf-8")
    assert result.out == path.read_text(encoding="utf-8")


def test_json_meets_the_documented_contract(cli, in_repo) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(cli("tan-yen", "--format", "json").out)
    assert doc["schema_version"] == 1
    assert doc["district"]["id"] == "tan-yen"
    assert doc["criteria_set"]["id"] == "huyen-ntm-nang-cao-2021-2025"
    assert doc["as_of"] == "2024-04-05"
    s = doc["summary"]
    assert (s["total"], s["met"], s["unmet"]) == (38, 29, 9)
    items = doc["indicators"]
    assert len(items) == s["total"]
    for status in ("met", "unmet", "no_data", "not_applicable"):
        assert s[status] == sum(1 for i in items if i["status"] == status)
    assert s["unverified_indicators"] == sum(1 for i in items if i["verification"] != "verified")
    unmet = {i["id"] for i in items if i["status"] == "unmet"}
    assert {"2.3", "8.1", "8.2", "8.9"} <= unmet


def test_colour_is_off_when_asked(cli, in_repo) -> None:  # type: ignore[no-untyped-def]
    assert "\x1b[" not in cli("tan-yen", "--no-color").out
    assert "\x1b[" in cli("tan-yen", "--color").out
