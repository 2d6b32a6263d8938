"""``ntm-check validate``: every problem in every file, exact locations, every output format."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from ntm_check.app.formats import VALIDATE
from ntm_check.schema import json_schema
from tests.conftest import CASES, GOLDEN, ROOT, Cli, update_golden

TREE = CASES / "validate-tree"
CRITERIA_CASES = sorted((CASES / "criteria").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+:\d+) ([a-z-]+)$", re.MULTILINE)


@pytest.mark.parametrize("path", CRITERIA_CASES, ids=[p.name for p in CRITERIA_CASES])
def test_criteria_failure_mode(path: Path, cli: Cli) -> None:
    where, code = EXPECT.findall(path.read_text(encoding="utf-8"))[0]
    result = cli("validate", "-q", str(path))
    assert result.code == 1
    assert f"{path}:{where}: [error] " in result.out
    line = next(ln for ln in result.out.splitlines() if ln.startswith(f"{path}:{where}:"))
    assert line.endswith(f"({code})")


def run_tree(cli, *extra: str):  # type: ignore[no-untyped-def]
    return cli(
        "validate", str(TREE), "--as-of", "2024-07-01", "--criteria", str(TREE / "criteria"), *extra
    )


EXPECTED_TREE = {
    ("districts/a.yaml", "7:16", "warning", "document-after-as-of"),
    ("districts/a.yaml", "10:30", "warning", "status-conflict"),
    ("districts/a.yaml", "20:10", "warning", "overdue-action"),
    ("districts/b.yaml", "1:5", "error", "duplicate-unit"),
    ("districts/b.yaml", "7:35", "error", "unknown-document"),
    ("districts/b.yaml", "6:1", "warning", "missing-indicator"),
    ("districts/c.yaml", "3:1", "error", "yaml-syntax"),
}


def test_every_problem_in_every_file_in_one_run(cli: Cli) -> None:
    result = run_tree(cli)
    assert result.code == 1
    found = set()
    for line in result.out.splitlines():
        m = re.match(r"^(.*?):(\d+:\d+): \[(error|warning)\] .* \(([a-z-]+)\)$", line)
        assert m, line
        found.add((str(Path(m[1]).relative_to(TREE)), m[2], m[3], m[4]))
    assert found >= EXPECTED_TREE
    assert "4 tệp, 3 lỗi" in result.err


def test_clean_files_exit_0_and_strict_fails_on_warnings(cli: Cli, in_repo: Path) -> None:
    clean = cli("validate", "--as-of", "2024-04-05")
    assert clean.code == 0, clean.out
    assert clean.out == ""
    warned = cli("validate")  # today: the notice's 2024 deadlines have passed
    assert warned.code == 0
    assert "(overdue-action)" in warned.out
    assert cli("validate", "--strict").code == 1


def test_format_registry_and_cli_choices_agree(cli: Cli) -> None:
    help_text = cli("validate", "--help").out
    for name in VALIDATE.names:
        assert name in help_text
        assert run_tree(cli, "--format", name).code == 1
    assert run_tree(cli, "--format", "checkstyle").code == 2  # not registered


@pytest.mark.parametrize("fmt", sorted(VALIDATE.names))
def test_golden_per_format(fmt: str, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TREE)
    result = cli("validate", ".", "--as-of", "2024-07-01", "--format", fmt, "-q")
    assert result.code == 1
    path = GOLDEN / f"validate.{fmt}"
    if update_golden():
        path.write_text(result.out, encoding="utf-8")
    assert result.out == path.read_text(encoding="utf-8")


def test_json_counts_agree_with_items(cli: Cli) -> None:
    doc = json.loads(run_tree(cli, "--format", "json").out)
    assert doc["schema_version"] == 2
    errors = sum(1 for f in doc["files"] for p in f["problems"] if p["level"] == "error")
    assert doc["summary"]["errors"] == errors == sum(f["errors"] for f in doc["files"])
    assert doc["summary"]["files"] == len(doc["files"]) == 4


def test_junit_one_case_per_file_with_stable_names(cli: Cli) -> None:
    root = ET.fromstring(run_tree(cli, "--format", "junit").out)
    cases = root.findall(".//testcase")
    names = [c.get("name") for c in cases]
    assert len(names) == len(set(names)) == 4
    failed = {c.get("name") for c in cases if c.find("failure") is not None}
    assert {Path(n).name for n in failed if n} == {"b.yaml", "c.yaml"}


def test_github_annotations_escape_their_properties(cli: Cli) -> None:
    out = run_tree(cli, "--format", "github").out
    assert re.search(r"^::error file=.*c\.yaml,line=3,col=1,title=yaml-syntax::", out, re.M)


def test_output_file_is_written_and_never_replaces_an_input(cli: Cli, tmp_path: Path) -> None:
    report = tmp_path / "report.xml"
    assert run_tree(cli, "--format", "junit", "-o", str(report)).code == 1
    ET.parse(report)
    target = TREE / "districts" / "a.yaml"
    before = target.read_bytes()
    result = run_tree(cli, "-o", str(target))
    assert result.code == 2 and "thêm --force để ghi đè" in result.err  # it exists
    result = run_tree(cli, "-o", str(target), "--force")
    assert result.code == 2
    assert "không ghi đè lên tệp đầu vào" in result.err  # --force never replaces an input
    assert target.read_bytes() == before


def test_missing_path_is_an_error(cli: Cli, tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path / "nope.yaml"))
    assert result.code == 1
    assert "(file-not-found)" in result.out


@pytest.mark.parametrize("kind", ["evidence", "criteria", "overlay"])
def test_shipped_schemas_are_current(kind: str, cli: Cli) -> None:
    result = cli("schema", kind)
    assert result.code == 0
    assert result.out == json_schema(kind)
    assert (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8") == result.out


def test_schema_accepts_the_shorthand_text_form() -> None:
    schema = json.loads(json_schema("evidence"))
    assert "$defs" in schema
    assert "name" in schema["properties"]


def test_pre_commit_hook_runs_validate() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "ntm-check-validate"
    assert hooks[0]["entry"] == "ntm-check validate"


def test_yaml_that_is_neither_kind_is_skipped_and_named(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text("repos:\n  - repo: local\n    hooks: []\n", encoding="utf-8")
    result = cli("validate", str(config), str(TREE / "criteria"), "--format", "json")
    assert result.code == 0, result.err
    assert f"bỏ qua (không phải bộ tiêu chí hay hồ sơ): {config}" in result.err
    doc = json.loads(result.out)
    assert doc["summary"]["skipped"] == 1
    assert [f["kind"] for f in doc["files"]] == ["other", "criteria"]
    broken = tmp_path / "broken.yaml"  # not a mapping of ours, but not a mapping at all: judged
    broken.write_text("- just\n- a list\n", encoding="utf-8")
    assert cli("validate", str(broken)).code == 1


def test_validate_outside_a_project_says_which_folder_is_not_there(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "districts").mkdir()
    result = cli("validate", "--lang", "en")
    assert result.code == 2
    assert "there is no criteria/ folder here" in result.err
    assert "hint: run from the project's folder (the one holding criteria/)" in result.err
    assert "criteria:1:1" not in result.err


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("1.0e+400", "số 1.0e+400 quá lớn"),
        pytest.param("1" + "0" * 400, "số 1e+400 quá lớn", id="ten-to-the-400"),
        ("1e400", "YAML đọc '1e400' là văn bản, không phải số"),
    ],
)
def test_a_broken_set_given_with_its_units_is_said_once_and_a_huge_number_compactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli, written: str, said: str
) -> None:
    name = "huyen-ntm-nang-cao-2021-2025.yaml"
    (tmp_path / "criteria").mkdir()
    text = (ROOT / "criteria" / name).read_text(encoding="utf-8")
    broken = text.replace(
        "rule: {kind: attested}",
        'rule: {kind: threshold, at_least: X, unit: "%"}'.replace("X", written),
        1,
    )
    assert broken != text
    (tmp_path / "criteria" / name).write_text(broken, encoding="utf-8")
    shutil.copytree(ROOT / "districts", tmp_path / "districts")
    monkeypatch.chdir(tmp_path)
    result = cli("validate", f"criteria/{name}")
    assert result.code == 1
    own = [ln for ln in result.out.splitlines() if ln.startswith(f"criteria/{name}:")]
    assert len(own) == 1, result.out  # read and checked once, though a unit names it too
    assert said in own[0] and "0000" not in own[0]
    assert "2 tệp, 2 lỗi" in result.err  # the set's error and the unit's invalid-criteria-set
