"""Shared helpers: run the CLI in-process and capture what a user would see."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from ntm_check.cli import main
from ntm_check.run.assess import AssessOptions
from ntm_check.run.many import assess_paths
from ntm_check.run.results import RunResult
from ntm_check.run.sets import SetStore

# Never touch the user's own cache from tests; start from the default language.
os.environ.pop("NTM_CHECK_LANG", None)
# Never touch the user's own cache from tests.
os.environ["NTM_CHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="ntm-check-test-cache-")

# Properties run in the normal test command in a few seconds; `HYPOTHESIS_PROFILE=long pytest`
# runs many more examples on demand.
settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASES = Path(__file__).resolve().parent / "cases"
GOLDEN = Path(__file__).resolve().parent / "golden"


@dataclass
class Run:
    code: int
    out: str
    err: str


#: ``cli(*args)``: run ``ntm-check`` in this process; see the ``cli`` fixture
Cli = Callable[..., Run]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Iterator[Cli]:
    """Call ``ntm-check`` with a list of arguments; returns exit code, stdout and stderr."""

    def run(*args: str) -> Run:
        capsys.readouterr()
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        else:
            code = 0
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    yield run


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages and help in English, as with NTM_CHECK_LANG=en (tests that read English words)."""
    monkeypatch.setenv("NTM_CHECK_LANG", "en")


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, as a user following the README does."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return ROOT


def update_golden() -> bool:
    return os.environ.get("UPDATE_GOLDEN") == "1"


def judge(path: Path, criteria_dir: Path, judged_on: dt.date) -> RunResult:
    """One evidence file on the one assessment path, its assessment kept (as ``check`` does)."""
    options = AssessOptions(judged_on, keep_assessments=True)
    return assess_paths([path], SetStore(criteria_dir), options)


def git_env(**more: str) -> dict[str, str]:
    """The environment for a scratch git repository: a fixed identity, no user or system config."""
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        **more,
    }
