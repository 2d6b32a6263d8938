"""Shared helpers: run the CLI in-process and capture what a user would see."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from ntm_check.cli import main

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


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Iterator[object]:
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
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, as a user following the README does."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return ROOT


def update_golden() -> bool:
    return os.environ.get("UPDATE_GOLDEN") == "1"
