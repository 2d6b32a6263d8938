"""The pre-commit hook, run by pre-commit itself in a scratch repository, as a user sets it up.

pre-commit clones this repository at its current commit and installs it into its own
environment (from the package index), so the test is slow (~30 s) and needs the index; it is
skipped with a reason when pre-commit or git is missing, and runs in CI.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, git_env

pytestmark = pytest.mark.skipif(
    shutil.which("pre-commit") is None or shutil.which("git") is None,
    reason="pre-commit or git is not installed (pip install -e '.[test]' brings pre-commit)",
)


def git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=600
    )


def test_the_hook_passes_good_files_and_stops_a_bad_one(tmp_path: Path) -> None:
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if head.returncode != 0:
        pytest.skip("this checkout is not a git repository")
    repo = tmp_path / "province"
    repo.mkdir()
    env = git_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    git(repo, "init", "-q", "-b", "main", env=env)
    shutil.copytree(ROOT / "criteria", repo / "criteria")
    shutil.copytree(ROOT / "districts", repo / "districts")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {ROOT}\n"
        f"    rev: {head.stdout.strip()}\n"
        "    hooks:\n"
        "      - id: ntm-check-validate\n",
        encoding="utf-8",
    )
    (repo / "notes.yaml").write_text("meeting: 05/4/2024\n", encoding="utf-8")  # not ours
    installed = subprocess.run(
        ["pre-commit", "install"], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert installed.returncode == 0, installed.stderr
    git(repo, "add", ".", env=env)
    first = git(repo, "commit", "-q", "-m", "first commit", env=env)
    assert first.returncode == 0, first.stdout + first.stderr  # the config file is not checked
    assert "ntm-check validate" in first.stdout + first.stderr
    assert "Passed" in first.stdout + first.stderr
    run = subprocess.run(
        ["pre-commit", "run", "--all-files", "--verbose"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout
    assert "ntm-check validate: 2 tệp" in run.stdout  # the set and the unit, nothing else
    assert ".pre-commit-config.yaml" not in run.stdout

    bad = repo / "districts" / "tan-yen.yaml"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("as_of: 2024-04-05", "as_of: 2024-02-30"),
        encoding="utf-8",
    )
    git(repo, "add", ".", env=env)
    second = git(repo, "commit", "-q", "-m", "a bad date", env=env)
    output = second.stdout + second.stderr
    assert second.returncode != 0, output
    assert "Failed" in output
    assert "districts/tan-yen.yaml:14:8: [error]" in output
    assert git(repo, "rev-list", "--count", "HEAD", env=env).stdout.strip() == "1"

    # a commit that changes only the set: the unit judged by it is checked again (issue 23)
    git(repo, "reset", "-q", "--hard", env=env)
    dropped = repo / "criteria" / "huyen-ntm-nang-cao-2021-2025.yaml"
    text = dropped.read_text(encoding="utf-8")
    start = text.index('      - id: "9.5"')
    end = text.index("verification: draft", start) + len("verification: draft\n")
    text = text[:start] + text[end:]
    dropped.write_text(text.replace("indicator_count: 38", "indicator_count: 37"), encoding="utf-8")
    git(repo, "add", ".", env=env)
    assert git(repo, "diff", "--cached", "--name-only", env=env).stdout.split() == [
        "criteria/huyen-ntm-nang-cao-2021-2025.yaml"
    ]
    third = git(repo, "commit", "-q", "-m", "drop indicator 9.5", env=env)
    output = third.stdout + third.stderr
    assert third.returncode != 0, output
    assert "districts/tan-yen.yaml:218:3: [error]" in output
    assert git(repo, "rev-list", "--count", "HEAD", env=env).stdout.strip() == "1"
