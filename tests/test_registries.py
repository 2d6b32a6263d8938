"""Each registry is listed once; the CLI's choices, the JSON Schemas and the README follow it."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path
from typing import Any

from ntm_check.app import formats
from ntm_check.rules import RULES, RuleParams
from ntm_check.schema import json_schema
from tests.conftest import ROOT, Cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_table(after: str) -> list[str]:
    """The first column of the first table after the line containing ``after``."""
    text = README.split(after, 1)[1]
    table = text.split("\n\n|", 1)[1].split("\n\n", 1)[0]
    found: list[str] = re.findall(r"^\| `([a-z-]+)` \|", table, re.M)
    return found


def test_rule_kinds_are_the_same_in_the_registry_the_model_and_the_schema() -> None:
    members = typing.get_args(typing.get_args(RuleParams)[0])
    kinds = {typing.get_args(m.model_fields["kind"].annotation)[0] for m in members}
    assert kinds == set(RULES)
    schema = json.loads(json_schema("criteria"))
    in_schema = {
        d["properties"]["kind"]["const"]
        for name, d in schema["$defs"].items()
        if name.endswith("Params")
    }
    assert in_schema == set(RULES)


def test_every_rule_module_documents_itself() -> None:
    for kind, rule in RULES.items():
        module = __import__(type(rule).__module__, fromlist=["_"])
        doc = module.__doc__ or ""
        assert f"``{kind}``" in doc or kind in doc.split("\n", 1)[0], kind
        assert "Passing evidence" in doc or kind == "attested", kind


def test_formats_are_the_registries_in_the_cli_and_the_readme(cli: Cli) -> None:
    assert readme_table("`--format` of `check`") == list(formats.CHECK.names)
    assert readme_table("in the format `--format` names") == list(formats.VALIDATE.names)
    registries: dict[str, formats.Formats[Any]] = {
        "check": formats.CHECK, "validate": formats.VALIDATE, "status": formats.STATUS,
        "diff": formats.DIFF, "history": formats.HISTORY, "list": formats.CATALOG,
        "units": formats.UNITS, "report": formats.REPORT,
    }  # fmt: skip
    for command, registry in registries.items():
        shown = cli(command, "--help").out
        for entry in registry.entries:
            assert callable(entry.render)
            assert entry.name in shown, (command, entry.name)
        refused = cli(command, "x", "--format", "nonesuch").err
        assert ", ".join(registry.names) in refused, (command, refused)


def test_every_rule_kind_is_in_the_readme() -> None:
    for kind in RULES:
        assert f"`{kind}`" in README, kind


def test_shipped_schema_files_list_the_same_rule_kinds() -> None:
    shipped = json.loads((ROOT / "schemas" / "criteria.schema.json").read_text(encoding="utf-8"))
    assert shipped == json.loads(json_schema("criteria"))
    assert Path(ROOT / "schemas" / "evidence.schema.json").is_file()
