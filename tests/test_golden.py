"""Golden outputs for the real case, Tân Yên as of 05/4/2024.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and
review the diff like code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import GOLDEN, Cli, update_golden

NOTICE = ["--as-of", "2024-04-05"]  # the file's own assessment date: nothing overdue yet
LATER = ["--as-of", "2024-11-01"]  # three deadlines of the notice have passed
CASES = {
    "tan-yen.table.vi.txt": ["tan-yen", "--no-color", *NOTICE],
    "tan-yen.table.en.txt": ["districts/tan-yen.yaml", "--lang", "en", "--no-color", *LATER],
    "tan-yen.json": ["tan-yen", "--format", "json", *LATER],
    "tan-yen.en.json": ["tan-yen", "--format", "json", "--lang", "en", *NOTICE],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_output(name: str, cli: Cli, in_repo: Path) -> None:
    result = cli(*CASES[name])
    assert result.code == 1, result.err
    warnings = result.err.splitlines()
    assert all(w.endswith("(overdue-action)") for w in warnings), warnings
    assert len(warnings) == (3 if LATER[1] in CASES[name] else 0)
    path = GOLDEN / name
    if update_golden():
        path.write_text(result.out, encoding="utf-8")
    assert result.out == path.read_text(encoding="utf-8")


def test_json_meets_the_documented_contract(cli: Cli, in_repo: Path) -> None:
    doc = json.loads(cli("tan-yen", "--format", "json", *LATER).out)
    assert doc["schema_version"] == 2
    assert doc["unit"]["id"] == "tan-yen"
    assert doc["unit"]["kind"] == "district"
    assert doc["district"] == doc["unit"]  # version 1's key, kept as an alias
    assert doc["criteria_set"]["id"] == "huyen-ntm-nang-cao-2021-2025"
    assert doc["as_of"] == "2024-04-05"  # the assessment date is the file's, never replaced
    assert (doc["judged_on"], doc["age_days"]) == ("2024-11-01", 210)
    overdue = [a["id"] for a in doc["actions"] if a["overdue"]]
    assert sorted(overdue) == ["ho-so-xa-tham-tra", "ho-so-xa-trinh-tinh", "hoc-tap-kinh-nghiem"]
    assert doc["summary"]["overdue_actions"] == len(overdue)
    assert [(d["code"], d["level"]) for d in doc["diagnostics"]] == [
        ("overdue-action", "warning")
    ] * 3
    s = doc["summary"]
    assert (s["total"], s["met"], s["unmet"]) == (38, 29, 9)
    items = doc["indicators"]
    assert len(items) == s["total"]
    for status in ("met", "unmet", "no_data", "not_applicable"):
        assert s[status] == sum(1 for i in items if i["status"] == status)
    assert s["unverified_indicators"] == sum(1 for i in items if i["verification"] != "verified")
    unmet = {i["id"] for i in items if i["status"] == "unmet"}
    assert {"2.3", "8.1", "8.2", "8.9"} <= unmet


def test_colour_is_off_when_asked(cli: Cli, in_repo: Path) -> None:
    assert "\x1b[" not in cli("tan-yen", "--no-color").out
    assert "\x1b[" in cli("tan-yen", "--color").out
