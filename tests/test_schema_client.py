"""The shipped JSON Schemas, read by a real client (check-jsonschema), agree with ``validate``.

Editors (yaml-language-server) and CI jobs read ``schemas/*.schema.json``. Every file the tool
accepts must pass the schema, and every file the tool refuses for its structure must fail it.
A schema cannot know everything the tool checks; the cases it cannot catch are listed below,
each with the reason, so that a new disagreement is a test failure, not a surprise.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CASES, FIXTURES, ROOT, Cli

pytestmark = pytest.mark.skipif(
    shutil.which("check-jsonschema") is None
    and not (Path(sys.executable).parent / "check-jsonschema").exists(),
    reason="check-jsonschema is not installed (pip install -e '.[test]' brings it)",
)
EVIDENCE_SCHEMA = ROOT / "schemas" / "evidence.schema.json"
CRITERIA_SCHEMA = ROOT / "schemas" / "criteria.schema.json"
OVERLAY_SCHEMA = ROOT / "schemas" / "overlay.schema.json"
GROUPS = FIXTURES / "groups"

#: Cases the tool refuses (or accepts) for reasons a JSON Schema cannot express.
SCHEMA_CANNOT_TELL = {
    # the value's type and domain depend on the indicator's rule kind, i.e. on the criteria set
    "huge-integer.yaml": "value checked by the set's rule",
    "infinity-value.yaml": "value checked by the set's rule",
    "nan-value.yaml": "value checked by the set's rule",
    "negative-count.yaml": "value checked by the set's rule",
    "negative-share.yaml": "value checked by the set's rule",
    "share-above-100.yaml": "value checked by the set's rule",
    "share-met-over-total.yaml": "value checked by the set's rule",
    "level-unknown.yaml": "value checked by the set's rule",
    "value-on-attested.yaml": "value checked by the set's rule",
    "wrong-unit.yaml": "value checked by the set's rule",
    "not-applicable-without-condition.yaml": "the set says whether an indicator may not apply",
    "group-without-groups.yaml": "the set says whether a unit has a group",
    "unknown-criteria-set.yaml": "the set must exist",
    "unknown-document.yaml": "a reference between two parts of the file",
    # YAML 1.1 (the tool, like PyYAML) reads `no`/`off` as booleans; YAML 1.2 readers as text
    "name-no-boolean.yaml": "YAML 1.1 boolean",
    "value-off-boolean.yaml": "YAML 1.1 boolean",
    "date-far-future.yaml": "the plausible date range is the tool's own check",
    # YAML features the tool refuses for safety; other readers accept them
    "alias.yaml": "aliases are refused by the tool",
    "merge-key.yaml": "merge keys are refused by the tool",
    # the tool normalises text (NFC, invisible characters) before comparing; a schema cannot
    "nfd-status-word.yaml": "Unicode normalisation",
    "zero-width-in-indicator-key.yaml": "invisible characters removed",
}
#: Hostile files that exhaust other readers (memory, recursion): the tool refuses them, and
#: they are not handed to check-jsonschema at all.
BREAKS_OTHER_READERS = {"alias-bomb.yaml", "deep-nesting.yaml"}


def check_jsonschema(schema: Path, files: list[Path]) -> set[str]:
    """The files check-jsonschema refuses (schema errors or files it cannot parse)."""
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    proc = subprocess.run(
        [exe, "-o", "json", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    report = json.loads(proc.stdout)
    found = report.get("errors", []) + report.get("parse_errors", [])
    return {e["filename"] for e in found}


def refused_by_validate(cli: Cli, path: Path, criteria: Path = FIXTURES / "criteria") -> bool:
    result = cli("validate", str(path), "--criteria", str(criteria), "--no-cache",
                 "--as-of", "2026-01-01", "-q")  # fmt: skip
    return result.code != 0


def _sets_of(path: Path) -> Path:
    """The criteria folder a test file is judged with."""
    if path.is_relative_to(ROOT / "districts"):
        return ROOT / "criteria"
    if path.is_relative_to(GROUPS):
        return GROUPS / "criteria"
    return FIXTURES / "criteria"


def test_every_file_the_tool_accepts_passes_the_schema(cli: Cli) -> None:
    evidence = [
        *sorted((FIXTURES / "districts").glob("*.yaml")),
        *sorted((GROUPS / "communes").glob("*.yaml")),
        ROOT / "districts" / "tan-yen.yaml",
        CASES / "evidence" / "utf8-bom-valid.yaml",
    ]
    criteria = [
        *sorted((ROOT / "criteria").glob("*.yaml")),
        FIXTURES / "criteria" / "mini-set.yaml",
        GROUPS / "criteria" / "xa-thu-nhom.yaml",
    ]
    for path in evidence + criteria:
        assert not refused_by_validate(cli, path, _sets_of(path)), path
    assert check_jsonschema(EVIDENCE_SCHEMA, evidence) == set()
    assert check_jsonschema(CRITERIA_SCHEMA, criteria) == set()


#: overlays the tool accepts, with the criteria folder that holds each one's base
OVERLAYS = [
    (FIXTURES / "overlay" / "criteria" / "thu-mini-set.yaml", FIXTURES / "overlay" / "criteria"),
    (GROUPS / "criteria" / "thu-xa-thu-nhom.yaml", GROUPS / "criteria"),
]
#: overlay failures that need the base (or the rest of the file) to be seen
OVERLAY_CROSS_CHECKS = {
    "base-not-found.yaml",
    "changes-what-does-not-exist.yaml",
    "count-mismatch.yaml",
    "replaced-twice.yaml",
    "unknown-department.yaml",
    "unknown-group-override.yaml",
}


def test_the_overlay_schema_agrees_with_the_tool(cli: Cli) -> None:
    for path, sets in OVERLAYS:
        assert not refused_by_validate(cli, path, sets), path
    assert check_jsonschema(OVERLAY_SCHEMA, [path for path, _ in OVERLAYS]) == set()
    broken = sorted((CASES / "overlay").glob("*.yaml"))
    structural = [p for p in broken if p.name not in OVERLAY_CROSS_CHECKS]
    assert len(structural) >= 4
    for path in broken:
        assert refused_by_validate(cli, path, FIXTURES / "overlay" / "criteria"), path.name
    assert check_jsonschema(OVERLAY_SCHEMA, structural) == {str(p) for p in structural}
    # a whole set is not an overlay: it has no extends (and an overlay is not a whole set)
    whole = FIXTURES / "criteria" / "mini-set.yaml"
    assert check_jsonschema(OVERLAY_SCHEMA, [whole]) == {str(whole)}
    assert check_jsonschema(CRITERIA_SCHEMA, [OVERLAYS[0][0]]) == {str(OVERLAYS[0][0])}


def test_every_structurally_broken_case_fails_the_schema(cli: Cli) -> None:
    for name in BREAKS_OTHER_READERS:
        assert refused_by_validate(cli, CASES / "evidence" / name)
    skip = SCHEMA_CANNOT_TELL.keys() | BREAKS_OTHER_READERS
    cases = sorted(p for p in (CASES / "evidence").glob("*.yaml") if p.name not in skip)
    refused = {str(p) for p in cases if refused_by_validate(cli, p)}
    assert len(refused) >= 30
    assert check_jsonschema(EVIDENCE_SCHEMA, cases) >= refused
    broken_sets = sorted((CASES / "criteria").glob("*.yaml"))
    structural = [p for p in broken_sets if p.name not in CRITERIA_CROSS_CHECKS]
    assert check_jsonschema(CRITERIA_SCHEMA, structural) == {str(p) for p in structural}


#: criteria-set failures that are consistency checks across the file, not structure
CRITERIA_CROSS_CHECKS = {
    "count-mismatch.yaml",
    "duplicate-indicator-id.yaml",
    "id-under-wrong-criterion.yaml",
    "unknown-department.yaml",
    "unknown-region-override.yaml",
    "unknown-group-override.yaml",
    "level-not-on-scale.yaml",
}


def test_the_documented_disagreements_still_hold(cli: Cli) -> None:
    """A listed case that the schema now catches (or the tool now accepts) is taken off the list."""
    listed = [
        CASES / "evidence" / name
        for name in sorted(SCHEMA_CANNOT_TELL)
        if name != "alias-bomb.yaml"
    ]
    caught = check_jsonschema(EVIDENCE_SCHEMA, listed)
    for path in listed:
        assert (str(path) in caught) != refused_by_validate(cli, path), path.name


def test_the_named_defects_of_the_old_schema(tmp_path: Path) -> None:
    good = (FIXTURES / "districts" / "mixed.yaml").read_text(encoding="utf-8")
    words = tmp_path / "words.yaml"
    words.write_text(good.replace("{status: met}", "{status: Đạt}"), encoding="utf-8")
    bad_doc = tmp_path / "bad-doc.yaml"
    bad_doc.write_text(good.replace("  qh-1:", "  BC_2025:"), encoding="utf-8")
    bad_key = tmp_path / "bad-key.yaml"
    bad_key.write_text(
        good.replace('"1.1": {status: met}', '"IX.5": {status: met}'), encoding="utf-8"
    )
    assert check_jsonschema(EVIDENCE_SCHEMA, [words, bad_doc, bad_key]) == {
        str(bad_doc),
        str(bad_key),
    }
