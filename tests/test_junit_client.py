"""validate's JUnit XML, read by a JUnit reader (junitparser), says what the exit code says."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CASES, Cli

junitparser = pytest.importorskip("junitparser", reason="pip install -e '.[test]' brings it")

TREE = CASES / "validate-tree"


def read(path: Path) -> list[tuple[str, str]]:
    """``(test case name, result)`` for every case, as a CI system shows them."""
    xml = junitparser.JUnitXml.fromfile(str(path))
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    out = []
    for suite in suites:
        for case in suite:
            kinds = {type(r).__name__ for r in case.result}
            out.append(
                (
                    case.name,
                    "failed"
                    if "Failure" in kinds
                    else "skipped"
                    if "Skipped" in kinds
                    else "passed",
                )
            )
    return out


@pytest.mark.parametrize("strict", [False, True])
def test_a_ci_system_reads_the_same_verdict_as_the_exit_code(
    strict: bool, cli: Cli, tmp_path: Path
) -> None:
    target = tmp_path / "report.xml"
    args = ["validate", str(TREE / "criteria"), str(TREE / "districts" / "a.yaml")]
    args += ["--as-of", "2024-07-01", "-f", "junit", "-o", str(target), "-q"]
    result = cli(*args, *(["--strict"] if strict else []))
    cases = dict(read(target))
    failed = [name for name, outcome in cases.items() if outcome == "failed"]
    # a.yaml has warnings only: a failure exactly when --strict makes warnings fail the job
    assert result.code == (1 if strict else 0)
    assert bool(failed) == (result.code == 1)
    assert failed == ([str(TREE / "districts" / "a.yaml")] if strict else [])
    xml = junitparser.JUnitXml.fromfile(str(target))
    assert xml.failures == len(failed)


def test_every_file_is_one_case_and_skipped_files_are_skipped(cli: Cli, tmp_path: Path) -> None:
    other = tmp_path / "tool-config.yaml"
    other.write_text("repos: []\n", encoding="utf-8")
    target = tmp_path / "report.xml"
    result = cli("validate", str(TREE), str(other), "--criteria", str(TREE / "criteria"),
                 "--as-of", "2024-07-01", "-f", "junit", "-o", str(target), "-q")  # fmt: skip
    cases = read(target)
    assert result.code == 1
    assert len(cases) == len({name for name, _ in cases}) == 5
    assert dict(cases)[str(other)] == "skipped"
    assert sorted(Path(n).name for n, r in cases if r == "failed") == ["b.yaml", "c.yaml"]


def test_a_path_that_is_not_there_is_a_failed_test_case(cli: Cli, tmp_path: Path) -> None:
    # a mistyped or renamed path in a pull request must not show green with zero tests
    report = tmp_path / "junit.xml"
    result = cli("validate", str(TREE / "districts"), str(tmp_path / "renamed.yaml"),
                 "--format", "junit", "-o", str(report))  # fmt: skip
    assert result.code == 1
    cases = dict(read(report))
    assert cases[str(tmp_path / "renamed.yaml")] == "failed"
    summary = cli("validate", str(tmp_path / "renamed.yaml"), "-f", "json")
    import json

    assert json.loads(summary.out)["summary"]["failed"] == 1
