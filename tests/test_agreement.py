"""``check`` and ``validate`` say the same thing about the same file.

Every evidence file the tests have (the cases, the fixtures, the registry's cases, the
hostile corpus, the shipped unit) and every broken criteria set, judged on the same
``--as-of`` by both commands: the same located diagnostics (path, line, column, level, code
and message) and the same verdict.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import CASES, FIXTURES, ROOT, Cli

AS_OF = "2026-01-01"
DIAGNOSTIC = re.compile(r"^.+:\d+:\d+: \[(error|warning)\] .* \([a-z0-9-]+\)$")


def evidence_files() -> list[tuple[Path, Path]]:
    """Every evidence file of the test data, with the criteria folder it is judged with."""
    found = [(p, FIXTURES / "criteria") for p in sorted((CASES / "evidence").glob("*.yaml"))]
    found += [(p, FIXTURES / "criteria") for p in sorted((FIXTURES / "districts").glob("*.yaml"))]
    found += [(p, FIXTURES / "criteria") for p in sorted((CASES / "registry").glob("*.yaml"))]
    groups = FIXTURES / "groups"
    found += [(p, groups / "criteria") for p in sorted((groups / "communes").glob("*.yaml"))]
    found += [(p, groups / "criteria") for p in sorted((CASES / "groups").glob("*.yaml"))]
    tree = CASES / "validate-tree"
    found += [(p, tree / "criteria") for p in sorted((tree / "districts").glob("*.yaml"))]
    found.append((ROOT / "districts" / "tan-yen.yaml", ROOT / "criteria"))
    return found


def diagnostics(text: str) -> list[str]:
    lines = [line for line in text.splitlines() if DIAGNOSTIC.match(line)]
    return sorted(lines)


def both(cli: Cli, evidence: Path, criteria: Path) -> None:
    checked = cli(str(evidence), "--criteria", str(criteria), "--as-of", AS_OF, "-f", "json")
    validated = cli(
        "validate", str(evidence), "--criteria", str(criteria), "--as-of", AS_OF, "--no-cache"
    )
    validated_json = cli(
        "validate", str(evidence), "--criteria", str(criteria), "--as-of", AS_OF, "--no-cache",
        "-f", "json", "-q",
    )  # fmt: skip
    assert "Traceback" not in checked.err + validated.err
    from_check = diagnostics(checked.err)
    assert from_check == diagnostics(validated.out), evidence.name
    run = json.loads(validated_json.out)
    files = [f for f in run["files"] if Path(f["path"]) == evidence]
    assert len(files) == 1
    if checked.code == 2:  # no verdict: validate must have found an error
        assert run["summary"]["errors"] > 0, evidence.name
        assert files[0]["verdict"] is None
        document = json.loads(checked.out)  # no verdict: the problems, and no summary
        assert document["summary"] is None
        assert sorted(d["code"] for d in document["diagnostics"]) == sorted(
            re.findall(r"\(([a-z0-9-]+)\)$", checked.err, re.M)
        )
        return
    assert checked.code == (0 if json.loads(checked.out)["summary"]["passed"] else 1)
    assert run["summary"]["errors"] == 0, evidence.name
    summary = json.loads(checked.out)["summary"]
    verdict = files[0]["verdict"]
    for key, value in verdict.items():
        assert summary[key] == value, (evidence.name, key)
    assert [d["code"] for d in json.loads(checked.out)["diagnostics"]] == [
        p["code"] for f in run["files"] for p in f["problems"]
    ]


@pytest.mark.parametrize(
    ("evidence", "criteria"), evidence_files(), ids=[p.name for p, _ in evidence_files()]
)
def test_check_and_validate_agree_on_evidence(
    evidence: Path, criteria: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    both(cli, evidence, criteria)


BROKEN_SETS = sorted((CASES / "criteria").glob("*.yaml"))


@pytest.mark.parametrize("broken", BROKEN_SETS, ids=[p.name for p in BROKEN_SETS])
def test_check_and_validate_agree_on_a_broken_set(broken: Path, cli: Cli, tmp_path: Path) -> None:
    criteria = tmp_path / "criteria"
    criteria.mkdir()
    shutil.copy(broken, criteria / "mini-set.yaml")
    evidence = tmp_path / "mixed.yaml"
    shutil.copy(FIXTURES / "districts" / "mixed.yaml", evidence)
    both(cli, evidence, criteria)
    out = cli(str(evidence), "--criteria", str(criteria), "--as-of", AS_OF).err
    assert f"{criteria / 'mini-set.yaml'}:" in out  # the set's own problem, where it is
    assert f"{evidence}:6:15: [error] bộ tiêu chí 'mini-set'" in out  # and what it blocks


def test_the_corpus_is_all_here() -> None:
    assert len(evidence_files()) >= 60
    assert len(BROKEN_SETS) >= 9
